"""A nomination's `attended_a_session` flag (the dashboards' attended column) follows its
marks, however they are written or removed."""

import datetime

import pytest
from django.utils import timezone

from sashakt.attendance import attended_flag, services
from sashakt.attendance.models import Mark, MarkMethod, MarkStatus
from sashakt.nominations.models import Nomination

pytestmark = pytest.mark.django_db


def _flags(people) -> list[bool]:
    return [Nomination.objects.get(pk=n.pk).attended_a_session for n in people]


def _mark(personas, session, nomination, status, **kwargs):
    return services.mark_record(
        user=personas.iitk,
        session=session,
        nomination=nomination,
        status=status,
        method=MarkMethod.GRID,
        **kwargs,
    )


def test_a_present_mark_raises_the_flag_and_an_absence_does_not(personas, hall):
    batch, sessions, people = hall
    _mark(personas, sessions[0], people[0], MarkStatus.PRESENT)
    _mark(personas, sessions[0], people[1], MarkStatus.ABSENT)
    _mark(personas, sessions[0], people[2], MarkStatus.LATE, arrived_at=datetime.time(10, 20))
    assert _flags(people) == [True, False, True, False]


def test_correcting_the_only_attended_mark_to_absent_lowers_it(personas, hall):
    batch, sessions, people = hall
    _mark(personas, sessions[0], people[0], MarkStatus.PRESENT)
    _mark(personas, sessions[1], people[0], MarkStatus.PRESENT)
    _mark(personas, sessions[0], people[0], MarkStatus.ABSENT)
    assert _flags(people[:1]) == [True]  # still present in the second session
    _mark(personas, sessions[1], people[0], MarkStatus.ABSENT)
    assert _flags(people[:1]) == [False]


def test_a_session_deleted_with_its_marks_lowers_it(personas, hall):
    batch, sessions, people = hall
    Mark.objects.create(
        nomination=people[3],
        session=sessions[2],
        status=MarkStatus.PRESENT,
        method=MarkMethod.PAPER,
        marked_at=timezone.now(),
    )
    assert _flags(people) == [False, False, False, True]
    sessions[2].delete()
    assert _flags(people) == [False, False, False, False]


def test_the_refresh_mends_flags_set_behind_its_back(personas, hall):
    batch, sessions, people = hall
    _mark(personas, sessions[0], people[0], MarkStatus.PRESENT)
    Nomination.objects.filter(pk=people[0].pk).update(attended_a_session=False)
    Nomination.objects.filter(pk=people[1].pk).update(attended_a_session=True)
    assert attended_flag.nominations_attended_refresh() == 2
    assert _flags(people) == [True, False, False, False]
    assert attended_flag.nominations_attended_refresh() == 0
