"""Browser tests at 360 px: the roll call survives a dropped connection, and a participant's
QR code is checked in by typing its code."""

import time

import pytest

from sashakt.attendance.models import Mark
from sashakt.attendance.tests.factories import hall_make
from sashakt.conftest import PHONE, TEST_OUTPUT, browser_sign_in
from sashakt.nominations.seat_codes import seat_code
from sashakt.test import personas_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _wait_until(page, expression: str, timeout: float = 10.0) -> None:
    """Poll `expression` in the page. (Playwright's wait_for_function evaluates a string,
    which the app's Content-Security-Policy rightly refuses; evaluate() is not affected.)"""
    deadline = time.monotonic() + timeout
    while not page.evaluate(f"Boolean({expression})"):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {expression}")
        time.sleep(0.1)


def _state(page, nomination):
    return page.locator(f"[data-testid=person-{nomination.pk}]")


def _grid_on_a_phone(browser, live_server, *, people: int):
    """IIT Kanpur's coordinator on a 360-px phone, on the roll call of the first session of a
    hall of `people`, with the offline worker holding a copy of the page."""
    personas = personas_make()
    batch, sessions, nominations = hall_make(personas, people=people)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    browser_sign_in(page, live_server.url, "iitk")
    page.goto(f"{live_server.url}/attendance/sessions/{sessions[0].pk}/")
    # Once the offline worker controls the page, open it again so that it keeps a copy.
    _wait_until(page, "navigator.serviceWorker && navigator.serviceWorker.controller")
    page.reload()
    return context, page, sessions, nominations


def test_the_grid_keeps_marks_while_offline_and_sends_them_when_back(browser, live_server):
    TEST_OUTPUT.mkdir(exist_ok=True)
    context, page, sessions, people = _grid_on_a_phone(browser, live_server, people=6)

    # Online: four people tapped present, and saved.
    for nomination in people[:4]:
        _state(page, nomination).locator("[data-testid=toggle]").click()
    _wait_until(page, "document.querySelector('[data-testid=pending-count]').textContent === '0'")
    _wait_until(page, "!document.querySelector('[data-client-id]')", timeout=10)
    assert Mark.objects.filter(session=sessions[0], status="present").count() == 4

    # The hall's data drops: two more people marked, kept on the phone.
    context.set_offline(True)
    for nomination in people[4:]:
        _state(page, nomination).locator("[data-testid=toggle]").click()
    _wait_until(page, "document.querySelector('[data-testid=pending-count]').textContent === '2'")
    assert "उपस्थित" in _state(page, people[5]).locator("[data-testid=state]").inner_text()
    page.screenshot(path=TEST_OUTPUT / "attendance-offline-hi-phone.png", full_page=True)
    assert Mark.objects.filter(session=sessions[0]).count() == 4

    network = page.evaluate("fetch('/about/').then(() => 'up', () => 'down')")
    assert network == "down"

    # Reopened without a connection (the offline worker serves the page), the two marks are
    # still on the phone and shown as waiting.
    page.reload()
    _wait_until(page, "document.querySelector('[data-testid=pending-count]').textContent === '2'")
    assert "उपस्थित" in _state(page, people[5]).locator("[data-testid=state]").inner_text()

    # Back online: the waiting marks are sent and saved.
    context.set_offline(False)
    _wait_until(
        page,
        "document.querySelector('[data-testid=pending-count]').textContent === '0'",
        timeout=20,
    )
    assert Mark.objects.filter(session=sessions[0], status="present").count() == 6
    page.reload()
    assert page.locator("[data-testid=present-count]").inner_text() == "6"
    page.screenshot(path=TEST_OUTPUT / "attendance-grid-hi-phone.png", full_page=True)
    context.close()


def _checkin_sent(response) -> bool:
    return "/attendance/api/checkin/" in response.url and response.request.method == "POST"


def test_a_coordinator_checks_a_participant_in_by_the_code_under_the_qr(browser, live_server):
    personas = personas_make()
    batch, sessions, people = hall_make(personas, people=3)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    browser_sign_in(page, live_server.url, "iitk")
    page.goto(f"{live_server.url}/attendance/sessions/{sessions[1].pk}/checkin/")
    page.fill("input[name=code]", seat_code(people[1].pk).lower())
    # The phone shows the person from its own copy of the roster at once and sends the
    # check-in behind (it may be offline): the mark is read once the server has answered.
    with page.expect_response(_checkin_sent):
        page.click("[data-testid=check-in]")
    result = page.locator("[data-testid=checkin-result]")
    result.get_by_text(personas.lucknow_person.name).wait_for()
    assert personas.lucknow_person.district.name_hi in result.inner_text()
    _wait_until(page, "document.querySelector('[data-testid=pending-count]').textContent === '0'")
    page.screenshot(path=TEST_OUTPUT / "attendance-checkin-hi-phone.png", full_page=True)
    mark = Mark.objects.get(session=sessions[1])
    assert (mark.nomination_id, mark.status, mark.method) == (people[1].pk, "present", "qr")

    # The same code again: "already checked in", still one mark.
    page.fill("input[name=code]", seat_code(people[1].pk))
    with page.expect_response(_checkin_sent) as answered:
        page.click("[data-testid=check-in]")
    assert answered.value.json()["already"] is True
    assert Mark.objects.filter(session=sessions[1]).count() == 1
    context.close()


