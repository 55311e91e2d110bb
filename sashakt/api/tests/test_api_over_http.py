"""The README's worked example over real HTTP (a live server): list batches with a token,
the same page again with If-None-Match (304), and a registry upsert sent twice with one
Idempotency-Key (one person, the first answer replayed)."""

import json
import urllib.error
import urllib.request

import pytest

from sashakt.people.models import Person
from sashakt.test import batch_make, programme_make


def _call(url: str, headers: dict, body: dict | None = None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        url, data=data, headers=headers, method="POST" if data else "GET"
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.mark.django_db(transaction=True)
def test_the_readme_example_works_over_http(live_server, personas, make_token):
    programme = programme_make(personas.iitk_institute)
    batch_make(programme)
    auth = {"Authorization": f"Bearer {make_token(personas.state)}"}
    url = f"{live_server.url}/api/v1/batches/?programme={programme.pk}"
    status, headers, body = _call(url, auth)
    assert status == 200 and len(json.loads(body)["results"]) == 1
    status, _headers, body = _call(url, {**auth, "If-None-Match": headers["ETag"]})
    assert status == 304 and body == b""
    row = {
        "mobile": "+91 94150 12345",
        "name": "Kamla Devi",
        "gender": "F",
        "designation": "Zila Panchayat member",
        "district": 162,
    }
    send = {
        **auth,
        "Content-Type": "application/json",
        "Idempotency-Key": "lko-2026-12-07-001",
        "Accept-Language": "en",
    }
    first = _call(f"{live_server.url}/api/v1/people/upsert/", send, row)
    again = _call(f"{live_server.url}/api/v1/people/upsert/", send, row)
    assert first[0] == again[0] == 201 and first[2] == again[2]
    assert Person.objects.filter(mobile="9415012345").count() == 1
