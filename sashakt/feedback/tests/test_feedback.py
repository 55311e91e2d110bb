"""Feedback: one answer per person, anonymous to trainers, no breakdown below five answers."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from sashakt.feedback import services
from sashakt.feedback.models import FeedbackResponse
from sashakt.feedback.selectors import programme_trends, summarise, trainer_sessions
from sashakt.feedback.services import FeedbackError
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.programmes.models import BatchSession
from sashakt.test import batch_make, person_make, programme_make

pytestmark = pytest.mark.django_db

SESSION_RATINGS = {"content": 4, "trainer": 5, "relevance": 3}
BATCH_RATINGS = {"content": 4, "trainer": 4, "relevance": 5, "arrangements": 2}


@pytest.fixture
def done_batch(personas):
    programme = programme_make(personas.iitk_institute)
    batch = batch_make(programme, start=datetime.date(2025, 8, 26), status="completed")
    session = BatchSession.objects.create(
        batch=batch,
        date=batch.start_date,
        starts_at=datetime.time(10),
        title="Gram Sabha",
        method="lecture",
        trainer=personas.trainer,
    )
    people = [personas.participant.person] + [
        person_make(name=f"सदस्य {n}", name_alt=f"Member {n}", mobile=f"98390202{n:02d}")
        for n in range(1, 6)
    ]
    nominations = [
        Nomination.objects.create(
            programme=programme,
            batch=batch,
            person=person,
            district=person.district,
            designation=person.designation,
            status=NominationStatus.ATTENDED,
        )
        for person in people
    ]
    return batch, session, nominations


def test_a_participant_rates_a_session_once(personas, done_batch):
    batch, session, nominations = done_batch
    user = personas.participant
    services.feedback_submit(
        user=user,
        nomination=nominations[0],
        session=session,
        ratings=SESSION_RATINGS,
        comment=" बहुत अच्छा ",
    )
    response = FeedbackResponse.objects.get()
    assert response.comment == "बहुत अच्छा"
    assert sorted(response.ratings.values_list("value", flat=True)) == [3, 4, 5]
    with pytest.raises(FeedbackError, match="already"):
        services.feedback_submit(
            user=user, nomination=nominations[0], session=session, ratings=SESSION_RATINGS
        )


def test_every_face_must_be_chosen_and_only_for_ones_own_nomination(personas, done_batch):
    batch, session, nominations = done_batch
    with pytest.raises(FeedbackError, match="every question"):
        services.feedback_submit(
            user=personas.participant,
            nomination=nominations[0],
            session=session,
            ratings={"content": 4},
        )
    with pytest.raises(FeedbackError):
        services.feedback_submit(
            user=personas.participant,
            nomination=nominations[1],
            session=session,
            ratings=SESSION_RATINGS,
        )


def test_feedback_waits_for_the_session(personas, done_batch):
    batch, session, nominations = done_batch
    session.date = datetime.date.today() + datetime.timedelta(days=3)
    session.save()
    with pytest.raises(FeedbackError, match="taken place"):
        services.feedback_submit(
            user=personas.participant,
            nomination=nominations[0],
            session=session,
            ratings=SESSION_RATINGS,
        )


def _everyone_answers(personas, session, nominations, count):
    for n, nomination in enumerate(nominations[:count]):
        services.feedback_submit(
            user=personas.iitk,
            nomination=nomination,
            session=session,
            ratings={"content": 1 + n % 5, "trainer": 5, "relevance": 4},
            comment=f"टिप्पणी {n}",
            assisted=True,
        )
    # Given on the day of the session (these batches are long past).
    session.feedback.update(created_at=_on(session.date))


def _on(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(17)))


def test_fewer_than_five_answers_show_no_breakdown(personas, done_batch):
    batch, session, nominations = done_batch
    _everyone_answers(personas, session, nominations, 4)
    summary = summarise(session.feedback.all())
    assert summary.n == 4 and summary.items == [] and summary.comments == []


def test_the_breakdown_from_five_answers(personas, done_batch):
    batch, session, nominations = done_batch
    _everyone_answers(personas, session, nominations, 5)
    summary = summarise(session.feedback.all())
    content = next(s for s in summary.items if s.item.code == "content")
    assert content.counts == [1, 1, 1, 1, 1] and content.mean == 3
    assert sorted(summary.comments) == summary.comments and len(summary.comments) == 5


def test_a_trainers_view_never_reveals_an_author(client, personas, done_batch):
    batch, session, nominations = done_batch
    _everyone_answers(personas, session, nominations, 6)
    [(own, summary)] = trainer_sessions(personas.trainer)
    assert own == session and summary.n == 6
    client.force_login(personas.trainer)
    page = client.get(reverse("feedback:mine")).content.decode()
    assert "टिप्पणी 3" in page  # comments are shown ...
    for nomination in nominations:  # ... but no name or mobile of anyone who answered
        assert nomination.person.name not in page and nomination.person.mobile not in page
    # Comments come sorted by text, not in the order people answered.
    assert page.index("टिप्पणी 0") < page.index("टिप्पणी 5")
    client.force_login(personas.iiml)
    assert client.get(reverse("feedback:batch", args=[batch.pk])).status_code == 404
    client.force_login(personas.trainer)
    assert client.get(reverse("feedback:batch", args=[batch.pk])).status_code == 403


def test_another_trainer_sees_nothing_of_this_session(personas, done_batch):
    from sashakt.test import user_make

    batch, session, nominations = done_batch
    _everyone_answers(personas, session, nominations, 5)
    other = user_make("trainer-2", "trainer", institute=personas.iitk_institute)
    assert trainer_sessions(other) == []


def test_the_participant_page_with_faces(client, personas, done_batch):
    batch, session, nominations = done_batch
    client.force_login(personas.participant)
    listing = client.get(reverse("feedback:home"))
    assert b"give-session" in listing.content and b"give-batch" in listing.content
    url = reverse("feedback:give_session", args=[nominations[0].pk, session.pk])
    page = client.get(url)
    assert b'data-testid="face-content-5"' in page.content and b"<script>" not in page.content
    response = client.post(url, {"item-content": "5", "item-trainer": "4", "item-relevance": "4"})
    assert response.status_code == 302 and FeedbackResponse.objects.count() == 1
    url = reverse("feedback:give_batch", args=[nominations[0].pk])
    client.post(url, {f"item-{k}": str(v) for k, v in BATCH_RATINGS.items()})
    assert FeedbackResponse.objects.filter(session__isnull=True).count() == 1


def test_the_institute_sees_trends_across_batches(client, personas, done_batch):
    batch, session, nominations = done_batch
    for nomination in nominations[:5]:
        services.feedback_submit(
            user=personas.iitk,
            nomination=nomination,
            session=None,
            ratings=BATCH_RATINGS,
            assisted=True,
        )
    items, rows = programme_trends(batch.programme)
    [(item_means)] = [row["cells"] for row in rows if row["batch"] == batch]
    assert {item.code: mean for item, mean in item_means}["arrangements"] == 2
    client.force_login(personas.iitk)
    assert client.get(reverse("feedback:trends", args=[batch.programme_id])).status_code == 200
    page = client.get(reverse("feedback:batch", args=[batch.pk]))
    assert page.status_code == 200 and b'data-testid="whole-batch"' in page.content


def test_the_institute_uploads_a_recording_of_a_feedback_question(client, personas, done_batch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sashakt.feedback.models import FeedbackItem

    batch, session, nominations = done_batch
    item = FeedbackItem.objects.get(code="content", applies_to="session")
    client.force_login(personas.iitk)
    recording = SimpleUploadedFile("content.m4a", b"\x00" * 2000, content_type="audio/mp4")
    client.post(reverse("feedback:items"), {"item": item.pk, "audio": recording})
    item.refresh_from_db()
    assert item.audio and item.audio_url
    assert client.get(item.audio_url).status_code == 200
    client.force_login(personas.participant)
    page = client.get(reverse("feedback:give_session", args=[nominations[0].pk, session.pk]))
    assert item.audio_url.encode() in page.content
    client.force_login(personas.trainer)
    assert client.get(reverse("feedback:items")).status_code == 403
    with pytest.raises(FeedbackError):
        services.item_recording_set(user=personas.trainer, item=item, audio=recording)
    not_sound = SimpleUploadedFile("content.exe", b"MZ", content_type="application/octet-stream")
    client.force_login(personas.iitk)
    client.post(reverse("feedback:items"), {"item": item.pk, "audio": not_sound})
    item.refresh_from_db()
    assert item.audio.name.endswith(".m4a")


def test_a_coordinator_records_feedback_with_help(client, personas, done_batch):
    batch, session, nominations = done_batch
    client.force_login(personas.iitk)
    url = reverse("feedback:assist", args=[batch.pk])
    page = client.get(url, {"nomination": nominations[2].pk, "session": session.pk})
    assert b'data-testid="assisted-banner"' in page.content
    data = {"nomination": nominations[2].pk, "session": session.pk, "comment": ""}
    data.update({f"item-{k}": str(v) for k, v in SESSION_RATINGS.items()})
    assert client.post(url, data).status_code == 302
    response = FeedbackResponse.objects.get()
    assert response.assisted and response.nomination == nominations[2]
    client.force_login(personas.iiml)
    assert client.get(url, {"nomination": nominations[2].pk}).status_code == 404


def test_a_trainer_reads_a_sessions_feedback_only_once_the_batchs_feedback_has_closed(
    client, personas, done_batch, settings
):
    # Issue 23, item 29: a trainer could tell which rating and comment a participant had just
    # given by comparing the page before and after. Feedback is shown to trainers only after
    # the batch's feedback closes, and only what came in by then.
    batch, session, nominations = done_batch
    _everyone_answers(personas, session, nominations, 5)
    closes = timezone.make_aware(
        datetime.datetime.combine(batch.end_date, datetime.time())
    ) + datetime.timedelta(days=settings.FEEDBACK_TRAINER_DELAY_DAYS + 1)
    [(_session, before)] = trainer_sessions(
        personas.trainer, now=closes - datetime.timedelta(minutes=1)
    )
    assert before.n == 0 and not before.items and before.shown_from == closes.date()
    [(_session, after)] = trainer_sessions(personas.trainer, now=closes)
    assert after.n == 5 and after.items
    # A late answer changes nothing a trainer can see.
    _everyone_answers(personas, session, nominations[5:], 1)
    session.feedback.filter(nomination=nominations[5]).update(created_at=closes)
    [(_session, later)] = trainer_sessions(personas.trainer)
    assert later.n == 5 and [s.counts for s in later.items] == [s.counts for s in after.items]


def test_the_trainers_page_says_when_feedback_will_be_shown(client, personas):
    programme = programme_make(personas.iitk_institute)
    batch = batch_make(programme, start=timezone.localdate() - datetime.timedelta(days=4))
    BatchSession.objects.create(
        batch=batch,
        date=batch.start_date,
        starts_at=datetime.time(10),
        title="Gram Sabha",
        method="lecture",
        trainer=personas.trainer,
    )
    client.force_login(personas.trainer)
    page = client.get(reverse("feedback:mine")).content.decode()
    assert 'data-testid="not-yet"' in page and "से दिखाई" in page
