"""Two phones at the same instant: the same queued submission twice, and two different
submissions for the same person. Runs on the configured database (PostgreSQL in CI too)."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from sashakt.attendance import services
from sashakt.attendance.models import Mark, MarkChange
from sashakt.attendance.tests.factories import hall_make
from sashakt.test import personas_make


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
def test_a_submission_replayed_at_the_same_instant_records_one_mark():
    personas = personas_make()
    batch, sessions, people = hall_make(personas, people=3)

    def submit():
        return services.mark_record(
            user=personas.iitk,
            session=sessions[0],
            nomination=people[0],
            status="present",
            method="grid",
            client_id="same-queued-item",
        )

    errors, results = _at_once([submit] * 6)
    assert errors == []
    assert sorted(r.duplicate for r in results) == [False] + [True] * 5
    assert Mark.objects.count() == 1 and MarkChange.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_phones_marking_one_person_at_once_keep_one_mark_and_both_changes():
    personas = personas_make()
    batch, sessions, people = hall_make(personas, people=3)
    now = timezone.now()

    def phone(client_id, status, minutes_ago, user):
        return lambda: services.mark_record(
            user=user,
            session=sessions[0],
            nomination=people[1],
            status=status,
            method="grid",
            client_id=client_id,
            marked_at=now - datetime.timedelta(minutes=minutes_ago),
        )

    errors, results = _at_once(
        [phone("A", "present", 2, personas.iitk), phone("B", "absent", 1, personas.state)]
    )
    assert errors == []
    assert Mark.objects.get().status == "absent"  # B tapped last
    assert set(MarkChange.objects.values_list("client_id", flat=True)) == {"A", "B"}


@pytest.mark.django_db(transaction=True)
def test_one_qr_scanned_on_several_phones_at_once_records_one_check_in():
    """The hall's hot path in its own transactions (on PostgreSQL, a first mark's statements
    are pipelined): the same queued scan replayed, and the same person scanned on two phones
    with different ids, at the same instant."""
    personas = personas_make()
    batch, sessions, people = hall_make(personas, people=3)
    from sashakt.nominations.seat_codes import seat_code

    def scan(person, client_id):
        return lambda: services.checkin(
            user=personas.iitk,
            session=sessions[0],
            code=seat_code(person.pk),
            client_id=client_id,
        )

    errors, results = _at_once([scan(people[0], "queued-scan")] * 4)
    assert errors == []
    assert sorted(found.already for found in results) == [False, True, True, True]
    errors, results = _at_once([scan(people[1], "phone-A"), scan(people[1], "phone-B")])
    assert errors == []
    assert sorted(found.already for found in results) == [False, True]
    assert Mark.objects.filter(session=sessions[0]).count() == 2
    assert MarkChange.objects.filter(session=sessions[0]).count() == 2
    assert set(Mark.objects.values_list("status", flat=True)) == {"present"}
