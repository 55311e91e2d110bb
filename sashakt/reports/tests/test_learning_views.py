"""The learning page and its exports, role by role, on the world of `learning_world.py`."""

import csv
import datetime
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from sashakt.assessments.models import Assessment, AssessmentKind, Attempt
from sashakt.attendance.models import Mark, MarkMethod, MarkStatus
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.programmes.models import BatchSession, SessionMethod
from sashakt.reports.dashboards.learning import LEARNING_TABLES, batch_label, module_label
from sashakt.reports.tests.learning_world import learning_world_make
from sashakt.test import batch_make, person_make

pytestmark = pytest.mark.django_db

PAGE = "/dashboard/learning/"


@pytest.fixture
def world(personas):
    return learning_world_make(personas)


def _hindi(label, thing) -> str:
    """A row's label as the pages and exports give it (in Hindi, the default language)."""
    with translation.override("hi"):
        return label(thing)


def _csv(client, table: str, query: str = "") -> list[list[str]]:
    response = client.get(reverse("reports:learning_export", args=[table, "csv"]) + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_page_is_for_the_state_cell_institutes_district_officers_and_trainers(
    client, personas, world
):
    assert reverse("reports:learning") == PAGE
    for user, expected in [
        (personas.state, 200),
        (personas.iitk, 200),
        (personas.iiml, 200),
        (personas.dpro_kanpur, 200),
        (personas.trainer, 200),
        (personas.participant, 403),
    ]:
        client.force_login(user)
        assert client.get(PAGE).status_code == expected, user.username
        for table in LEARNING_TABLES:
            for suffix in ("csv", "xlsx"):
                url = reverse("reports:learning_export", args=[table, suffix])
                assert client.get(url).status_code == expected, (user.username, url)
    client.logout()
    assert client.get(PAGE).status_code == 302
    assert (
        client.get(reverse("reports:learning_export", args=["scores-batch", "csv"])).status_code
        == 302
    )


def test_the_state_cell_sees_every_table_with_charts_and_links(client, personas, world):
    client.force_login(personas.state)
    response = client.get(PAGE)
    html = response.content.decode()
    for name in LEARNING_TABLES:
        assert f'data-testid="learning-{name}"' in html
    assert html.count("<svg") >= 6
    assert reverse("assessments:batch_results", args=[world.batch.pk]) in html
    assert reverse("attendance:batch", args=[world.batch.pk]) in html
    assert f"?programme={world.batch.programme_id}" in html
    tables = {t.name: t for t in response.context["tables"]}
    b1_row = next(
        r for r in tables["attendance-batch"].rows if r[0].value == _hindi(batch_label, world.batch)
    )
    assert [c.value for c in b1_row[2:]] == [2, 5, 8, 80.0]


def test_exports_equal_the_hand_count_within_scope(client, personas, world):
    client.force_login(personas.state)
    rows = _csv(client, "scores-batch")
    by_batch = {row[0]: row[1:] for row in rows[1:]}
    assert by_batch[_hindi(batch_label, world.batch)] == ["3", "33.3", "2", "83.3", "50.0", "0.75"]
    assert by_batch[_hindi(batch_label, world.iiml_batch)] == ["1", "40.0", "0", "", "", ""]
    trainers = {row[0]: row[1:3] for row in _csv(client, "feedback-trainer")[1:]}
    assert trainers == {"trainer": ["5", "4.0"], "trainer2": ["3", ""]}
    attendance = _csv(client, "attendance-batch")
    assert attendance[1][2:] == ["2", "5", "8", "80.0"]

    client.force_login(personas.iitk)
    assert [row[0] for row in _csv(client, "scores-batch")[1:]] == [
        _hindi(batch_label, world.batch)
    ]
    client.force_login(personas.iiml)
    assert [row[0] for row in _csv(client, "scores-batch")[1:]] == [
        _hindi(batch_label, world.iiml_batch)
    ]
    assert _csv(client, "attendance-batch")[1:] == []
    client.force_login(personas.dpro_kanpur)
    assert _csv(client, "attendance-batch")[1][2:] == ["2", "4", "7", "87.5"]
    client.force_login(personas.dpro_lucknow)
    assert _csv(client, "scores-batch")[1:] == [
        [_hindi(batch_label, world.batch), "1", "33.3", "1", "66.7", "33.3", "0.5"]
    ]
    client.force_login(personas.trainer)
    # Three people took the pre-test: counts, no mean, for a trainer.
    assert _csv(client, "scores-batch")[1:] == [
        [_hindi(batch_label, world.batch), "3", "", "2", "", "", ""]
    ]
    assert [row[:3] for row in _csv(client, "feedback-trainer")[1:]] == [["trainer", "5", "4.0"]]


def test_the_xlsx_export_holds_the_same_rows(client, personas, world):
    client.force_login(personas.state)
    response = client.get(reverse("reports:learning_export", args=["scores-module", "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {r[0]: r[1:5] for r in sheet.iter_rows(min_row=2, values_only=True)}
    gram_sabha, finance = world.modules
    assert rows[_hindi(module_label, gram_sabha)] == (3, 66.7, 2, 100)
    assert rows[_hindi(module_label, finance)] == (3, 0, 2, 66.7)


def test_a_programme_narrows_the_page_within_scope(client, personas, world):
    iitk_programme = world.batch.programme_id
    client.force_login(personas.state)
    response = client.get(PAGE, {"programme": iitk_programme})
    batches = [
        r[0].value for r in {t.name: t for t in response.context["tables"]}["scores-batch"].rows
    ]
    assert batches == [_hindi(batch_label, world.batch)]
    iiml_only = f"?programme={world.iiml_batch.programme_id}"
    rows = _csv(client, "scores-batch", iiml_only)
    assert [r[0] for r in rows[1:]] == [_hindi(batch_label, world.iiml_batch)]
    assert len(_csv(client, "scores-programme", iiml_only)) == 2  # headers and IIM Lucknow's
    assert _csv(client, "feedback-trainer", iiml_only)[1:] == []  # no IIM Lucknow session rated
    assert len(_csv(client, "feedback-trainer", f"?programme={iitk_programme}")) == 3
    client.force_login(personas.iiml)
    assert client.get(PAGE, {"programme": iitk_programme}).status_code == 404
    url = reverse("reports:learning_export", args=["scores-batch", "csv"])
    assert client.get(url, {"programme": iitk_programme}).status_code == 404
    client.force_login(personas.trainer)
    assert client.get(PAGE, {"programme": iitk_programme}).status_code == 200
    assert client.get(PAGE, {"programme": world.iiml_batch.programme_id}).status_code == 404
    assert client.get(PAGE, {"programme": "²"}).status_code == 200  # not an id: ignored


def test_unknown_tables_and_formats_are_not_found(client, personas, world):
    client.force_login(personas.state)
    assert client.get("/dashboard/learning/export/people.csv").status_code == 404
    assert client.get("/dashboard/learning/export/scores-batch.pdf").status_code == 404


def test_the_home_pages_and_the_dashboard_link_to_the_page(client, personas, world):
    for user, page in [
        (personas.state, reverse("reports:dashboard")),
        (personas.iitk, "/"),
        (personas.dpro_kanpur, "/"),
        (personas.trainer, "/"),
    ]:
        client.force_login(user)
        assert f'href="{PAGE}"' in client.get(page).content.decode(), user.username


def test_the_page_reads_in_hindi(client, personas, world):
    client.force_login(personas.state)
    html = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="hi").content.decode()
    for words in ("सीख और प्रतिक्रिया", "बैचवार परीक्षा अंक", "प्रशिक्षकवार सत्र प्रतिक्रिया"):
        assert words in html
    assert "Test scores by batch" not in html


def test_the_page_counts_in_the_same_queries_however_many_batches(client, personas, world):
    client.force_login(personas.state)
    with CaptureQueriesContext(connection) as first:
        client.get(PAGE)
    # Another batch of the same programme, with a session held, a mark and a test taken.
    batch = batch_make(world.batch.programme, start=datetime.date(2025, 10, 6), status="running")
    person = person_make(name="नया व्यक्ति", name_alt="New Person", mobile="9839099901")
    nomination = Nomination.objects.create(
        person=person,
        programme=batch.programme,
        batch=batch,
        district=person.district,
        designation=person.designation,
        status=NominationStatus.CONFIRMED,
        seat=1,
    )
    session = BatchSession.objects.create(
        batch=batch,
        date=batch.start_date,
        starts_at=datetime.time(10),
        title="Session",
        method=SessionMethod.LECTURE,
        trainer=personas.trainer,
        module=world.modules[0],
    )
    Mark.objects.create(
        nomination=nomination,
        session=session,
        status=MarkStatus.PRESENT,
        method=MarkMethod.GRID,
        marked_at=timezone.now(),
    )
    test = Assessment.objects.create(batch=batch, kind=AssessmentKind.PRE)
    Attempt.objects.create(
        assessment=test,
        nomination=nomination,
        started_at=timezone.now(),
        submitted_at=timezone.now(),
        score=1,
        max_score=2,
    )
    cache.clear()  # the figures are cached: count them afresh
    with CaptureQueriesContext(connection) as second:
        response = client.get(PAGE)
    tables = {t.name: t for t in response.context["tables"]}
    assert len(tables["attendance-batch"].rows) == 2 and len(tables["scores-batch"].rows) == 3
    assert len(second.captured_queries) == len(first.captured_queries)


def test_the_figures_are_cached_per_scope(client, personas, world):
    client.force_login(personas.state)
    with CaptureQueriesContext(connection) as first:
        state_page = client.get(PAGE)
    with CaptureQueriesContext(connection) as again:
        assert client.get(PAGE).context["tables"][0].rows == state_page.context["tables"][0].rows
    assert len(again.captured_queries) < len(first.captured_queries)
    # A trainer's page is their own sessions', never the state cell's copy.
    client.force_login(personas.trainer)
    with CaptureQueriesContext(connection) as trainer:
        assert client.get(PAGE).status_code == 200
    assert len(trainer.captured_queries) > len(again.captured_queries)
