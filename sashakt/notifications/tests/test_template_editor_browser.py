"""The template editor on a 360-px phone: the preview and SMS count follow the typing."""

import pytest

from sashakt.conftest import PHONE, TEST_OUTPUT, browser_sign_in
from sashakt.test import personas_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_editor_fits_a_phone_and_previews_as_one_types(browser, live_server):
    personas_make()
    TEST_OUTPUT.mkdir(exist_ok=True)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    browser_sign_in(page, live_server.url, "state")
    page.goto(live_server.url + "/notifications/templates/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.click('[data-testid="template-seat-offered"]')
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    hindi = page.locator("#id_text_hi")
    hindi.fill("")
    hindi.press_sequentially("बैच {batch} {colour} {link}")
    page.wait_for_selector('[data-testid="problems-hi"]')
    assert "{colour}" in page.inner_text('[data-testid="problems-hi"]')
    sample = page.inner_text('[data-testid="sample-hi"]')
    assert sample.startswith("बैच IITK-2027-014 {colour}")
    segments = page.inner_text('[data-testid="segments-hi"]')
    assert "1 SMS भाग" in segments
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=TEST_OUTPUT / "template-editor-hi-phone.png", full_page=True)

    page.click('[data-testid="save-template"]')
    assert "अज्ञात स्थान-चिह्न {colour}" in page.inner_text("main form .has-error")
    context.close()
