"""The countdown on a phone: a test that stays open for days says so in words (it used to
count "4319:55" minutes), and the last hours count down as hours, minutes and seconds."""

import datetime
import re

import pytest
from django.utils import timezone

from sashakt.assessments import services
from sashakt.assessments.models import AssessmentKind
from sashakt.assessments.tests.factories import batch_with_tests
from sashakt.conftest import PHONE, browser_sign_in
from sashakt.test import personas_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _schedule_pre_test(personas, batch, *, closes_in, limit=None):
    now = timezone.now()
    services.assessment_schedule(
        user=personas.iitk,
        batch=batch,
        kind=AssessmentKind.PRE,
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + closes_in,
        time_limit_minutes=limit,
    )


def test_a_test_open_for_days_shows_days_and_the_last_hours_count_down(browser, live_server):
    personas = personas_make()
    batch, _bank, _nominations = batch_with_tests(personas)
    _schedule_pre_test(personas, batch, closes_in=datetime.timedelta(days=3))
    page = browser.new_context(viewport=PHONE).new_page()
    browser_sign_in(page, live_server.url, "participant")
    page.goto(live_server.url + "/assessments/mine/")
    page.click("[data-testid=start-pre]")
    page.wait_for_selector("#timer")
    page.wait_for_timeout(1500)  # the clock has ticked at least once
    far = page.inner_text("#timer")
    assert not re.fullmatch(r"[\d:]+", far), far  # words, not thousands of minutes
    assert "दिन" in far

    # The coordinator moves the close to 90 minutes from now: the attempt's deadline follows.
    _schedule_pre_test(personas, batch, closes_in=datetime.timedelta(minutes=90))
    page.reload()
    page.wait_for_timeout(1500)
    near = page.inner_text("#timer")
    assert re.fullmatch(r"1:(29|30):\d\d", near), near
