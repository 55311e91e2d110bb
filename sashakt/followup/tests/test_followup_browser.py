"""Browser tests at 360 px: a participant writes an action plan with a voice note (Chromium's
fake microphone), a participant answers a 90-day check-in from the SMS link in the outbox
(with a photo compressed in the browser), and a district officer records one from a call."""

import io
import os
import re

import pytest
from django.urls import reverse
from PIL import Image

from sashakt.conftest import PHONE, TEST_OUTPUT, browser_sign_in, chromium_path, require_or_skip
from sashakt.followup.checkin_messages import followup_messages_due
from sashakt.followup.models import ActionPlan, CheckIn, CheckInAnswer
from sashakt.followup.tests.world import plan_make, world_make
from sashakt.notifications.models import Message
from sashakt.test import personas_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def media_browser():
    """Debian's chromium with a fake microphone that needs no permission prompt."""
    executable = chromium_path()
    require_or_skip(executable is not None, "no chromium on this machine")
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only browser tests load it

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream",
            ],
        )
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def test_a_participant_writes_an_action_plan_with_a_voice_note(media_browser, live_server):
    personas = personas_make()
    world = world_make(personas)  # the batch's last day is today
    page = media_browser.new_page(viewport=PHONE)
    browser_sign_in(page, live_server.url, "participant")
    page.click("[data-testid=my-action-plan]")
    page.select_option("#id_theme_1", "water_sufficient")
    page.fill(
        "#id_by_when_1",
        world.batch.end_date.replace(year=world.batch.end_date.year + 1).isoformat(),
    )
    page.fill("#id_for_whom_1", "हैंडपंप वाले टोले")
    page.click("[data-testid=record-start]")
    page.wait_for_selector("[data-recorder][data-state=recording]")
    page.click("[data-testid=record-stop]")
    page.wait_for_selector("[data-recorder][data-state=recorded]")
    page.screenshot(path=TEST_OUTPUT / "followup-plan-voice-hi-phone.png", full_page=True)
    page.click("[data-testid=plan-save]")
    page.wait_for_selector("[data-testid=plan-saved]")
    plan = ActionPlan.objects.get(nomination=world.own)
    assert not plan.assisted
    assert plan.commitments.get().theme == "water_sufficient"
    with plan.voice_note.open("rb") as stored:
        assert stored.read(4) == b"\x1a\x45\xdf\xa3"  # a WebM (opus) recording
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def _photo_bytes() -> bytes:
    """A real 3000 x 2000 JPEG, as a phone's camera would send."""
    image = Image.new("RGB", (3000, 2000), (40, 120, 200))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95)
    return out.getvalue()


def test_a_participant_answers_the_90_day_checkin_from_the_sms_link(
    media_browser, live_server, tmp_path
):
    personas = personas_make()
    world = world_make(personas, ended_days_ago=90)
    plan = plan_make(world.own, personas.participant)
    followup_messages_due()
    sms = Message.objects.get(purpose_key=f"checkin-due:{plan.pk}:90")
    link = re.search(r"/c/[\w.]+", sms.body)
    assert link is not None
    path = link.group(0)
    photo = tmp_path / "camera.jpg"
    photo.write_bytes(_photo_bytes())
    page = media_browser.new_page(viewport=PHONE)
    page.goto(live_server.url + path)  # no sign-in: the link is the key
    commitment = plan.commitments.get()
    page.check(f"input[name=status_{commitment.pk}][value=done]")
    page.select_option(f"#id_factor_{commitment.pk}", "training")
    page.fill(f"#id_comment_{commitment.pk}", "टंकी की सफ़ाई हो गई")
    page.set_input_files(f"[data-testid=photo-{commitment.order}]", str(photo))
    page.wait_for_selector(f"[data-testid=photo-{commitment.order}][data-state=ready]")
    page.screenshot(path=TEST_OUTPUT / "followup-checkin-hi-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.click("[data-testid=checkin-save]")
    page.wait_for_selector("[data-testid=checkin-done]")
    answer = CheckInAnswer.objects.get(checkin__plan=plan, checkin__stage=90)
    assert answer.status == "done" and answer.factor == "training"
    with answer.photo.open("rb") as stored:
        data = stored.read()
    assert data[:3] == b"\xff\xd8\xff" and len(data) < photo.stat().st_size  # compressed
    assert Image.open(io.BytesIO(data)).size == (1600, 1067)
    page.goto(live_server.url + path)
    page.wait_for_selector("[data-refusal=answered]")


def test_a_district_officer_records_a_checkin_from_the_due_list(media_browser, live_server):
    personas = personas_make()
    world = world_make(personas, ended_days_ago=30 + 14)
    plan = plan_make(world.kanpur, personas.state, themes=("water_sufficient", "healthy"))
    page = media_browser.new_page(viewport=PHONE)
    browser_sign_in(page, live_server.url, "dpro-kanpur")
    page.click("[data-testid=todo-followups]")
    page.wait_for_selector("[data-testid=due-checkin][data-overdue='1']")
    assert page.get_attribute("[data-testid=due-call]", "href") == "tel:9839012345"
    page.click("[data-testid=due-record]")
    first, second = plan.commitments.all()
    page.check(f"input[name=status_{first.pk}][value=done]")
    page.check(f"input[name=status_{second.pk}][value=stuck]")
    page.screenshot(path=TEST_OUTPUT / "followup-record-call-hi-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.click("[data-testid=call-save]")
    page.wait_for_selector("[data-testid=due-none]")
    assert page.url.endswith(reverse("followup:due"))
    checkin = CheckIn.objects.get(plan=plan, stage=30)
    assert checkin.channel == "phone" and checkin.recorded_by == personas.dpro_kanpur
    assert sorted(plan.commitments.values_list("status", flat=True)) == ["done", "stuck"]
