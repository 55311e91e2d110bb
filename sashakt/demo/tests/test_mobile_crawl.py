"""Crawl every page each role can reach and look for mobiles it may not see (issue 10):
only the state cell, the person's own district officer and the person.

Every link is followed, downloads included: HTML pages (and each again as its htmx fragment,
with the HX-Request header), PDFs (read back with pdftotext), .ics calendars, .xlsx and .csv
exports (opened with openpyxl / read as text), job outputs, the audit and outbox pages and
the certificate pages. Before the crawl each role starts the exports it may start, so their
files are on its job pages."""

import io
import re
import shutil
import subprocess
import tempfile

import pytest
from openpyxl import load_workbook

from sashakt.certificates.services import certificates_issue_for_batch
from sashakt.conftest import require_or_skip
from sashakt.nominations.models import NominationStatus
from sashakt.nominations.services import (
    nomination_approve,
    nomination_confirm,
    nomination_create,
)
from sashakt.people.models import Person
from sashakt.programmes.models import BatchStatus
from sashakt.test import batch_make, person_make, programme_make

pytestmark = pytest.mark.django_db
# The import template's example row is fixed text whose mobile is one of the personas'.
SKIP = ("logout", "/static/", "/admin/", "/people/import/template.")
SEEDS = ["/", "/audit/", "/notifications/", "/certificates/", "/jobs/", "/my-training.ics"]


def _pdf_text(content: bytes) -> str:
    require_or_skip(bool(shutil.which("pdftotext")), "pdftotext (poppler-utils) is not installed")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        text = subprocess.run(
            ["pdftotext", handle.name, "-"], check=True, capture_output=True, text=True
        ).stdout
    return text + "\n" + "".join(text.split())  # also without the spaces a layout adds


def _xlsx_text(content: bytes) -> str:
    book = load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        " ".join("" if cell is None else str(cell) for cell in row)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
    )


def _text(response) -> tuple[str, str]:
    """(kind, readable text) of an answer, whatever its type."""
    kind = response.get("Content-Type", "").split(";")[0]
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if kind == "application/pdf" or content.startswith(b"%PDF"):
        return "pdf", _pdf_text(content)
    if content.startswith(b"PK\x03\x04"):
        return "xlsx", _xlsx_text(content)
    return kind, content.decode("utf-8", "replace")


def _crawl(client, limit=300):
    seen, todo, kinds = set(), list(reversed(SEEDS)), set()
    while todo and len(seen) < limit:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200:
            continue
        kind, text = _text(response)
        kinds.add(kind)
        yield url, text
        if kind != "text/html":
            continue
        fragment = client.get(url, HTTP_HX_REQUEST="true")
        if fragment.status_code == 200:
            yield f"{url} (htmx)", _text(fragment)[1]
        todo += [
            link.replace("&amp;", "&")
            for link in re.findall(r'(?:href|hx-get|src)="(/[^"#]*)"', text)
            if not any(part in link for part in SKIP)
        ]
    yield "kinds", kinds


@pytest.fixture
def seated(personas, settings):
    """People of two districts on IIT Kanpur batches: one holding a seat in a coming batch,
    three certified after a batch that ran; exports of the registry on the job pages."""
    settings.JOBS_BACKEND = "immediate"
    state = personas.state
    programme = programme_make(personas.iitk_institute)
    batch = batch_make(programme, capacity=5)
    person = person_make(name="सुनीता यादव", name_alt="Sunita Yadav", mobile="9839000701")
    nomination = nomination_create(user=personas.dpro_kanpur, person=person, batch=batch)
    nomination_approve(user=state, nomination=nomination)
    nomination_create(user=personas.dpro_lucknow, person=personas.lucknow_person, batch=batch)
    ran = batch_make(programme_make(personas.iitk_institute), capacity=10)
    for officer, someone in [
        (personas.dpro_kanpur, personas.kanpur_person),
        (personas.dpro_kanpur, personas.participant.person),
        (personas.dpro_lucknow, person_make(name="कमला", mobile="9415000003", district_lgd=162)),
    ]:
        held = nomination_confirm(
            user=state,
            nomination=nomination_approve(
                user=state, nomination=nomination_create(user=officer, person=someone, batch=ran)
            ),
        )
        held.status, held.seat = NominationStatus.ATTENDED, None
        held.save()
    ran.status = BatchStatus.COMPLETED
    ran.save()
    certificates_issue_for_batch(user=personas.iitk, batch=ran)
    return batch


@pytest.mark.parametrize("persona", ["iitk", "iiml", "trainer", "participant", "dpro_lucknow"])
def test_no_page_or_file_shows_a_mobile_the_role_may_not_see(personas, client, seated, persona):
    user = personas.all_users()[persona]
    hidden = set(Person.objects.values_list("mobile", flat=True))
    if persona == "participant":
        hidden.discard(user.person.mobile)
    if persona == "dpro_lucknow":
        hidden -= set(
            Person.objects.filter(district=user.district).values_list("mobile", flat=True)
        )
    client.force_login(user)
    if persona == "dpro_lucknow":
        assert client.post("/people/export/").status_code == 302
    pages, kinds = 0, set()
    for url, text in _crawl(client):
        if url == "kinds":
            kinds = text
            continue
        pages += 1
        leaked = [mobile for mobile in hidden if mobile in text]
        assert leaked == [], f"{persona} sees {leaked} on {url}"
    assert pages >= 2
    expected = {
        "iitk": {"text/html", "pdf", "text/calendar"},
        "participant": {"text/html", "pdf", "text/calendar"},
        "dpro_lucknow": {"text/html", "pdf", "xlsx"},
    }.get(persona, {"text/html"})
    assert expected <= kinds, kinds
