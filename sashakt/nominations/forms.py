import datetime

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _


class PasteMobilesForm(forms.Form):
    mobiles = forms.CharField(
        label=_("Mobile numbers, one per line"),
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "98390 12345\n+91 94150 00001"}),
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the district officer sees it)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


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


class SubstituteForm(forms.Form):
    mobile = forms.CharField(label=_("Mobile of the substitute"), max_length=20)


class DeclineForm(forms.Form):
    """Why the person cannot come: a reason from the list, and words of one's own."""

    REASONS = [
        ("health", _("Illness or a health problem")),
        ("family", _("A family event or emergency")),
        ("duty", _("Official or panchayat work on those dates")),
        ("travel", _("Cannot travel to the venue")),
        ("other", _("Another reason")),
    ]
    reason = forms.ChoiceField(
        label=_("Why can they not come?"), choices=REASONS, widget=forms.RadioSelect
    )
    details = forms.CharField(
        label=_("In your own words (optional)"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == "other" and not cleaned.get("details", "").strip():
            self.add_error("details", _("Say in a few words why they cannot come."))
        return cleaned

    def reason_text(self) -> str:
        """The reason as the district officer reads it: the chosen one and the words."""
        label = str(dict(self.REASONS)[self.cleaned_data["reason"]])
        details = self.cleaned_data.get("details", "").strip()
        return f"{label}: {details}" if details else label
