"""The pages and the phone's API, for every role and scope."""

import json

import pytest
from django.urls import reverse

from sashakt.attendance.models import Mark, MarkChange
from sashakt.nominations.seat_codes import seat_code

pytestmark = pytest.mark.django_db


def _post_json(client, name, body):
    return client.post(reverse(name), json.dumps(body), content_type="application/json")


def test_each_role_sees_what_its_scope_allows(personas, hall, client):
    batch, sessions, people = hall
    batch_url = reverse("attendance:batch", args=[batch.pk])
    grid_url = reverse("attendance:session", args=[sessions[0].pk])
    checkin_url = reverse("attendance:checkin", args=[sessions[0].pk])
    expected = {
        # user: (batch page, grid, check-in)
        "state": (200, 200, 200),
        "iitk": (200, 200, 200),
        "iiml": (404, 404, 404),
        "trainer": (200, 200, 403),
        "dpro_kanpur": (200, 200, 403),
        "dpro_lucknow": (200, 200, 403),
        "participant": (403, 403, 403),
    }
    for name, user in personas.all_users().items():
        client.force_login(user)
        got = tuple(client.get(url).status_code for url in (batch_url, grid_url, checkin_url))
        assert got == expected[name], name
    client.logout()
    assert client.get(batch_url).status_code == 302


def test_a_district_officer_sees_only_their_districts_people(personas, hall, client):
    batch, sessions, people = hall
    client.force_login(personas.dpro_lucknow)
    page = client.get(reverse("attendance:batch", args=[batch.pk])).content.decode()
    assert personas.lucknow_person.name in page
    assert personas.kanpur_person.name not in page
    grid = client.get(reverse("attendance:session", args=[sessions[0].pk])).content.decode()
    assert personas.kanpur_person.name not in grid
    assert 'data-testid="toggle"' not in grid  # reads, never marks


def test_a_trainer_sees_only_their_own_sessions(personas, hall, client):
    batch, sessions, people = hall
    sessions[1].trainer = None
    sessions[1].save()
    client.force_login(personas.trainer)
    assert client.get(reverse("attendance:session", args=[sessions[1].pk])).status_code == 404
    assert client.get(reverse("attendance:session", args=[sessions[0].pk])).status_code == 200


def test_the_grid_marks_all_present_then_an_exception_without_script(personas, hall, client):
    batch, sessions, people = hall
    client.force_login(personas.iitk)
    url = reverse("attendance:session", args=[sessions[0].pk])
    assert client.post(url, {"all_present": "1"}).status_code == 302
    client.post(
        url, {"nomination": people[1].pk, "status": "late", "arrived_at": "10:40", "client_id": ""}
    )
    statuses = dict(Mark.objects.values_list("nomination_id", "status"))
    assert statuses == {
        people[0].pk: "present",
        people[1].pk: "late",
        people[2].pk: "present",
        people[3].pk: "present",
    }
    page = client.get(url).content.decode()
    assert "10:40" in page


def test_the_api_records_a_replayed_queue_once(personas, hall, client):
    batch, sessions, people = hall
    client.force_login(personas.iitk)
    queue = {
        "marks": [
            {
                "client_id": f"q-{n.pk}",
                "session": sessions[0].pk,
                "nomination": n.pk,
                "status": "present",
                "marked_at": f"{sessions[0].date.isoformat()}T10:05:00+05:30",
            }
            for n in people[:3]
        ]
    }
    first = _post_json(client, "attendance:api_marks", queue).json()["results"]
    second = _post_json(client, "attendance:api_marks", queue).json()["results"]
    assert [r["duplicate"] for r in first] == [False] * 3
    assert [r["duplicate"] for r in second] == [True] * 3
    assert Mark.objects.count() == 3 and MarkChange.objects.count() == 3


def test_the_api_refuses_other_roles_and_reports_bad_items(personas, hall, client):
    batch, sessions, people = hall
    body = {
        "marks": [
            {
                "client_id": "x",
                "session": sessions[0].pk,
                "nomination": people[0].pk,
                "status": "present",
            }
        ]
    }
    client.force_login(personas.dpro_kanpur)
    assert _post_json(client, "attendance:api_marks", body).status_code == 403
    client.force_login(personas.iiml)
    result = _post_json(client, "attendance:api_marks", body).json()["results"][0]
    assert not result["ok"]
    client.force_login(personas.iitk)
    bad = {
        "marks": [
            {
                "client_id": "y",
                "session": sessions[0].pk,
                "nomination": people[0].pk,
                "status": "late",
            }
        ]
    }
    result = _post_json(client, "attendance:api_marks", bad).json()["results"][0]
    assert not result["ok"] and "पहुँचने का समय" in result["error"]
    assert (
        client.post(
            reverse("attendance:api_marks"), "{", content_type="application/json"
        ).status_code
        == 400
    )
    assert not Mark.objects.exists()


