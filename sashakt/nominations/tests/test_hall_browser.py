"""Browser test: the hall's tablet. The coordinator opens the batch's hall sign-in page, the
tablet opens its link, a participant signs in with the last four digits of their mobile and
hands over. Skipped where chromium is absent, never in CI."""

import pytest

from sashakt.conftest import DESKTOP, PHONE, TEST_OUTPUT, browser_sign_in
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.test import batch_make, personas_make, programme_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_participant_signs_in_on_the_hall_tablet(browser, live_server):
    personas = personas_make()
    batch = batch_make(programme_make(personas.iitk_institute), status="running")
    person = personas.participant.person
    Nomination.objects.create(
        programme=batch.programme,
        batch=batch,
        person=person,
        district=person.district,
        designation=person.designation,
        status=NominationStatus.CONFIRMED,
        seat=1,
    )
    TEST_OUTPUT.mkdir(exist_ok=True)
    coordinator = browser.new_page(viewport=DESKTOP)
    browser_sign_in(coordinator, live_server.url, "iitk")
    coordinator.goto(live_server.url + f"/nominations/batches/{batch.pk}/")
    coordinator.click("[data-testid=hall-qr]")
    assert coordinator.locator("[data-testid=hall-qr-code] svg").count() == 1
    coordinator.screenshot(path=TEST_OUTPUT / "hall-qr-hi-desktop.png", full_page=True)
    link = coordinator.get_attribute("[data-testid=hall-link]", "href")

    tablet = browser.new_page(viewport=PHONE)
    answer = tablet.goto(link)
    assert answer.status == 200 and tablet.locator("input[name=last4]").count() == 1, (
        answer.status,
        tablet.inner_text("body"),
    )
    assert tablet.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    names = tablet.locator("label:has(input[name=who])")
    assert names.count() == 1, tablet.inner_text("body")
    assert "गीता पाल" in names.first.inner_text(), tablet.inner_text("body")
    # Ids past 999 must not be grouped like figures ("1,822"): the form sends this value back.
    tablet.check(f"input[name=who][value='{personas.participant.person_id}']")
    tablet.fill("input[name=last4]", "0002")
    tablet.screenshot(path=TEST_OUTPUT / "hall-kiosk-hi-phone.png", full_page=True)
    tablet.click("button.primary")
    tablet.wait_for_selector("[data-testid=hall-next]")
    assert "गीता" in tablet.content() or "Geeta" in tablet.content()
    tablet.screenshot(path=TEST_OUTPUT / "hall-signed-in-hi-phone.png", full_page=True)
    tablet.click("[data-testid=hall-next]")
    tablet.wait_for_selector("input[name=last4]")
    assert tablet.url == link
