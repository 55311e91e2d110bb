"""Browser test: a participant signs in on a 360-px phone, in Hindi, with a one-time code
(read here from the outbox row the console channel wrote). Skipped where chromium is absent,
never in CI."""

import re

import pytest

from sashakt.conftest import PHONE, TEST_OUTPUT
from sashakt.notifications.models import Message
from sashakt.test import personas_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_participant_signs_in_with_a_code_on_a_phone_in_hindi(browser, live_server, settings):
    settings.NOTIFICATIONS_CHANNEL = "console"
    personas = personas_make()
    TEST_OUTPUT.mkdir(exist_ok=True)
    context = browser.new_context(viewport=PHONE, locale="en-US")
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "hi"
    page.click("[data-testid=code-sign-in]")
    assert "आपका मोबाइल नंबर" in page.content()
    page.fill("input[name=mobile]", "94150 00002")
    page.screenshot(path=TEST_OUTPUT / "sign-in-code-mobile-hi-phone.png", full_page=True)
    page.click("button.primary")
    page.wait_for_url(live_server.url + "/accounts/code/enter/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    body = page.content()
    assert "6 अंकों का कोड" in body

    message = Message.objects.get(purpose_key__startswith=f"otp:{personas.participant.pk}:")
    code = re.search(r"\b(\d{6})\b", message.body).group(1)
    page.fill("input[name=code]", code)
    page.screenshot(path=TEST_OUTPUT / "sign-in-code-enter-hi-phone.png", full_page=True)
    page.click("button.primary")
    page.wait_for_url(live_server.url + "/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert "गीता पाल" in page.content() or "Geeta" in page.content()
    page.screenshot(path=TEST_OUTPUT / "participant-after-code-hi-phone.png", full_page=True)
    context.close()
