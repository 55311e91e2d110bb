"""What a page costs a participant on a rural mobile connection, counted the way a browser does.

The server is the WSGI app as production runs it: static files collected by `collectstatic`
into hashed, compressed copies and served by WhiteNoise (not the test harness's finders
handler, which neither compresses nor caches). Chromium reports every byte it receives
(Chrome DevTools Protocol: Network.loadingFinished.encodedDataLength, headers included).
The figures land in test-output/page-weight.json.
"""

import json
import re

import pytest
from django.core.management import call_command
from django.db import connections
from django.test import override_settings
from django.test.testcases import LiveServerThread

from sashakt.conftest import PHONE, TEST_OUTPUT
from sashakt.demo.services import DEMO_PASSWORD
from sashakt.test import ensure_geography

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KB = 1024
FIRST_VISIT_HOME_BUDGET = 200 * KB
REPEAT_VISIT_HOME_BUDGET = 30 * KB
FIRST_VISIT_ANY_PAGE_BUDGET = 300 * KB
YEAR = 365 * 24 * 60 * 60
ROLES = ["participant.demo", "state.cell", "iitk.coordinator", "dpro.kanpurnagar", "trainer.demo"]


PRODUCTION_STATIC = {
    "STORAGES": {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "sashakt.core.staticfinders.StaticStorage"},
    },
    "WHITENOISE_USE_FINDERS": False,
}


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root, **PRODUCTION_STATIC):
        call_command("collectstatic", "--noinput", verbosity=0)
    return root


@pytest.fixture
def production_server(settings, collected_static):
    """The app behind WhiteNoise with collected static files, as in production."""
    settings.STATIC_ROOT = collected_static
    for name, value in PRODUCTION_STATIC.items():
        setattr(settings, name, value)
    ensure_geography()  # a transactional test before this one emptied the tables
    call_command("load_demo", verbosity=0)
    shared = {c.alias: c for c in connections.all() if c.vendor == "sqlite" and c.is_in_memory_db()}
    for connection in shared.values():
        connection.inc_thread_sharing()
    # No static handler in front: WhiteNoise, in the middleware, serves /static/.
    thread = LiveServerThread("127.0.0.1", lambda app: app, connections_override=shared)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()
    for connection in shared.values():
        connection.dec_thread_sharing()


class Meter:
    """Bytes Chromium receives for each response, and the responses themselves."""

    def __init__(self, context, page):
        self.cdp = context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self.requested: set[str] = set()
        self.responses: dict[str, dict] = {}
        self.received: dict[str, int] = {}
        self.failed: set[str] = set()
        self.cdp.on("Network.requestWillBeSent", self._request)
        self.cdp.on("Network.responseReceived", self._response)
        self.cdp.on("Network.loadingFinished", self._finished)
        self.cdp.on("Network.loadingFailed", self._failed)

    def _request(self, event):
        self.requested.add(event["requestId"])

    def _response(self, event):
        self.responses[event["requestId"]] = event["response"]

    def _finished(self, event):
        self.received[event["requestId"]] = int(event["encodedDataLength"])

    def _failed(self, event):
        self.failed.add(event["requestId"])

    def _settle(self, page) -> None:
        """Wait (up to 10 s) until every request the page made has finished or failed."""
        for _ in range(200):
            if self.requested <= set(self.received) | self.failed:
                return
            page.wait_for_timeout(50)

    def visit(self, page, url: str, *, cold: bool) -> tuple[int, list[dict]]:
        if cold:
            self.cdp.send("Network.clearBrowserCache")
        for seen in (self.requested, self.responses, self.received, self.failed):
            seen.clear()
        page.goto(url, wait_until="load")
        page.evaluate("document.fonts.ready")
        self._settle(page)
        fetched = [
            {**self.responses[rid], "bytes": size}
            for rid, size in self.received.items()
            if rid in self.responses
        ]
        return sum(self.received.values()), fetched


def sign_in(page, base_url: str, username: str) -> None:
    page.goto(base_url + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(base_url + "/")


def menu_links(page, base_url: str) -> list[str]:
    hrefs = page.eval_on_selector_all("nav.main a[href]", "els => els.map(a => a.href)")
    return [h for h in dict.fromkeys(hrefs) if h.startswith(base_url)]


def header(response: dict, name: str) -> str:
    return next((v for k, v in response["headers"].items() if k.lower() == name), "")


def max_age(response: dict) -> int:
    match = re.search(r"max-age=(\d+)", header(response, "cache-control"))
    return int(match.group(1)) if match else 0


def test_a_participants_home_is_light_first_time_and_nearly_free_after(browser, production_server):
    base = production_server
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    meter = Meter(context, page)
    sign_in(page, base, "participant.demo")

    first, fetched = meter.visit(page, base + "/", cold=True)
    static = [r for r in fetched if "/static/" in r["url"]]
    font = next(r for r in static if r["url"].endswith(".woff2"))
    assert header(font, "content-type") == "font/woff2"
    assert font["bytes"] < 120 * KB
    for response in static:
        # Hashed names, kept for a year; text compressed.
        assert max_age(response) >= YEAR, response["url"]
        if response["mimeType"] in ("text/css", "text/javascript", "application/javascript"):
            assert header(response, "content-encoding") in ("gzip", "br"), response["url"]
    assert first <= FIRST_VISIT_HOME_BUDGET, fetched

    repeat, fetched_again = meter.visit(page, base + "/", cold=False)
    # Every static file the page loads comes from the browser's cache, without even asking
    # the server. The favicon is left out: Chromium fetches it itself, outside the page's
    # loads, sometimes after the first visit has settled, and then again on the next (its
    # bytes still count in the repeat visit's weight below).
    static_again = {
        r["url"]: r["bytes"]
        for r in fetched_again
        if "/static/" in r["url"] and "/favicon" not in r["url"]
    }
    assert font["url"] in static_again
    assert set(static_again.values()) == {0}, static_again
    assert repeat <= REPEAT_VISIT_HOME_BUDGET, fetched_again

    TEST_OUTPUT.mkdir(exist_ok=True)
    (TEST_OUTPUT / "page-weight-home.json").write_text(
        json.dumps({"participant_home_first": first, "participant_home_repeat": repeat})
    )
    context.close()


def test_no_main_page_of_any_role_weighs_over_300_kb_on_a_first_visit(browser, production_server):
    base = production_server
    weights: dict[str, int] = {}
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    meter = Meter(context, page)
    for url in [base + "/", base + "/accounts/login/", base + "/about/"]:
        weights["public " + url.removeprefix(base)] = meter.visit(page, url, cold=True)[0]
    context.close()

    for username in ROLES:
        context = browser.new_context(viewport=PHONE)
        page = context.new_page()
        meter = Meter(context, page)
        sign_in(page, base, username)
        for url in [base + "/", *menu_links(page, base)]:
            weights[f"{username} {url.removeprefix(base)}"] = meter.visit(page, url, cold=True)[0]
        context.close()

    TEST_OUTPUT.mkdir(exist_ok=True)
    (TEST_OUTPUT / "page-weight.json").write_text(json.dumps(weights, indent=1))
    assert len(weights) >= 3 + 2 * len(ROLES)
    too_heavy = {page: size for page, size in weights.items() if size > FIRST_VISIT_ANY_PAGE_BUDGET}
    assert too_heavy == {}
