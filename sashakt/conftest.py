import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from sashakt.test import PASSWORD, ensure_geography, personas_make

TEST_OUTPUT = Path(__file__).resolve().parent.parent / "test-output"
PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}


def pytest_configure(config):
    # Real hashing costs ~0.3 s a password; tests create dozens of accounts.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # pytest-django's live server serves /static/ through Django's finders, which know only
    # plain names; a manifest left in var/static by `make run` must not hash them. The test
    # of what users download (core/tests/test_page_weight.py) collects and uses the real one.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


FLUSHES = "flushes_database"


def _flushes_database(item: pytest.Item) -> bool:
    """Whether a test empties the database when it ends (a transactional test, a live
    server): the reference geography and the rows migrations wrote go with it."""
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    fixtures = getattr(item, "fixturenames", ())
    return "transactional_db" in fixtures or "live_server" in fixtures


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Mark the tests that flush. In one process pytest-django runs them last; spread over
    processes (pytest-xdist) a worker would run them between other files' tests, which then
    find the geography gone, so `make test` runs them in a second pass (`-m flushes_database`)."""
    for item in items:
        if _flushes_database(item):
            item.add_marker(FLUSHES)


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _default_language():
    """A test that switches the language (translation.activate, override left open) would
    leave it active in the thread for whatever runs next — including the module fixtures of
    the next test file, whose audit entries and stored texts would then be written in
    English. Every test starts and ends in the default language."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def geography(db):
    ensure_geography()


@pytest.fixture
def personas(db):
    return personas_make()


@pytest.fixture
def hindi_client(client):
    """A client whose browser asks for English: the app must still answer in Hindi."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en-US,en;q=0.9"
    return client


def require_or_skip(available: bool, reason: str) -> None:
    """Skip where a tool is missing on a developer's machine; never in CI."""
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must have it)")
    pytest.skip(reason)


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the reference geography once; tests roll back around it."""
    with django_db_blocker.unblock():
        ensure_geography()


@pytest.fixture
def browser():
    """Debian's chromium driven by Playwright (skipped where absent, never in CI)."""
    executable = chromium_path()
    require_or_skip(executable is not None, "no chromium on this machine")
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only the browser tests load Playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests
    # make between browser steps are still plain synchronous code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def browser_sign_in(page, base_url: str, username: str) -> None:
    page.goto(base_url + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(base_url + "/")
