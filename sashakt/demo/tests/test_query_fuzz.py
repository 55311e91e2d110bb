"""Odd query parameters never make a server error (issue 10): every GET parameter any view
reads, on every list page and export that reads it, for the roles that reach the page, gets
odd Unicode digits, huge and negative numbers, NUL bytes, long strings and SQL-looking text.
The answer is the page (filtered to nothing, with a message, where the value is nonsense), a
redirect, a 400, or a 404 for a certificate number that is not one — never a 500. A guard
test reads the views' source so a new parameter cannot be added without being fuzzed here."""

import datetime
import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from sashakt.people.models import ParticipantImport
from sashakt.test import batch_make, programme_make

pytestmark = pytest.mark.django_db
SOURCE = Path(__file__).resolve().parents[2]

ODD = [
    "²",  # a digit to str.isdigit(), not to int()
    "١٢",  # Arabic-Indic digits
    "१२३",  # Devanagari digits
    "𝟗",
    "9" * 40,
    "-1",
    "0",
    "1e309",
    "\x00",
    "12\x00",
    "x" * 5000,
    "' OR 1=1 --",
    "%",
    "राम\u200d",
    "..",
    "core.job.x",
    "a/b",  # no address can hold it (issue 23: /verify/?number=a/b was a 500)
]

# path (with {batch}/{import}) -> (the GET parameters it reads, the roles that reach it,
# whether to ask as htmx too)
PAGES = {
    "/verify/": (["number"], ["anonymous", "state"], False),
    "/dashboard/qpr/": (["year", "quarter", "format"], ["state", "dpro"], False),
    "/certificates/": (["batch", "status", "page"], ["state", "iitk", "dpro", "participant"], 0),
    "/nominations/batches/": (["status"], ["state", "iitk", "dpro"], False),
    "/nominations/batches/{batch}/candidates/": (["q"], ["state", "dpro"], True),
    "/notifications/": (["status", "channel", "page"], ["state"], False),
    "/jobs/": (["page"], ["state", "dpro", "participant"], False),
    "/audit/": (["model", "page"], ["state"], False),
    "/people/import/{import}/": (["poll"], ["dpro"], True),
    "/people/": (["q", "district", "designation", "page"], ["state", "dpro"], True),
    "/people/export/": (["q", "district", "designation"], ["state", "dpro"], False),
}
POSTED = {"/people/export/"}  # the export is a POST whose filters are in the address


def test_every_get_parameter_a_view_reads_is_fuzzed():
    read = set()
    for path in SOURCE.glob("sashakt/*/*views.py"):
        read |= set(re.findall(r'request\.GET\.get\("(\w+)"', path.read_text()))
    fuzzed = {name for params, _roles, _htmx in PAGES.values() for name in params}
    assert read - fuzzed == set()
    assert {"q", "district", "designation", "number"} <= fuzzed  # RegistryFilterForm, VerifyForm


@pytest.fixture
def targets(personas):
    batch = batch_make(programme_make(personas.iitk_institute), start=datetime.date(2026, 12, 7))
    upload = ParticipantImport(
        created_by=personas.dpro_kanpur,
        district=personas.dpro_kanpur.district,
        original_name="list.csv",
    )
    upload.file.save("list.csv", ContentFile(b"x"))
    return {"batch": batch.pk, "import": upload.pk}


@pytest.mark.parametrize("page", list(PAGES))
def test_odd_query_parameters_never_make_a_server_error(personas, targets, page):
    params, roles, htmx = PAGES[page]
    url = page.format(**targets)
    users = {**personas.all_users(), "dpro": personas.dpro_kanpur}
    failures = []
    for role in roles:
        client = Client(raise_request_exception=False)
        if role != "anonymous":
            client.force_login(users[role])
        for name in params:
            for value in ODD:
                for headers in [{}, {"HTTP_HX_REQUEST": "true"}] if htmx else [{}]:
                    ask = client.post if page in POSTED else client.get
                    query = {name: value} if page not in POSTED else None
                    target = url if query else f"{url}?{name}={value}"
                    response = ask(target, query, **headers) if query else ask(target, **headers)
                    if response.status_code not in {200, 302, 400, 404}:
                        failures.append((role, name, repr(value)[:30], response.status_code))
    assert failures == []
