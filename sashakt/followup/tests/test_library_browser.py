"""Browser test at 360 px: a participant opens the library on their phone, opens a handout,
and opens it again without a connection (kept by the offline worker)."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sashakt.conftest import PHONE, TEST_OUTPUT, browser_sign_in
from sashakt.followup import library
from sashakt.followup.models_library import MaterialKind
from sashakt.followup.tests.outcome_factories import library_setup, pdf_bytes
from sashakt.test import personas_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _wait_until(page, expression: str, timeout: float = 10.0) -> None:
    """Poll `expression` (a value or a promise) in the page (wait_for_function evaluates a
    string, which the Content-Security-Policy refuses; evaluate() is not affected)."""
    deadline = time.monotonic() + timeout
    # A promise is awaited by evaluate(), so `expression` may be one.
    while not page.evaluate(f"Promise.resolve({expression}).then(Boolean)"):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {expression}")
        time.sleep(0.1)


def test_a_participant_opens_the_library_and_reads_a_handout_offline(browser, live_server):
    TEST_OUTPUT.mkdir(exist_ok=True)
    personas = personas_make()
    _programme, first, _second, _batch = library_setup(personas)
    handout = library.material_add(
        user=personas.iitk,
        module=first,
        kind=MaterialKind.HANDOUT,
        title_hi="नेतृत्व: पुस्तिका",
        title_en="Leadership: handout",
        upload=SimpleUploadedFile("handout.pdf", pdf_bytes("Leadership")),
    )
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    browser_sign_in(page, live_server.url, "participant")
    page.goto(f"{live_server.url}/followup/library/")
    item = page.locator(f"[data-testid=material-{handout.pk}]")
    assert "नेतृत्व: पुस्तिका" in item.inner_text()
    assert "केबी" in item.locator("[data-testid=material-size]").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=TEST_OUTPUT / "library-participant-hi-phone.png", full_page=True)

    _wait_until(page, "navigator.serviceWorker && navigator.serviceWorker.controller")
    href = item.locator(f"[data-testid=material-link-{handout.pk}]").get_attribute("href")
    online = page.evaluate(
        f"fetch({href!r}).then(r => r.arrayBuffer().then(b => [r.status, b.byteLength]))"
    )
    assert online == [200, handout.size_bytes]
    _wait_until(page, f"caches.match({href!r}, {{ignoreVary: true}}).then(Boolean)")

    context.set_offline(True)
    assert page.evaluate("fetch('/about/').then(() => 'up', () => 'down')") == "down"
    offline = page.evaluate(
        f"fetch({href!r}).then(r => r.arrayBuffer().then(b => [r.status, b.byteLength]))"
    )
    assert offline == [200, handout.size_bytes]
    context.close()
