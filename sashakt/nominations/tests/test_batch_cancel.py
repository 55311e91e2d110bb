"""Cancelling a batch and changing its status (issue 22): asked first, then done and said;
a cancelled batch frees every seat and tells the seat holders and their district officers
through the outbox; without a reason nothing is written."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from sashakt.nominations.cancelling import batch_cancel
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.nominations.services import nomination_approve, nomination_create
from sashakt.notifications.models import Message
from sashakt.programmes.models import BatchStatus
from sashakt.programmes.services import BatchError, batch_set_status
from sashakt.test import batch_make, programme_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(personas):
    return batch_make(programme_make(personas.iitk_institute), capacity=5)


@pytest.fixture
def seated(personas, batch):
    """Kanpur's person holds a seat; Lucknow's awaits approval."""
    kanpur = nomination_create(
        user=personas.dpro_kanpur, person=personas.kanpur_person, batch=batch
    )
    nomination_approve(user=personas.state, nomination=kanpur)
    lucknow = nomination_create(
        user=personas.dpro_lucknow, person=personas.lucknow_person, batch=batch
    )
    return kanpur, lucknow


def test_cancelling_frees_the_seats_and_tells_seat_holders_and_their_officers(
    personas, batch, seated
):
    kanpur, lucknow = seated
    withdrawn = batch_cancel(user=personas.iitk, batch=batch, reason="बाढ़ के कारण")
    assert {n.pk for n in withdrawn} == {kanpur.pk, lucknow.pk}
    batch.refresh_from_db()
    assert (batch.status, batch.cancel_reason) == (BatchStatus.CANCELLED, "बाढ़ के कारण")
    for nomination in (kanpur, lucknow):
        nomination.refresh_from_db()
        assert (nomination.status, nomination.seat) == (NominationStatus.WITHDRAWN, None)
        assert "बाढ़ के कारण" in nomination.reason
    person_message = Message.objects.get(purpose_key__contains=f"nomination:{kanpur.pk}")
    assert personas.kanpur_person.mobile in person_message.recipient
    assert "बाढ़ के कारण" in person_message.body and "निरस्त" in person_message.body
    officer_message = Message.objects.get(purpose_key__contains="officer")
    assert personas.dpro_kanpur.mobile in officer_message.recipient
    assert personas.kanpur_person.name in officer_message.body
    # Lucknow's nominee held no seat: withdrawn, but nobody in Lucknow is told of a seat.
    assert Message.objects.count() == 2
    entry = LogEntry.objects.get_for_object(batch).latest("pk")
    assert entry.actor == personas.iitk and "cancel_reason" in entry.changes_dict


def test_no_reason_or_a_running_batch_is_refused_and_nothing_changes(personas, batch, seated):
    with pytest.raises(BatchError):
        batch_cancel(user=personas.iitk, batch=batch, reason="  ")
    batch.status = BatchStatus.RUNNING
    batch.save()
    with pytest.raises(BatchError):
        batch_cancel(user=personas.iitk, batch=batch, reason="late")
    batch.refresh_from_db()
    assert batch.status == BatchStatus.RUNNING
    assert Nomination.objects.filter(status=NominationStatus.WITHDRAWN).count() == 0
    assert not Message.objects.exists()


def test_another_institute_cannot_cancel(personas, client, batch, seated):
    with pytest.raises(BatchError):
        batch_cancel(user=personas.iiml, batch=batch, reason="no")
    client.force_login(personas.iiml)
    url = reverse("nominations:batch_cancel", args=[batch.pk])
    assert client.post(url, {"reason": "no", "confirmed": "yes"}).status_code == 404
    batch.refresh_from_db()
    assert batch.status == BatchStatus.OPEN


def test_a_plain_status_change_cannot_cancel(personas, batch):
    with pytest.raises(BatchError):
        batch_set_status(user=personas.iitk, batch=batch, status=BatchStatus.CANCELLED)


def test_cancel_page_asks_first_then_cancels_and_says_so(personas, client, batch, seated):
    client.force_login(personas.iitk)
    page = client.get(batch.get_absolute_url()).content.decode()
    assert 'data-testid="cancel-batch"' in page
    url = reverse("nominations:batch_cancel", args=[batch.pk])
    asked = client.post(url, {"reason": "बाढ़"})
    text = asked.content.decode()
    assert 'data-testid="cancel-confirm"' in text and "2 सक्रिय नामांकन" in text
    batch.refresh_from_db()
    assert batch.status == BatchStatus.OPEN  # only asked
    done = client.post(url, {"reason": "बाढ़", "confirmed": "yes"}, follow=True)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.CANCELLED
    assert "निरस्त कर दिया गया" in done.content.decode()
    assert 'data-testid="cancel-reason"' in done.content.decode()


def test_a_status_change_asks_first_and_says_what_happened(personas, client, batch):
    client.force_login(personas.iitk)
    url = reverse("nominations:batch_status", args=[batch.pk])
    asked = client.post(url, {"status": "locked"})
    assert 'data-testid="status-confirm"' in asked.content.decode()
    batch.refresh_from_db()
    assert batch.status == BatchStatus.OPEN
    done = client.post(url, {"status": "locked", "confirmed": "yes"}, follow=True)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.LOCKED
    assert "सीटों की सूची अंतिम है" in done.content.decode()
