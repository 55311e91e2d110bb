"""Every address that moved answers with a permanent redirect to its new home (legacy_urls.py)."""

import re

import pytest
from django.urls import resolve, reverse

from sashakt.legacy_urls import MOVED

SAMPLE = {"pk": "7", "token": "abc.DEF-1", "action": "approve"}


def _filled(route: str) -> tuple[str, dict]:
    kwargs = {}

    def value(match):
        kwargs[match.group(1)] = SAMPLE[match.group(1)]
        return SAMPLE[match.group(1)]

    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", value, route), kwargs


@pytest.mark.parametrize(("old", "new"), MOVED)
@pytest.mark.parametrize("method", ["get", "head"])
def test_every_old_address_redirects_permanently_to_its_new_one(client, old, new, method):
    path, kwargs = _filled(old)
    response = getattr(client, method)(path, {"a": "1", "b": "x y"})
    assert response.status_code == 301
    assert response["Location"] == reverse(new, kwargs=kwargs) + "?a=1&b=x+y"
    assert not response["Location"].startswith("/programmes/")


def test_the_printed_addresses_keep_working(client):
    """The addresses on paper and in calendars, spelled out."""
    assert client.get("/programmes/nominations/12/letter.pdf")["Location"] == (
        "/nominations/12/letter.pdf"
    )
    assert client.get("/programmes/hall/t0k3n/")["Location"] == "/nominations/hall/t0k3n/"
    assert client.get("/programmes/my-training.ics")["Location"] == "/nominations/my-training.ics"
    assert client.get("/programmes/batches/3/")["Location"] == "/nominations/batches/3/"
    # The certificates' QR codes never moved.
    assert client.get("/verify/").status_code == 200
    assert resolve("/verify/ABC-123/").view_name == "certificates:verify_number"


def test_the_pages_that_stayed_do_not_redirect(client):
    for path in (
        "/programmes/batches/new/",
        "/programmes/batches/3/timetable/",
        "/programmes/3/setup/",
    ):
        response = client.get(path)
        assert response.status_code == 302  # to the sign-in page, not moved
        assert response["Location"].startswith("/accounts/login/")
