from typing import Any

from django import forms
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sashakt.core.roles import Role
from sashakt.notifications.models import MessageTemplate
from sashakt.people.models import Designation
from sashakt.reports.bulk.selectors import (
    BULK_EVENT,
    Audience,
    bulk_batches_for_user,
    bulk_districts_for_user,
    bulk_programmes_for_user,
)
from sashakt.reports.bulk.services import texts_check
from sashakt.reports.models import BulkAudience


class _BatchChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return _("%(batch)s, from %(start)s") % {
            "batch": obj,
            "start": formats.date_format(obj.start_date, "SHORT_DATE_FORMAT"),
        }


class BulkMessageForm(forms.Form):
    """Whom to write to and what: the choices are those of the writer's scope (a district
    officer sees only their own district, and batches and programmes where its people hold
    seats), so another district's batch is "not one of the choices"."""

    audience = forms.ChoiceField(
        label=gettext_lazy("Write to"),
        choices=BulkAudience.choices,
        widget=forms.RadioSelect,
        initial=BulkAudience.BATCH,
    )
    batch = _BatchChoice(label=gettext_lazy("Batch"), queryset=None, required=False)
    programme: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        label=gettext_lazy("Programme"), queryset=None, required=False
    )
    district: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        label=gettext_lazy("District"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("All districts"),
    )
    designation = forms.ChoiceField(
        label=gettext_lazy("Designation"),
        choices=[("", gettext_lazy("All designations")), *Designation.choices],
        required=False,
    )
    overdue_only = forms.BooleanField(
        label=gettext_lazy("Only people overdue for RGSA orientation"), required=False
    )
    text_hi = forms.CharField(
        label=gettext_lazy("Text in Hindi"),
        widget=forms.Textarea(attrs={"rows": 4, "lang": "hi"}),
    )
    text_en = forms.CharField(
        label=gettext_lazy("Text in English"),
        widget=forms.Textarea(attrs={"rows": 4, "lang": "en"}),
    )

    def __init__(self, *args: Any, user: Any, preview_url: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        fields: dict[str, Any] = dict(self.fields)
        fields["batch"].queryset = bulk_batches_for_user(user).select_related("programme")
        fields["programme"].queryset = bulk_programmes_for_user(user)
        fields["district"].queryset = bulk_districts_for_user(user)
        if user.role == Role.DISTRICT:
            # Their own district, always: nothing to choose.
            fields["district"].required = True
            fields["district"].empty_label = None
            fields["district"].initial = user.district_id
        template = MessageTemplate.objects.filter(event=BULK_EVENT).first()
        if template is not None:
            self.fields["text_hi"].initial = template.text_hi
            self.fields["text_en"].initial = template.text_en
        if preview_url:
            # The SMS count follows the typing, as on the template editor (htmx).
            for name in ("text_hi", "text_en"):
                self.fields[name].widget.attrs.update(
                    {
                        "hx-post": preview_url,
                        "hx-trigger": "keyup changed delay:300ms",
                        "hx-target": "#bulk-size",
                        "hx-include": "closest form",
                    }
                )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        audience = data.get("audience")
        if audience == BulkAudience.BATCH and not data.get("batch"):
            self.add_error("batch", _("Choose the batch."))
        if audience == BulkAudience.PROGRAMME and not data.get("programme"):
            self.add_error("programme", _("Choose the programme."))
        if "text_hi" in data and "text_en" in data:
            for field, problems in texts_check(data["text_hi"], data["text_en"]).items():
                for problem in problems:
                    self.add_error(field, problem)
        return data

    def chosen_audience(self) -> Audience:
        data = self.cleaned_data
        kind = data["audience"]
        return Audience(
            kind=kind,
            batch=data.get("batch") if kind == BulkAudience.BATCH else None,
            programme=data.get("programme") if kind == BulkAudience.PROGRAMME else None,
            district=data.get("district"),
            designation=data.get("designation", "") if kind == BulkAudience.REGISTRY else "",
            overdue_only=bool(data.get("overdue_only")) and kind == BulkAudience.REGISTRY,
        )
