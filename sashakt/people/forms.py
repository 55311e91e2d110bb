"""The registry's hand forms. Values go to the import's own cleaning as typed (see
`people.by_hand`), so a date, a mobile or a place is read exactly as in a spreadsheet."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sashakt.people.models import Designation, Gender, LeftOffice, SocialCategory

CATEGORY_CHOICES = [("", _("Not recorded")), *SocialCategory.choices]


def _mobile_field(*, required: bool) -> forms.CharField:
    return forms.CharField(
        label=_("Mobile"),
        max_length=20,
        required=required,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )


class _PostAndPlaceFields(forms.Form):
    """The fields adding and correcting a person share: their post, their place, category."""

    designation = forms.ChoiceField(label=_("Designation"), choices=Designation.choices)
    block = forms.CharField(
        label=_("Block"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"list": "blocks", "autocomplete": "off"}),
    )
    gram_panchayat = forms.CharField(
        label=_("Gram panchayat"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"list": "gram-panchayats", "autocomplete": "off"}),
    )
    category = forms.ChoiceField(
        label=_("Social category"), choices=CATEGORY_CHOICES, required=False
    )


class PersonAddForm(_PostAndPlaceFields):
    field_order = [
        "district",
        "name",
        "mobile",
        "gender",
        "designation",
        "block",
        "gram_panchayat",
        "category",
        "term_start",
        "email",
    ]
    district = forms.ModelChoiceField(queryset=None, label=_("District"), required=False)
    name = forms.CharField(label=_("Name"), max_length=150)
    mobile = _mobile_field(required=True)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    term_start = forms.CharField(
        label=_("Date of election or joining"),
        max_length=20,
        required=False,
        help_text=_("Day/month/year, e.g. 26/08/2025"),
        widget=forms.TextInput(attrs={"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric"}),
    )
    email = forms.CharField(label=_("E-mail"), max_length=254, required=False)

    def __init__(self, *args, districts=None, **kwargs):
        super().__init__(*args, **kwargs)
        if districts is None:  # a district officer: their own district, not a choice
            del self.fields["district"]
        else:
            self.fields["district"].queryset = districts
            self.fields["district"].required = True

    def cells(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in (
                "name",
                "mobile",
                "gender",
                "designation",
                "block",
                "gram_panchayat",
                "category",
                "term_start",
                "email",
            )
        }


class PersonCorrectForm(_PostAndPlaceFields):
    field_order = ["mobile", "designation", "block", "gram_panchayat", "category", "reason"]

    mobile = _mobile_field(required=False)
    reason = forms.CharField(
        label=_("Why is it corrected?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the record's history, e.g. “mobile changed, told by phone”."),
        error_messages={"required": _("Write why the record is being corrected.")},
    )

    @classmethod
    def initial_for(cls, person) -> dict:
        return {
            "mobile": person.mobile or "",
            "designation": person.designation,
            "block": person.block.name if person.block else "",
            "gram_panchayat": person.gram_panchayat.name
            if person.gram_panchayat
            else person.gram_panchayat_name,
            "category": person.social_category,
        }

    def changes(self, initial: dict) -> dict:
        """Only what the officer changed: an untouched field is not cleaned again."""
        return {
            name: self.cleaned_data[name]
            for name in ("mobile", "designation", "block", "gram_panchayat", "category")
            if (self.cleaned_data[name] or "") != (initial.get(name) or "")
        }


class LeftOfficeForm(forms.Form):
    why = forms.ChoiceField(
        label=_("Why did they leave office?"),
        choices=LeftOffice.choices,
        widget=forms.RadioSelect,
    )
    on = forms.DateField(
        label=_("Date they left office"),
        input_formats=["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"],
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": _("dd/mm/yyyy")}),
        initial=timezone.localdate,
    )
    reason = forms.CharField(
        label=_("Note (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea({"rows": 2}),
    )


class OptOutForm(forms.Form):
    """The person asks for no messages that are not essential, or (`withdraw`) for every
    message again."""

    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)
    withdraw = forms.BooleanField(required=False)
