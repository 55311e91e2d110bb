import datetime

import pytest
from django.test import Client
from django.utils import timezone

from sashakt.api.scopes import all_scopes
from sashakt.api.tokens import token_create
from sashakt.attendance.tests.factories import hall_make


@pytest.fixture(autouse=True)
def fresh_session_owners():
    """The check-in path remembers session owners per process; SQLite tests reuse keys."""
    from sashakt.attendance import selectors

    selectors._SESSION_OWNERS.clear()
    yield


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counts and dashboard figures live in the cache: each test starts afresh."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def hall(personas):
    """IIT Kanpur's running batch: 5 sessions, the Kanpur and Lucknow personas and one more
    Kanpur person confirmed."""
    return hall_make(personas, people=3)


@pytest.fixture
def make_token(personas):
    def make(owner, scopes=None, *, days: int = 30):
        return token_create(
            user=personas.state,
            name=f"system of {owner.username}",
            owner=owner,
            scopes=all_scopes() if scopes is None else scopes,
            expires_at=timezone.now() + datetime.timedelta(days=days),
        ).secret

    return make


class ApiClient:
    """A Django test client that sends a token and JSON."""

    def __init__(self, secret: str | None, language: str | None = None):
        self.client = Client()
        self.headers = {}
        if secret:
            self.headers["Authorization"] = f"Bearer {secret}"
        if language:
            self.headers["Accept-Language"] = language

    def get(self, url, data=None, **headers):
        return self.client.get(url, data, headers={**self.headers, **headers})

    def post(self, url, body=None, *, raw: bytes | None = None, **headers):
        import json

        payload = raw if raw is not None else json.dumps(body)
        return self.client.post(
            url, payload, content_type="application/json", headers={**self.headers, **headers}
        )

    def delete(self, url, **headers):
        return self.client.delete(url, headers={**self.headers, **headers})


@pytest.fixture
def api_as(make_token):
    def make(owner, scopes=None, language=None):
        return ApiClient(make_token(owner, scopes), language)

    return make
