"""Every follow-up page and file, for every role: who may open it (scope: the state cell all,
a district officer their district's people, an institute its own programmes, a participant
their own plan), and what the pages write through the services."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sashakt.followup.models import ActionPlan, CheckIn, CheckInAnswer, Commitment
from sashakt.followup.services import AnswerInput, checkin_record
from sashakt.followup.tests.world import JPEG, WEBM, plan_make, world_make
from sashakt.followup.themes import LsdgTheme
from sashakt.programmes.models import BatchSession

pytestmark = pytest.mark.django_db

ROLES = ("state", "iitk", "iiml", "dpro_kanpur", "dpro_lucknow", "trainer", "participant")


@pytest.fixture
def done(personas):
    """A batch ended 90 days ago; plans of all three, the participant's and Kanpur's done
    with a photo at 30 days, Lucknow's stuck."""
    world = world_make(personas, ended_days_ago=90)
    plans = {
        "own": plan_make(
            world.own, personas.participant, themes=(LsdgTheme.WATER_SUFFICIENT, LsdgTheme.HEALTHY)
        ),
        "kanpur": plan_make(world.kanpur, personas.state),
        "lucknow": plan_make(world.lucknow, personas.state, themes=(LsdgTheme.WOMEN_FRIENDLY,)),
    }
    day_30 = world.batch.end_date + datetime.timedelta(days=30)
    for key, plan in plans.items():
        checkin_record(
            plan=plan,
            stage=30,
            answers=[
                AnswerInput(
                    commitment=c,
                    status="stuck" if key == "lucknow" else "done",
                    photo=SimpleUploadedFile("p.jpg", JPEG) if key != "lucknow" else None,
                    voice_note=SimpleUploadedFile("v.webm", WEBM),
                )
                for c in plan.commitments.all()
            ],
            channel="link",
            today=day_30,
        )
    return world, plans


def _status(client, user, url, method="get", data=None) -> int:
    client.force_login(user)
    response = getattr(client, method)(url, data or {})
    client.logout()
    return response.status_code


def test_who_opens_each_page_and_file(client, personas, done):
    world, plans = done
    BatchSession.objects.filter(batch=world.batch).delete()
    users = personas.all_users()
    own_answer = CheckInAnswer.objects.filter(checkin__plan=plans["own"]).order_by("pk")[0]
    kanpur = plans["kanpur"]
    expected = {
        reverse("followup:plan_own"): {"participant": 200},
        reverse("followup:batch_plans", args=[world.batch.pk]): {"state": 200, "iitk": 200},
        reverse("followup:plan_assisted", args=[world.batch.pk, world.kanpur.pk]): {
            "state": 200,
            "iitk": 200,
        },
        reverse("followup:plan_voice", args=[plans["own"].pk]): {},  # written, no voice note
        reverse("followup:answer_file", args=[own_answer.pk, "photo"]): {
            "state": 200,
            "iitk": 200,
            "dpro_kanpur": 200,
            "participant": 200,
        },
        reverse("followup:answer_file", args=[own_answer.pk, "voice"]): {
            "state": 200,
            "iitk": 200,
            "dpro_kanpur": 200,
            "participant": 200,
        },
        reverse("followup:due"): {"state": 200, "dpro_kanpur": 200, "dpro_lucknow": 200},
        reverse("followup:record_call", args=[kanpur.pk, 90]): {"dpro_kanpur": 200},
        reverse("followup:report"): {
            "state": 200,
            "iitk": 200,
            "iiml": 200,
            "dpro_kanpur": 200,
            "dpro_lucknow": 200,
        },
        reverse("followup:report_people") + "?by=theme&key=water_sufficient": {
            "state": 200,
            "iitk": 200,
            "iiml": 200,
            "dpro_kanpur": 200,
            "dpro_lucknow": 200,
        },
        reverse("followup:stories"): {
            "state": 200,
            "iitk": 200,
            "iiml": 200,
            "dpro_kanpur": 200,
            "dpro_lucknow": 200,
        },
        reverse("followup:case_studies"): dict.fromkeys(ROLES, 200),
    }
    role_of = {name: users[name].role for name in ROLES}
    audit_rows = LogEntry.objects.count()
    for url, allowed in expected.items():
        for name in ROLES:
            got = _status(client, users[name], url)
            if name in allowed:
                assert got == allowed[name], (url, name, got)
            else:
                # Refused: 403 for a role that never sees the page, 404 for one out of scope.
                assert got in (403, 404), (url, name, role_of[name], got)
        anonymous = client.get(url)
        assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"], url
    assert LogEntry.objects.count() == audit_rows  # no page writes on GET


