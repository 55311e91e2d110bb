"""Browser test: a district officer uploads a file with errors, sees them, fixes the column
mapping, imports, and finds a person by Hindi name."""

import pytest
from openpyxl import Workbook

from sashakt.conftest import PHONE, TEST_OUTPUT, browser_sign_in
from sashakt.people.models import Person
from sashakt.test import personas_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _district_file(path):
    book = Workbook()
    sheet = book.active
    sheet.append(["क्र.सं.", "नाम", "लिंग", "फोन न0", "पद", "विकास खंड", "मोबाइल"])
    # The office typed mobiles in "फोन न0" and left an old, wrong "मोबाइल" column.
    sheet.append([1, "रामनरेश यादव", "पुरुष", "+91 98390 44001", "प्रमुख", "बिल्हौर", "x"])
    sheet.append([2, "Savitri Devi", "F", "09839044002", "Block Pramukh", "Chaubeypur", "x"])
    sheet.append([3, "jke dqekj", "M", 9839044003.0, "प्रमुख", "Kakwan", ""])
    book.save(path)


def test_an_officer_fixes_the_mapping_imports_and_finds_a_person_by_hindi_name(
    browser, live_server, tmp_path, settings
):
    settings.JOBS_BACKEND = "inprocess"
    personas_make()
    TEST_OUTPUT.mkdir(exist_ok=True)
    path = tmp_path / "kanpur-pramukh.xlsx"
    _district_file(path)
    page = browser.new_page(viewport=PHONE)
    browser_sign_in(page, live_server.url, "dpro-kanpur")

    page.goto(live_server.url + "/people/import/")
    page.set_input_files("input[type=file]", str(path))
    page.click("button.primary")
    page.wait_for_selector("text=फोन न0")
    page.click("button.primary")  # check with the detected mapping
    page.wait_for_selector("[data-testid=check-result]", timeout=30000)
    problems = page.locator("[data-testid=problems]").inner_text()
    assert "मोबाइल" in problems and "x" in problems
    page.screenshot(path=TEST_OUTPUT / "import-problems-hi-phone.png", full_page=True)

    page.select_option("[data-testid='map-फोन न0']", "mobile")
    page.select_option("[data-testid='map-मोबाइल']", "ignore")
    page.click("button.primary")
    page.wait_for_selector("[data-testid=import-button]", timeout=30000)
    page.click("[data-testid=import-button]")
    page.wait_for_selector("[data-testid=import-done]", timeout=30000)
    page.screenshot(path=TEST_OUTPUT / "import-done-hi-phone.png", full_page=True)
    assert Person.objects.filter(mobile__startswith="98390440").count() == 3

    page.goto(live_server.url + "/people/")
    page.fill("#q", "राम कुमार")
    page.press("#q", "Enter")
    page.wait_for_load_state()
    rows = page.locator("#people-rows").inner_text()
    assert "राम कुमार" in rows  # converted from Kruti Dev "jke dqekj"
    page.fill("#q", "सावित्री")
    page.press("#q", "Enter")
    page.wait_for_selector("text=Savitri Devi")
    page.screenshot(path=TEST_OUTPUT / "registry-search-hi-phone.png", full_page=True)
    page.close()


def test_a_long_unbroken_value_wraps_and_the_problem_stays_on_screen(
    browser, live_server, tmp_path, settings
):
    """A 400-character value without spaces once stretched the problem table to 2,807 px on a
    desktop, pushing the problem column off-screen."""
    from sashakt.conftest import DESKTOP

    settings.JOBS_BACKEND = "inprocess"
    personas_make()
    path = tmp_path / "long.xlsx"
    book = Workbook()
    book.active.append(["नाम", "लिंग", "मोबाइल", "पद", "विकास खंड"])
    book.active.append(["राम नरेश", "M", "9" * 400, "प्रमुख", "बिल्हौर"])
    book.save(path)
    for viewport in (DESKTOP, PHONE):
        page = browser.new_page(viewport=viewport)
        browser_sign_in(page, live_server.url, "dpro-kanpur")
        page.goto(live_server.url + "/people/import/")
        page.set_input_files("input[type=file]", str(path))
        page.click("button.primary")
        page.wait_for_selector("[data-testid='map-विकास खंड']")
        page.click("button.primary")
        page.wait_for_selector("[data-testid=problems]", timeout=30000)
        width = viewport["width"]
        assert page.evaluate("document.scrollingElement.scrollWidth") <= width
        problem = page.locator("[data-testid=problems] tbody td").last.bounding_box()
        assert problem["x"] + problem["width"] <= width
        page.close()
