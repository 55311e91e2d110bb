import string

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from sashakt.certificates.images import ImageRejected, image_clean
from sashakt.certificates.models import CertificateTemplate, Signatory
from sashakt.certificates.printable import WORDING_PLACEHOLDERS


class VerifyForm(forms.Form):
    number = forms.CharField(
        label=_("Certificate number"),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "placeholder": "SSK-XXXXX-XXXXX",
                "autocapitalize": "characters",
            }
        ),
    )


class IssueForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have checked the list: issue certificates to everyone marked as completed."),
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (shown on the public verification page)"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReissueForm(forms.Form):
    name_hi = forms.CharField(label=_("Name (Devanagari)"), max_length=150)
    name_en = forms.CharField(label=_("Name (Latin script)"), max_length=150)
    reason = forms.CharField(
        label=_("Reason for re-issuing (shown on the public verification page)"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


WORDING_MAX_LENGTH = 600


def _check_wording(text: str) -> str:
    if len(text) > WORDING_MAX_LENGTH:
        raise forms.ValidationError(
            _("The wording is longer than %(count)s characters.") % {"count": WORDING_MAX_LENGTH}
        )
    try:
        fields = [
            (name, spec, conversion)
            for _, name, spec, conversion in string.Formatter().parse(text)
            if name is not None
        ]
    except ValueError:
        raise forms.ValidationError(
            _("Curly brackets must enclose one of the names listed.")
        ) from None
    if any(spec or conversion for _, spec, conversion in fields):
        raise forms.ValidationError(
            _("Write only the name in curly brackets, e.g. {programme}, with nothing after it.")
        )
    names = {name for name, _, _ in fields}
    unknown = sorted(names - set(WORDING_PLACEHOLDERS))
    if unknown:
        raise forms.ValidationError(
            _("Unknown name in curly brackets: %(names)s.") % {"names": ", ".join(unknown)}
        )
    return text


class ImageUploadField(forms.FileField):
    """A PNG or SVG, checked and re-encoded; cleaned to (bytes, kind)."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload or upload is initial:
            return upload
        try:
            return image_clean(upload.read())
        except ImageRejected as error:
            raise forms.ValidationError(str(error)) from None


class TemplateForm(forms.ModelForm):
    # Not a model field here: the service stores the re-encoded image, never the upload.
    logo = ImageUploadField(label=_("Logo (PNG or SVG)"), required=False)
    field_order = ["logo"]

    class Meta:
        model = CertificateTemplate
        fields = ["primary_colour", "accent_colour", "wording_hi", "wording_en"]
        widgets = {
            "primary_colour": forms.TextInput(attrs={"type": "color"}),
            "accent_colour": forms.TextInput(attrs={"type": "color"}),
            "wording_hi": forms.Textarea(attrs={"rows": 3}),
            "wording_en": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_wording_hi(self):
        return _check_wording(self.cleaned_data["wording_hi"])

    def clean_wording_en(self):
        return _check_wording(self.cleaned_data["wording_en"])


class SignatoryForm(forms.ModelForm):
    signature = ImageUploadField(label=_("Signature (PNG or SVG)"), required=False)

    class Meta:
        model = Signatory
        fields = ["order", "name_hi", "name_en", "designation_hi", "designation_en"]


SignatoryFormSet = inlineformset_factory(
    CertificateTemplate,
    Signatory,
    form=SignatoryForm,
    extra=1,
    max_num=3,
    validate_max=True,
    can_delete=True,
)
