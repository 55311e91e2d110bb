"""The scope matrix (issue 10): every URL of the project × every role × GET and POST.

Path parameters are filled with records of the *other* side — IIM Lucknow's programme, batch,
session, certificate and MoU, a Lucknow person's nomination, the Lucknow officer's import and
job — so the scoped roles (IIT Kanpur's coordinator and trainer, Kanpur Nagar's officer, a
Kanpur Nagar participant) ask for things that are not theirs, and the state cell for things
it may touch. Every answer that refuses (403, 404, 405, 400, or a redirect to a sign-in page)
must leave the database exactly as it was: per-table row counts, the number of audit entries
and a hash over every value of every domain table. No answer may be a server error.

CSRF checks are off in this client on purpose: with them on, every POST would be refused by
the middleware before the view runs, and the test would prove nothing about the views. That
CSRF is enforced is tested by the browser tests and Django's own middleware.
"""

import datetime
import hashlib
import re

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from sashakt.certificates.services import certificate_issue
from sashakt.core.models import Job
from sashakt.nominations.services import (
    nomination_approve,
    nomination_confirm,
    nomination_create,
)
from sashakt.notifications.services import message_send
from sashakt.people.models import ParticipantImport
from sashakt.programmes.models import BatchSession, SessionMethod
from sashakt.test import LUCKNOW, batch_completed_make, batch_make, person_make, programme_make

pytestmark = pytest.mark.django_db

ROLES = ["state", "iitk", "dpro_kanpur", "trainer", "participant", "finance", "anonymous"]
# 401: the attendance phones' JSON endpoints answer a missing sign-in so.
# 410: an expired or altered hall sign-in link.
REFUSED = {400, 401, 403, 404, 405, 410}
LOGIN_PAGES = ("/accounts/login/", "/admin/login/")
# What anyone may open without signing in.
PUBLIC = (
    "/verify/",
    "/public/",  # the transparency page: aggregates only (tested in reports)
    "/attendance/sw.js",  # the offline worker's script: code, no data
    "/followup/library/sw.js",  # the same worker, scoped to the library
    "/about/",
    "/accounts/login/",
    "/accounts/code/",  # sign-in with a one-time code (tested in accounts)
    "/nominations/hall/",  # the hall tablet: its signed link is the key (tested in nominations)
    # A seat answered from the SMS: the signed link is the key; an altered one is told so in
    # words, with nothing shown or changed (tested in nominations, test_answer_link.py).
    "/nominations/answer/",
    "/a/",
    # An action plan's check-in from the SMS, the same way (followup, test_checkin_link.py).
    "/followup/checkin/",
    "/c/",
    "/accounts/language/",
    "/favicon.ico",
    "/admin/login/",
    "/admin/logout/",
    "/healthz",  # the load balancer's probe: counts and ages, no personal data (core tests)
    # The API's OpenAPI document and its Swagger UI: descriptions, no data. Every other
    # /api/v1/ address wants a token (api/tests/test_api_scope_matrix.py walks them).
    "/api/v1/schema/",
    "/api/v1/docs/",
)
# /privacy/ is the privacy notice (its POST only records a participant's acknowledgement).
PUBLIC_EXACT = {"/", "/accounts/logout/", "/privacy/"}
# Tables that change on every request whatever the view does: the signed-in session.
VOLATILE = {"sessions.session"}

# Writes a scoped role may make to the other side's records: nominating its own people to
# any open batch (every district nominates to every institute's batches).
CROSS_SCOPE_WRITES = {
    ("accounts:set_language", "*"),  # the user's own choice of language
    ("nominations:batch_nominate", "dpro_kanpur"),
    ("nominations:programme_detail", "dpro_kanpur"),
    ("people:export", "dpro_kanpur"),  # a job of its own exporting its own registry
    ("privacy:notice", "participant"),  # their own acknowledgement of the privacy notice
}


