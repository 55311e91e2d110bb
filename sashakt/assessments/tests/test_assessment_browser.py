"""Browser tests on a 360-px phone: a participant takes the pre-test (playing a question's
recording), loses the connection mid-test and finishes it, then gives feedback with the
faces; a coordinator records an assisted attempt."""

import datetime
import importlib
import io
import wave

import pytest
from django.core.files.base import ContentFile

from sashakt.assessments import services
from sashakt.assessments.models import Answer, AssessmentKind, Attempt
from sashakt.assessments.tests.factories import batch_with_tests
from sashakt.conftest import PHONE, TEST_OUTPUT, browser_sign_in
from sashakt.programmes.models import BatchSession
from sashakt.test import personas_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _recording() -> ContentFile:
    """Half a second of quiet, as a phone's WAV recording."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(8000)
        sound.writeframes(b"\x00\x00" * 4000)
    return ContentFile(buffer.getvalue(), name="question-1.wav")


def _question(page, question):
    return page.locator("fieldset.question", has_text=question.text_hi)


def _pick(page, question, *, correct=True):
    for option in question.options.filter(is_correct=correct):
        _question(page, question).locator("label.choice", has_text=option.text_hi).click()
        if question.kind == "single":
            break


def _standard_feedback_items():
    """The feedback statements a data migration adds: a live-server test empties every table
    after it runs, so a later one puts them back (the migration's own function, re-runnable)."""
    from django.apps import apps

    importlib.import_module("sashakt.feedback.migrations.0002_standard_items").add_items(apps, None)


def test_a_participant_takes_the_pre_test_offline_and_online_then_gives_feedback(
    browser, live_server
):
    personas = personas_make()
    _standard_feedback_items()
    batch, (module, single, multiple, short), nominations = batch_with_tests(personas)
    services.recording_set(user=personas.iitk, thing=single, audio=_recording())
    BatchSession.objects.create(
        batch=batch,
        date=batch.start_date,
        starts_at=datetime.time(10),
        title="ग्राम सभा",
        method="lecture",
        trainer=personas.trainer,
    )
    TEST_OUTPUT.mkdir(exist_ok=True)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    browser_sign_in(page, live_server.url, "participant")
    page.goto(live_server.url + "/assessments/mine/")
    page.click("[data-testid=start-pre]")
    page.wait_for_selector("#test-form")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # The question's recording plays from its big Listen button.
    play = _question(page, single).locator(".question-head [data-testid=play]")
    assert play.is_visible() and play.bounding_box()["height"] >= 44
    play.click()
    page.wait_for_selector(
        "fieldset.question button.play[data-state=playing], "
        "fieldset.question button.play[data-state=played]"
    )

    _pick(page, single)
    page.wait_for_selector("[data-testid=save-state][data-state=saved]")
    attempt = Attempt.objects.get(assessment__kind=AssessmentKind.PRE)
    assert Answer.objects.filter(attempt=attempt, question=single).exists()

    # The connection drops: the answer waits on the phone ...
    context.set_offline(True)
    _pick(page, multiple)
    page.wait_for_selector("[data-testid=save-state][data-state=pending]")
    page.screenshot(path=TEST_OUTPUT / "pretest-offline-hi-phone.png", full_page=True)
    assert not Answer.objects.filter(attempt=attempt, question=multiple).exists()
    # ... and is sent when it returns.
    context.set_offline(False)
    page.wait_for_selector("[data-testid=save-state][data-state=saved]", timeout=15000)
    assert Answer.objects.filter(attempt=attempt, question=multiple).exists()

    _question(page, short).locator("textarea").fill("ई-ग्राम स्वराज पंचायत का पोर्टल है")
    page.click("[data-testid=finish]")
    page.click("[data-testid=submit]")
    page.wait_for_selector("[data-testid=test-done]")
    attempt.refresh_from_db()
    assert attempt.submitted_at and attempt.score == 2 and not attempt.assisted
    assert Answer.objects.get(attempt=attempt, question=short).text.startswith("ई-ग्राम")

    # Feedback on the session, with the faces.
    page.goto(live_server.url + "/feedback/")
    page.click("[data-testid^=give-session]")
    for code, value in (("content", 5), ("trainer", 4), ("relevance", 4)):
        page.click(f"[data-testid=face-{code}-{value}]")
    page.fill("textarea[name=comment]", "बहुत उपयोगी")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=TEST_OUTPUT / "feedback-faces-hi-phone.png", full_page=True)
    page.click("[data-testid=send-feedback]")
    # Back on the list, the session shows as given (the feedback app's own tests read the
    # stored ratings; this app may not import it).
    page.wait_for_selector("[data-testid=feedback-row] .badge")
    assert page.locator("[data-testid^=give-session]").count() == 0
    assert page.locator(".messages .success").count() == 1
    context.close()


def test_a_coordinator_records_an_assisted_attempt_on_a_phone(browser, live_server):
    personas = personas_make()
    batch, (module, single, multiple, short), nominations = batch_with_tests(personas)
    helped = nominations[1]
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    browser_sign_in(page, live_server.url, "iitk")
    page.goto(f"{live_server.url}/assessments/batch/{batch.pk}/")
    page.click(f"[data-testid=person-{helped.pk}] [data-testid=assist-post]")
    page.wait_for_selector("[data-testid=assisted-banner]")
    assert helped.person.name in page.inner_text("[data-testid=assisted-banner]")
    _pick(page, single)
    _pick(page, multiple, correct=False)
    page.wait_for_selector("[data-testid=save-state][data-state=saved]")
    page.screenshot(path=TEST_OUTPUT / "assisted-attempt-hi-phone.png", full_page=True)
    page.click("[data-testid=finish]")
    page.click("[data-testid=submit]")
    page.wait_for_selector("[data-testid=test-done]")
    attempt = Attempt.objects.get(nomination=helped, assessment__kind=AssessmentKind.POST)
    assert attempt.assisted and attempt.recorded_by == personas.iitk and attempt.score == 1
    page.goto(f"{live_server.url}/assessments/batch/{batch.pk}/results/")
    assert page.locator("[data-testid=people-results] .badge").count() == 1  # "with help"
    context.close()
