"""The API's writes other than the registry (marks as the offline queue, nominations by a
district system), its figures (dashboard, feedback) and the state cell's token page."""

import datetime
import re

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from sashakt.api.models import ApiToken
from sashakt.api.tests.conftest import ApiClient
from sashakt.attendance.models import Mark, MarkChange
from sashakt.nominations.models import Nomination
from sashakt.stray_latin import assert_no_stray_latin
from sashakt.test import batch_make, person_make, programme_make

pytestmark = pytest.mark.django_db


def test_marks_are_recorded_once_per_client_id_and_audited_with_the_token(personas, hall, api_as):
    batch, sessions, confirmed = hall
    api = api_as(personas.iitk, ["marks:read", "marks:write"], language="en")
    mark = {
        "client_id": "device-7:1",
        "session": sessions[-1].pk,
        "nomination": confirmed[0].pk,
        "status": "present",
    }
    first = api.post("/api/v1/marks/", {"marks": [mark]})
    assert first.status_code == 200, first.json()
    assert first.json()["results"][0] == {
        "client_id": "device-7:1",
        "ok": True,
        "duplicate": False,
        "applied": True,
        "status": "present",
    }
    again = api.post("/api/v1/marks/", {"marks": [mark]})
    assert again.json()["results"][0]["duplicate"] is True
    assert MarkChange.objects.filter(client_id="device-7:1").count() == 1
    entry = LogEntry.objects.get_for_object(Mark.objects.get()).latest("timestamp")
    assert entry.actor == personas.iitk and "api_token" in entry.additional_data
    listed = api.get("/api/v1/marks/", {"batch": batch.pk}).json()["results"]
    assert [m["client_id"] for m in listed] == ["device-7:1"]


def test_a_mark_for_another_institutes_session_is_not_found_and_changes_nothing(
    personas, hall, api_as
):
    _batch, sessions, confirmed = hall
    api = api_as(personas.iiml, ["marks:write"])
    body = {
        "marks": [
            {
                "client_id": "x",
                "session": sessions[0].pk,
                "nomination": confirmed[0].pk,
                "status": "present",
            }
        ]
    }
    result = api.post("/api/v1/marks/", body).json()["results"][0]
    assert result["ok"] is False
    assert not Mark.objects.exists()


def test_a_district_system_nominates_its_own_people_only(personas, api_as):
    programme = programme_make(personas.iitk_institute)
    batch = batch_make(programme, start=timezone.localdate() + datetime.timedelta(days=30))
    api = api_as(personas.dpro_kanpur, ["nominations:read", "nominations:write"])
    made = api.post(
        "/api/v1/nominations/",
        {"person": personas.kanpur_person.pk, "batch": batch.pk},
        **{"Idempotency-Key": "nominate-1"},
    )
    assert made.status_code == 201, made.json()
    assert made.json()["district"] == 157
    replay = api.post(
        "/api/v1/nominations/",
        {"person": personas.kanpur_person.pk, "batch": batch.pk},
        **{"Idempotency-Key": "nominate-1"},
    )
    assert replay.json() == made.json()
    twice = api.post(
        "/api/v1/nominations/", {"person": personas.kanpur_person.pk, "batch": batch.pk}
    )
    assert twice.status_code == 409  # already nominated: the service's refusal
    other = api.post(
        "/api/v1/nominations/", {"person": personas.lucknow_person.pk, "batch": batch.pk}
    )
    assert other.status_code == 404
    assert Nomination.objects.count() == 1


def test_dashboard_figures_are_the_dashboards_funnel(personas, api_as):
    programme = programme_make(personas.iitk_institute)
    batch = batch_make(programme, start=timezone.localdate() + datetime.timedelta(days=30))
    from sashakt.nominations.services import nomination_create

    nomination_create(user=personas.dpro_kanpur, person=personas.kanpur_person, batch=batch)
    nomination_create(user=personas.dpro_lucknow, person=personas.lucknow_person, batch=batch)
    state = api_as(personas.state, ["dashboard:read"]).get("/api/v1/dashboard/").json()
    assert state["total"]["nominated"] == 2
    assert state["by_district"]["157"]["nominated"] == 1
    assert state["by_programme"][str(programme.pk)]["nominated"] == 2
    kanpur = api_as(personas.dpro_kanpur, ["dashboard:read"]).get("/api/v1/dashboard/").json()
    assert kanpur["total"]["nominated"] == 1
    trainer = api_as(personas.trainer, ["dashboard:read"]).get("/api/v1/dashboard/")
    assert trainer.status_code == 403


def test_feedback_is_figures_only(personas, hall, api_as):
    batch, _sessions, _confirmed = hall
    body = api_as(personas.iitk, ["feedback:read"]).get(f"/api/v1/feedback/{batch.pk}/").json()
    assert set(body) == {"batch", "programme", "responses", "enough", "items"}
    assert body["responses"] == 0 and body["enough"] is False and body["items"] == []


def test_the_state_cell_makes_a_token_shown_once_and_revokes_it(personas, client):
    client.force_login(personas.state)
    page = client.get("/api/tokens/new/")
    assert page.status_code == 200
    # The owner list names every account (finance's too, which all_users() leaves out).
    usernames = {user.username for user in [*personas.all_users().values(), personas.finance]}
    assert_no_stray_latin(page.content.decode(), allowed=usernames | {"dpro-lucknow", "iiml"})
    made = client.post(
        "/api/tokens/new/",
        {
            "name": "Lucknow registry",
            "owner": personas.dpro_lucknow.pk,
            "scopes": ["people:read", "people:write"],
            "expires_on": (timezone.localdate() + datetime.timedelta(days=90)).isoformat(),
        },
    )
    assert made.status_code == 200
    found = re.search(r"sk_[0-9a-f]+_[\w-]+", made.content.decode())
    assert found is not None
    secret = found.group(0)
    token = ApiToken.objects.get()
    assert token.owner == personas.dpro_lucknow and token.scopes == ["people:read", "people:write"]
    listing = client.get("/api/tokens/").content.decode()
    assert token.prefix in listing and secret not in listing
    api = ApiClient(secret)
    assert api.get("/api/v1/people/").status_code == 200
    assert client.get(f"/api/tokens/{token.pk}/revoke/").status_code == 200  # asks first
    assert ApiToken.objects.get().revoked_at is None
    client.post(f"/api/tokens/{token.pk}/revoke/")
    assert ApiToken.objects.get().revoked_by == personas.state
    assert api.get("/api/v1/people/").status_code == 401


@pytest.mark.parametrize("role", ["iitk", "dpro_kanpur", "trainer", "participant"])
def test_only_the_state_cell_opens_the_token_page(personas, client, role):
    client.force_login(personas.all_users()[role])
    assert client.get("/api/tokens/").status_code == 403
    assert client.post("/api/tokens/new/", {"name": "x"}).status_code == 403
    assert not ApiToken.objects.exists()


def test_a_new_person_is_made_as_the_import_would(personas, api_as):
    api = api_as(personas.dpro_kanpur)
    person_make(name="सीता", name_alt="Sita", mobile="9839011111")
    clash = api.post(
        "/api/v1/people/upsert/",
        {"mobile": "09839011111", "category": "SC"},
    )
    assert clash.status_code == 200 and clash.json()["person"]["social_category"] == "SC"
