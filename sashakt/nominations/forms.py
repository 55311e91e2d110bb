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
