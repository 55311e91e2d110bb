"""Browser test: the state cell opens the learning page from the dashboard, reads the charts
beside their tables on a phone and a desktop, and follows a batch's attendance to its people.
Screenshots go to test-output/."""

import pytest

from sashakt.conftest import DESKTOP, PHONE, TEST_OUTPUT, browser_sign_in
from sashakt.reports.tests.learning_world import learning_world_make
from sashakt.test import personas_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_state_cell_reads_learning_and_reaction_and_drills_to_the_people(browser, live_server):
    personas = personas_make()
    world = learning_world_make(personas)
    TEST_OUTPUT.mkdir(exist_ok=True)
    for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        browser_sign_in(page, live_server.url, "state")
        page.goto(live_server.url + "/dashboard/")
        page.click("[data-testid=learning-link]")
        page.wait_for_url(live_server.url + "/dashboard/learning/")
        assert page.locator("h1").inner_text() == "सीख और प्रतिक्रिया"
        assert page.locator("section svg.chart").count() == 6
        # Two rows of two bars: B1 pre and post, B3 pre and a post of none (no width).
        assert page.locator("[data-testid=learning-scores-batch] svg.chart > rect").count() == 4
        page.screenshot(path=TEST_OUTPUT / f"learning-hi-{name}.png", full_page=True)
        context.close()
    page = browser.new_context(viewport=DESKTOP).new_page()
    browser_sign_in(page, live_server.url, "state")
    page.goto(live_server.url + "/dashboard/learning/")
    attendance = page.locator("[data-testid=learning-attendance-batch] tbody tr").first
    attendance.locator("a", has_text="8").click()
    page.wait_for_url(live_server.url + f"/attendance/batches/{world.batch.pk}/")
    assert page.locator("[data-testid=matrix] tbody tr").count() == 5
