"""Two coordinators approve at the same moment: the batch must never overfill. Runs on the
configured database (CI runs it on PostgreSQL as well as SQLite)."""

import threading

import pytest
from django.db import connection

from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.nominations.services import nomination_approve, nomination_create
from sashakt.test import batch_make, person_make, personas_make, programme_make


@pytest.mark.django_db(transaction=True)
def test_simultaneous_approvals_never_overfill_a_batch():
    personas = personas_make()
    batch = batch_make(programme_make(personas.iitk_institute), capacity=3)
    people = [person_make(name=f"प्रतिभागी {n}", mobile=f"98390002{n:02d}") for n in range(8)]
    nominations = [
        nomination_create(user=personas.dpro_kanpur, person=person, batch=batch)
        for person in people
    ]
    start = threading.Barrier(len(nominations))
    errors = []

    def approve(nomination):
        try:
            start.wait()
            nomination_approve(user=personas.state, nomination=nomination)
        except Exception as error:  # noqa: BLE001 — any failure is the test's finding
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(n,)) for n in nominations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    statuses = list(Nomination.objects.values_list("status", "seat"))
    seated = sorted(seat for status, seat in statuses if status == NominationStatus.APPROVED)
    assert seated == [1, 2, 3]
    assert sum(status == NominationStatus.WAITLISTED for status, _seat in statuses) == 5
