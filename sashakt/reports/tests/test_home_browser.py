"""Browser tests: every role's home page on a 360-px phone in Hindi, with the to-do items a
demo user sees, and the participant's "cannot attend" that asks why and asks again."""

import datetime

import pytest
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from sashakt.conftest import PHONE, TEST_OUTPUT
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.programmes.models import Batch, BatchSession
from sashakt.test import ensure_geography

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "sashakt-demo-2025"  # the README's demo password
DEMO_TODAY = datetime.date(2026, 11, 27)  # the day the demo's calendar was written for


def _demo():
    ensure_geography()
    call_command("load_demo", verbosity=0)
    # The demo's coming batches stay coming whenever the test runs.
    shift = max(datetime.timedelta(0), timezone.localdate() - DEMO_TODAY)
    if shift:
        Batch.objects.update(start_date=F("start_date") + shift, end_date=F("end_date") + shift)
        BatchSession.objects.update(date=F("date") + shift)


def _sign_in(page, base_url: str, username: str):
    page.goto(base_url + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(base_url + "/")


def _fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _count(page, testid: str) -> int:
    return int(page.locator(f"[data-testid={testid}] .count").first.inner_text().replace(",", ""))


def test_each_roles_home_is_a_to_do_list_on_a_hindi_phone(browser, live_server):
    _demo()
    TEST_OUTPUT.mkdir(exist_ok=True)
    page = browser.new_page(viewport=PHONE)

    _sign_in(page, live_server.url, "state.cell")
    todo = page.locator("[data-testid=todo]")
    assert todo.locator("h2").inner_text() == "करने के काम"
    assert _count(page, "todo-approvals") == 4  # batch 4's nominations awaiting approval
    assert _count(page, "todo-allocation") == 14  # "any batch" nominees to allocate
    assert _count(page, "todo-refill") == 1  # the declined seat of IIM Lucknow batch 2
    assert todo.locator("[data-testid=todo-unready]").count() >= 1  # batch 5: no timetable
    page.click("[data-testid=todo-approvals]")
    assert "/nominations/batches/" in page.url
    page.go_back()
    assert _fits_the_phone(page)
    page.screenshot(path=TEST_OUTPUT / "home-state-hi-phone.png", full_page=True)
    page.context.clear_cookies()

    _sign_in(page, live_server.url, "iitk.coordinator")
    batches = page.locator("[data-testid=todo-batch]")
    assert batches.count() == 2  # batches 4 and 5
    assert "समय-सारणी नहीं" in batches.nth(1).inner_text()  # batch 5 has no timetable
    assert "सीट की पुष्टि बाकी" in batches.nth(0).inner_text()  # the participant's offer
    assert _fits_the_phone(page)
    page.screenshot(path=TEST_OUTPUT / "home-institute-hi-phone.png", full_page=True)
    page.context.clear_cookies()

    _sign_in(page, live_server.url, "dpro.kanpurnagar")
    assert _count(page, "todo-rejections") == 1
    assert "पिछले बैच में प्रशिक्षित" in page.locator("[data-testid=rejection]").inner_text()
    assert _count(page, "todo-answers") >= 1  # the participant's offered seat
    assert page.locator("[data-testid=todo-quota]").count() >= 1  # IIT Kanpur: 4 a district
    assert _fits_the_phone(page)
    page.screenshot(path=TEST_OUTPUT / "home-district-hi-phone.png", full_page=True)
    page.context.clear_cookies()

    _sign_in(page, live_server.url, "trainer.demo")
    sessions = page.locator("[data-testid=trainer-session]")
    assert sessions.count() == 4
    assert "आईआईटी कानपुर आउटरीच सेंटर" in sessions.first.inner_text()  # venue in Hindi
    assert "नेतृत्व विकास — I" in sessions.first.inner_text()  # session title in Hindi
    assert _fits_the_phone(page)
    page.screenshot(path=TEST_OUTPUT / "home-trainer-hi-phone.png", full_page=True)
    page.context.clear_cookies()

    _sign_in(page, live_server.url, "participant.demo")
    seat = page.locator("[data-testid=my-nomination]").first
    assert "तक बताएँ" in seat.locator("[data-testid=confirm-by]").inner_text()
    assert "कल्याणपुर, कानपुर" in seat.locator("[data-testid=venue]").inner_text()
    assert "openstreetmap.org" in seat.locator("[data-testid=map-link]").get_attribute("href")
    assert "09:00" in seat.locator("[data-testid=reporting-time]").inner_text()
    assert "6000000911" in seat.locator("[data-testid=phones]").inner_text()  # IIT Kanpur
    assert "6000000902" in seat.locator("[data-testid=phones]").inner_text()  # the DPRO
    seat.locator("[data-testid=my-timetable] summary").click()
    assert "दिन 1" in seat.locator("[data-testid=my-timetable]").inner_text()
    assert _fits_the_phone(page)
    page.screenshot(path=TEST_OUTPUT / "home-participant-hi-phone.png", full_page=True)
    page.close()


def test_cannot_attend_asks_why_and_asks_again_before_the_seat_goes(browser, live_server):
    _demo()
    page = browser.new_page(viewport=PHONE)
    _sign_in(page, live_server.url, "participant.demo")
    nomination = Nomination.objects.get(
        person__user__username="participant.demo", status=NominationStatus.APPROVED
    )

    # One tap on "नहीं आ सकते" changes nothing: it asks why, and whether they are sure.
    page.click("[data-testid=decline]")
    page.wait_for_selector("[data-testid=decline-confirm]")
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.APPROVED
    assert "सीट 1" in page.locator("[data-testid=decline-confirm]").inner_text()
    assert _fits_the_phone(page)
    TEST_OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=TEST_OUTPUT / "decline-confirm-hi-phone.png", full_page=True)

    # Confirming without a reason is refused; "No, keep the seat" goes back untouched.
    page.click("[data-testid=decline-yes]")
    page.wait_for_selector("[data-testid=decline-confirm]")
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.APPROVED
    page.click("[data-testid=decline-no]")
    page.wait_for_url(live_server.url + "/")

    # A reason from the list and their own words, then yes: the seat is given up.
    page.click("[data-testid=decline]")
    page.check("input[name=reason][value=family]")
    page.fill("textarea[name=details]", "बेटी की शादी")
    page.click("[data-testid=decline-yes]")
    page.wait_for_url(live_server.url + "/")
    message = page.locator(".messages li.success").inner_text()
    assert message.startswith("मना किया:") and "नहीं आएँगे" in message
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.DECLINED
    assert nomination.reason == "परिवार में कोई कार्यक्रम या आपात स्थिति: बेटी की शादी"
    page.close()
