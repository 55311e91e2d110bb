"""Browser test: Playwright drives Debian's chromium against the live server.

Screenshots land in test-output/ (ignored by git) for a person to look at.
"""

import os

import pytest

from sashakt.conftest import TEST_OUTPUT, chromium_path, require_or_skip
from sashakt.test import PASSWORD, personas_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def browser():
    executable = chromium_path()
    require_or_skip(executable is not None, "no chromium on this machine")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests
    # make between browser steps are still plain synchronous code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def _sign_in(page, base_url, username):
    page.goto(base_url + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(base_url + "/")


def test_a_district_officer_signs_in_and_switches_from_hindi_to_english(browser, live_server):
    personas_make()
    TEST_OUTPUT.mkdir(exist_ok=True)
    context = browser.new_context(viewport=PHONE, locale="en-US")  # the phone asks for English
    page = context.new_page()

    _sign_in(page, live_server.url, "dpro-kanpur")
    assert page.get_attribute("html", "lang") == "hi"
    assert page.locator("h1").inner_text() == "जनपद कानपुर नगर"
    page.screenshot(path=TEST_OUTPUT / "district-home-hi-phone.png", full_page=True)
    # Nothing is wider than a 360-px phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.click("[data-testid=switch-language]")
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "en"
    assert page.locator("h1").inner_text() == "District Kanpur Nagar"

    page.goto(live_server.url + "/people/")
    assert page.get_attribute("html", "lang") == "en"  # the choice persists
    assert "राम कुमार" in page.content()
    page.screenshot(path=TEST_OUTPUT / "registry-en-phone.png", full_page=True)

    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/")
    page.screenshot(path=TEST_OUTPUT / "district-home-en-desktop.png", full_page=True)
    context.close()


def test_the_state_cell_pages_fit_a_phone_and_a_desktop(browser, live_server):
    personas_make()
    TEST_OUTPUT.mkdir(exist_ok=True)
    for name, viewport in [("phone", PHONE), ("desktop", DESKTOP)]:
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        _sign_in(page, live_server.url, "state")
        for slug, url in [("state-home", "/"), ("audit", "/audit/"), ("registry", "/people/")]:
            page.goto(live_server.url + url)
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], url
            page.screenshot(path=TEST_OUTPUT / f"{slug}-hi-{name}.png", full_page=True)
        context.close()
    page = browser.new_page(viewport=PHONE)
    page.goto(live_server.url + "/")
    page.screenshot(path=TEST_OUTPUT / "public-home-hi-phone.png", full_page=True)
    page.close()
