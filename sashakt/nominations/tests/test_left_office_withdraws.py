"""A person who left office drops out of nominations (issue 22): their nominations not yet
taken place are withdrawn with the reason, seats freed for the waitlist, their district
officer told; their training history stays."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.nominations.services import (
    nomination_approve,
    nomination_confirm,
    nomination_create,
)
from sashakt.notifications.models import Message
from sashakt.people.by_hand import person_leave_office
from sashakt.people.models import LeftOffice
from sashakt.programmes.models import BatchStatus
from sashakt.test import batch_completed_make, batch_make, person_make, programme_make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    from django.utils import translation

    with translation.override("en"):
        yield


def _story(personas):
    """The Pradhan completed last year's programme and holds a confirmed seat in a batch of
    another programme next month, which is full: a Lucknow Pradhan waits for a seat."""
    pradhan = personas.kanpur_person
    past_programme = programme_make(personas.iitk_institute)
    past = batch_make(past_programme, start=datetime.date(2025, 8, 26))
    completed = nomination_create(user=personas.dpro_kanpur, person=pradhan, batch=past)
    nomination_approve(user=personas.state, nomination=completed)
    nomination_confirm(user=personas.dpro_kanpur, nomination=completed)
    batch_completed_make(past)

    programme = programme_make(personas.iiml_institute)
    future = batch_make(
        programme, start=timezone.localdate() + datetime.timedelta(days=30), capacity=1
    )
    seated = nomination_create(user=personas.dpro_kanpur, person=pradhan, batch=future)
    nomination_approve(user=personas.state, nomination=seated)
    nomination_confirm(user=personas.dpro_kanpur, nomination=seated)
    waiting = nomination_create(
        user=personas.dpro_lucknow, person=personas.lucknow_person, batch=future
    )
    nomination_approve(user=personas.state, nomination=waiting)
    waiting.refresh_from_db()
    assert waiting.status == NominationStatus.WAITLISTED
    return pradhan, completed, seated, waiting


def test_a_pradhan_who_resigns_frees_their_future_seat_and_keeps_their_history(personas):
    pradhan, completed, seated, waiting = _story(personas)
    left = person_leave_office(
        user=personas.state, person=pradhan, why=LeftOffice.RESIGNED, on=timezone.localdate()
    )
    assert left.places_released == 1

    seated.refresh_from_db()
    assert (seated.status, seated.seat) == (NominationStatus.WITHDRAWN, None)
    assert "Left office (Resigned)" in seated.reason
    entry = LogEntry.objects.get_for_object(seated).latest("pk")
    assert entry.actor == personas.state and "status" in entry.changes_dict
    # The freed seat went to the waitlist.
    waiting.refresh_from_db()
    assert (waiting.status, waiting.seat) == (NominationStatus.APPROVED, 1)
    # Training history untouched.
    completed.refresh_from_db()
    assert completed.status == NominationStatus.ATTENDED
    # Their district officer is told (the state cell marked it), nobody else.
    (message,) = Message.objects.filter(purpose_key__startswith="left-office:")
    assert personas.dpro_kanpur.mobile in message.recipient
    assert pradhan.name in message.body and "Resigned" in message.body
    assert str(seated.batch) in message.body


def test_a_running_batch_and_other_people_are_left_alone(personas):
    pradhan, completed, seated, waiting = _story(personas)
    seated.batch.status = BatchStatus.RUNNING
    seated.batch.save()
    left = person_leave_office(
        user=personas.dpro_kanpur, person=pradhan, why=LeftOffice.DIED, on=timezone.localdate()
    )
    assert left.places_released == 0
    seated.refresh_from_db()
    assert seated.status == NominationStatus.CONFIRMED
    assert not Message.objects.filter(purpose_key__startswith="left-office:").exists()


def test_a_nomination_awaiting_allocation_is_withdrawn_too(personas):
    programme = programme_make(personas.iitk_institute)
    person = person_make(name="सीता देवी", name_alt="Sita Devi", mobile="9839099999")
    waiting = nomination_create(user=personas.dpro_kanpur, person=person, programme=programme)
    assert waiting.batch_id is None
    person_leave_office(
        user=personas.dpro_kanpur,
        person=person,
        why=LeftOffice.TERM_ENDED,
        on=timezone.localdate(),
    )
    waiting.refresh_from_db()
    assert waiting.status == NominationStatus.WITHDRAWN
    # The officer marked it themself: no message to them.
    assert not Message.objects.filter(purpose_key__startswith="left-office:").exists()


def test_the_leave_office_page_withdraws_and_says_so(personas, client):
    pradhan, _completed, seated, _waiting = _story(personas)
    client.force_login(personas.dpro_kanpur)
    response = client.post(
        reverse("people:left_office", args=[pradhan.pk]),
        {"why": LeftOffice.RESIGNED, "on": timezone.localdate().isoformat(), "reason": ""},
        follow=True,
    )
    assert response.status_code == 200
    # The page speaks Hindi: the officer reads that a seat was freed.
    assert "1 नामांकन, जिसका प्रशिक्षण अभी नहीं हुआ था, वापस लिया गया" in (response.content.decode())
    assert Nomination.objects.get(pk=seated.pk).status == NominationStatus.WITHDRAWN
