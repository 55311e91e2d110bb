"""Two coordinators allocating at the same instant, on PostgreSQL (SQLite serialises every
write transaction, so there is nothing to race there)."""

import datetime
import threading

import pytest
from django.db import connection
from django.db.models import Count
from django.utils import translation

from sashakt.logistics import services_rooms as services
from sashakt.logistics.models import Stay
from sashakt.logistics.tests.rooms_factories import KANPUR_NAGAR, LUCKNOW, rooms_make, seated_batch
from sashakt.test import personas_make

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a race needs PostgreSQL"),
]


def _at_once(calls):
    start = threading.Barrier(len(calls))
    errors, results = [], []

    def run(call):
        try:
            start.wait()
            with translation.override("en"):  # the language is per thread
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


def _no_bed_twice_in_overlapping_days():
    stays = list(Stay.objects.filter(bed__isnull=False).select_related("batch"))
    for one in stays:
        for other in stays:
            if one.pk < other.pk and one.bed_id == other.bed_id:
                overlap = (
                    one.batch.start_date <= other.batch.end_date
                    and other.batch.start_date <= one.batch.end_date
                )
                assert not overlap, (one, other)


def test_two_coordinators_allocating_overlapping_batches_never_share_a_bed():
    personas = personas_make()
    first, _ = seated_batch(personas, [("M", KANPUR_NAGAR)] * 2)
    second, _ = seated_batch(
        personas,
        [("M", LUCKNOW)] * 2,
        programme=first.programme,
        start=first.start_date + datetime.timedelta(days=1),
    )
    rooms_make(personas, first.venue, [("101", 3, "men")])
    errors, results = _at_once(
        [
            lambda: services.rooms_allocate(user=personas.iitk, batch=first),
            lambda: services.rooms_allocate(user=personas.state, batch=second),
        ]
    )
    # Three beds for four men in the same days: one list is written whole, the other refused
    # whole, saying one man would be left without a bed.
    assert results == [2]
    assert len(errors) == 1 and isinstance(errors[0], services.RoomsRefused)
    assert "1 person would be left without a bed" in errors[0].message
    assert Stay.objects.filter(bed__isnull=False).count() == 2
    _no_bed_twice_in_overlapping_days()


def test_two_coordinators_allocating_one_batch_give_each_person_one_bed():
    personas = personas_make()
    batch, people = seated_batch(
        personas, [("M", KANPUR_NAGAR), ("F", LUCKNOW), ("M", LUCKNOW), ("F", KANPUR_NAGAR)] * 2
    )
    rooms_make(personas, batch.venue, [("101", 4, "men"), ("102", 4, "women"), ("103", 2, "any")])
    errors, results = _at_once(
        [
            lambda user=user: services.rooms_allocate(user=user, batch=batch)
            for user in (personas.iitk, personas.state)
        ]
    )
    assert errors == [] and sorted(results) == [0, 8]
    assert Stay.objects.filter(batch=batch, bed__isnull=False).count() == 8
    assert not Stay.objects.values("bed").annotate(n=Count("pk")).filter(n__gt=1).exists()
    _no_bed_twice_in_overlapping_days()
