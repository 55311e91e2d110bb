"""The MoU's money: instalments, invoices held to the budget, a batch's cost per
participant-day against the agreed rate, and the utilisation certificate (GFR 12-A) whose
figures are recounted from the records and read back from the PDF."""

import datetime
import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook, load_workbook

from sashakt.conftest import require_or_skip
from sashakt.logistics.models_money import BatchCost, Instalment, Invoice
from sashakt.logistics.selectors_money import (
    batch_cost_summary,
    financial_year_of,
    mou_money,
    utilisation_figures,
)
from sashakt.logistics.services_money import (
    MoneyError,
    batch_cost_add,
    batch_costs_import,
    instalment_add,
    invoice_add,
)
from sashakt.logistics.tests.factories_money import batches_make, seat_make
from sashakt.logistics.utilisation_money import utilisation_pdf, utilisation_xlsx
from sashakt.test import person_make

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def mou_world(personas):
    programme, before, after = batches_make(personas)
    return personas, programme.mou, before, after


@pytest.fixture(autouse=True)
def _english():
    """Refusals are matched by their English words."""
    with translation.override("en"):
        yield


def test_an_invoice_that_passes_the_budget_is_refused_with_what_remains(mou_world):
    personas, mou, before, _after = mou_world
    invoice_add(
        user=personas.iitk,
        mou=mou,
        number="IITK/1",
        invoiced_on=datetime.date(2025, 9, 5),
        amount=D("900000.00"),
        batch=before,
    )
    with pytest.raises(MoneyError, match="over its budget") as refusal:
        invoice_add(
            user=personas.iitk,
            mou=mou,
            number="IITK/2",
            invoiced_on=datetime.date(2025, 9, 6),
            amount=D("100000.01"),
        )
    assert "₹1,00,000.00 remains" in str(refusal.value)
    assert Invoice.objects.count() == 1
    invoice_add(
        user=personas.iitk,
        mou=mou,
        number="IITK/2",
        invoiced_on=datetime.date(2025, 9, 6),
        amount=D("100000.00"),
    )
    assert mou_money(mou).remaining_budget == D("0.00")


def test_another_institute_may_not_invoice_this_mou(mou_world):
    personas, mou, _before, _after = mou_world
    with pytest.raises(MoneyError):
        invoice_add(
            user=personas.iiml,
            mou=mou,
            number="X",
            invoiced_on=datetime.date(2025, 9, 5),
            amount=D("1.00"),
        )
    with pytest.raises(MoneyError):
        instalment_add(
            user=personas.iitk,
            mou=mou,
            sanction_reference="S",
            released_on=datetime.date(2025, 9, 5),
            amount=D("1.00"),
        )


def test_cost_per_participant_day_is_flagged_over_the_agreed_rate(mou_world):
    personas, _mou, before, _after = mou_world
    seat_make(personas, personas.kanpur_person, before)
    seat_make(personas, person_make(name="अनिल", mobile="9839000778"), before)
    batch_cost_add(user=personas.iitk, batch=before, head="venue", amount=D("10000.00"))
    batch_cost_add(user=personas.iitk, batch=before, head="boarding", amount=D("31000.00"))
    summary = batch_cost_summary(before)
    # ₹41,000 ÷ 2 = ₹20,500 (agreed ₹20,000: over); ÷ (2 × 5) = ₹4,100 (agreed ₹4,000: over).
    assert summary.total == D("41000.00")
    assert summary.per_participant == D("20500.00") and summary.over_per_participant
    assert summary.per_participant_day == D("4100.00") and summary.over_per_participant_day
    with pytest.raises(MoneyError):
        batch_cost_add(user=personas.iiml, batch=before, head="venue", amount=D("1.00"))


def _xlsx(rows) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("costs.xlsx", out.getvalue())


def test_a_cost_import_with_a_bad_row_writes_nothing(mou_world, settings):
    settings.SPREADSHEET_READ_IN_CHILD = False
    personas, _mou, before, _after = mou_world
    bad = _xlsx([["head", "amount", "description"], ["venue", 5000, "hall"], ["tea", 10, ""]])
    with pytest.raises(MoneyError, match="row 3"):
        batch_costs_import(user=personas.iitk, batch=before, upload=bad)
    assert not BatchCost.objects.exists()
    good = _xlsx(
        [
            ["head", "amount", "description"],
            ["venue", 5000, "hall"],
            ["materials", "1,250.50", "kits"],
        ]
    )
    assert batch_costs_import(user=personas.iitk, batch=before, upload=good) == 2
    assert batch_cost_summary(before).total == D("6250.50")


