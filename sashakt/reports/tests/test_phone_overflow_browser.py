"""Pages the field walk found wider than a 360-px phone: the QPR (both languages), the
English state dashboard's reserved-share table, the gram panchayats to review. On a phone a
page never scrolls sideways; a wide table scrolls inside its own box."""

import pytest

from sashakt.conftest import PHONE, TEST_OUTPUT, browser_sign_in
from sashakt.geography.models import GramPanchayat
from sashakt.people.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/dashboard/qpr/", "/dashboard/", "/people/place-review/"]


def _width(page) -> int:
    return page.evaluate("document.scrollingElement.scrollWidth")


def test_the_walks_wide_pages_fit_a_360_px_phone_in_both_languages(browser, live_server, world):
    k3 = world.people["k3"]
    Person.objects.filter(pk=k3.pk).update(
        gram_panchayat_name="रामपुर कला उर्फ़ बड़ागाँव पश्चिमी", needs_place_review=True
    )
    # Long names in the pick list stretched its select past the screen.
    for n in range(3):
        name = f"Rampur Kala urf Baragaon Paschimi Dakshini Tola Number {n} Purva Bhag"
        GramPanchayat.objects.create(
            lgd_code=990000 + n,
            lgd_name=name,
            name_en=name,
            district_id=k3.district_id,
            block_id=k3.block_id,
        )
    TEST_OUTPUT.mkdir(exist_ok=True)
    page = browser.new_page(viewport=PHONE)
    browser_sign_in(page, live_server.url, "state")
    wide = {}
    for language in ("hi", "en"):
        if language == "en":
            page.click("[data-testid=switch-language]")
            page.wait_for_load_state()
        for path in PAGES:
            page.goto(live_server.url + path)
            name = path.strip("/").replace("/", "-")
            page.screenshot(path=TEST_OUTPUT / f"{name}-{language}-phone.png", full_page=True)
            if _width(page) > PHONE["width"]:
                wide[(language, path)] = _width(page)
    assert wide == {}
    # The QPR's "show" button is a real button, not the browser's grey default.
    page.goto(live_server.url + "/dashboard/qpr/")
    assert "primary" in page.locator("[data-testid=qpr-show]").get_attribute("class")
    page.close()
