import os
import shutil
from pathlib import Path

import pytest

from sashakt.test import ensure_geography, personas_make

TEST_OUTPUT = Path(__file__).resolve().parent.parent / "test-output"


def pytest_configure(config):
    from django.conf import settings

    # Real hashing costs ~0.3 s a password; tests create dozens of accounts.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


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
