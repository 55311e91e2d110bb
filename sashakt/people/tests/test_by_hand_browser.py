"""Browser test at 360 px (issue 22): a district officer adds a person by hand, then
corrects their mobile with a reason the history keeps."""

import pytest

from sashakt.conftest import PHONE, TEST_OUTPUT, browser_sign_in
from sashakt.geography.models import Block
from sashakt.people.models import Person
from sashakt.test import personas_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_adds_a_person_and_corrects_a_mobile_on_a_phone(browser, live_server):
    personas_make()
    block = Block.objects.filter(district__lgd_code=157).order_by("lgd_code").first()
    TEST_OUTPUT.mkdir(exist_ok=True)
    page = browser.new_page(viewport=PHONE)
    browser_sign_in(page, live_server.url, "dpro-kanpur")

    page.goto(live_server.url + "/people/")
    page.click("[data-testid=add-person]")
    page.fill("#id_name", "मोहन लाल")
    page.fill("#id_mobile", "98390 11111")
    page.select_option("#id_gender", "M")
    page.select_option("#id_designation", "bdc_member")
    page.fill("#id_block", block.name_en)
    page.select_option("#id_category", "OBC")
    page.fill("#id_term_start", "15/07/2021")
    page.screenshot(path=TEST_OUTPUT / "person-add-hi-phone.png", full_page=True)
    page.click("[data-testid=person-add] button.primary")
    page.wait_for_selector("[data-testid=correct]")
    person = Person.objects.get(name="मोहन लाल")
    assert person.mobile == "9839011111" and person.block == block
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.click("[data-testid=correct]")
    page.fill("#id_mobile", "9839012345")  # someone else's: refused, clearly
    page.fill("#id_reason", "नया नंबर, फ़ोन पर बताया")
    page.click("[data-testid=person-correct] button.primary")
    page.wait_for_selector("[role=alert]")
    assert "राम कुमार" in page.locator("[role=alert]").inner_text()
    page.screenshot(path=TEST_OUTPUT / "person-correct-refused-hi-phone.png", full_page=True)

    page.fill("#id_mobile", "9839099999")
    page.fill("#id_reason", "नया नंबर, फ़ोन पर बताया")
    page.click("[data-testid=person-correct] button.primary")
    page.wait_for_selector("[data-testid=reason]")
    person.refresh_from_db()
    assert person.mobile == "9839099999"
    history = page.locator("[data-testid=history]").inner_text()
    assert "नया नंबर, फ़ोन पर बताया" in history and "9839099999" in history
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=TEST_OUTPUT / "person-corrected-hi-phone.png", full_page=True)
