"""A phone scans a certificate's QR code and opens the verification page, in Hindi and then
in English (Playwright driving Debian's chromium)."""

import shutil
import subprocess

import pytest

from sashakt.certificates.pdf import certificate_pdf
from sashakt.certificates.printable import look_of, printable_of
from sashakt.certificates.services import certificates_issue_for_batch
from sashakt.conftest import PHONE, TEST_OUTPUT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _qr_payload(pdf: bytes, tmp_path, printed_url: str) -> str:
    """What the QR code on the page holds: decoded from a picture of the page where zbar
    is installed; otherwise the address the page prints under the code."""
    if not (shutil.which("zbarimg") and shutil.which("pdftoppm")):
        return printed_url
    (tmp_path / "c.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "100", "-singlefile", str(tmp_path / "c.pdf"),
         str(tmp_path / "page")],
        check=True,
    )  # fmt: skip
    found = subprocess.run(
        ["zbarimg", "--raw", "-q", str(tmp_path / "page.png")], capture_output=True, text=True
    ).stdout.strip()
    assert found == printed_url
    return found


def test_the_qr_code_opens_the_verification_page_in_hindi_and_english(
    browser, live_server, personas, completed_batch, settings, tmp_path
):
    settings.SASHAKT_PUBLIC_URL = live_server.url
    certificate = certificates_issue_for_batch(user=personas.iitk, batch=completed_batch)[0]
    pdf = certificate_pdf(printable_of(certificate), look_of(None))
    url = _qr_payload(pdf, tmp_path, certificate.verification_url)
    assert url == f"{live_server.url}/verify/{certificate.display_number}/"

    TEST_OUTPUT.mkdir(exist_ok=True)
    context = browser.new_context(viewport=PHONE, locale="en-US")
    page = context.new_page()
    page.goto(url)
    assert page.get_attribute("html", "lang") == "hi"
    assert page.get_attribute("[data-testid=verification]", "data-outcome") == "valid"
    assert "वैध प्रमाण-पत्र" in page.inner_text("[data-testid=verification]")
    assert certificate.name_hi in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=TEST_OUTPUT / "verify-hi-phone.png", full_page=True)

    page.click("[data-testid=switch-language]")
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "en"
    assert "Valid certificate" in page.inner_text("[data-testid=verification]")
    assert "Indian Institute of Technology Kanpur" in page.content()
    page.screenshot(path=TEST_OUTPUT / "verify-en-phone.png", full_page=True)

    # A number typed with one mistake is told apart from a forged one.
    page.fill(
        "input[name=number]",
        certificate.number[:-1] + "2"
        if certificate.number[-1] != "2"
        else certificate.number[:-1] + "3",
    )
    page.click("button[type=submit].primary")
    page.wait_for_load_state()
    assert page.get_attribute("[data-testid=verification]", "data-outcome") == "malformed"
    context.close()


def test_the_coordinator_reviews_and_issues_and_the_participant_downloads_on_a_phone(
    browser, live_server, personas, completed_batch, settings
):
    from sashakt.conftest import DESKTOP, browser_sign_in
    from sashakt.nominations.models import NominationStatus
    from sashakt.programmes.models import BatchStatus

    settings.JOBS_BACKEND = "immediate"
    completed_batch.status = BatchStatus.OPEN
    completed_batch.save()
    from sashakt.certificates.tests.conftest import seat

    own = seat(
        personas.dpro_kanpur, personas.participant.person, completed_batch, state=personas.state
    )
    own.status, own.seat = NominationStatus.ATTENDED, None
    own.save()
    completed_batch.status = BatchStatus.COMPLETED
    completed_batch.save()
    TEST_OUTPUT.mkdir(exist_ok=True)

    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    browser_sign_in(page, live_server.url, "iitk")
    page.goto(live_server.url + "/certificates/")
    page.click("[data-testid=review-batch]")
    assert page.locator("[data-testid=row][data-completed=no]").count() == 1
    assert page.locator("[data-testid=row][data-completed=yes]").count() == 4
    page.screenshot(path=TEST_OUTPUT / "certificates-review-hi-desktop.png", full_page=True)
    page.check("input[name=confirm]")
    page.click("[data-testid=issue]")
    page.wait_for_load_state()
    page.click("[data-testid=job-next]")
    assert page.locator("[data-testid=merged]").count() == 1
    page.screenshot(path=TEST_OUTPUT / "certificates-issued-hi-desktop.png", full_page=True)
    context.close()

    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    browser_sign_in(page, live_server.url, "participant")
    page.goto(live_server.url + "/certificates/")
    assert page.locator("[data-testid=certificate]").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=TEST_OUTPUT / "my-certificate-hi-phone.png", full_page=True)
    href = page.get_attribute("[data-testid=download]", "href")
    response = page.request.get(live_server.url + href)  # with the phone's session
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    context.close()
