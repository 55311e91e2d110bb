import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sashakt.api.scopes import scope_choices
from sashakt.api.tokens import token_owners


def _owner_label(user: Any) -> str:
    return f"{user.username} · {user.get_role_display()}"


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("System"), max_length=100, help_text=_("e.g. Lucknow district's registry")
    )
    owner: "forms.ModelChoiceField[Any]" = forms.ModelChoiceField(
        label=_("Acts as"),
        queryset=None,
        help_text=_("The token sees and changes only what this user may see and change."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Allowed"), choices=(), widget=forms.CheckboxSelectMultiple
    )
    expires_on = forms.DateField(
        label=_("Expires on"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = token_owners()
        owner.label_from_instance = _owner_label  # type: ignore[assignment]
        scopes = self.fields["scopes"]
        assert isinstance(scopes, forms.MultipleChoiceField)
        scopes.choices = scope_choices()
        self.fields["expires_on"].initial = timezone.localdate() + datetime.timedelta(days=180)

    def expires_at(self) -> datetime.datetime:
        day = self.cleaned_data["expires_on"] + datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
