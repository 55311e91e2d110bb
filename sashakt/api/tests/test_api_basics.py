"""Tokens, errors as problem JSON, pages, ETags and idempotency of /api/v1/."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from sashakt.api.models import ApiToken, IdempotentRequest
from sashakt.api.tests.conftest import ApiClient
from sashakt.people.models import Person

pytestmark = pytest.mark.django_db

PROBLEM_KEYS = {"type", "title", "status", "detail"}


def assert_problem(response, status: int, slug: str):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body.keys() >= PROBLEM_KEYS
    assert body["status"] == status
    assert body["type"] == f"urn:sashakt:problem:{slug}"
    return body


def test_no_token_is_a_401_problem_in_hindi(personas):
    body = assert_problem(ApiClient(None).get("/api/v1/batches/"), 401, "unauthenticated")
    assert body["title"] == "मान्य टोकन आवश्यक है"


def test_the_problem_follows_accept_language(personas):
    body = assert_problem(ApiClient(None, "en").get("/api/v1/batches/"), 401, "unauthenticated")
    assert body["title"] == "A valid token is needed"


def test_an_unknown_token_is_refused(personas):
    assert_problem(ApiClient("sk_abc_def").get("/api/v1/batches/"), 401, "unauthenticated")


def test_an_expired_token_is_refused(personas, make_token):
    secret = make_token(personas.state)
    ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert_problem(ApiClient(secret).get("/api/v1/batches/"), 401, "token-expired")


def test_a_revoked_token_is_refused_and_its_secret_is_kept_only_hashed(personas, make_token):
    secret = make_token(personas.state)
    token = ApiToken.objects.get()
    assert secret.split("_")[-1] not in token.secret_hash
    assert secret.split("_")[-1] not in str(
        list(LogEntry.objects.values_list("changes", flat=True))
    )
    from sashakt.api.tokens import token_revoke

    token_revoke(user=personas.state, token=token)
    assert_problem(ApiClient(secret).get("/api/v1/batches/"), 401, "token-revoked")


def test_a_token_records_when_it_was_last_used(personas, make_token):
    secret = make_token(personas.state)
    assert ApiToken.objects.get().last_used_at is None
    assert ApiClient(secret).get("/api/v1/batches/").status_code == 200
    assert ApiToken.objects.get().last_used_at is not None


def test_a_token_without_the_scope_is_refused(personas, api_as):
    api = api_as(personas.state, ["batches:read"])
    assert api.get("/api/v1/batches/").status_code == 200
    assert_problem(api.get("/api/v1/people/"), 403, "scope")
    assert_problem(api.post("/api/v1/people/upsert/", {"mobile": "9839000001"}), 403, "scope")
    assert not Person.objects.filter(mobile="9839000001").exists()


def test_an_unknown_address_a_wrong_method_and_a_missing_record(personas, api_as):
    api = api_as(personas.state)
    assert_problem(api.get("/api/v1/nothing-here/"), 404, "not-found")
    assert_problem(api.get("/api/v1/people/999999/"), 404, "not-found")
    assert_problem(api.delete("/api/v1/people/"), 405, "method-not-allowed")
    assert_problem(
        api_as(personas.state, ["batches:read"]).post("/api/v1/batches/", {}),
        405,
        "method-not-allowed",
    )


def test_malformed_json_unknown_fields_and_a_10_mb_body(personas, api_as):
    api = api_as(personas.dpro_kanpur)
    before = Person.objects.count()
    assert_problem(api.post("/api/v1/people/upsert/", raw=b'{"mobile": '), 400, "malformed")
    body = assert_problem(
        api.post("/api/v1/people/upsert/", {"mobile": "9839000002", "salary": 5}),
        400,
        "unknown-fields",
    )
    assert "salary" in body["errors"]
    big = b'{"mobile": "' + b"9" * (10 * 1024 * 1024) + b'"}'
    assert_problem(api.post("/api/v1/people/upsert/", raw=big), 413, "too-large")
    assert Person.objects.count() == before


def test_rate_limit_per_token(personas, api_as, settings):
    settings.API_RATE_PER_MINUTE = 3
    api = api_as(personas.state)
    codes = [api.get("/api/v1/institutes/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    other = api_as(personas.state)  # another token has its own count
    assert other.get("/api/v1/institutes/").status_code == 200


def test_cursor_pages_and_a_cursor_from_another_query(personas, api_as):
    api = api_as(personas.state)
    first = api.get("/api/v1/people/", {"page_size": 2}).json()
    assert len(first["results"]) == 2 and first["next"]
    second = api.get(first["next"]).json()
    ids = [p["id"] for p in first["results"] + second["results"]]
    assert len(ids) == len(set(ids)) == Person.objects.count()
    cursor = first["next"].split("cursor=")[1].split("&")[0]
    assert_problem(
        api.get("/api/v1/people/", {"cursor": cursor, "district": 162}), 400, "bad-cursor"
    )
    assert_problem(api.get("/api/v1/batches/", {"cursor": cursor}), 400, "bad-cursor")
    assert_problem(api.get("/api/v1/people/", {"cursor": "made-up"}), 400, "bad-cursor")


def test_filters_district_and_changed_since(personas, api_as):
    api = api_as(personas.state)
    lucknow = api.get("/api/v1/people/", {"district": 162}).json()["results"]
    assert [p["name"] for p in lucknow] == ["सुनीता वर्मा"]
    later = (timezone.now() + datetime.timedelta(hours=1)).isoformat()
    assert api.get("/api/v1/people/", {"changed_since": later}).json()["results"] == []
    assert_problem(api.get("/api/v1/people/", {"changed_since": "yesterday"}), 400, "invalid")


def test_etag_answers_304_when_nothing_changed(personas, api_as):
    api = api_as(personas.state)
    first = api.get("/api/v1/people/")
    etag = first["ETag"]
    assert etag
    assert api.get("/api/v1/people/", HTTP_IF_NONE_MATCH=etag).status_code == 200 or True
    again = api.client.get("/api/v1/people/", headers={**api.headers, "If-None-Match": etag})
    assert again.status_code == 304
    Person.objects.filter(pk=personas.kanpur_person.pk).update(name="राम कुमार सिंह")
    changed = api.client.get("/api/v1/people/", headers={**api.headers, "If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_upsert_creates_then_corrects_and_is_audited_with_the_token(personas, api_as):
    api = api_as(personas.dpro_kanpur, language="en")
    row = {
        "mobile": "+91 98390 77777",
        "name": "jke flag",  # Kruti Dev, as district offices type it
        "gender": "M",
        "designation": "BDC member",
        "block": personas.kanpur_person.block.name_en,
    }
    created = api.post("/api/v1/people/upsert/", row)
    assert created.status_code == 201, created.json()
    person = Person.objects.get(mobile="9839077777")
    assert person.district == personas.dpro_kanpur.district
    entry = LogEntry.objects.get_for_object(person).latest("timestamp")
    assert entry.actor == personas.dpro_kanpur
    assert (
        entry.additional_data["api_token"]
        == ApiToken.objects.get(owner=personas.dpro_kanpur).prefix
    )
    again = api.post("/api/v1/people/upsert/", {"mobile": "9839077777", "category": "OBC"})
    assert again.status_code == 200 and again.json()["changed"] is True
    person.refresh_from_db()
    assert person.social_category == "OBC"
    same = api.post("/api/v1/people/upsert/", {"mobile": "9839077777", "category": "OBC"})
    assert same.json()["changed"] is False


def test_upsert_of_another_districts_mobile_is_refused_and_changes_nothing(personas, api_as):
    api = api_as(personas.dpro_kanpur)
    lucknow = personas.lucknow_person
    response = api.post(
        "/api/v1/people/upsert/", {"mobile": lucknow.mobile, "designation": "Pradhan"}
    )
    assert_problem(response, 409, "refused")
    lucknow.refresh_from_db()
    assert lucknow.district.lgd_code == 162 and lucknow.designation == "zp_adhyaksh"


def test_idempotency_key_replays_and_refuses_another_body(personas, api_as):
    api = api_as(personas.dpro_kanpur)
    row = {
        "mobile": "9839066666",
        "name": "Kamla Devi",
        "gender": "F",
        "designation": "Zila Panchayat member",
    }
    first = api.post("/api/v1/people/upsert/", row, **{"Idempotency-Key": "k-1"})
    assert first.status_code == 201, first.json()
    replay = api.post("/api/v1/people/upsert/", row, **{"Idempotency-Key": "k-1"})
    assert replay.status_code == 201 and replay.json() == first.json()
    assert replay["Idempotent-Replayed"] == "true"
    assert Person.objects.filter(mobile="9839066666").count() == 1
    other = api.post(
        "/api/v1/people/upsert/", {**row, "name": "Someone Else"}, **{"Idempotency-Key": "k-1"}
    )
    assert_problem(other, 422, "idempotency-conflict")
    assert IdempotentRequest.objects.count() == 1


def test_schema_and_docs_are_served_without_a_cdn(personas, client):
    schema = client.get("/api/v1/schema/", headers={"Accept": "application/vnd.oai.openapi+json"})
    assert schema.status_code == 200
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "swagger-ui-bundle.js" in html and "<style>" not in html and "cdn" not in html.lower()
    assert "script-src 'self'" in docs["Content-Security-Policy"]
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200 and b"SwaggerUIBundle" in script.content
