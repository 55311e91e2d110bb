"""The demo never holds an impossible record: its dates are relative to today and its
batches reach their statuses through the services, so no mark precedes its session, no
batch is running before its first day or completed before its end, and no certificate is
dated before its batch ended."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from sashakt.attendance.models import Mark, MarkChange
from sashakt.certificates.models import Certificate
from sashakt.demo import pilot
from sashakt.programmes.models import Batch, BatchStatus
from sashakt.programmes.timing import batch_ends_at, clock_tolerance, session_starts_at

pytestmark = pytest.mark.django_db


def _impossible_records() -> list[str]:
    now = timezone.now()
    found = []
    for mark in Mark.objects.select_related("session"):
        if mark.marked_at + clock_tolerance() < session_starts_at(mark.session):
            found.append(f"mark {mark.pk} before its session")
    for change in MarkChange.objects.select_related("session"):
        if change.marked_at + clock_tolerance() < session_starts_at(change.session):
            found.append(f"attendance change {change.pk} before its session")
    for batch in Batch.objects.all():
        ran = batch.status in (BatchStatus.RUNNING, BatchStatus.COMPLETED, BatchStatus.CLOSED)
        if ran and batch.start_date > timezone.localdate():
            found.append(f"batch {batch.pk} {batch.status} before its first day")
        over = batch.status in (BatchStatus.COMPLETED, BatchStatus.CLOSED)
        if over and (batch_ends_at(batch) > now or not batch.completed_on):
            found.append(f"batch {batch.pk} completed before its end")
    for certificate in Certificate.objects.select_related("batch"):
        if certificate.issued_at < batch_ends_at(certificate.batch):
            found.append(f"certificate {certificate.number} before its batch ended")
    return found


def test_the_demo_holds_no_mark_before_its_session_and_no_certificate_before_batch_end():
    call_command("load_demo")
    assert Mark.objects.exists() and Batch.objects.filter(status="completed").exists()
    assert _impossible_records() == []


@pytest.mark.parametrize("weeks_later", [3, 30])
def test_loaded_on_a_later_day_the_demo_moves_with_it(monkeypatch, weeks_later):
    later = pilot.DEMO_WRITTEN_ON + datetime.timedelta(weeks=weeks_later, days=3)
    monkeypatch.setattr(timezone, "localdate", lambda *args: later)
    real_now = timezone.now
    shift = later - pilot.DEMO_WRITTEN_ON
    monkeypatch.setattr(timezone, "now", lambda: real_now() + shift)
    call_command("load_demo")
    open_batches = Batch.objects.filter(status=BatchStatus.OPEN)
    assert open_batches.exists() and all(b.start_date > later for b in open_batches)
    assert _impossible_records() == []


def test_the_demo_is_made_by_the_services_and_leaves_nobody_half_way():
    """Nominations are made through the services (each has its history, a nominator and a
    decider where decided); the past batches' marks are backdated paper entries with their
    reason; a completed batch keeps nobody confirmed or offered a seat, and the person who
    left after day 3 did not complete."""
    from auditlog.models import LogEntry

    from sashakt.attendance.models import Completion
    from sashakt.nominations.models import Nomination, NominationStatus

    call_command("load_demo")
    nominations = Nomination.objects.all()
    assert nominations.exists()
    logged = set(
        LogEntry.objects.get_for_model(Nomination)
        .filter(action=LogEntry.Action.CREATE)
        .values_list("object_pk", flat=True)
    )
    assert {str(pk) for pk in nominations.values_list("pk", flat=True)} <= logged
    assert not nominations.filter(nominated_by=None).exists()
    decided = (NominationStatus.APPROVED, NominationStatus.CONFIRMED, NominationStatus.ATTENDED)
    assert not nominations.filter(status__in=decided, decided_by=None).exists()
    completed = Batch.objects.filter(status=BatchStatus.COMPLETED)
    assert not nominations.filter(
        batch__in=completed,
        status__in=(NominationStatus.APPROVED, NominationStatus.CONFIRMED),
    ).exists()
    assert nominations.filter(batch__in=completed, status=NominationStatus.NOT_COMPLETED).count()
    assert Completion.objects.filter(completed=False).exists()
    changes = MarkChange.objects.all()
    assert changes.exists() and not changes.filter(backdated=False).exists()
    assert not changes.filter(reason="").exists()
    # Loading again changes nothing.
    count = nominations.count()
    call_command("load_demo")
    assert Nomination.objects.count() == count
