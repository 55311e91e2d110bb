import datetime

from django import forms
from django.utils import formats
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


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the district officer sees it)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PasteMobilesForm(forms.Form):
    mobiles = forms.CharField(
        label=_("Mobile numbers, one per line"),
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "98390 12345\n+91 94150 00001"}),
    )


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


class ProgrammeNominationForm(forms.Form):
    """Nominate for any batch of a programme, saying the weeks the person cannot come."""

    mobiles = forms.CharField(
        label=_("Mobile numbers, one per line"),
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "98390 12345\n+91 94150 00001"}),
    )
    unavailable_weeks = forms.MultipleChoiceField(
        label=_("Weeks they cannot come"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked if they can come in any week."),
    )

    def __init__(self, *args, weeks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unavailable_weeks"].choices = [
            (
                monday.isoformat(),
                _("week of %(date)s") % {"date": formats.date_format(monday, "j F Y")},
            )
            for monday in weeks
        ]

    def clean_unavailable_weeks(self):
        return [
            datetime.date.fromisoformat(value) for value in self.cleaned_data["unavailable_weeks"]
        ]


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


class SubstituteForm(forms.Form):
    mobile = forms.CharField(label=_("Mobile of the substitute"), max_length=20)