def test_a_file_out_of_scope_is_404_not_403(client, personas, done):
    _world, plans = done
    lucknow_answer = CheckInAnswer.objects.filter(checkin__plan=plans["lucknow"]).order_by("pk")[0]
    url = reverse("followup:answer_file", args=[lucknow_answer.pk, "voice"])
    assert _status(client, personas.dpro_kanpur, url) == 404
    assert _status(client, personas.iiml, url) == 404
    assert _status(client, personas.participant, url) == 404
    assert _status(client, personas.dpro_lucknow, url) == 200


def test_the_participant_writes_a_plan_with_a_voice_note(client, personas):
    world = world_make(personas)  # the batch ends today
    client.force_login(personas.participant)
    end = world.batch.end_date + datetime.timedelta(days=45)
    response = client.post(
        reverse("followup:plan_own"),
        {
            "theme_1": LsdgTheme.CLEAN_GREEN,
            "by_when_1": end.isoformat(),
            "what_1": "",  # said in the voice note
            "voice_note": SimpleUploadedFile("note.webm", WEBM, "audio/webm"),
        },
    )
    assert response.status_code == 302
    plan = ActionPlan.objects.get(nomination=world.own)
    assert not plan.assisted and plan.voice_note.name.endswith(".webm")
    assert list(plan.commitments.values_list("theme", flat=True)) == [LsdgTheme.CLEAN_GREEN]
    assert (
        _status(client, personas.participant, reverse("followup:plan_voice", args=[plan.pk])) == 200
    )
    assert (
        _status(client, personas.dpro_lucknow, reverse("followup:plan_voice", args=[plan.pk]))
        == 404
    )


def test_a_plan_without_words_needs_a_voice_note_and_a_wrong_file_is_refused(client, personas):
    world = world_make(personas)
    client.force_login(personas.participant)
    day = (world.batch.end_date + datetime.timedelta(days=45)).isoformat()
    empty = client.post(
        reverse("followup:plan_own"), {"theme_1": "water_sufficient", "by_when_1": day}
    )
    assert b'data-testid="plan-error"' in empty.content
    text = SimpleUploadedFile("note.webm", b"hello, not a recording", "audio/webm")
    refused = client.post(
        reverse("followup:plan_own"),
        {"theme_1": "water_sufficient", "by_when_1": day, "voice_note": text},
    )
    assert b'data-testid="voice-error"' in refused.content
    assert not ActionPlan.objects.exists()


def test_the_coordinator_sees_who_has_no_plan_and_enters_one_with_help(client, personas):
    world = world_make(personas, status="running")
    plan_make(world.own, personas.participant)
    client.force_login(personas.iitk)
    roster = client.get(reverse("followup:batch_plans", args=[world.batch.pk]))
    assert roster.content.count(b'data-has-plan="0"') == 2
    day = (world.batch.end_date + datetime.timedelta(days=30)).isoformat()
    client.post(
        reverse("followup:plan_assisted", args=[world.batch.pk, world.kanpur.pk]),
        {"theme_1": "good_governance", "by_when_1": day, "what_1": "Monthly Gram Sabha"},
    )
    plan = ActionPlan.objects.get(nomination=world.kanpur)
    assert plan.assisted and plan.entered_by == personas.iitk
    roster = client.get(reverse("followup:batch_plans", args=[world.batch.pk]))
    assert roster.content.count(b'data-has-plan="0"') == 1
    # The other institute's coordinator sees no such batch.
    assert (
        _status(client, personas.iiml, reverse("followup:batch_plans", args=[world.batch.pk]))
        == 404
    )


def test_a_plan_cannot_be_written_before_the_last_day(client, personas):
    world = world_make(personas, ended_days_ago=-2, status="running")
    client.force_login(personas.participant)
    page = client.get(reverse("followup:plan_own"))
    assert b'data-testid="plan-none"' in page.content  # the batch has not ended yet
    client.force_login(personas.iitk)
    day = (world.batch.end_date + datetime.timedelta(days=30)).isoformat()
    refused = client.post(
        reverse("followup:plan_assisted", args=[world.batch.pk, world.kanpur.pk]),
        {"theme_1": "water_sufficient", "by_when_1": day, "what_1": "Ponds"},
    )
    assert b'data-testid="plan-closed"' in refused.content or b"plan-error" in refused.content
    assert not ActionPlan.objects.exists()


