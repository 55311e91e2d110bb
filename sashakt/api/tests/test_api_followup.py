"""/api/v1/followup/ (issue 28): each action plan's status and the report's counts, through
the follow-up's own selectors, in the token owner's scope, never a voice note, photo or a
check-in's comment."""

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sashakt.followup.models_outcomes import Indicator, IndicatorRound, IndicatorValue
from sashakt.followup.selectors import NO_MODULE, commitment_counts, theme_totals
from sashakt.followup.services import (
    AnswerInput,
    CommitmentInput,
    action_plan_save,
    checkin_record,
)
from sashakt.followup.tests.world import JPEG, WEBM, plan_make, world_make
from sashakt.followup.themes import LsdgTheme
from sashakt.geography.models import District, GramPanchayat
from sashakt.programmes.models import Module
from sashakt.test import KANPUR_NAGAR, LUCKNOW

pytestmark = pytest.mark.django_db

PLANS = "/api/v1/followup/plans/"
REPORT = "/api/v1/followup/report/"


@pytest.fixture
def done(personas):
    """A batch that ended 90 days ago: plans of all three; the participant's and Kanpur's
    done at 30 days (with a comment, a photo and a voice note), Lucknow's stuck."""
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
                    comment="SECRET-COMMENT",
                    photo=SimpleUploadedFile("p.jpg", JPEG),
                    voice_note=SimpleUploadedFile("v.webm", WEBM),
                )
                for c in plan.commitments.all()
            ],
            channel="link",
            today=day_30,
        )
    return world, plans


def _ids(api, url=PLANS, **query):
    response = api.get(url, query)
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_each_role_sees_the_plans_the_pages_show_it(personas, done, api_as):
    _world, plans = done
    every = {plan.pk for plan in plans.values()}
    assert _ids(api_as(personas.state)) == every
    assert _ids(api_as(personas.iitk)) == every  # IIT Kanpur's programme
    kanpur = _ids(api_as(personas.dpro_kanpur))
    assert plans["kanpur"].pk in kanpur and plans["lucknow"].pk not in kanpur
    assert _ids(api_as(personas.dpro_lucknow)) == {plans["lucknow"].pk}
    assert _ids(api_as(personas.participant)) == {plans["own"].pk}
    assert _ids(api_as(personas.trainer)) == set()
    other = plans["lucknow"].pk
    assert api_as(personas.participant).get(f"{PLANS}{other}/").status_code == 404
    assert api_as(personas.dpro_kanpur).get(f"{PLANS}{other}/").status_code == 404


def test_a_plan_says_each_commitments_status_per_stage_and_where_each_stage_stands(
    personas, done, api_as
):
    world, plans = done
    response = api_as(personas.participant).get(f"{PLANS}{plans['own'].pk}/")
    assert response.status_code == 200
    plan = response.json()
    assert plan["batch"] == world.batch.pk and plan["programme"] == world.batch.programme_id
    assert [c["theme"] for c in plan["commitments"]] == ["water_sufficient", "healthy"]
    assert plan["commitments"][0]["what"] == "Commitment 1"
    assert plan["commitments"][0]["status"] == "done"
    assert plan["commitments"][0]["stages"] == [
        {"stage": 30, "status": "done"},
        {"stage": 90, "status": None},
        {"stage": 180, "status": None},
    ]
    end = world.batch.end_date
    states = {s["stage"]: s for s in plan["stages"]}
    assert states[30]["state"] == "answered" and states[30]["channel"] == "link"
    assert states[90]["state"] == "due"  # ended 90 days ago: due today
    assert states[90]["due_on"] == (end + datetime.timedelta(days=90)).isoformat()
    assert states[180]["state"] == "upcoming" and states[180]["answered_at"] is None
    text = response.content.decode()
    for private in ("SECRET-COMMENT", "voice", "photo", ".jpg", ".webm", "comment"):
        assert private not in text


def test_stage_states_follow_the_calendar(personas, api_as):
    world = world_make(personas, ended_days_ago=110)
    plan_make(world.kanpur, personas.state)
    plan = api_as(personas.state).get(PLANS).json()["results"][0]
    states = {s["stage"]: s["state"] for s in plan["stages"]}
    # 30 days: window closed the day before day 90; 90 days: 20 days late, overdue after 14.
    assert states == {30: "missed", 90: "overdue", 180: "upcoming"}


def test_the_plans_filter_like_every_list(personas, done, api_as):
    world, plans = done
    api = api_as(personas.state)
    assert _ids(api, district=LUCKNOW) == {plans["lucknow"].pk}
    assert plans["kanpur"].pk in _ids(api, district=KANPUR_NAGAR)
    assert len(_ids(api, batch=world.batch.pk)) == 3
    assert _ids(api, programme=world.batch.programme_id + 1000) == set()
    assert _ids(api, changed_since="2999-01-01T00:00:00+05:30") == set()
    assert len(_ids(api, changed_since="2000-01-01")) == 3
    assert api.get(PLANS, {"batch": "x"}).status_code == 400
    first = api.get(PLANS, {"page_size": 2}).json()
    assert len(first["results"]) == 2 and first["next"]
    rest = api.get(first["next"]).json()
    assert len(rest["results"]) == 1 and not rest["next"]


