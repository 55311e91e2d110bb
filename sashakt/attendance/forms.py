from django import forms
from django.utils.translation import gettext_lazy as _

from sashakt.attendance.models import MarkStatus


class MarkForm(forms.Form):
    """One person's mark on the grid (the form the page falls back to without script)."""

    nomination = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Attendance"), choices=MarkStatus.choices)
    arrived_at = forms.TimeField(
        label=_("Arrived at"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    left_at = forms.TimeField(
        label=_("Left at"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)
    client_id = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code under the QR"),
        max_length=80,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class EvidenceForm(forms.Form):
    date = forms.DateField(label=_("Day"), widget=forms.Select)
    scan = forms.FileField(label=_("Scanned signed register (PDF, JPEG or PNG)"))

    def __init__(self, *args, days=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].widget.choices = [(d.isoformat(), d.strftime("%d/%m/%Y")) for d in days]


class SheetUploadForm(forms.Form):
    sheet = forms.FileField(label=_("Filled attendance sheet (.xlsx)"))
    skip_invalid = forms.BooleanField(
        label=_("Record the valid cells and report the rest"), required=False
    )


class CompletionRuleForm(forms.Form):
    min_percent = forms.IntegerField(
        label=_("Sessions attended, at least (per cent)"), min_value=1, max_value=100
    )
    require_post_test = forms.BooleanField(label=_("The post-test must be taken"), required=False)
