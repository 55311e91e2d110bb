"""Each step of a nomination told by the outbox (issue 25): who gets what, in which
language, once; sent after the step's transaction commits; nobody without a mobile told."""

import datetime

import pytest
from django.utils import timezone

from sashakt.nominations.models import NominationStatus
from sashakt.nominations.services import (
    nomination_approve,
    nomination_create,
    nomination_decline,
    nomination_reject,
)
from sashakt.nominations.telling import tell_after_decision
from sashakt.notifications.models import Message
from sashakt.programmes.models import Venue
from sashakt.programmes.services import BatchError, batch_change_dates, batch_change_venue
from sashakt.test import batch_make, programme_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(personas):
    start = timezone.localdate() + datetime.timedelta(days=30)
    return batch_make(programme_make(personas.iitk_institute), capacity=1, start=start)


@pytest.fixture
def now(django_capture_on_commit_callbacks):
    """Run the after-commit callbacks of the block at its end, as a real commit does."""

    def run(step):
        with django_capture_on_commit_callbacks(execute=True):
            return step()

    return run


def _messages(prefix: str):
    return list(Message.objects.filter(purpose_key__startswith=prefix).order_by("pk"))


def test_nominated_tells_the_person_in_hindi_by_default(personas, batch, now):
    person = personas.kanpur_person
    nomination = now(
        lambda: nomination_create(user=personas.dpro_kanpur, person=person, batch=batch)
    )
    [message] = _messages("nominated:")
    assert message.purpose_key == f"nominated:{nomination.pk}"
    assert person.mobile in message.recipient
    assert "राम कुमार" in message.body and "नामांकन" in message.body
    assert batch.programme.title_hi in message.body


def test_a_nomination_for_any_batch_is_told_the_programmes_dates(personas, batch, now):
    """Nominated for the programme, not a batch: the message carries the programme's span
    (first batch's start to last batch's end), never an empty "( से)"."""
    later = batch_make(
        batch.programme, start=batch.start_date + datetime.timedelta(days=28), number=2
    )
    now(
        lambda: nomination_create(
            user=personas.dpro_kanpur, person=personas.kanpur_person, programme=batch.programme
        )
    )
    [message] = _messages("nominated:")
    assert f"({batch.start_date:%d/%m/%Y} से)" in message.body, message.body
    assert "( से)" not in message.body and later.end_date > batch.end_date


def test_english_speakers_are_told_in_english(personas, batch, now):
    user = personas.participant
    user.language = "en"
    user.save(update_fields=["language"])
    nomination = now(
        lambda: nomination_create(user=personas.state, person=user.person, batch=batch)
    )
    [message] = _messages("nominated:")
    assert message.purpose_key == f"nominated:{nomination.pk}"
    assert message.body.startswith("Dear Geeta Pal, you are nominated for the")
    assert batch.programme.title_en in message.body


def test_nothing_is_sent_before_the_commit_or_to_a_person_without_a_mobile(personas, batch, now):
    nomination_create(user=personas.dpro_kanpur, person=personas.kanpur_person, batch=batch)
    assert not _messages("nominated:")  # the test's transaction never committed
    person = personas.lucknow_person
    person.mobile = None
    person.save()
    now(lambda: nomination_create(user=personas.dpro_lucknow, person=person, batch=batch))
    assert not _messages("nominated:")


def test_seat_offered_then_waitlisted_then_promoted(personas, batch, now):
    first = nomination_create(user=personas.dpro_kanpur, person=personas.kanpur_person, batch=batch)
    second = nomination_create(
        user=personas.dpro_lucknow, person=personas.lucknow_person, batch=batch
    )
    now(lambda: nomination_approve(user=personas.state, nomination=first))
    [offer] = _messages("seat-offered:")
    assert offer.purpose_key == f"seat-offered:{first.pk}:{batch.pk}"
    assert "/a/" in offer.body and "सीट" in offer.body
    answer_by = batch.start_date - datetime.timedelta(days=3)
    assert answer_by.strftime("%d/%m/%Y") in offer.body

    now(lambda: nomination_approve(user=personas.state, nomination=second))
    [waiting] = _messages("waitlisted:")
    assert personas.lucknow_person.mobile in waiting.recipient and "प्रतीक्षा" in waiting.body

    first.refresh_from_db()
    now(lambda: nomination_decline(user=personas.state, nomination=first, reason="बीमार"))
    [promoted] = _messages("promoted:")
    assert promoted.purpose_key == f"promoted:{second.pk}:{batch.pk}"
    assert personas.lucknow_person.mobile in promoted.recipient
    assert "/a/" in promoted.body


