"""The money pages: scope per role, bank details in full for finance only (masked on the
claim, the bank page and the treasury's payment sheet for everyone else), the claim form,
approval from the page, the utilisation certificate's download."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sashakt.logistics.models_money import Claim, ClaimStatus
from sashakt.logistics.services_money import (
    bank_account_set,
    claim_approve,
    claim_submit,
    instalment_add,
)
from sashakt.logistics.tests.factories_money import batches_make, rate_table_a, seat_make
from sashakt.logistics.tests.test_claim_amounts import jpeg_bytes
from sashakt.stray_latin import assert_no_stray_latin

pytestmark = pytest.mark.django_db
ACCOUNT = "123456789012"


@pytest.fixture
def approved(personas):
    programme, before, _after = batches_make(personas)
    seat = seat_make(personas, personas.kanpur_person, before)
    rate_table_a(personas.state)
    bank_account_set(
        user=personas.dpro_kanpur,
        person=personas.kanpur_person,
        holder_name="Ram Kumar",
        account_number=ACCOUNT,
        ifsc="SBIN0001234",
    )
    claim = claim_submit(
        user=personas.dpro_kanpur,
        nomination=seat,
        mode="bus",
        travel_class="ordinary",
        distance_km=Decimal("312"),
        outward_on=datetime.date(2025, 8, 26),
        return_on=datetime.date(2025, 8, 30),
    )
    claim_approve(user=personas.dpro_kanpur, claim=claim)
    claim_approve(user=personas.state, claim=claim)
    return programme, claim


def test_only_finance_sees_the_account_number_in_full(personas, approved, client):
    _programme, claim = approved
    detail = reverse("logistics:claim_detail", args=[claim.pk])
    bank = reverse("logistics:bank_account", args=[personas.kanpur_person.pk])
    for user, full in (
        (personas.finance, True),
        (personas.state, False),
        (personas.dpro_kanpur, False),
    ):
        client.force_login(user)
        for url in (detail, bank):
            page = client.get(url).content.decode()
            assert (ACCOUNT in page) is full, (user.username, url)
            assert "XXXXXXXX9012" in page or full
    client.force_login(personas.finance)
    sheet = client.get(reverse("logistics:payment_sheet", args=["xlsx"]))
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert ACCOUNT in rows[1] and Decimal(str(rows[1][7])) == Decimal("2436.00")
    client.force_login(personas.state)
    text = client.get(reverse("logistics:payment_sheet", args=["csv"])).content.decode("utf-8-sig")
    row = list(csv.reader(io.StringIO(text)))[1]
    assert ACCOUNT not in row and "XXXXXXXX9012" in row


def test_each_role_sees_only_its_claims_and_pages(personas, approved, client):
    programme, claim = approved
    detail = reverse("logistics:claim_detail", args=[claim.pk])
    mou = reverse("logistics:mou_money", args=[programme.mou.pk])
    sheet = reverse("logistics:payment_sheet", args=["csv"])
    expected = {
        "state": (200, 200, 200),
        "finance": (200, 200, 200),
        "dpro_kanpur": (200, 403, 403),
        "dpro_lucknow": (404, 403, 403),
        "iitk": (403, 200, 403),
        "iiml": (403, 404, 403),
        "trainer": (403, 403, 403),
        "participant": (404, 403, 403),  # another person's claim
    }
    for name, statuses in expected.items():
        client.force_login(getattr(personas, name))
        got = tuple(client.get(url).status_code for url in (detail, mou, sheet))
        assert got == statuses, name


def test_a_refusal_from_the_page_needs_a_reason(personas, client):
    _programme, before, _after = batches_make(personas)
    seat = seat_make(personas, personas.kanpur_person, before)
    rate_table_a(personas.state)
    claim = claim_submit(
        user=personas.dpro_kanpur,
        nomination=seat,
        mode="bus",
        travel_class="ordinary",
        distance_km=Decimal("10"),
        outward_on=datetime.date(2025, 8, 26),
        return_on=datetime.date(2025, 8, 30),
    )
    client.force_login(personas.dpro_kanpur)
    client.post(reverse("logistics:claim_refuse", args=[claim.pk]), {"reason": ""})
    assert Claim.objects.get().status == ClaimStatus.SUBMITTED
    client.post(reverse("logistics:claim_refuse", args=[claim.pk]), {"reason": "No ticket"})
    assert Claim.objects.get().status == ClaimStatus.REFUSED


def test_a_participant_submits_a_claim_with_a_photo_and_a_pdf_is_refused(personas, client):
    _programme, before, _after = batches_make(personas)
    person = personas.participant.person
    seat = seat_make(personas, person, before)
    rate_table_a(personas.state)
    client.force_login(personas.participant)
    url = reverse("logistics:claim_new", args=[seat.pk])
    form = {
        "mode": "bus",
        "travel_class": "ordinary",
        "distance_km": "100",
        "outward_on": "2025-08-26",
        "return_on": "2025-08-30",
    }
    pdf = io.BytesIO(b"%PDF-1.4 a ticket as a PDF")
    pdf.name = "ticket.jpg"
    page = client.post(url, {**form, "ticket": pdf})
    assert page.status_code == 200 and not Claim.objects.exists()
    photo = io.BytesIO(jpeg_bytes())
    photo.name = "ticket.jpg"
    response = client.post(url, {**form, "ticket": photo})
    claim = Claim.objects.get()
    assert response.status_code == 302 and claim.entered_by == personas.participant
    ticket = client.get(reverse("logistics:claim_ticket", args=[claim.pk]))
    assert ticket.status_code == 200
    assert b"".join(ticket.streaming_content)[:3] == b"\xff\xd8\xff"
    client.force_login(personas.dpro_lucknow)
    assert client.get(reverse("logistics:claim_ticket", args=[claim.pk])).status_code == 404


def test_the_utilisation_certificate_downloads_for_the_institute(personas, approved, client):
    programme, _claim = approved
    instalment_add(
        user=personas.state,
        mou=programme.mou,
        sanction_reference="PR-31/2025",
        released_on=datetime.date(2025, 8, 1),
        amount=Decimal("250000.00"),
    )
    client.force_login(personas.iitk)
    page = client.get(reverse("logistics:mou_money", args=[programme.mou.pk])).content.decode()
    assert "2025-26" in page
    pdf = client.get(reverse("logistics:utilisation", args=[programme.mou.pk, 2025, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    client.force_login(personas.iiml)
    url = reverse("logistics:utilisation", args=[programme.mou.pk, 2025, "xlsx"])
    assert client.get(url).status_code == 404


def test_the_batch_and_mou_pages_flag_costs_and_refuse_an_invoice_over_budget(
    personas, approved, client
):
    programme, claim = approved
    batch = claim.nomination.batch
    client.force_login(personas.iitk)
    assert client.get(reverse("logistics:money_home")).status_code == 200
    url = reverse("logistics:batch_cost_add", args=[batch.pk])
    client.post(url, {"head": "venue", "amount": "30000.00", "description": "hall"})
    page = client.get(reverse("logistics:batch_money", args=[batch.pk])).content.decode()
    # ₹30,000 ÷ 1 participant = ₹30,000 (agreed ₹20,000); ÷ 5 days = ₹6,000 (agreed ₹4,000).
    assert "₹30,000.00" in page and 'data-testid="over-participant-day"' in page
    invoice = reverse("logistics:invoice_add", args=[programme.mou.pk])
    answer = client.post(
        invoice, {"number": "IITK/9", "invoiced_on": "2025-09-01", "amount": "1000000.01"}
    )
    assert answer.status_code == 400 and "₹10,00,000.00" in answer.content.decode()
    client.force_login(personas.state)
    for name in ("money_home", "claim_list"):
        assert client.get(reverse(f"logistics:{name}")).status_code == 200
    client.force_login(personas.dpro_kanpur)
    listing = client.get(reverse("logistics:claim_list")).content.decode()
    assert personas.kanpur_person.name in listing


def test_the_money_pages_speak_hindi(personas, approved, client):
    programme, claim = approved
    batch = claim.nomination.batch
    allowed = {"Ram", "Kumar", "Kanpur", "Nagar", "IIT", "campus", "SBIN0001234", "xlsx", "csv"}
    pages = {
        personas.dpro_kanpur: [
            reverse("logistics:claim_detail", args=[claim.pk]),
            reverse("logistics:claim_list"),
            reverse("logistics:bank_account", args=[personas.kanpur_person.pk]),
        ],
        personas.state: [
            reverse("logistics:money_home"),
            reverse("logistics:batch_money", args=[batch.pk]),
            reverse("logistics:mou_money", args=[programme.mou.pk]),
        ],
    }
    for user, urls in pages.items():
        client.force_login(user)
        for url in urls:
            html = client.get(url).content.decode()
            assert_no_stray_latin(html, allowed=allowed | {user.username})


def test_finance_lands_on_the_money_pages(personas, client):
    client.force_login(personas.finance)
    assert client.get("/")["Location"] == reverse("logistics:money_home")
    assert client.get(reverse("logistics:money_home")).status_code == 200
