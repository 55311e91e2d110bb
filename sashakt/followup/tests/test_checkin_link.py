"""The check-in page a SMS links to: no password, a signed token bound to one plan and stage;
its refusals (tampered, expired, another person's plan, used twice) and the limits on what
may be uploaded (a 40 MB photo, a voice note that is not a recording)."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from sashakt.followup.checkin_links import checkin_token, checkin_token_check
from sashakt.followup.models import CheckIn, CheckInAnswer, CommitmentStatus
from sashakt.followup.tests.world import JPEG, WEBM, plan_make, world_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_plan(personas):
    """The participant persona's plan, whose batch ended 90 days ago: the 90-day check-in."""
    world = world_make(personas, ended_days_ago=90)
    return plan_make(world.own, personas.participant), world


def _url(token: str) -> str:
    return reverse("followup:checkin", args=[token])


def _answer(plan, **files) -> dict:
    commitment = plan.commitments.get()
    data = {
        f"status_{commitment.pk}": "done",
        f"factor_{commitment.pk}": "gram_sabha",
        f"comment_{commitment.pk}": "Tank cleaned",
    }
    for name, upload in files.items():
        data[f"{name}_{commitment.pk}"] = upload
    return data


def test_the_link_lets_the_person_answer_once_then_shows_it_is_answered(client, due_plan):
    plan, _world = due_plan
    token = checkin_token(plan, 90)
    page = client.get(_url(token))
    assert page.status_code == 200 and b'data-testid="checkin-form"' in page.content
    photo = SimpleUploadedFile("tank.jpg", JPEG, content_type="image/jpeg")
    voice = SimpleUploadedFile("note.webm", WEBM, content_type="audio/webm")
    done = client.post(_url(token), _answer(plan, photo=photo, voice=voice))
    assert b'data-testid="checkin-done"' in done.content
    checkin = CheckIn.objects.get(plan=plan, stage=90)
    assert checkin.channel == "link" and checkin.recorded_by is None
    answer = CheckInAnswer.objects.get(checkin=checkin)
    assert answer.status == "done" and answer.comment == "Tank cleaned"
    # Stored privately under a random name, never the sender's.
    assert answer.photo.name.endswith(".jpg") and "tank" not in answer.photo.name
    assert default_storage.exists(answer.photo.name) and answer.voice_note.name.endswith(".webm")
    assert plan.commitments.get().status == CommitmentStatus.DONE
    again = client.get(_url(token))
    assert b'data-refusal="answered"' in again.content
    post_again = client.post(_url(token), _answer(plan))
    assert b'data-refusal="answered"' in post_again.content
    assert CheckIn.objects.filter(plan=plan).count() == 1


def test_the_sms_short_link_leads_to_the_page(client, due_plan):
    plan, _world = due_plan
    token = checkin_token(plan, 90)
    response = client.get(f"/c/{token}")
    assert response.status_code == 301 and response["Location"] == _url(token)


def test_an_altered_link_is_refused(client, due_plan):
    plan, _world = due_plan
    token = checkin_token(plan, 90)
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")
    for bad in (altered, "nonsense", token.replace(".", "x", 1)):
        page = client.get(_url(bad))
        assert b'data-refusal="tampered"' in page.content, bad
    assert checkin_token_check(altered).plan is None


def test_an_expired_link_is_refused(client, due_plan):
    plan, _world = due_plan
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    page = client.get(_url(checkin_token(plan, 90, expires=yesterday)))
    assert b'data-refusal="expired"' in page.content
    post = client.post(_url(checkin_token(plan, 90, expires=yesterday)), _answer(plan))
    assert b'data-refusal="expired"' in post.content
    assert not CheckIn.objects.exists()


def test_another_persons_plan_is_refused_to_a_signed_in_participant(client, personas, due_plan):
    _plan, world = due_plan
    other = plan_make(world.kanpur, personas.state)
    client.force_login(personas.participant)
    page = client.get(_url(checkin_token(other, 90)))
    assert b'data-refusal="not_yours"' in page.content
    assert not CheckIn.objects.exists()


def test_a_40_mb_photo_is_refused_clearly_and_nothing_is_written(client, due_plan):
    plan, _world = due_plan
    huge = SimpleUploadedFile("big.jpg", JPEG + b"\x00" * (40 * 1024 * 1024), "image/jpeg")
    page = client.post(_url(checkin_token(plan, 90)), _answer(plan, photo=huge))
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-testid="photo-error"' in text and "40.0" in text and "5.0" in text
    assert not CheckIn.objects.exists() and not CheckInAnswer.objects.exists()
    assert plan.commitments.get().status == CommitmentStatus.PLANNED


def test_a_file_that_is_not_a_photo_is_refused(client, due_plan):
    plan, _world = due_plan
    fake = SimpleUploadedFile("tank.jpg", b"%PDF-1.4 not a photo", "image/jpeg")
    page = client.post(_url(checkin_token(plan, 90)), _answer(plan, photo=fake))
    assert 'data-testid="photo-error"' in page.content.decode()
    assert not CheckIn.objects.exists()


def test_a_voice_note_in_a_format_we_cannot_play_is_refused(client, due_plan):
    plan, _world = due_plan
    text = SimpleUploadedFile("note.webm", b"just some text, not audio", "audio/webm")
    page = client.post(_url(checkin_token(plan, 90)), _answer(plan, voice=text))
    assert 'data-testid="voice-error"' in page.content.decode()
    assert not CheckIn.objects.exists()


def test_a_checkin_not_yet_due_cannot_be_answered(client, personas):
    world = world_make(personas, ended_days_ago=10)
    plan = plan_make(world.own, personas.participant)
    page = client.post(_url(checkin_token(plan, 30)), _answer(plan))
    opens = world.batch.end_date + datetime.timedelta(days=30)
    assert opens.strftime("%d/%m/%Y") in page.content.decode()  # "This check-in opens on ..."
    assert not CheckIn.objects.exists()
