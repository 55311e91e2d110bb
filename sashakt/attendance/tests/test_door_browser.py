"""Browser test on a 360-px phone: at the door, the coordinator confirms a person whose seat
was offered but never confirmed; the page fits the phone."""

import pytest

from sashakt.attendance.tests.factories import hall_make
from sashakt.attendance.tests.test_at_the_door import _offered
from sashakt.conftest import PHONE, TEST_OUTPUT, browser_sign_in
from sashakt.nominations.models import NominationStatus
from sashakt.test import person_make, personas_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_coordinator_confirms_a_walk_in_on_a_phone(browser, live_server):
    personas = personas_make()
    batch, sessions, people = hall_make(personas, people=3)
    walk_in = _offered(batch, person_make(name="आगंतुक देवी", name_alt="", mobile="9839066011"))
    TEST_OUTPUT.mkdir(exist_ok=True)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    browser_sign_in(page, live_server.url, "iitk")
    page.goto(f"{live_server.url}/attendance/batches/{batch.pk}/")
    assert "दरवाज़े पर" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=TEST_OUTPUT / "attendance-door-hi-phone.png", full_page=True)
    page.click(f"[data-testid=confirm-in-hall-{walk_in.pk}]")
    page.wait_for_selector(".messages, [role=status], .message", state="attached")
    walk_in.refresh_from_db()
    assert walk_in.status == NominationStatus.CONFIRMED
    assert walk_in.confirmed_in_hall_by.username == "iitk"
    context.close()