def test_a_garbled_item_is_refused_in_words_and_the_rest_of_the_queue_is_kept(
    personas, hall, client
):
    """A phone's queue is read item by item (a form each): a time that is not a time is that
    item's error, never a server error, and the good marks beside it are recorded."""
    batch, sessions, people = hall
    client.force_login(personas.iitk)
    good = {"client_id": "g", "session": sessions[0].pk, "nomination": people[0].pk}
    garbled = {"client_id": "b", "session": sessions[0].pk, "nomination": people[1].pk}
    queue = {
        "marks": [
            {**good, "status": "present", "method": "not-a-method"},
            {**garbled, "status": "present", "marked_at": "2025-13-45T99:00:00"},
            {"client_id": "n", "session": "first", "nomination": people[2].pk},
            "not an object",
        ]
    }
    results = _post_json(client, "attendance:api_marks", queue).json()["results"]
    assert [r["ok"] for r in results] == [True, False, False, False]
    assert results[1]["client_id"] == "b" and results[1]["error"]
    assert results[2]["error"] == "नहीं मिला।"
    assert Mark.objects.get().method == "grid"  # an unknown method is the grid's
    checkin = {"session": sessions[0].pk, "code": seat_code(people[1].pk), "marked_at": "kal"}
    refused = _post_json(client, "attendance:api_checkin", checkin)
    assert refused.status_code == 400 and refused.json()["error"]
    assert Mark.objects.count() == 1


def test_checkin_by_typed_code_shows_name_district_and_designation(personas, hall, client):
    batch, sessions, people = hall
    client.force_login(personas.iitk)
    response = _post_json(
        client,
        "attendance:api_checkin",
        {"session": sessions[0].pk, "code": seat_code(people[1].pk), "client_id": "k1"},
    ).json()
    assert response["ok"] and response["name"] == personas.lucknow_person.name
    assert response["district"] == personas.lucknow_person.district.name
    assert response["designation"]
    # The page's own form (no script) does the same.
    page = client.post(
        reverse("attendance:checkin", args=[sessions[0].pk]), {"code": seat_code(people[0].pk)}
    ).content.decode()
    assert personas.kanpur_person.name in page
    assert Mark.objects.filter(session=sessions[0]).count() == 2
    wrong = _post_json(
        client, "attendance:api_checkin", {"session": sessions[0].pk, "code": "ZZZZZZZ"}
    )
    assert wrong.status_code == 422 and not wrong.json()["ok"]


def test_completing_asks_first_and_then_completes(personas, hall, client):
    from sashakt.attendance import services

    batch, sessions, people = hall
    for session in sessions:
        services.mark_all_present(user=personas.iitk, session=session)
    client.force_login(personas.iitk)
    url = reverse("attendance:batch_complete", args=[batch.pk])
    page = client.get(url).content.decode()
    assert 'data-testid="confirm-complete"' in page
    batch.refresh_from_db()
    assert batch.status == "running"
    assert client.post(url).status_code == 302
    batch.refresh_from_db()
    assert batch.status == "completed"
    client.force_login(personas.dpro_kanpur)
    assert client.post(url).status_code == 403


def test_a_participant_sees_their_own_attendance_and_seat_code(personas, hall, client):
    from django.contrib.auth import get_user_model

    from sashakt.attendance import services
    from sashakt.core.roles import Role

    batch, sessions, people = hall
    services.mark_all_present(user=personas.iitk, session=sessions[0])
    user = get_user_model().objects.create_user(
        username="ram",
        password="x-long-password-1",
        role=Role.PARTICIPANT,
        person=personas.kanpur_person,
    )
    client.force_login(user)
    page = client.get(reverse("attendance:mine")).content.decode()
    assert seat_code(people[0].pk) in page and "<svg" in page
    assert "Present" in page or "उपस्थित" in page


def test_the_service_worker_is_served_for_the_attendance_scope(client):
    response = client.get(reverse("attendance:service_worker"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert b"sashakt-attendance" in response.content


def test_the_all_present_button_says_it_marks_only_the_unmarked_and_times_are_checked(
    personas, hall, client
):
    batch, sessions, people = hall
    client.force_login(personas.iitk)
    url = reverse("attendance:session", args=[sessions[0].pk])
    page = client.get(url).content.decode()
    button = page.split('data-testid="all-present">')[1].split("</button>")[0]
    assert button == "जिनकी उपस्थिति नहीं लगी, उन्हें उपस्थित करें"
    response = client.post(
        url,
        {"nomination": people[1].pk, "status": "late", "arrived_at": "23:59", "client_id": ""},
        follow=True,
    )
    assert "आने का समय 23:59 सत्र के समय (10:00–11:30) से बाहर है" in response.content.decode()
    assert not Mark.objects.exists()


def test_before_the_batch_begins_nobody_is_shown_as_not_completed(personas, client):
    """The attendance overview once marked everyone "did not complete … 0%" before day one."""
    import datetime

    from django.utils import timezone

    from sashakt.attendance.tests.factories import hall_make
    from sashakt.programmes.models import BatchStatus

    batch, sessions, people = hall_make(
        personas, people=2, days=2, start=timezone.localdate() + datetime.timedelta(days=3)
    )
    batch.status = BatchStatus.LOCKED  # seats fixed, the hall not yet open
    batch.save(update_fields=["status"])
    client.force_login(personas.iitk)
    page = client.get(reverse("attendance:batch", args=[batch.pk])).content.decode()
    assert 'data-testid="not-begun"' in page
    assert "पूर्ण नहीं किया" not in page and f'data-testid="completion-{people[0].pk}"' not in page
