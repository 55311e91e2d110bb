"""Approval of TA/DA claims: the district officer, then the state cell, each with a reason
when refusing; two approvals at the same instant approve once (runs on PostgreSQL in CI)."""

import datetime
import threading
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.utils import translation

from sashakt.logistics.models_money import Claim, ClaimStatus
from sashakt.logistics.services_money import (
    MoneyError,
    claim_approve,
    claim_refuse,
    claim_submit,
)
from sashakt.logistics.tests.factories_money import batches_make, rate_table_a, seat_make
from sashakt.test import personas_make


@pytest.fixture(autouse=True)
def _english():
    """Refusals are matched by their English words."""
    with translation.override("en"):
        yield


def claim_make(personas) -> Claim:
    _programme, before, _after = batches_make(personas)
    seat = seat_make(personas, personas.kanpur_person, before)
    rate_table_a(personas.state)
    return claim_submit(
        user=personas.dpro_kanpur,
        nomination=seat,
        mode="bus",
        travel_class="ordinary",
        distance_km=Decimal("100"),
        outward_on=datetime.date(2025, 8, 26),
        return_on=datetime.date(2025, 8, 30),
    )


@pytest.mark.django_db
def test_the_district_officer_approves_first_then_the_state_cell(personas):
    claim = claim_make(personas)
    with pytest.raises(MoneyError, match="district officer approves"):
        claim_approve(user=personas.state, claim=claim)
    with pytest.raises(MoneyError, match="not of your district"):
        claim_approve(user=personas.dpro_lucknow, claim=claim)
    with pytest.raises(MoneyError):
        claim_approve(user=personas.iitk, claim=claim)
    claim = claim_approve(user=personas.dpro_kanpur, claim=claim)
    assert claim.status == ClaimStatus.DISTRICT_APPROVED
    claim = claim_approve(user=personas.state, claim=claim)
    assert claim.status == ClaimStatus.APPROVED
    assert claim.district_decided_by == personas.dpro_kanpur
    assert claim.state_decided_by == personas.state
    # Every change of money is audited: created, approved twice.
    assert LogEntry.objects.get_for_object(claim).count() == 3


@pytest.mark.django_db
def test_a_refusal_needs_its_reason_and_frees_the_seat_for_a_new_claim(personas):
    claim = claim_make(personas)
    with pytest.raises(MoneyError, match="Say why"):
        claim_refuse(user=personas.dpro_kanpur, claim=claim, reason="  ")
    claim = claim_refuse(user=personas.dpro_kanpur, claim=claim, reason="Ticket unreadable")
    assert claim.status == ClaimStatus.REFUSED and claim.refusal_reason == "Ticket unreadable"
    with pytest.raises(MoneyError):
        claim_approve(user=personas.dpro_kanpur, claim=claim)
    again = claim_submit(
        user=personas.dpro_kanpur,
        nomination=claim.nomination,
        mode="bus",
        travel_class="ordinary",
        distance_km=Decimal("100"),
        outward_on=datetime.date(2025, 8, 26),
        return_on=datetime.date(2025, 8, 30),
    )
    assert again.status == ClaimStatus.SUBMITTED


def _at_once(calls):
    start = threading.Barrier(len(calls))
    errors, results = [], []

    def run(call):
        try:
            start.wait()
            results.append(call())
        except Exception as error:  # noqa: BLE001 — any failure is the test's finding
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors, results


@pytest.mark.django_db(transaction=True)
def test_two_approvals_at_the_same_instant_approve_once():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite runs one writer at a time; the row lock is PostgreSQL's to test")
    personas = personas_make()
    claim = claim_make(personas)
    claim_approve(user=personas.dpro_kanpur, claim=claim)

    def approve():
        return claim_approve(user=personas.state, claim=claim)

    errors, results = _at_once([approve, approve, approve])
    assert len(results) == 1
    assert len(errors) == 2 and all(isinstance(e, MoneyError) for e in errors)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED
    # One audit entry for the state's approval, not three.
    changes = [e.changes_dict.get("status") for e in LogEntry.objects.get_for_object(claim)]
    assert changes.count(["district_ok", "approved"]) == 1