def url_patterns(resolver=None, prefix="", namespace=""):
    """(name, route) of every URL pattern of the project, admin included."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from url_patterns(entry, route, ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield name or route, route


def db_state() -> tuple:
    """Row counts of every table, and a hash of every value of every domain table."""
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
def other_side(personas, settings):
    """IIM Lucknow and Lucknow records: another institute's, another district's."""
    settings.JOBS_BACKEND = "immediate"
    state = personas.state
    programme = programme_make(personas.iiml_institute)
    batch = batch_make(programme, capacity=10, start=datetime.date(2026, 12, 7))
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
    session = BatchSession.objects.create(
        batch=batch,
        date=batch.start_date,
        starts_at=datetime.time(10),
        title="Gram Panchayat Development Plan",
        method=SessionMethod.choices[0][0],
    )
    job = Job.objects.create(
        kind="people.export", title="Export", created_by=personas.dpro_lucknow, status="succeeded"
    )
    upload = ParticipantImport(
        created_by=personas.dpro_lucknow,
        district=personas.dpro_lucknow.district,
        original_name="lucknow.csv",
    )
    upload.file.save("lucknow.csv", ContentFile("नाम,मोबाइल\nकमला,9415000009\n".encode()))
    message = message_send(
        purpose_key="matrix", to_mobile=personas.lucknow_person.mobile, body="नमस्ते"
    )
    ids = {
        "programme_detail": programme.pk,
        "allocation": programme.pk,
        "nomination": nomination.pk,
        "session": session.pk,
        "institute": personas.iiml_institute.pk,
        "mou": programme.mou.pk,
        "import": upload.pk,
        "message": message.pk,
        "batch": batch.pk,
        "person": personas.lucknow_person.pk,
    }
    return {
        "ids": ids,
        "number": certificate.number,
        "job": str(job.pk),
        "certificate_job": str(job.pk),
        "lucknow": personas.dpro_lucknow.district.pk,
        "mobiles": f"{personas.lucknow_person.mobile}\n{personas.kanpur_person.mobile}",
    }


def _pk_for(name: str, ids: dict) -> int:
    for key, value in ids.items():
        if key in name:
            return value
    if "institutes" in name or "template" in name:
        return ids["institute"]
    return ids["batch"]


def fill(name: str, route: str, world: dict) -> str | None:
    """The route with its parameters filled, or None for a pattern no link can reach."""
    route = route.lstrip("^").rstrip("$")
    route = route.replace("\\Z", "").replace("\\", "")

    def value(match):
        converter, param = (match.group(1) or "str"), match.group(2)
        if param in {"pk", "object_id"} or converter == "int":
            return str(_pk_for(name + route, world["ids"]))
        if param == "job_id":
            return world["job"]
        if param == "number":
            return world["number"]
        if param == "action":
            return "approve"
        if param == "suffix":
            return "csv"
        return "x"

    filled = re.sub(r"<(?:(\w+):)?(\w+)>", value, route)
    if "(?P<" in filled or "(" in filled:
        return None  # admin's catch-all and regex routes
    return "/" + filled


def post_data(world: dict) -> dict:
    """Fields the write views read, with values that would change something if accepted."""
    return {
        "status": "completed",
        "reason": "matrix",
        "mobiles": world["mobiles"],
        "mobile": world["mobiles"].splitlines()[-1],
        "year": "2026",
        "action": "propose",
        "seats": "3",
        "district": str(world["lucknow"]),
        "start_date": "2027-01-04",
        "language": "en",
        "next": "/",
        # The fields views read from request.POST by hand (test_post_fuzz lists them), with
        # the other side's records (issue 23): a view that trusted one would write there.
        "nomination": str(world["ids"]["nomination"]),
        "batch": str(world["ids"]["batch"]),
        "session": str(world["ids"]["session"]),
        "comment": "matrix",
        "text": "matrix",
        "question": "1",
        "option": "1",
        "item": "1",
        "item-content": "5",
        "gram_panchayat": "1",
        "decision-1": "create",
        "q1": "1",
    }


def refused(response) -> bool:
    if response.status_code in REFUSED:
        return True
    location = response.get("Location", "")
    return response.status_code == 302 and location.startswith(LOGIN_PAGES)


def _client_for(personas, role):
    client = Client()
    if role != "anonymous":
        client.force_login(getattr(personas, role))
    return client


@pytest.mark.parametrize("role", ROLES)
def test_every_refused_request_changes_nothing(personas, other_side, role):
    client = _client_for(personas, role)
    urls = [(name, fill(name, route, other_side)) for name, route in url_patterns()]
    urls = [(name, url) for name, url in urls if url]
    assert len(urls) > 40
    before = db_state()
    refusals, problems = 0, []
    for name, url in urls:
        for method in ("get", "post"):
            if method == "post" and role == "state" and url.startswith("/admin/"):
                continue  # the admin's own pages, the state cell's to change (and delete with)
            if method == "get":
                response = client.get(url)
            else:
                response = client.post(url, post_data(other_side))
            if response.status_code >= 500:
                problems.append(f"{method.upper()} {url} ({name}): {response.status_code}")
            after = db_state()
            if refused(response):
                refusals += 1
                if after != before:
                    problems.append(f"{method.upper()} {url} ({name}) refused but wrote")
            elif (
                method == "post"
                and role not in {"state", "anonymous"}
                and (name, role) not in CROSS_SCOPE_WRITES
                and (name, "*") not in CROSS_SCOPE_WRITES
                and after != before
            ):
                problems.append(f"POST {url} ({name}) wrote another side's record for {role}")
            before = after
            if name == "logout" or url.endswith("/logout/"):
                client = _client_for(personas, role)
                before = db_state()
            if (
                role == "anonymous"
                and not refused(response)
                # An address that moved (sashakt/legacy_urls.py) only sends on to the new one,
                # which this walk asks for itself.
                and response.status_code != 301
                and not url.startswith(PUBLIC)
                and url not in PUBLIC_EXACT
            ):
                problems.append(f"{method.upper()} {url} ({name}) answered {response.status_code}")
    assert problems == [], problems
    assert refusals > (10 if role == "state" else 40)