def _money_records(personas, mou):
    # FY 2024-25: ₹3,00,000 released, ₹1,00,000 invoiced → ₹2,00,000 carried.
    instalment_add(
        user=personas.state,
        mou=mou,
        sanction_reference="PR-12/2024",
        released_on=datetime.date(2025, 2, 10),
        amount=D("300000.00"),
    )
    invoice_add(
        user=personas.iitk,
        mou=mou,
        number="IITK/24-1",
        invoiced_on=datetime.date(2025, 3, 20),
        amount=D("100000.00"),
    )
    # FY 2025-26: ₹2,50,000 released, two invoices of ₹1,20,000.50 and ₹80,000.
    instalment_add(
        user=personas.state,
        mou=mou,
        sanction_reference="PR-31/2025",
        released_on=datetime.date(2025, 8, 1),
        amount=D("250000.00"),
    )
    invoice_add(
        user=personas.iitk,
        mou=mou,
        number="IITK/25-1",
        invoiced_on=datetime.date(2025, 9, 5),
        amount=D("120000.50"),
    )
    invoice_add(
        user=personas.iitk,
        mou=mou,
        number="IITK/25-2",
        invoiced_on=datetime.date(2026, 3, 31),
        amount=D("80000.00"),
    )
    # FY 2026-27: not in the certificate of 2025-26.
    invoice_add(
        user=personas.iitk,
        mou=mou,
        number="IITK/26-1",
        invoiced_on=datetime.date(2026, 4, 1),
        amount=D("1000.00"),
    )


def test_utilisation_figures_are_recounted_from_the_records(mou_world):
    personas, mou, _before, _after = mou_world
    _money_records(personas, mou)
    figures = utilisation_figures(mou, 2025)
    assert financial_year_of(datetime.date(2026, 3, 31)) == 2025
    # Recounted here from the rows themselves, year by year.
    start, end = datetime.date(2025, 4, 1), datetime.date(2026, 3, 31)
    received_before = sum(i.amount for i in Instalment.objects.all() if i.released_on < start)
    spent_before = sum(i.amount for i in Invoice.objects.all() if i.invoiced_on < start)
    received = sum(i.amount for i in Instalment.objects.all() if start <= i.released_on <= end)
    spent = sum(i.amount for i in Invoice.objects.all() if start <= i.invoiced_on <= end)
    assert figures.opening_balance == received_before - spent_before == D("200000.00")
    assert figures.received == received == D("250000.00")
    assert figures.available == D("450000.00")
    assert figures.spent == spent == D("200000.50")
    assert figures.unspent == D("249999.50")
    assert [i.sanction_reference for i in figures.instalments] == ["PR-31/2025"]


def test_the_utilisation_certificate_pdf_and_xlsx_say_the_records_figures(mou_world, tmp_path):
    require_or_skip(bool(shutil.which("pdftotext")), "pdftotext (poppler-utils) is not installed")
    personas, mou, _before, _after = mou_world
    _money_records(personas, mou)
    figures = utilisation_figures(mou, 2025)
    path = tmp_path / "uc.pdf"
    path.write_bytes(utilisation_pdf(figures))
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    for words in (
        "GFR 12-A",
        "उपयोगिता प्रमाण-पत्र",
        "2025-26",
        "PR-31/2025",
        "₹2,00,000.00",  # carried from 2024-25
        "₹2,50,000.00",
        "₹4,50,000.00",
        "₹2,00,000.50",
        "₹2,49,999.50",
        "Certified that I have satisfied myself",
    ):
        assert words in text, words
    assert "IITK/26-1" not in text and "PR-12/2024" not in text
    with translation.override("en"):
        book = load_workbook(io.BytesIO(utilisation_xlsx(figures)))
    values = {row[0]: row[1] for row in book.active.iter_rows(values_only=True)}
    unspent = next(v for k, v in values.items() if k and "end of the year" in k)
    assert Decimal(str(unspent)) == D("249999.50")
