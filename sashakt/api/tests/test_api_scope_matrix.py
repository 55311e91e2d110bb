"""The scope matrix of /api/v1/ (issue 28), as the pages' (demo/tests/test_scope_matrix.py):
every API route × a token bound to each role, with path parameters and bodies naming the
*other* side's records (IIM Lucknow's programme, batch, session, certificate; a Lucknow
person and their nomination). The scoped tokens (IIT Kanpur's coordinator and trainer, the
Kanpur Nagar officer, a Kanpur Nagar participant) must never see those records in a list or
by id, and a refused write must leave the database exactly as it was. No answer may be a
server error."""

import datetime
import hashlib
import re

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from sashakt.api.tests.conftest import ApiClient
from sashakt.certificates.services import certificate_issue
from sashakt.followup.tests.world import plan_make
from sashakt.nominations.services import nomination_approve, nomination_confirm, nomination_create
from sashakt.programmes.models import BatchSession, SessionMethod
from sashakt.test import LUCKNOW, batch_completed_make, batch_make, person_make, programme_make

pytestmark = pytest.mark.django_db

ROLES = ["state", "iitk", "dpro_kanpur", "trainer", "participant"]
# Written on every request whatever is refused: the token's last use. A refused upsert of a
# mobile held in another district also tells the state cell through the outbox, which is
# the point of that refusal (people.by_hand._mobile_taken), not a change to the records.
VOLATILE = {"api.apitoken", "notifications.message", "sessions.session"}
REFUSED = {400, 401, 403, 404, 405, 409, 413, 422}


