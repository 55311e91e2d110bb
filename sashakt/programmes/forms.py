from django import forms
from django.utils.translation import gettext_lazy as _

from sashakt.geography.models import District
from sashakt.people.models import Designation
from sashakt.programmes.models import SessionMethod, Venue

# Day first whatever the browser's locale: a text box that takes 26/08/2025 (or 26-08-2025,
# 26.08.2025, and the ISO form a script may send), not the browser's mm/dd/yyyy date picker.
DAY_FIRST_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]


class DayFirstDateField(forms.DateField):
    widget = forms.DateInput(
        format="%d/%m/%Y",
        attrs={"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric", "autocomplete": "off"},
    )

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DAY_FIRST_FORMATS)
        kwargs.setdefault("help_text", _("Day/month/year, e.g. 26/08/2025"))
        super().__init__(**kwargs)


class ProgrammeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, programme):
        return f"{programme.title} — {programme.institute}"


class BatchForm(forms.Form):
    programme = ProgrammeChoiceField(queryset=None, label=_("Programme"))
    venue = forms.ModelChoiceField(queryset=None, label=_("Venue"))
    start_date = DayFirstDateField(label=_("Start date"))
    capacity = forms.IntegerField(
        label=_("Seats"),
        min_value=1,
        max_value=500,
        required=False,
        help_text=_("Empty: as many as the venue's room seats."),
    )
    open_now = forms.BooleanField(label=_("Open for nominations now"), required=False)
    # The warnings (Sundays, holidays, venue clashes) the planner saw, as a fingerprint:
    # the batch is created once they were shown for these very dates and venue.
    warnings_seen = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        institutes = programmes.values_list("mou__institute", flat=True)
        self.fields["venue"].queryset = Venue.objects.filter(
            institute__in=institutes
        ).select_related("institute")
        self.fields["programme"].queryset = programmes.select_related("mou__institute")

    def clean(self):
        cleaned = super().clean()
        programme, venue = cleaned.get("programme"), cleaned.get("venue")
        if programme and venue and venue.institute_id != programme.mou.institute_id:
            # Said by the field, not at the top of the form.
            self.add_error(
                "venue",
                _("This venue is %(venue_institute)s's; choose a venue of %(institute)s.")
                % {"venue_institute": venue.institute, "institute": programme.institute},
            )
        return cleaned


class SessionForm(forms.Form):
    date = DayFirstDateField(label=_("Date"))
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
    start_date = DayFirstDateField(label=_("New start date"))
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)


class EligibilityForm(forms.Form):
    designations = forms.MultipleChoiceField(
        label=_("Who may be nominated"),
        choices=Designation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: everyone in the registry may be nominated."),
    )


class ModuleForm(forms.Form):
    title_hi = forms.CharField(label=_("Title (Hindi)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)


class TemplateSessionForm(forms.Form):
    module = forms.ModelChoiceField(queryset=None, label=_("Module"))
    day = forms.IntegerField(label=_("Day"), min_value=1, max_value=60)
    starts_at = forms.TimeField(
        label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    minutes = forms.IntegerField(label=_("Minutes"), min_value=15, max_value=480)
    title_hi = forms.CharField(label=_("Title (Hindi)"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    method = forms.ChoiceField(label=_("Method"), choices=SessionMethod.choices)
    resource_person = forms.CharField(label=_("Resource person"), max_length=150, required=False)

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = programme.modules.all()
