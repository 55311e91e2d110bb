"""Browser test on a 360-px phone: a seat holder who came only from a district's
spreadsheet (no account, nobody made one) signs in with the code read from the outbox and
opens the pre-test. Skipped where chromium is absent."""

import datetime
import re

import pytest
from django.utils import timezone, translation
from openpyxl import Workbook

from sashakt.assessments import services
from sashakt.assessments.models import AssessmentKind, Attempt
from sashakt.assessments.tests.factories import bank_make
from sashakt.conftest import PHONE, TEST_OUTPUT
from sashakt.nominations.services import nomination_approve, nomination_confirm, nomination_create
from sashakt.notifications.models import Message
from sashakt.people.importing import participants_import
from sashakt.people.models import Person
from sashakt.test import batch_make, personas_make, programme_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
MOBILE = "9839088001"


def _imported_seat_holder(personas, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["क्र.सं.", "नाम", "लिंग", "मोबाइल नंबर", "पद", "जनपद", "विकास खंड"])
    sheet.append([1, "कमला देवी", "महिला", MOBILE, "प्रमुख", "कानपुर नगर", "बिल्हौर"])
    path = tmp_path / "kanpur-nagar.xlsx"
    book.save(path)
    with translation.override("en"):
        assert participants_import(path).written
    programme = programme_make(personas.iitk_institute)
    bank_make(programme, personas.iitk)
    start = timezone.localdate() + datetime.timedelta(days=2)
    batch = batch_make(programme, start=start, capacity=10)
    person = Person.objects.get(mobile=MOBILE)
    nomination = nomination_create(user=personas.dpro_kanpur, person=person, batch=batch)
    nomination = nomination_approve(user=personas.state, nomination=nomination)
    nomination_confirm(user=personas.dpro_kanpur, nomination=nomination)
    now = timezone.now()
    services.assessment_schedule(
        user=personas.iitk,
        batch=batch,
        kind=AssessmentKind.PRE,
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=3),
        time_limit_minutes=None,
    )
    return person


def test_a_seat_holder_from_a_sheet_signs_in_with_the_code_and_opens_the_pre_test(
    browser, live_server, settings, tmp_path
):
    settings.NOTIFICATIONS_CHANNEL = "console"
    personas = personas_make()
    person = _imported_seat_holder(personas, tmp_path)
    assert not hasattr(Person.objects.get(pk=person.pk), "user")  # no account yet
    TEST_OUTPUT.mkdir(exist_ok=True)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.click("[data-testid=code-sign-in]")
    page.fill("input[name=mobile]", "98390 88001")
    page.click("button.primary")
    page.wait_for_url(live_server.url + "/accounts/code/enter/")
    sign_in = Message.objects.get(recipient=MOBILE, purpose_key__startswith="otp:")
    code = re.search(r"\b(\d{6})\b", sign_in.body).group(1)
    page.fill("input[name=code]", code)
    page.click("button.primary")
    page.wait_for_url(live_server.url + "/")
    assert "कमला" in page.content()
    page.goto(live_server.url + "/assessments/mine/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=TEST_OUTPUT / "imported-seat-holder-tests-hi-phone.png", full_page=True)
    page.click("[data-testid=start-pre]")
    page.wait_for_selector("#test-form")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=TEST_OUTPUT / "imported-seat-holder-pretest-hi-phone.png", full_page=True)
    attempt = Attempt.objects.get(assessment__kind=AssessmentKind.PRE)
    assert attempt.nomination.person == person and person.user.role == "participant"
    context.close()
