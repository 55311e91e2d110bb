"""Browser test at 360 px: a participant enters a TA/DA claim on their phone with a photo of
the ticket and sees each amount with its rule."""

import pytest

from sashakt.conftest import PHONE, TEST_OUTPUT, browser_sign_in
from sashakt.logistics.models_money import Claim
from sashakt.logistics.tests.factories_money import batches_make, rate_table_a, seat_make
from sashakt.logistics.tests.test_claim_amounts import jpeg_bytes
from sashakt.test import personas_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_participant_submits_a_claim_with_a_photo_on_a_phone(browser, live_server, tmp_path):
    personas = personas_make()
    _programme, before, _after = batches_make(personas)
    seat = seat_make(personas, personas.participant.person, before)
    rate_table_a(personas.state)
    photo = tmp_path / "ticket.jpg"
    photo.write_bytes(jpeg_bytes())
    TEST_OUTPUT.mkdir(exist_ok=True)
    page = browser.new_context(viewport=PHONE).new_page()

    browser_sign_in(page, live_server.url, "participant")
    page.goto(live_server.url + "/logistics/money/claims/")
    page.click(f'[data-testid="claim-new-{seat.pk}"]')
    page.fill("input[name=distance_km]", "312")
    page.fill("input[name=outward_on]", "2025-08-26")
    page.fill("input[name=return_on]", "2025-08-30")
    page.set_input_files("input[name=ticket]", str(photo))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=TEST_OUTPUT / "claim-form-hi-phone.png", full_page=True)
    page.click('[data-testid="claim-submit"]')

    page.wait_for_selector('[data-testid="claim-total"]')
    assert page.inner_text('[data-testid="claim-total"]') == "₹2,436.00"
    rules = page.inner_text('[data-testid="claim-rules"]')
    assert "₹1.50" in rules and "₹936.00" in rules and "₹1,500.00" in rules
    assert page.is_visible('[data-testid="claim-ticket"]')
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=TEST_OUTPUT / "claim-submitted-hi-phone.png", full_page=True)
    claim = Claim.objects.get()
    assert claim.entered_by == personas.participant and claim.ticket
