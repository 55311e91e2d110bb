from django import forms
from django.utils.translation import gettext_lazy as _

from sashakt.geography.models import District
from sashakt.programmes.models import Venue


class BatchForm(forms.Form):
    programme = forms.ModelChoiceField(queryset=None, label=_("Programme"))
    venue = forms.ModelChoiceField(queryset=None, label=_("Venue"))
    start_date = forms.DateField(
        label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    capacity = forms.IntegerField(
        label=_("Seats"),
        min_value=1,
        max_value=500,
        required=False,
        help_text=_("Empty: as many as the venue's room seats."),
    )
    open_now = forms.BooleanField(label=_("Open for nominations now"), required=False)

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        institutes = programmes.values_list("mou__institute", flat=True)
        self.fields["venue"].queryset = Venue.objects.filter(institute__in=institutes)


class SessionForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    starts_at = forms.TimeField(
        label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    minutes = forms.IntegerField(label=_("Minutes"), min_value=15, max_value=480)
    trainer = forms.ModelChoiceField(queryset=None, label=_("Trainer"), required=False)

    def __init__(self, *args, trainers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainer"].queryset = trainers


class QuotaForm(forms.Form):
    district = forms.ModelChoiceField(
        queryset=District.objects.order_by("name_en"), label=_("District")
    )
    seats = forms.IntegerField(
        label=_("Seats"),
        min_value=0,
        max_value=500,
        required=False,
        help_text=_("Empty removes this batch's quota for the district."),
    )


class MoveBatchForm(forms.Form):
    start_date = forms.DateField(
        label=_("New start date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)
