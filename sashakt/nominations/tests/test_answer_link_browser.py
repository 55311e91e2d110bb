"""A participant is offered a seat, finds the link in the SMS (the outbox row) and confirms
it on a phone-size page, without a password (Playwright driving Debian's chromium)."""

import datetime
import re

import pytest
from django.utils import timezone

from sashakt.conftest import PHONE, TEST_OUTPUT
from sashakt.nominations.models import NominationStatus
from sashakt.nominations.services import nomination_approve, nomination_create
from sashakt.notifications.models import Message
from sashakt.test import batch_make, programme_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_participant_confirms_the_seat_from_the_sms_link_on_a_phone(
    browser, live_server, personas, settings
):
    settings.SASHAKT_PUBLIC_URL = live_server.url
    start = timezone.localdate() + datetime.timedelta(days=20)
    batch = batch_make(programme_make(personas.iitk_institute), start=start)
    person = personas.participant.person
    nomination = nomination_create(user=personas.state, person=person, batch=batch)
    nomination_approve(user=personas.state, nomination=nomination)

    sms = Message.objects.get(purpose_key=f"seat-offered:{nomination.pk}:{batch.pk}")
    assert person.mobile in sms.recipient
    found = re.search(r"https?://\S+/a/\S+", sms.body)
    assert found, sms.body
    link = found.group(0)
    assert link.startswith(live_server.url)

    TEST_OUTPUT.mkdir(exist_ok=True)
    context = browser.new_context(viewport=PHONE, locale="hi-IN")
    page = context.new_page()
    page.goto(link)  # the short link redirects to /nominations/answer/<token>/
    assert "/nominations/answer/" in page.url
    assert batch.programme.title_hi in page.inner_text("[data-testid=answer]")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=TEST_OUTPUT / "answer-link-phone.png", full_page=True)

    page.click("[data-testid=answer-yes]")
    page.wait_for_selector("[data-testid=answer-done]")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.CONFIRMED
    context.close()
