"""Browser test: the state cell opens the dashboard, sees the map and a chart, and drills
down from a district to its people. Screenshots go to test-output/."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from sashakt.conftest import DESKTOP, PHONE, TEST_OUTPUT, browser_sign_in
from sashakt.test import PASSWORD, ensure_geography

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, base_url: str, username: str) -> None:
    browser_sign_in(page, base_url, username)


def test_the_state_cell_drills_down_from_the_map_to_a_districts_people(browser, live_server):
    ensure_geography()
    call_command("load_demo", stdout=io.StringIO())  # the demo app is not importable here
    state_cell = get_user_model().objects.get(username="state.cell")
    state_cell.set_password(PASSWORD)
    state_cell.save()
    TEST_OUTPUT.mkdir(exist_ok=True)
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    _sign_in(page, live_server.url, "state.cell")
    page.goto(live_server.url + "/dashboard/")
    assert page.locator("[data-testid=district-map] path").count() == 75
    assert page.locator("[data-testid=funnel-chart] rect").count() == 4
    assert page.locator("[data-testid=table-coverage] tbody tr").count() == 75
    page.screenshot(path=TEST_OUTPUT / "dashboard-hi-desktop.png", full_page=True)

    page.click("[data-testid=district-map] a[data-lgd='157']")  # Kanpur Nagar
    page.wait_for_url(live_server.url + "/dashboard/districts/157/")
    assert "कानपुर नगर" in page.locator("h1").inner_text()
    registry = int(page.locator("[data-testid=registry-total]").inner_text().replace(",", ""))
    assert registry > 0
    page.click("[data-testid=registry-total]")
    page.wait_for_load_state()
    rows = page.locator("table.list tbody tr")
    assert rows.count() == min(registry, 50)
    assert "60000" in page.content()  # the state cell sees the demo mobiles
    context.close()

    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    _sign_in(page, live_server.url, "state.cell")
    page.goto(live_server.url + "/dashboard/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=TEST_OUTPUT / "dashboard-hi-phone.png", full_page=True)
    context.close()

    context = browser.new_context(viewport=PHONE)  # the public: nobody signed in
    page = context.new_page()
    page.goto(live_server.url + "/public/")
    assert page.locator("[data-testid=district-map] path").count() == 75
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=TEST_OUTPUT / "public-dashboard-hi-phone.png", full_page=True)
    context.close()
