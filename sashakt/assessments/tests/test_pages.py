"""Test pages through real HTTP: a participant takes a test, a coordinator manages the batch,
records an assisted attempt, reads results; others see only what their scope allows."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from sashakt.assessments import services
from sashakt.assessments.models import AssessmentKind, Attempt
from sashakt.assessments.tests.factories import batch_with_tests
from sashakt.programmes.models import BatchSession

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch_setup(personas):
    return batch_with_tests(personas)


def test_a_participant_takes_the_pre_test_on_the_phone(client, personas, batch_setup):
    batch, (module, single, multiple, short), nominations = batch_setup
    client.force_login(personas.participant)
    page = client.get(reverse("assessments:my_tests"))
    assert page.status_code == 200 and b'data-testid="start-pre"' in page.content
    pre = batch.assessments.get(kind=AssessmentKind.PRE)
    response = client.post(reverse("assessments:test_start", args=[pre.pk]))
    attempt = Attempt.objects.get(assessment=pre)
    assert response.url == reverse("assessments:attempt_take", args=[attempt.pk])
    page = client.get(response.url)
    html = page.content.decode()
    assert page.status_code == 200
    assert single.text_hi in html and 'data-testid="play"' in html
    assert "<script>" not in html  # CSP: scripts come from files only
    assert len(page.content) < 200_000
    right = single.options.get(is_correct=True)
    saved = client.post(
        reverse("assessments:answer_save", args=[attempt.pk]),
        {"question": single.pk, "option": [right.pk]},
    )
    assert saved.json() == {"saved": True}
    refused = client.post(
        reverse("assessments:answer_save", args=[attempt.pk]),
        {"question": single.pk, "option": [multiple.options.first().pk]},
    )
    assert refused.status_code == 400 and refused.json()["error"]
    done = client.post(
        reverse("assessments:attempt_submit", args=[attempt.pk]),
        {f"q{short.pk}": "ई-ग्राम स्वराज पोर्टल"},
        follow=True,
    )
    assert b'data-testid="test-done"' in done.content
    attempt.refresh_from_db()
    assert attempt.submitted_at and attempt.score == 1 and attempt.awaiting_marking


def test_nobody_else_can_open_a_participants_attempt(client, personas, batch_setup):
    batch, _bank, nominations = batch_setup
    pre = batch.assessments.get(kind=AssessmentKind.PRE)
    client.force_login(personas.participant)
    client.post(reverse("assessments:test_start", args=[pre.pk]))
    attempt = Attempt.objects.get(assessment=pre)
    for user in (personas.iitk, personas.dpro_kanpur, personas.trainer, personas.state):
        client.force_login(user)
        assert client.get(reverse("assessments:attempt_take", args=[attempt.pk])).status_code == 404


def test_a_coordinator_opens_tests_and_records_an_assisted_attempt(client, personas, batch_setup):
    batch, (module, single, *_), nominations = batch_setup
    client.force_login(personas.iitk)
    page = client.get(reverse("assessments:batch_tests", args=[batch.pk]))
    assert page.status_code == 200 and b'data-testid="open-pre"' in page.content
    post = batch.assessments.get(kind=AssessmentKind.POST)
    response = client.post(reverse("assessments:assist_start", args=[post.pk, nominations[1].pk]))
    attempt = Attempt.objects.get(assessment=post, nomination=nominations[1])
    assert attempt.assisted and attempt.recorded_by == personas.iitk
    page = client.get(response.url)
    assert b'data-testid="assisted-banner"' in page.content
    client.post(
        reverse("assessments:attempt_submit", args=[attempt.pk]),
        {f"q{single.pk}": [single.options.get(is_correct=True).pk]},
    )
    results = client.get(reverse("assessments:batch_results", args=[batch.pk]))
    assert results.status_code == 200
    assert nominations[1].person.name in results.content.decode()


def test_a_coordinator_of_another_institute_and_other_districts_see_nothing(
    client, personas, batch_setup
):
    batch, *_ = batch_setup
    client.force_login(personas.iiml)
    assert client.get(reverse("assessments:batch_tests", args=[batch.pk])).status_code == 404
    assert client.get(reverse("assessments:batch_results", args=[batch.pk])).status_code == 404
    client.force_login(personas.dpro_lucknow)
    assert client.get(reverse("assessments:batch_results", args=[batch.pk])).status_code == 404
    client.force_login(personas.participant)
    assert client.get(reverse("assessments:batch_results", args=[batch.pk])).status_code == 403


def test_a_trainer_sees_question_analysis_without_names(client, personas, batch_setup):
    batch, _bank, nominations = batch_setup
    BatchSession.objects.create(
        batch=batch,
        date=batch.start_date,
        starts_at="10:00",
        title="Leadership",
        method="lecture",
        trainer=personas.trainer,
    )
    client.force_login(personas.trainer)
    page = client.get(reverse("assessments:batch_results", args=[batch.pk]))
    assert page.status_code == 200
    assert b'data-testid="question-results"' in page.content
    assert b'data-testid="people-results"' not in page.content
    for nomination in nominations:
        assert nomination.person.name not in page.content.decode()


def test_times_are_set_on_the_batch_page(client, personas, batch_setup):
    batch, *_ = batch_setup
    client.force_login(personas.iitk)
    url = reverse("assessments:schedule", args=[batch.pk, "pre"])
    client.post(url, {"pre-opens_at": "2030-01-10T09:00", "pre-closes_at": "2030-01-10T08:00"})
    pre = batch.assessments.get(kind="pre")
    assert pre.opens_at.year != 2030  # refused: closes before it opens
    client.post(
        url,
        {
            "pre-opens_at": "2030-01-10T09:00",
            "pre-closes_at": "2030-01-10T10:00",
            "pre-time_limit_minutes": "20",
            "action": "save",
        },
    )
    pre.refresh_from_db()
    assert pre.time_limit_minutes == 20 and pre.opens_at.hour == 3  # 09:00 IST is 03:30 UTC


def test_a_coordinator_takes_a_question_out_of_use_on_its_page(client, personas, batch_setup):
    batch, (module, single, *_), nominations = batch_setup
    client.force_login(personas.iitk)
    url = reverse("assessments:question_edit", args=[single.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = {"text_hi": single.text_hi, "text_en": single.text_en}  # "in use" left unticked
    for option in single.options.all():
        data[f"option_{option.pk}_hi"] = option.text_hi
        data[f"option_{option.pk}_en"] = option.text_en
        if option.is_correct:
            data[f"option_{option.pk}_correct"] = "on"
    assert client.post(url, data).status_code == 302
    single.refresh_from_db()
    assert not single.active
    client.force_login(personas.iiml)
    assert client.get(url).status_code == 404


def test_a_questions_recording_is_heard_only_by_those_of_its_programme(
    client, personas, batch_setup
):
    import io
    import wave

    from django.core.files.base import ContentFile

    from sashakt.assessments import services

    batch, (module, single, multiple, short), nominations = batch_setup
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(8000)
        sound.writeframes(b"\x00\x00" * 800)
    services.recording_set(
        user=personas.iitk, thing=single, audio=ContentFile(buffer.getvalue(), name="q.wav")
    )
    url = reverse("assessments:recording", args=["question", single.pk])
    for persona, status in [
        ("participant", 200),  # holds seat 1 of the batch
        ("iitk", 200),
        ("state", 200),
        ("iiml", 404),  # another institute's test
        ("dpro_lucknow", 404),
        ("trainer", 404),  # teaches no session of this programme
    ]:
        client.force_login(personas.all_users()[persona])
        assert client.get(url).status_code == status, persona


def test_the_open_button_says_what_it_does_and_the_message_says_it_opened(
    client, personas, batch_setup
):
    """The button once read "अभी खुली है" ("is open now"), the words of the status badge."""
    batch, *_ = batch_setup
    client.force_login(personas.iitk)
    page = client.get(reverse("assessments:batch_tests", args=[batch.pk])).content.decode()
    button = page.split('data-testid="open-now-post">')[1].split("</button>")[0]
    assert button == "अभी खोलें"
    response = client.post(
        reverse("assessments:schedule", args=[batch.pk, "post"]), {"action": "open"}, follow=True
    )
    assert batch.assessments.get(kind="post").is_open(timezone.now())
    assert "परीक्षा अब खुल गई है" in response.content.decode()
    assert "परीक्षा का समय सहेज लिया गया" not in response.content.decode()


def test_a_participant_with_seats_in_two_batches_sees_each_batchs_tests_in_three_queries(
    personas, batch_setup
):
    """A whole hall opens "my tests" when the trainer says start: the page reads the seats,
    their attempts and their tests in three queries, however many batches a person sat."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sashakt.assessments.selectors import my_tests
    from sashakt.assessments.tests.factories import seat
    from sashakt.test import batch_make, programme_make

    first_batch, _bank, _nominations = batch_setup
    with CaptureQueriesContext(connection) as one_seat:
        assert len(my_tests(personas.participant)) == len(AssessmentKind.values)
    later = batch_make(programme_make(personas.iitk_institute), status="running")
    second = seat(later, personas.participant.person, 1)
    now = timezone.now()
    services.assessment_schedule(
        user=personas.iitk,
        batch=later,
        kind=AssessmentKind.PRE,
        opens_at=now + datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=2),
        time_limit_minutes=None,
    )
    with CaptureQueriesContext(connection) as two_seats:
        rows = my_tests(personas.participant)
    assert len(two_seats) == len(one_seat) == 3
    by_batch: dict[int | None, list[dict]] = {}
    for row in rows:
        assert row["assessment"].batch_id == row["nomination"].batch_id
        by_batch.setdefault(row["nomination"].batch_id, []).append(row)
    assert len(by_batch[first_batch.pk]) == len(AssessmentKind.values)
    [later_row] = by_batch[later.pk]
    assert later_row["nomination"] == second and not later_row["open"]
    assert not later_row["can_start"]
