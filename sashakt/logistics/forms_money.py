from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sashakt.logistics.models_money import CostHead, TravelClass, TravelMode
from sashakt.programmes.models import Batch

DATE = forms.DateInput(attrs={"type": "date"})


class ClaimForm(forms.Form):
    mode = forms.ChoiceField(label=_("How did you travel?"), choices=TravelMode.choices)
    travel_class = forms.ChoiceField(label=_("Class"), choices=TravelClass.choices)
    distance_km = forms.DecimalField(
        label=_("Distance one way (km)"), max_digits=7, decimal_places=1
    )
    outward_on = forms.DateField(label=_("Day of the outward journey"), widget=DATE)
    return_on = forms.DateField(label=_("Day of the return journey"), widget=DATE)
    ticket = forms.FileField(
        label=_("Photo of the ticket"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png", "capture": "environment"}
        ),
    )


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it refused?"), widget=forms.Textarea(attrs={"rows": 2})
    )


class TravelForm(forms.Form):
    mode = forms.ChoiceField(label=_("Mode"), choices=TravelMode.choices)
    travel_class = forms.ChoiceField(label=_("Class"), choices=TravelClass.choices)
    distance_km = forms.DecimalField(
        label=_("Distance one way (km)"),
        max_digits=7,
        decimal_places=1,
        required=False,
        help_text=_("Leave empty to use the computed distance."),
    )
    override_reason = forms.CharField(
        label=_("Why the distance differs"), required=False, max_length=500
    )


class CostForm(forms.Form):
    head = forms.ChoiceField(label=_("Head"), choices=CostHead.choices)
    amount = forms.DecimalField(
        label=_("Amount (₹)"), max_digits=14, decimal_places=2, min_value=Decimal("0")
    )
    description = forms.CharField(label=_("Description"), required=False, max_length=200)


class CostImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet of costs (.xlsx or .csv: head, amount, description)")
    )


class InstalmentForm(forms.Form):
    sanction_reference = forms.CharField(label=_("Sanction order number"), max_length=100)
    released_on = forms.DateField(label=_("Released on"), widget=DATE)
    amount = forms.DecimalField(
        label=_("Amount (₹)"), max_digits=14, decimal_places=2, min_value=Decimal("0")
    )


class InvoiceForm(forms.Form):
    number = forms.CharField(label=_("Invoice number"), max_length=60)
    invoiced_on = forms.DateField(label=_("Invoice date"), widget=DATE)
    amount = forms.DecimalField(
        label=_("Amount (₹)"), max_digits=14, decimal_places=2, min_value=Decimal("0")
    )
    batch = forms.ModelChoiceField(label=_("Batch"), queryset=Batch.objects.none(), required=False)

    def __init__(self, *args: Any, batches: QuerySet[Batch], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["batch"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = batches


class BankAccountForm(forms.Form):
    holder_name = forms.CharField(label=_("Account holder"), max_length=150)
    account_number = forms.CharField(label=_("Account number"), max_length=24)
    ifsc = forms.CharField(label=_("IFSC"), max_length=15)
    bank_name = forms.CharField(label=_("Bank"), max_length=120, required=False)
