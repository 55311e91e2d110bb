"""Contract test (issue 28): schemathesis generates requests for every operation of the
OpenAPI document /api/v1/schema/ and sends them, with a state-cell token, to the app in this
process (WSGI). No answer may be a server error, and every answer must be one the document
describes (status, content type, body schema). Bounded to EXAMPLES cases per operation so
that it fits the CI's time on both databases."""

import datetime
from decimal import Decimal

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from sashakt.followup.models_outcomes import Indicator, IndicatorRound, IndicatorValue
from sashakt.followup.services import AnswerInput, checkin_record
from sashakt.followup.tests.world import plan_make, world_make
from sashakt.followup.themes import LsdgTheme
from sashakt.geography.models import GramPanchayat

pytestmark = pytest.mark.django_db

EXAMPLES = 12
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def document(settings):
    """The document, read from the app itself; requests go to the same WSGI app, which must
    not close the test's database connection after each answer (as Django's test client
    also arranges)."""
    settings.API_RATE_PER_MINUTE = 100_000
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def plans(personas):
    """Action plans of a batch that ended 100 days ago, one answered at 30 days (the
    follow-up's answers then hold every kind of stage: answered, overdue, upcoming), and one
    gram panchayat's PAI figure."""
    world = world_make(personas, ended_days_ago=100)
    answered = plan_make(
        world.kanpur, personas.state, themes=(LsdgTheme.WATER_SUFFICIENT, LsdgTheme.HEALTHY)
    )
    plan_make(world.lucknow, personas.state)
    checkin_record(
        plan=answered,
        stage=30,
        answers=[AnswerInput(commitment=c, status="done") for c in answered.commitments.all()],
        channel="link",
        today=world.batch.end_date + datetime.timedelta(days=30),
    )
    gp = GramPanchayat.objects.create(
        district=world.kanpur.district, lgd_code=900001, lgd_name="GP", name_en="GP"
    )
    IndicatorValue.objects.create(
        round=IndicatorRound.objects.create(
            code="pai", name_hi="पीएआई", name_en="PAI", measured_on=datetime.date(2026, 3, 31)
        ),
        indicator=Indicator.objects.get(code="pai_total"),
        gram_panchayat=gp,
        value=Decimal("52.50"),
    )
    return world


def test_every_operation_keeps_its_contract(personas, hall, plans, make_token, document):
    headers = {"Authorization": f"Bearer {make_token(personas.state)}"}
    operations = [result.ok() for result in document.get_all_operations()]
    # 13 lists, 13 records, 3 writes, the dashboard, the follow-up report
    assert len(operations) >= 31
    problems: list[str] = []
    answered: set[int] = set()
    # A valid registry row, so that a successful write's answer is checked too.
    row = {
        "mobile": "9839055555",
        "name": "Kamla Devi",
        "gender": "F",
        "designation": "Zila Panchayat member",
        "district": 157,
    }
    for operation in operations:
        strategies = [operation.as_strategy()]
        if operation.label == "POST /api/v1/people/upsert/":
            strategies.append(operation.as_strategy(body=row))
        for strategy in strategies:
            _run(strategy, headers, answered, problems, operation.label)
    assert problems == [], "\n\n".join(problems)
    assert {200, 201, 400, 404} <= answered  # reads, a write, refusals: all were reached


def _run(strategy, headers, answered, problems, label):
    """EXAMPLES cases of `strategy`, sent and checked; a failure is kept in `problems`."""

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case):
        response = case.call(headers=headers)
        answered.add(response.status_code)
        case.validate_response(response, checks=CHECKS)

    try:
        run()
    except Exception as failure:  # noqa: BLE001 - collected, then shown all at once
        problems.append(f"{label}: {failure}")
