"""Browser test: in production, the state cell turns on two-factor sign-in on a 360-px phone
(the QR code and the key on the page, the app's code computed here from that key), keeps the
recovery codes, signs out and signs in again with password and code. Skipped where chromium
is absent, never in CI."""

import base64

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sashakt.conftest import PHONE, TEST_OUTPUT
from sashakt.test import PASSWORD, personas_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in_with_password(page, base_url: str) -> None:
    page.goto(base_url + "/accounts/login/")
    page.fill("input[name=username]", "state")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit].primary")


def test_the_state_cell_turns_on_two_factor_and_signs_in_with_it_on_a_phone(
    browser, live_server, settings
):
    settings.PRODUCTION = True
    personas = personas_make()
    TEST_OUTPUT.mkdir(exist_ok=True)
    context = browser.new_context(viewport=PHONE, locale="en-US")
    page = context.new_page()
    outside = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith((live_server.url, "data:"))
            else None
        ),
    )

    # The password alone leads to enrolment: the state cell must have the second step.
    _sign_in_with_password(page, live_server.url)
    page.wait_for_url(live_server.url + "/accounts/two-factor/?next=/")
    assert page.locator("[data-testid=two-factor-qr] svg").count() == 1
    secret = page.locator("[data-testid=two-factor-secret]").inner_text()
    key = base64.b32decode(secret.replace(" ", ""))  # what a person types into the app
    page.fill("input[name=code]", f"{totp(key):06d}")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=TEST_OUTPUT / "two-factor-enrol-hi-phone.png", full_page=True)
    page.click("[data-testid=two-factor-confirm]")

    page.wait_for_url(live_server.url + "/accounts/two-factor/codes/")
    codes = page.locator("[data-testid=recovery-codes] li").all_inner_texts()
    assert len(codes) == 10
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=TEST_OUTPUT / "two-factor-recovery-codes-hi-phone.png", full_page=True)
    page.goto(live_server.url + "/people/")
    assert page.url == live_server.url + "/people/"  # verified: every page opens

    page.click("[data-testid=sign-out] button")
    page.wait_for_url(live_server.url + "/")
    _sign_in_with_password(page, live_server.url)
    page.wait_for_url(live_server.url + "/accounts/two-factor/verify/?next=/")
    assert "अपना कोड लिखें" in page.content()
    device = TOTPDevice.objects.get(user=personas.state, confirmed=True)
    # The enrolment's code cannot be used twice: the app's next one.
    page.fill("input[name=code]", f"{totp(device.bin_key, drift=1):06d}")
    page.screenshot(path=TEST_OUTPUT / "two-factor-verify-hi-phone.png", full_page=True)
    page.click("[data-testid=two-factor-verify]")
    page.wait_for_url(live_server.url + "/")
    assert "दो-चरण साइन इन" in page.content()  # the menu's entry
    assert outside == []
    context.close()