def api_routes(resolver=None, prefix=""):
    """Every route of the API app under /api/v1/ (lists, records, actions)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from api_routes(entry, route)
        elif isinstance(entry, URLPattern) and route.startswith("api/v1/"):
            yield route


def db_state() -> tuple:
    counts, digest = [], hashlib.sha256()
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in VOLATILE:
            continue
        manager = model._base_manager
        counts.append((label, manager.count()))
        if model.__module__.startswith("sashakt.") and model._meta.app_label != "geography":
            for row in manager.order_by("pk").values_list():
                digest.update(repr(row).encode())
    return tuple(counts), digest.hexdigest()


@pytest.fixture
def other_side(personas):
    state = personas.state
    programme = programme_make(personas.iiml_institute)
    batch = batch_make(programme, capacity=10, start=datetime.date(2026, 12, 28))
    nomination = nomination_create(
        user=personas.dpro_lucknow, person=personas.lucknow_person, batch=batch
    )
    nomination_approve(user=state, nomination=nomination)
    trained = person_make(
        name="कमला देवी", name_alt="Kamla Devi", mobile="9415000003", district_lgd=LUCKNOW
    )
    ran = batch_make(programme, capacity=10, start=datetime.date(2025, 9, 1), number=9)
    taught = nomination_confirm(
        user=state,
        nomination=nomination_approve(
            user=state,
            nomination=nomination_create(user=personas.dpro_lucknow, person=trained, batch=ran),
        ),
    )
    batch_completed_make(ran)
    taught.refresh_from_db()
    certificate = certificate_issue(user=state, nomination=taught)
    plan = plan_make(taught, state)  # a Lucknow person's action plan, IIM Lucknow's batch
    session = BatchSession.objects.create(
        batch=batch,
        date=batch.start_date,
        starts_at=datetime.time(10),
        title_en="Gram Panchayat Development Plan",
        method=SessionMethod.choices[0][0],
    )
    ids = {
        "people": personas.lucknow_person.pk,
        "institutes": personas.iiml_institute.pk,
        "mous": programme.mou.pk,
        "programmes": programme.pk,
        "batches": batch.pk,
        "sessions": session.pk,
        "nominations": nomination.pk,
        "certificates": certificate.pk,
        "feedback": batch.pk,
        "followup": plan.pk,
    }
    bodies = {
        "people/upsert": {"mobile": personas.lucknow_person.mobile, "designation": "Pradhan"},
        "nominations": {"person": trained.pk, "batch": batch.pk},
        "marks": {
            "marks": [
                {
                    "client_id": "matrix-1",
                    "session": session.pk,
                    "nomination": nomination.pk,
                    "status": "present",
                }
            ]
        },
    }
    return {
        "ids": ids,
        "bodies": bodies,
        "lucknow_people": {personas.lucknow_person.pk, trained.pk},
    }


# What each scoped role must never see of the other side, by resource.
HIDDEN = {
    "iitk": {
        "followup",
        "mous",
        "programmes",
        "batches",
        "sessions",
        "nominations",
        "certificates",
        "feedback",
    },
    "trainer": {
        "mous",
        "programmes",
        "batches",
        "sessions",
        "nominations",
        "certificates",
        "followup",
    },
    "dpro_kanpur": {"people", "nominations", "certificates", "followup"},
    "participant": {"people", "nominations", "certificates", "batches", "sessions", "followup"},
}


def _resource(route: str) -> str:
    return route.removeprefix("api/v1/").lstrip("^").split("/")[0]


def fill(route: str, world: dict) -> str:
    resource = _resource(route)
    pk = world["ids"].get(resource, 1)
    return "/" + re.sub(r"\(\?P<pk>[^)]*\)", str(pk), route.replace("^", "").replace("$", ""))


@pytest.mark.parametrize("role", ROLES)
def test_every_api_route_keeps_to_the_tokens_scope(personas, other_side, make_token, role):
    owner = personas.all_users()[role]
    api = ApiClient(make_token(owner))
    routes = sorted(set(api_routes()))
    assert len(routes) > 20
    assert {"followup/plans", "followup/report"} <= {
        "/".join(r.removeprefix("api/v1/").lstrip("^").split("/")[:2]) for r in routes
    }
    before = db_state()
    problems, refusals = [], 0
    for route in routes:
        url = fill(route, other_side)
        if "<path:rest>" in url:
            url = "/api/v1/nowhere/"
        resource = _resource(route)
        body_key = "people/upsert" if url.endswith("/upsert/") else resource
        for method in ("get", "post"):
            if method == "get":
                response = api.get(url)
            else:
                response = api.post(url, other_side["bodies"].get(body_key, {}))
            if response.status_code >= 500:
                problems.append(f"{method.upper()} {url}: {response.status_code}")
                continue
            after = db_state()
            if response.status_code in REFUSED:
                refusals += 1
                if after != before:
                    problems.append(f"{method.upper()} {url} refused but wrote")
            elif method == "post" and role != "state" and after != before:
                problems.append(f"POST {url} wrote another side's record for {role}")
            before = after
            hidden = resource in HIDDEN.get(role, set())
            if method == "get" and hidden and response.status_code == 200:
                body = response.json()
                if "results" in body:
                    seen = {row.get("id", row.get("batch")) for row in body["results"]}
                    if other_side["ids"][resource] in seen:
                        problems.append(f"GET {url}: {role} sees another side's {resource}")
                    if resource == "people" and seen & other_side["lucknow_people"]:
                        problems.append(f"GET {url}: {role} sees Lucknow's people")
                elif "by_district" in body:  # the follow-up report's counts
                    if str(LUCKNOW) in body["by_district"] or any(body["totals"].values()):
                        problems.append(f"GET {url}: {role} counts another side's plans")
                else:
                    problems.append(f"GET {url}: {role} may open another side's {resource}")
    assert problems == [], problems
    assert refusals > (5 if role == "state" else 15)


def test_a_district_token_sees_only_its_district(personas, other_side, make_token):
    api = ApiClient(make_token(personas.dpro_kanpur))
    people = api.get("/api/v1/people/", {"page_size": 500}).json()["results"]
    assert people and {p["district"] for p in people} == {157}
    assert api.get("/api/v1/people/", {"district": LUCKNOW}).json()["results"] == []
    nominations = api.get("/api/v1/nominations/").json()["results"]
    assert all(n["district"] == 157 for n in nominations)
    figures = api.get("/api/v1/dashboard/").json()
    assert set(figures["by_district"]) <= {"157"}


def test_the_other_sides_plan_is_there_for_the_state_cell(personas, other_side, make_token):
    """The matrix's follow-up rows mean something: the state cell sees the plan and counts it."""
    api = ApiClient(make_token(personas.state))
    plans = api.get("/api/v1/followup/plans/").json()["results"]
    assert other_side["ids"]["followup"] in {plan["id"] for plan in plans}
    report = api.get("/api/v1/followup/report/").json()
    assert report["by_district"][str(LUCKNOW)]["total"] == 1