def test_a_step_done_again_sends_nothing_twice(personas, batch, now):
    nomination = nomination_create(
        user=personas.dpro_kanpur, person=personas.kanpur_person, batch=batch
    )
    nomination = now(lambda: nomination_approve(user=personas.state, nomination=nomination))
    now(lambda: tell_after_decision(nomination))
    assert len(_messages("seat-offered:")) == 1


def test_rejection_tells_the_district_officer_with_the_reason(personas, batch, now):
    nomination = nomination_create(
        user=personas.dpro_kanpur, person=personas.kanpur_person, batch=batch
    )
    now(lambda: nomination_reject(user=personas.state, nomination=nomination, reason="पद पर नहीं हैं"))
    [message] = _messages("nomination-rejected:")
    assert personas.dpro_kanpur.mobile in message.recipient
    assert "पद पर नहीं हैं" in message.body and "राम कुमार" in message.body
    # The person is not told of the rejection by this event; Lucknow's officer is not told.
    assert message.purpose_key == (
        f"nomination-rejected:{nomination.pk}:officer:{personas.dpro_kanpur.pk}"
    )


def test_a_moved_batch_tells_the_seated_and_their_officers_again_on_a_second_move(
    personas, batch, now
):
    nomination = nomination_create(
        user=personas.dpro_kanpur, person=personas.kanpur_person, batch=batch
    )
    nomination_approve(user=personas.state, nomination=nomination)
    waiting = nomination_create(
        user=personas.dpro_lucknow, person=personas.lucknow_person, batch=batch
    )
    nomination_approve(user=personas.state, nomination=waiting)  # waitlisted: not told
    new_start = batch.start_date + datetime.timedelta(days=7)
    now(lambda: batch_change_dates(user=personas.iitk, batch=batch, start_date=new_start))
    moved = _messages("batch-moved:")
    assert {m.recipient[-10:] for m in moved} == {
        personas.kanpur_person.mobile,
        personas.dpro_kanpur.mobile,
    }
    assert all(new_start.strftime("%d/%m/%Y") in m.body for m in moved)
    assert all("तिथि बदली" in m.body for m in moved)
    now(
        lambda: batch_change_dates(
            user=personas.iitk, batch=batch, start_date=new_start + datetime.timedelta(days=7)
        )
    )
    assert len(_messages("batch-moved:")) == 4
    waiting.refresh_from_db()
    assert waiting.status == NominationStatus.WAITLISTED


def test_a_new_venue_tells_the_seated_in_their_language(personas, batch, now):
    user = personas.participant
    user.language = "en"
    user.save(update_fields=["language"])
    nomination = nomination_create(user=personas.state, person=user.person, batch=batch)
    nomination_approve(user=personas.state, nomination=nomination)
    venue = Venue.objects.create(
        institute=personas.iitk_institute,
        name_en="Outreach Centre",
        name_hi="आउटरीच भवन",
        room_capacity=40,
    )
    now(lambda: batch_change_venue(user=personas.iitk, batch=batch, venue=venue))
    now(lambda: batch_change_venue(user=personas.iitk, batch=batch, venue=venue))  # no change
    message, officer = _messages("venue-changed:")
    assert user.person.mobile in message.recipient
    assert message.body.startswith(f"Notice: batch {batch.number} (from ")
    assert "Outreach Centre" in message.body
    # The person's district officer, in Hindi (no preference), with the Hindi name.
    assert personas.dpro_kanpur.mobile in officer.recipient
    assert "स्थान बदला" in officer.body and "आउटरीच भवन" in officer.body


def test_a_venue_of_another_institute_is_refused(personas, batch):
    other = Venue.objects.create(
        institute=personas.iiml_institute, name_en="IIM campus", room_capacity=40
    )
    with pytest.raises(BatchError):
        batch_change_venue(user=personas.iitk, batch=batch, venue=other)
    with pytest.raises(BatchError):
        batch_change_venue(user=personas.iiml, batch=batch, venue=other)
    batch.refresh_from_db()
    assert batch.venue.institute == personas.iitk_institute
