"""The follow-up's forms: an action plan (three commitment rows, any of them left empty) with
an optional voice note, and a check-in (one answer per commitment of the plan)."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from sashakt.core.refusals import refused_to_form
from sashakt.followup.models import ANSWERED_STATUSES, MAX_COMMITMENTS, Commitment, Factor
from sashakt.followup.services import AnswerInput, CommitmentInput
from sashakt.followup.themes import LsdgTheme
from sashakt.followup.uploads import UploadRefused, photo_check, voice_note_check
from sashakt.programmes.models import Module

_THEMES = [("", _("Choose a theme")), *LsdgTheme.choices]
_STATUSES = [(s.value, s.label) for s in ANSWERED_STATUSES]
_FACTORS = [("", _("Choose one")), *Factor.choices]


class ActionPlanForm(forms.Form):
    voice_note = forms.FileField(
        label=_("Or record a voice note"),
        required=False,
        help_text=_("When writing is hard: say your commitments aloud (up to 5 MB)."),
    )

    def __init__(
        self,
        *args: Any,
        initial_commitments: Iterable[Commitment] = (),
        modules: Iterable[Module] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        existing = list(initial_commitments)
        # The programme's modules, in its order; naming one is optional.
        module_choices = [
            ("", _("No module in particular")),
            *((str(m.pk), m.title) for m in modules),
        ]
        for number in range(1, MAX_COMMITMENTS + 1):
            first = number == 1
            have = existing[number - 1] if number <= len(existing) else None
            self.fields[f"what_{number}"] = forms.CharField(
                label=_("What I will do"),
                max_length=500,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=have.what if have else "",
            )
            self.fields[f"for_whom_{number}"] = forms.CharField(
                label=_("For whom in my Panchayat"),
                max_length=200,
                required=False,
                initial=have.for_whom if have else "",
            )
            self.fields[f"by_when_{number}"] = forms.DateField(
                label=_("By when"),
                required=first,
                widget=forms.DateInput(attrs={"type": "date"}),
                initial=have.by_when if have else None,
            )
            self.fields[f"theme_{number}"] = forms.ChoiceField(
                label=_("LSDG theme"),
                choices=_THEMES,
                required=first,
                initial=have.theme if have else "",
            )
            if len(module_choices) > 1:
                self.fields[f"module_{number}"] = forms.TypedChoiceField(
                    label=_("Which module of the training helps"),
                    choices=module_choices,
                    coerce=int,
                    empty_value=None,
                    required=False,
                    initial=str(have.module_id) if have and have.module_id else "",
                )

    def numbers(self) -> list[tuple[int, list[BoundField]]]:
        """The commitment rows' fields, for the template: [(number, [bound fields])]."""
        names = ("what", "for_whom", "by_when", "theme", "module")
        return [
            (n, [self[f"{name}_{n}"] for name in names if f"{name}_{n}" in self.fields])
            for n in range(1, MAX_COMMITMENTS + 1)
        ]

    def clean_voice_note(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("voice_note")
        if upload:
            try:
                voice_note_check(upload)
            except UploadRefused as refusal:
                raise forms.ValidationError(refusal.message) from None
        return upload

    def commitments(self) -> list[CommitmentInput]:
        data = self.cleaned_data
        return [
            CommitmentInput(
                theme=data.get(f"theme_{n}") or "",
                by_when=data.get(f"by_when_{n}"),
                what=data.get(f"what_{n}") or "",
                for_whom=data.get(f"for_whom_{n}") or "",
                module_id=data.get(f"module_{n}"),
            )
            for n in range(1, MAX_COMMITMENTS + 1)
        ]


class CheckInForm(forms.Form):
    """One status per commitment, and for the participant what helped or blocked, a comment,
    a voice note and a photo (each optional)."""

    def __init__(
        self, *args: Any, commitments: Iterable[Commitment], full: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.commitments = list(commitments)
        self.full = full
        for c in self.commitments:
            self.fields[f"status_{c.pk}"] = forms.ChoiceField(
                label=_("How is it going?"), choices=_STATUSES, widget=forms.RadioSelect
            )
            if not full:
                continue
            self.fields[f"factor_{c.pk}"] = forms.ChoiceField(
                label=_("What helped or blocked?"), choices=_FACTORS, required=False
            )
            self.fields[f"comment_{c.pk}"] = forms.CharField(
                label=_("Comment"),
                max_length=1000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"voice_{c.pk}"] = forms.FileField(label=_("Voice note"), required=False)
            self.fields[f"photo_{c.pk}"] = forms.FileField(
                label=_("Photo of what you did"),
                required=False,
                widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
            )

    def rows(self) -> list[tuple[Commitment, list[BoundField]]]:
        names = ("status", "factor", "comment", "voice", "photo") if self.full else ("status",)
        return [(c, [self[f"{name}_{c.pk}"] for name in names]) for c in self.commitments]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for c in self.commitments:
            for name, check in (("voice", voice_note_check), ("photo", photo_check)):
                upload = data.get(f"{name}_{c.pk}")
                if upload:
                    try:
                        check(upload)
                    except UploadRefused as refusal:
                        refused_to_form(self, refusal, f"{name}_{c.pk}")
        return data

    def answers(self) -> list[AnswerInput]:
        data = self.cleaned_data
        return [
            AnswerInput(
                commitment=c,
                status=data.get(f"status_{c.pk}") or "",
                factor=data.get(f"factor_{c.pk}") or "",
                comment=data.get(f"comment_{c.pk}") or "",
                voice_note=data.get(f"voice_{c.pk}") or None,
                photo=data.get(f"photo_{c.pk}") or None,
            )
            for c in self.commitments
        ]
