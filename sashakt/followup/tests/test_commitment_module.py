"""Which module of the training a commitment draws on: the participant names one (or none) on
the plan's page, another programme's module is refused, and the department's report counts
commitments by module in the user's scope, with the people behind each figure."""

import datetime

import pytest
from django.urls import reverse

from sashakt.followup.models import ActionPlan, Commitment
from sashakt.followup.selectors import NO_MODULE, commitment_counts, commitments_behind
from sashakt.followup.services import CommitmentInput, FollowupError, action_plan_save
from sashakt.followup.tests.world import world_make
from sashakt.followup.themes import LsdgTheme
from sashakt.programmes.models import Module
from sashakt.test import programme_make

pytestmark = pytest.mark.django_db


def _modules(programme) -> tuple[Module, Module]:
    leadership = Module.objects.create(
        programme=programme, order=1, title_hi="नेतृत्व", title_en="Leadership"
    )
    finance = Module.objects.create(
        programme=programme, order=2, title_hi="वित्तीय प्रबंधन", title_en="Financial management"
    )
    return leadership, finance


def _plan(nomination, by, *items: tuple[str, Module | None]) -> ActionPlan:
    end = nomination.batch.end_date
    return action_plan_save(
        nomination=nomination,
        commitments=[
            CommitmentInput(
                theme=theme,
                by_when=end + datetime.timedelta(days=60),
                what=f"Commitment {n}",
                module_id=module.pk if module else None,
            )
            for n, (theme, module) in enumerate(items, start=1)
        ],
        by=by,
        today=end,
    )


def test_the_participant_names_the_module_a_commitment_draws_on(client, personas):
    world = world_make(personas)
    leadership, finance = _modules(world.batch.programme)
    client.force_login(personas.participant)
    page = client.get(reverse("followup:plan_own")).content.decode()
    # The programme's own modules, in its order, after "none in particular".
    assert 'name="module_1"' in page
    assert page.index("नेतृत्व") < page.index("वित्तीय प्रबंधन")
    day = (world.batch.end_date + datetime.timedelta(days=45)).isoformat()
    response = client.post(
        reverse("followup:plan_own"),
        {
            "theme_1": LsdgTheme.GOOD_GOVERNANCE,
            "by_when_1": day,
            "what_1": "Publish the GPDP on the wall",
            "module_1": str(finance.pk),
            "theme_2": LsdgTheme.WOMEN_FRIENDLY,
            "by_when_2": day,
            "what_2": "A Mahila Sabha before each Gram Sabha",
            "module_2": "",
        },
    )
    assert response.status_code == 302
    plan = ActionPlan.objects.get(nomination=world.own)
    assert [c.module for c in plan.commitments.all()] == [finance, None]
    # The saved plan names it back.
    assert "वित्तीय प्रबंधन" in client.get(reverse("followup:plan_own")).content.decode()


def test_another_programmes_module_is_refused_and_nothing_is_written(client, personas):
    world = world_make(personas)
    _modules(world.batch.programme)
    stranger, _ = _modules(programme_make(personas.iiml_institute))
    with pytest.raises(FollowupError, match="मॉड्यूल|module"):
        _plan(world.own, personas.participant, (LsdgTheme.HEALTHY, stranger))
    client.force_login(personas.participant)
    day = (world.batch.end_date + datetime.timedelta(days=45)).isoformat()
    page = client.post(
        reverse("followup:plan_own"),
        {"theme_1": "healthy", "by_when_1": day, "what_1": "Camps", "module_1": str(stranger.pk)},
    )
    assert page.status_code == 200  # the form says which choice is wrong
    assert not ActionPlan.objects.exists() and not Commitment.objects.exists()


def test_a_module_alone_is_not_dropped_silently(personas):
    world = world_make(personas)
    leadership, _ = _modules(world.batch.programme)
    end = world.batch.end_date
    with pytest.raises(FollowupError, match="2"):
        action_plan_save(
            nomination=world.own,
            commitments=[
                CommitmentInput(theme="healthy", by_when=end, what="Camps"),
                CommitmentInput(theme="", by_when=None, module_id=leadership.pk),
            ],
            by=personas.participant,
            today=end,
        )


def test_the_report_counts_by_module_in_scope(client, personas):
    world = world_make(personas)
    leadership, finance = _modules(world.batch.programme)
    _plan(
        world.own,
        personas.participant,
        (LsdgTheme.WATER_SUFFICIENT, leadership),
        (LsdgTheme.HEALTHY, None),
    )
    _plan(world.kanpur, personas.state, (LsdgTheme.HEALTHY, leadership))
    _plan(world.lucknow, personas.state, (LsdgTheme.WOMEN_FRIENDLY, finance))
    # Counted by hand: leadership 2 (the participant's and Kanpur's), finance 1, none 1.
    state = {row.key: row.total for row in commitment_counts(personas.state, "module")}
    assert state == {leadership.pk: 2, finance.pk: 1, NO_MODULE: 1}
    lucknow = {row.key: row.total for row in commitment_counts(personas.dpro_lucknow, "module")}
    assert lucknow == {finance.pk: 1}
    assert commitment_counts(personas.iiml, "module") == []

    client.force_login(personas.state)
    page = client.get(reverse("followup:report") + "?by=module").content.decode()
    assert page.count('data-testid="report-row"') == 3
    assert "नेतृत्व · " in page  # the module with its programme
    behind = client.get(reverse("followup:report_people") + f"?by=module&key={leadership.pk}")
    assert behind.content.count(b'data-testid="behind"') == 2
    none = client.get(reverse("followup:report_people") + f"?by=module&key={NO_MODULE}")
    assert none.content.count(b'data-testid="behind"') == 1
    # A hand-edited key finds nobody, and is no server error.
    odd = client.get(reverse("followup:report_people") + "?by=module&key=abc")
    assert odd.status_code == 200 and b'data-testid="behind"' not in odd.content
    assert commitments_behind(personas.state, "district", "1;DROP", "").count() == 0
    client.force_login(personas.dpro_lucknow)
    behind = client.get(reverse("followup:report_people") + f"?by=module&key={leadership.pk}")
    assert behind.content.count(b'data-testid="behind"') == 0


def test_a_module_removed_later_leaves_the_commitment_under_none(personas):
    world = world_make(personas)
    leadership, _ = _modules(world.batch.programme)
    plan = _plan(world.own, personas.participant, (LsdgTheme.HEALTHY, leadership))
    leadership.delete()
    assert plan.commitments.get().module is None
    counts = {row.key: row.total for row in commitment_counts(personas.state, "module")}
    assert counts == {NO_MODULE: 1}
