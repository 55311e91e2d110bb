from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from sashakt.accounts.identity import login_mobile
from sashakt.core.roles import Role
from sashakt.geography.models import District
from sashakt.programmes.models import Institute


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Username or mobile number"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    # Our own label: Django's Hindi says कूटशब्द while every message of ours says पासवर्ड.
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _(
            "The username/mobile or password is not right. Both are case-sensitive "
            "except the username."
        ),
        "inactive": _("This account is switched off. Ask the state programme cell."),
    }


class SashaktPasswordChangeForm(PasswordChangeForm):
    """Django's form with our words: पासवर्ड throughout (Django's Hindi mixes in शब्दकूट)."""

    error_messages = {
        "password_mismatch": _("The two new passwords do not match."),
        "password_incorrect": _("Your old password is not right. Please type it again."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Old password")
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password2"].label = _("New password again")


_BIG = "font-size: 1.6rem; letter-spacing: .1em; max-width: 16rem;"


class CodeRequestForm(forms.Form):
    mobile = forms.CharField(
        label=_("Your mobile number"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autofocus": True,
                "inputmode": "tel",
                "autocomplete": "tel-national",
                "style": _BIG,
            }
        ),
    )

    def clean_mobile(self) -> str:
        mobile = login_mobile(self.cleaned_data["mobile"])
        if mobile is None:
            raise forms.ValidationError(_("Type the 10-digit mobile number, e.g. 98390 12345."))
        return mobile


class CodeEnterForm(forms.Form):
    code = forms.CharField(
        label=_("The 6-digit code from the SMS"),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "autofocus": True,
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "style": _BIG,
            }
        ),
    )


class StaffForm(forms.Form):
    """A new staff account and its scope (the service checks the scope fits the role)."""

    username = forms.CharField(label=_("Username"), max_length=150)
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (r.value, r.label) for r in (Role.DISTRICT, Role.INSTITUTE, Role.TRAINER, Role.FINANCE)
        ],
    )
    district = forms.ModelChoiceField(
        label=_("District (district officers)"), queryset=District.objects.none(), required=False
    )
    institute = forms.ModelChoiceField(
        label=_("Institute (coordinators and trainers)"),
        queryset=Institute.objects.none(),
        required=False,
    )
    mobile = forms.CharField(label=_("Mobile"), max_length=20, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.all()
        self.fields["institute"].queryset = Institute.objects.order_by("short_name")

    def clean_mobile(self) -> str:
        typed = self.cleaned_data["mobile"]
        if not typed.strip():
            return ""
        mobile = login_mobile(typed)
        if mobile is None:
            raise forms.ValidationError(_("Type the 10-digit mobile number, e.g. 98390 12345."))
        return mobile


class TwoFactorCodeForm(forms.Form):
    """The second step: the authenticator app's six digits, or one recovery code."""

    code = forms.CharField(
        label=_("The 6-digit code from your authenticator app, or a recovery code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autofocus": True,
                "autocomplete": "one-time-code",
                "autocapitalize": "off",
                "spellcheck": "false",
                "style": _BIG,
            }
        ),
    )


class TwoFactorEnrolForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "style": _BIG}
        ),
    )
