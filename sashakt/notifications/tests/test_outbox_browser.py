"""The outbox on a 360-px phone, in chromium (skipped where chromium is absent, never in CI)."""

import pytest

from sashakt.conftest import PHONE, TEST_OUTPUT, browser_sign_in
from sashakt.notifications.models import Channel, Message, MessageStatus
from sashakt.test import personas_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_outbox_fits_a_phone(browser, live_server, settings):
    settings.NOTIFICATIONS_CHANNEL = "console"
    personas_make()
    message = Message.objects.create(
        channel=Channel.EMAIL,
        recipient="zila.panchayat.adhyaksh.kanpur.nagar@up-panchayatiraj.example.gov.in",
        purpose_key="certificate-ready:IITK-2025-BATCH-0001-PARTICIPANT-000123456789",
        body="आपका प्रमाणपत्र तैयार है: https://sashakt.example.gov.in/certificates/verify/ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
        status=MessageStatus.FAILED,
        attempts=5,
        last_error="HTTP 503: " + "gateway-overloaded-" * 10,
        provider_answer="x" * 400,
    )
    TEST_OUTPUT.mkdir(exist_ok=True)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    browser_sign_in(page, live_server.url, "state")
    for slug, url in [("outbox", "/notifications/"), ("message", message.get_absolute_url())]:
        page.goto(live_server.url + url)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], url
        page.screenshot(path=TEST_OUTPUT / f"{slug}-hi-phone.png", full_page=True)
    context.close()
