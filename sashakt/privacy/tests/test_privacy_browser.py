"""On a 360-px phone, a participant signs in for the first time, reads and acknowledges the
privacy notice, downloads their data and asks for a correction (Playwright, chromium)."""

import json
from pathlib import Path

import pytest

from sashakt.conftest import PHONE, TEST_OUTPUT, browser_sign_in
from sashakt.privacy.models import CorrectionRequest, NoticeAcknowledgement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_participant_acknowledges_the_notice_downloads_their_data_and_asks_a_correction(
    browser, live_server, personas
):
    TEST_OUTPUT.mkdir(exist_ok=True)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    browser_sign_in(page, live_server.url, "participant")
    assert page.locator("[data-testid=privacy-notice-due]").count() == 1
    page.click("[data-testid=privacy-notice-due] a")
    assert page.locator("[data-testid=grievance-officer]").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=TEST_OUTPUT / "privacy-notice-hi-phone.png", full_page=True)
    page.click("[data-testid=acknowledge]")
    page.wait_for_url(live_server.url + "/")
    assert page.locator("[data-testid=privacy-notice-due]").count() == 0
    assert NoticeAcknowledgement.objects.filter(user=personas.participant).count() == 1

    page.click("[data-testid=my-data]")
    page.wait_for_url(live_server.url + "/privacy/mine/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    with page.expect_download() as download_info:
        page.click("[data-testid=my-data-json]")
    data = json.loads(Path(download_info.value.path()).read_text(encoding="utf-8"))
    assert data["person"]["name"] == "गीता पाल"
    pdf = page.request.get(
        live_server.url + page.get_attribute("[data-testid=my-data-pdf]", "href")
    )
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")

    page.select_option("select[name=field]", "mobile")
    page.fill("input[name=requested_value]", "9415000099")
    page.fill("textarea[name=reason]", "नया नंबर")
    page.click("[data-testid=ask-correction]")
    page.wait_for_url(live_server.url + "/privacy/mine/")
    assert page.locator("[data-testid=my-correction][data-status=pending]").count() == 1
    page.screenshot(path=TEST_OUTPUT / "privacy-my-data-hi-phone.png", full_page=True)
    assert CorrectionRequest.objects.get().requested_value == "9415000099"
    context.close()
