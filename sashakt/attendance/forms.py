from django import forms
from django.utils.translation import gettext_lazy as _

from sashakt.attendance.models import MarkMethod, MarkStatus


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


class QueuedMarkForm(forms.Form):
    """One mark from a phone's queue, as the roll call replays it when the connection returns
    (JSON, not a page): the same fields as MarkForm plus where and when it was taken."""

    client_id = forms.CharField(required=False)
    session = forms.IntegerField()
    nomination = forms.IntegerField()
    status = forms.CharField(required=False)
    method = forms.CharField(required=False)
    marked_at = forms.DateTimeField(required=False)
    arrived_at = forms.TimeField(required=False)
    left_at = forms.TimeField(required=False)
    reason = forms.CharField(required=False)

    def clean_method(self) -> str:
        # Older phones send no method: their marks came from the grid.
        method = self.cleaned_data["method"]
        return method if method in MarkMethod.values else MarkMethod.GRID


class QueuedCheckinForm(forms.Form):
    """A check-in from the scanner's queue: the code typed or read, or the QR's token."""

    session = forms.IntegerField()
    code = forms.CharField(required=False)
    token = forms.CharField(required=False)
    client_id = forms.CharField(required=False)
    marked_at = forms.DateTimeField(required=False)