def test_a_later_checkin_counts_as_a_change(personas, done, api_as):
    world, plans = done
    api = api_as(personas.state)
    moment = json.loads(api.get(f"{PLANS}{plans['kanpur'].pk}/").content)["stages"][0]
    since = moment["answered_at"]
    assert len(_ids(api, changed_since=since)) >= 1


def test_reads_have_an_etag_and_need_the_followup_scope(personas, done, api_as):
    api = api_as(personas.state)
    for url in (PLANS, REPORT):
        first = api.get(url)
        assert first.status_code == 200 and first["ETag"]
        again = api.client.get(url, headers={**api.headers, "If-None-Match": first["ETag"]})
        assert again.status_code == 304
        refused = api_as(personas.state, scopes=["people:read"]).get(url)
        assert refused.status_code == 403
        assert refused["Content-Type"] == "application/problem+json"


def test_the_report_counts_are_the_report_pages_in_scope(personas, done, api_as):
    world, _plans = done
    for user in (personas.state, personas.iitk, personas.dpro_kanpur):
        figures = api_as(user).get(REPORT).json()
        assert figures["totals"] == theme_totals(user)
        by_theme = {row.key: row.total for row in commitment_counts(user, "theme")}
        assert {k: v["total"] for k, v in figures["by_theme"].items()} == by_theme
    state = api_as(personas.state).get(REPORT).json()
    assert state["totals"]["done"] == 3 and state["totals"]["stuck"] == 1
    assert state["by_district"][str(LUCKNOW)] | {} == {
        **dict.fromkeys(["planned", "done", "in_progress", "dropped"], 0),
        "stuck": 1,
        "total": 1,
    }
    kanpur = api_as(personas.dpro_kanpur).get(REPORT).json()
    assert set(kanpur["by_district"]) == {str(KANPUR_NAGAR)} and kanpur["totals"]["stuck"] == 0
    lucknow_only = api_as(personas.state).get(REPORT, {"district": LUCKNOW}).json()
    assert set(lucknow_only["by_district"]) == {str(LUCKNOW)}
    assert lucknow_only["by_theme"] == {"women_friendly": state["by_district"][str(LUCKNOW)]}
    assert api_as(personas.state).get(REPORT, {"batch": world.batch.pk}).json() == state
    # The pages' report is for the state cell, district officers and coordinators only.
    assert api_as(personas.trainer).get(REPORT).status_code == 403
    assert api_as(personas.participant).get(REPORT).status_code == 403


VALUES = "/api/v1/followup/indicator-values/"


@pytest.fixture
def figures(personas):
    """One PAI figure of a Kanpur Nagar GP and one of a Lucknow GP, in one round."""
    pai = IndicatorRound.objects.create(
        code="pai-2025-26", name_hi="पीएआई", name_en="PAI", measured_on=datetime.date(2026, 3, 31)
    )
    made = {}
    for lgd, gp_code, value in ((KANPUR_NAGAR, 900001, "52.50"), (LUCKNOW, 900002, "41.00")):
        gp = GramPanchayat.objects.create(
            district=District.objects.get(lgd_code=lgd),
            lgd_code=gp_code,
            lgd_name=f"GP {gp_code}",
            name_en=f"GP {gp_code}",
        )
        made[lgd] = IndicatorValue.objects.create(
            round=pai,
            indicator=Indicator.objects.get(code="pai_total"),
            gram_panchayat=gp,
            value=value,
        )
    return pai, made


def test_indicator_values_by_gp_lgd_code_to_whom_the_outcome_report_shows_them(
    personas, figures, api_as
):
    pai, made = figures
    state = api_as(personas.state).get(VALUES).json()["results"]
    assert {(row["gram_panchayat"], row["district"], row["value"]) for row in state} == {
        (900001, KANPUR_NAGAR, "52.50"),
        (900002, LUCKNOW, "41.00"),
    }
    assert state[0]["indicator"] == "pai_total" and state[0]["round_code"] == pai.code
    assert _ids(api_as(personas.dpro_kanpur), VALUES) == {made[KANPUR_NAGAR].pk}
    for user in (personas.iitk, personas.trainer, personas.participant):
        assert _ids(api_as(user), VALUES) == set()
    lucknow = made[LUCKNOW].pk
    assert api_as(personas.dpro_kanpur).get(f"{VALUES}{lucknow}/").status_code == 404
    api = api_as(personas.state)
    assert _ids(api, VALUES, gram_panchayat=900002) == {lucknow}
    assert _ids(api, VALUES, district=LUCKNOW) == {lucknow}
    assert _ids(api, VALUES, round=pai.pk + 1) == set()


def test_the_api_gives_each_commitments_module_and_the_counts_by_module(personas, api_as):
    world = world_make(personas)
    leadership = Module.objects.create(
        programme=world.batch.programme, title_hi="नेतृत्व", title_en="Leadership"
    )
    end = world.batch.end_date
    action_plan_save(
        nomination=world.own,
        commitments=[
            CommitmentInput(theme="healthy", by_when=end, what="Camps", module_id=leadership.pk),
            CommitmentInput(theme="healthy", by_when=end, what="Clinics"),
        ],
        by=personas.participant,
        today=end,
    )
    report = api_as(personas.state).get(REPORT).json()
    assert {k: v["total"] for k, v in report["by_module"].items()} == {
        str(leadership.pk): 1,
        NO_MODULE: 1,
    }
    plans = api_as(personas.state).get(PLANS).json()["results"]
    assert [c["module"] for c in plans[0]["commitments"]] == [leadership.pk, None]