def test_the_report_counts_in_scope_with_the_people_behind_each_figure(client, personas, done):
    client.force_login(personas.state)
    page = client.get(reverse("followup:report") + "?by=theme").content.decode()
    assert 'data-testid="total-done">3<' in page and 'data-testid="total-stuck">1<' in page
    client.force_login(personas.dpro_kanpur)
    page = client.get(reverse("followup:report") + "?by=district").content.decode()
    assert 'data-testid="total-done">3<' in page and 'data-testid="total-stuck">0<' in page
    client.force_login(personas.dpro_lucknow)
    page = client.get(reverse("followup:report") + "?by=gender").content.decode()
    assert 'data-testid="total-done">0<' in page and 'data-testid="total-stuck">1<' in page
    client.force_login(personas.iiml)
    page = client.get(reverse("followup:report")).content.decode()
    assert 'data-testid="total-done">0<' in page and 'data-testid="total-stuck">0<' in page
    # The people behind "water, done": the participant's and Kanpur's; Kanpur's officer sees both.
    client.force_login(personas.state)
    behind = client.get(
        reverse("followup:report_people") + "?by=theme&key=water_sufficient&status=done"
    )
    assert behind.content.count(b'data-testid="behind"') == 2
    client.force_login(personas.dpro_lucknow)
    behind = client.get(
        reverse("followup:report_people") + "?by=theme&key=water_sufficient&status=done"
    )
    assert behind.content.count(b'data-testid="behind"') == 0
    for dimension in ("programme", "institute", "designation"):
        client.force_login(personas.state)
        assert (
            b'data-testid="report-row"'
            in client.get(reverse("followup:report") + f"?by={dimension}").content
        )


def test_a_good_practice_with_consent_becomes_a_case_study(client, personas, done):
    _world, plans = done
    commitment = plans["kanpur"].commitments.get()
    client.force_login(personas.dpro_kanpur)
    assert (
        client.post(
            reverse("followup:good_practice", args=[commitment.pk]), {"good": "1"}
        ).status_code
        == 403
    )
    client.force_login(personas.state)
    client.post(reverse("followup:good_practice", args=[commitment.pk]), {"good": "1"})
    commitment.refresh_from_db()
    assert commitment.good_practice_at and commitment.good_practice_by == personas.state
    client.force_login(personas.participant)
    assert b'data-testid="no-case-studies"' in client.get(reverse("followup:case_studies")).content
    client.force_login(personas.dpro_kanpur)
    client.post(reverse("followup:consent", args=[commitment.pk]), {"given": "1"})
    commitment.refresh_from_db()
    assert commitment.consent_at and commitment.consent_by == personas.dpro_kanpur
    client.force_login(personas.participant)
    page = client.get(reverse("followup:case_studies")).content.decode()
    assert page.count('data-testid="story"') == 1 and 'data-testid="story-photo"' in page
    answer = CheckInAnswer.objects.get(commitment=commitment)
    assert (
        _status(client, personas.trainer, reverse("followup:case_study_photo", args=[answer.pk]))
        == 200
    )
    # A stuck commitment is no good practice; a non-consented one's photo stays private.
    stuck = plans["lucknow"].commitments.get()
    client.force_login(personas.state)
    client.post(reverse("followup:good_practice", args=[stuck.pk]), {"good": "1"})
    stuck.refresh_from_db()
    assert stuck.good_practice_at is None
    other = CheckInAnswer.objects.filter(checkin__plan=plans["own"]).order_by("pk")[0]
    assert (
        _status(client, personas.trainer, reverse("followup:case_study_photo", args=[other.pk]))
        == 404
    )


def test_the_district_officer_records_a_call_once(client, personas, done):
    _world, plans = done
    plan = plans["kanpur"]
    commitment = plan.commitments.get()
    url = reverse("followup:record_call", args=[plan.pk, 90])
    assert (
        _status(client, personas.dpro_lucknow, url, "post", {f"status_{commitment.pk}": "done"})
        == 404
    )
    client.force_login(personas.dpro_kanpur)
    assert client.post(url, {f"status_{commitment.pk}": "dropped"}).status_code == 302
    checkin = CheckIn.objects.get(plan=plan, stage=90)
    assert checkin.channel == "phone" and checkin.recorded_by == personas.dpro_kanpur
    assert Commitment.objects.get(pk=commitment.pk).status == "dropped"
    again = client.post(url, {f"status_{commitment.pk}": "done"})
    assert b'data-testid="call-error"' in again.content
    assert CheckIn.objects.filter(plan=plan, stage=90).count() == 1


def test_the_district_home_lists_overdue_checkins(client, personas):
    world = world_make(personas, ended_days_ago=30 + 14)  # the 30-day check-in is overdue
    plan_make(world.kanpur, personas.state)
    plan_make(world.lucknow, personas.state)
    client.force_login(personas.dpro_kanpur)
    home = client.get("/").content.decode()
    item = home.split('data-testid="todo-followups"', 1)[1].split("</li>", 1)[0]
    assert '<span class="count">1</span>' in item
    due = client.get(reverse("followup:due")).content.decode()
    assert due.count('data-overdue="1"') == 1 and 'href="tel:9839012345"' in due
