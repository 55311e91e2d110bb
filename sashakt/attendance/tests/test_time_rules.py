"""Time is a rule: no mark for a session that has not begun (a few minutes' slack for a
fast clock), a late entry from the paper register needs who and why, a batch is completed
only once its last session has ended."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from sashakt.attendance import services
from sashakt.attendance.models import Mark, MarkChange, MarkMethod
from sashakt.attendance.tests.factories import hall_make
from sashakt.programmes.models import BatchSession, BatchStatus

pytestmark = pytest.mark.django_db


def _mark(personas, session, nomination, **kwargs):
    return services.mark_record(
        user=personas.iitk,
        session=session,
        nomination=nomination,
        status="present",
        method=kwargs.pop("method", MarkMethod.GRID),
        **kwargs,
    )


def test_no_mark_for_a_session_that_has_not_begun(personas):
    batch, sessions, people = hall_make(
        personas, people=3, start=timezone.localdate() + datetime.timedelta(days=3)
    )
    assert batch.status == BatchStatus.LOCKED
    with pytest.raises(services.AttendanceError, match="has not begun yet"):
        _mark(personas, sessions[0], people[0])
    with pytest.raises(services.AttendanceError, match="has not begun yet"):
        services.mark_all_present(user=personas.iitk, session=sessions[0])
    assert not Mark.objects.exists() and not MarkChange.objects.exists()


def _session_starting_in(batch, minutes: int) -> BatchSession:
    starts = timezone.localtime() + datetime.timedelta(minutes=minutes)
    return BatchSession.objects.create(
        batch=batch,
        date=starts.date(),
        starts_at=starts.time().replace(second=0, microsecond=0),
        minutes=60,
        title="Clock test",
        method="lecture",
    )


@override_settings(CLOCK_TOLERANCE_MINUTES=10)
def test_a_clock_a_few_minutes_fast_is_tolerated_and_no_more(personas, hall):
    batch, sessions, people = hall
    soon = _session_starting_in(batch, 5)
    _mark(personas, soon, people[0])
    later = _session_starting_in(batch, 30)
    with pytest.raises(services.AttendanceError, match="has not begun yet"):
        _mark(personas, later, people[0])
    with override_settings(CLOCK_TOLERANCE_MINUTES=40):
        _mark(personas, later, people[0])
    assert Mark.objects.count() == 2


def test_a_paper_register_typed_in_weeks_later_needs_who_and_why(personas):
    three_weeks_ago = timezone.localdate() - datetime.timedelta(days=21)
    batch, sessions, people = hall_make(personas, people=3, start=three_weeks_ago)
    with pytest.raises(services.AttendanceError, match="more than 7 days ago"):
        _mark(personas, sessions[0], people[0], method=MarkMethod.PAPER)
    with pytest.raises(services.AttendanceError, match="more than 7 days ago"):
        services.mark_all_present(user=personas.iitk, session=sessions[0])
    assert not Mark.objects.exists()

    why = "Typed in from the signed register of day 1"
    _mark(personas, sessions[0], people[0], method=MarkMethod.PAPER, reason=why)
    change = MarkChange.objects.get()
    assert (change.backdated, change.reason, change.changed_by) == (True, why, personas.iitk)
    assert LogEntry.objects.get_for_object(Mark.objects.get()).exists()  # audited
    count = services.mark_all_present(user=personas.iitk, session=sessions[1], reason=why)
    assert count == 3
    assert set(MarkChange.objects.values_list("backdated", "reason")) == {(True, why)}


def test_within_the_late_entry_days_no_reason_is_asked(personas, hall):
    batch, sessions, people = hall  # the five days up to yesterday
    _mark(personas, sessions[0], people[0])
    assert MarkChange.objects.get().backdated is False
    with (
        override_settings(ATTENDANCE_LATE_ENTRY_DAYS=1),
        pytest.raises(services.AttendanceError, match="more than 1 days ago"),
    ):
        _mark(personas, sessions[0], people[1])


def test_the_database_refuses_a_late_entry_without_a_reason(personas, hall):
    batch, sessions, people = hall
    with pytest.raises(IntegrityError), transaction.atomic():
        MarkChange.objects.create(
            nomination=people[0],
            session=sessions[0],
            new_status="present",
            method="paper",
            marked_at=timezone.now(),
            backdated=True,
        )


def test_a_batch_is_not_completed_before_its_last_session_ends(personas):
    batch, sessions, people = hall_make(
        personas, people=2, start=timezone.localdate() - datetime.timedelta(days=2)
    )
    assert batch.status == BatchStatus.RUNNING
    for session in sessions[:2]:  # the days held so far
        services.mark_all_present(user=personas.iitk, session=session)
    with pytest.raises(services.AttendanceError, match="cannot be completed before"):
        services.batch_complete(user=personas.iitk, batch=batch)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.RUNNING and batch.completed_on is None


def test_a_batch_that_ran_is_completed_with_its_day(personas, hall):
    batch, sessions, people = hall
    for session in sessions:
        services.mark_all_present(user=personas.iitk, session=session)
    services.batch_complete(user=personas.iitk, batch=batch)
    batch.refresh_from_db()
    assert batch.completed_on == timezone.localdate()
    assert batch.started_on == timezone.localdate()  # set running by the factory today


def test_the_roll_call_page_asks_why_for_a_paper_register_typed_in_late(personas, client):
    three_weeks_ago = timezone.localdate() - datetime.timedelta(days=21)
    batch, sessions, people = hall_make(personas, people=3, start=three_weeks_ago)
    client.force_login(personas.iitk)
    url = reverse("attendance:session", args=[sessions[0].pk]) + "?from=paper"
    page = client.get(url).content.decode()
    assert 'data-testid="backdated-notice"' in page and 'name="reason"' in page
    client.post(url, {"all_present": "1"})
    assert not Mark.objects.exists()  # refused: no reason
    client.post(url, {"all_present": "1", "reason": "Signed register of day 1, typed in"})
    changes = MarkChange.objects.all()
    assert changes.count() == 3
    assert {(c.backdated, c.method, c.changed_by) for c in changes} == {
        (True, MarkMethod.PAPER, personas.iitk)
    }


def test_the_roll_call_page_of_a_session_not_begun_says_so(personas, client):
    batch, sessions, people = hall_make(
        personas, people=2, start=timezone.localdate() + datetime.timedelta(days=1)
    )
    client.force_login(personas.iitk)
    url = reverse("attendance:session", args=[sessions[0].pk])
    assert 'data-testid="not-begun-notice"' in client.get(url).content.decode()
    client.post(url, {"all_present": "1"})
    assert not Mark.objects.exists()
