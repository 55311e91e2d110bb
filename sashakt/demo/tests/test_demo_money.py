"""The pilot's money: rates, instalments, costs, invoices, travel and claims at each stage,
loaded once however often the demo runs."""

import pytest
from django.core.management import call_command

from sashakt.logistics.models_money import (
    BankAccount,
    BatchCost,
    Claim,
    ClaimStatus,
    Instalment,
    Invoice,
    RateTable,
    Travel,
)
from sashakt.logistics.selectors_money import mou_money

pytestmark = pytest.mark.django_db
MODELS = (RateTable, Instalment, Invoice, BatchCost, Travel, Claim, BankAccount)


def test_the_demo_money_is_loaded_once_with_claims_at_every_stage():
    call_command("load_demo")
    counts = [model.objects.count() for model in MODELS]
    assert all(counts), dict(zip([m.__name__ for m in MODELS], counts, strict=True))
    call_command("load_demo")
    assert [model.objects.count() for model in MODELS] == counts
    statuses = set(Claim.objects.values_list("status", flat=True))
    assert {ClaimStatus.SUBMITTED, ClaimStatus.APPROVED} <= statuses
    invoice = Invoice.objects.first()
    assert invoice is not None
    money = mou_money(invoice.mou)
    assert money.budget is not None and money.invoiced <= money.budget and money.released > 0
