from django import forms
from django.utils.translation import gettext_lazy as _

from sashakt.privacy.models import CorrectionField


class CorrectionRequestForm(forms.Form):
    field = forms.ChoiceField(label=_("What is wrong?"), choices=CorrectionField.choices)
    requested_value = forms.CharField(
        label=_("What should it be?"),
        max_length=150,
        help_text=_("For the designation, write it as it is called, e.g. Pradhan."),
    )
    reason = forms.CharField(
        label=_("Why? (e.g. spelling, new mobile number)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CorrectionRefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it refused?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