def _phone_keeps(page) -> dict:
    """What the phone still holds: the attendance database and the offline worker's caches."""
    return page.evaluate(
        "Promise.all([indexedDB.databases(), caches.keys()]).then(([dbs, names]) => ({"
        "  dbs: dbs.map(d => d.name).filter(n => n.startsWith('sashakt-')),"
        "  caches: names.filter(n => n.startsWith('sashakt-'))}))"
    )


def test_signing_out_asks_about_unsent_marks_and_clears_the_phone(browser, live_server):
    """A hall's shared phone: marks that could not be sent make sign-out ask first; signing
    out removes the waiting marks and the cached roll call, so the next person sees none."""
    context, page, sessions, people = _grid_on_a_phone(browser, live_server, people=3)
    # The marks cannot get through (the hall's data is down for the API only).
    page.route("**/attendance/api/**", lambda route: route.abort())
    for nomination in people[:2]:
        _state(page, nomination).locator("[data-testid=toggle]").click()
    _wait_until(page, "document.querySelector('[data-testid=pending-count]').textContent === '2'")
    kept = _phone_keeps(page)
    assert kept["dbs"] == ["sashakt-attendance"] and kept["caches"]

    asked = []

    def answer(accept):
        def handle(dialog):
            asked.append(dialog.message)
            dialog.accept() if accept else dialog.dismiss()

        return handle

    page.once("dialog", answer(False))
    page.locator("[data-testid=sign-out] button").click()
    page.wait_for_timeout(500)  # the handler counts what waits, then asks
    assert len(asked) == 1 and "2" in asked[0] and "साइन आउट" in asked[0]
    assert "/attendance/sessions/" in page.url  # still signed in, marks still waiting
    assert page.locator("[data-testid=pending-count]").inner_text() == "2"

    page.once("dialog", answer(True))
    page.locator("[data-testid=sign-out] button").click()
    page.wait_for_url(f"{live_server.url}/**")
    page.locator("a[href='/accounts/login/']").first.wait_for()
    assert len(asked) == 2
    assert _phone_keeps(page) == {"dbs": [], "caches": []}
    assert Mark.objects.filter(session=sessions[0]).count() == 0  # lost, as the officer agreed
    context.close()


def test_a_batch_opened_once_online_runs_its_hall_without_a_connection(browser, live_server):
    """Offline roll call once worked only for a session page opened twice online; other
    sessions gave the browser's own "HTTP ERROR 503". Opening the batch's attendance page
    once, online, keeps every roll call and check-in of its hall; a page not kept shows
    Sashakt's own offline page, in Hindi."""
    TEST_OUTPUT.mkdir(exist_ok=True)
    personas = personas_make()
    batch, sessions, people = hall_make(personas, people=4, days=3)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    browser_sign_in(page, live_server.url, "iitk")
    page.goto(f"{live_server.url}/attendance/batches/{batch.pk}/")  # the first and only visit
    _wait_until(page, "document.querySelector('[data-hall-offline]').dataset.kept", 20)
    asked = page.evaluate("JSON.parse(document.querySelector('[data-hall-offline]').dataset.pages)")
    assert len(asked) == 2 + 2 * len(sessions)
    assert page.locator("[data-testid=offline-ready]").is_visible()

    context.set_offline(True)
    page.goto(f"{live_server.url}/attendance/sessions/{sessions[2].pk}/")  # never opened
    assert page.locator("[data-attendance-grid]").count() == 1
    assert page.locator(f"[data-testid=person-{people[3].pk}]").count() == 1
    _state(page, people[3]).locator("[data-testid=toggle]").click()
    _wait_until(page, "document.querySelector('[data-testid=pending-count]').textContent === '1'")
    page.screenshot(path=TEST_OUTPUT / "attendance-offline-unvisited-hi-phone.png", full_page=True)
    page.goto(f"{live_server.url}/attendance/sessions/{sessions[1].pk}/checkin/")
    assert page.locator("[data-attendance-checkin]").count() == 1
    page.goto(f"{live_server.url}/attendance/")  # not kept: our own page, not the browser's
    assert page.locator("[data-testid=offline-page]").count() == 1
    assert "कनेक्शन नहीं" in page.locator("h1").inner_text()
    page.screenshot(path=TEST_OUTPUT / "attendance-offline-page-hi-phone.png", full_page=True)

    context.set_offline(False)
    page.goto(f"{live_server.url}/attendance/sessions/{sessions[2].pk}/")  # sends the mark
    deadline = time.monotonic() + 20
    marked = Mark.objects.filter(session=sessions[2], nomination=people[3])
    while not marked.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert marked.get().status == "present"
    context.close()
