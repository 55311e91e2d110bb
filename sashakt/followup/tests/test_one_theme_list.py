"""One list of the nine LSDG themes for commitments and outcome indicators: the migration that
converted the commitments' old codes (both ways), the list's wording, and the outcome report
showing each indicator beside its theme's commitments in the user's scope."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import migrations
from django.urls import reverse
from django.utils import translation

from sashakt.followup.models import Commitment, CommitmentStatus
from sashakt.followup.models_outcomes import Indicator, IndicatorValue
from sashakt.followup.tests.outcome_factories import (
    gram_panchayats,
    gram_panchayats_load,
    rounds_make,
)
from sashakt.followup.tests.world import plan_make, world_make
from sashakt.followup.themes import LsdgTheme
from sashakt.test import KANPUR_NAGAR, LUCKNOW

MIGRATION = importlib.import_module("sashakt.followup.migrations.0005_one_lsdg_theme_list")


def _themes() -> list[str]:
    return sorted(Commitment.objects.values_list("theme", flat=True))


def _name_en(code: str) -> str:
    return Indicator.objects.get(code=code).name_en


def test_the_migration_converts_the_old_commitment_codes_and_back(personas):
    world = world_make(personas, ended_days_ago=90)
    plan_make(
        world.kanpur,
        personas.state,
        themes=(LsdgTheme.POVERTY_FREE, LsdgTheme.WATER_SUFFICIENT, LsdgTheme.HEALTHY),
    )
    plan_make(world.lucknow, personas.state, themes=(LsdgTheme.WATER_SUFFICIENT,))
    # The database as it was before: commitments with the old list's codes, the PAI theme
    # indicators named as migration 0003 named them, and one name the state cell changed.
    Commitment.objects.filter(theme="poverty_free").update(theme="livelihoods")
    Commitment.objects.filter(theme="water_sufficient").update(theme="water")
    Indicator.objects.filter(code="pai_water_sufficient").update(
        name_en="PAI: Water-sufficient Panchayat"
    )
    Indicator.objects.filter(code="pai_clean_green").update(name_en="PAI: Swachh and Harit")
    assert _themes() == ["healthy", "livelihoods", "water", "water"]

    MIGRATION.one_list(apps, None)
    assert _themes() == ["healthy", "poverty_free", "water_sufficient", "water_sufficient"]
    assert set(_themes()) <= set(LsdgTheme.values)
    assert _name_en("pai_water_sufficient") == "PAI: Water Sufficient Panchayat"
    assert _name_en("pai_clean_green") == "PAI: Swachh and Harit"  # the state cell's, kept

    MIGRATION.two_lists(apps, None)
    assert _themes() == ["healthy", "livelihoods", "water", "water"]
    assert _name_en("pai_water_sufficient") == "PAI: Water-sufficient Panchayat"
    assert _name_en("pai_clean_green") == "PAI: Swachh and Harit"

    MIGRATION.one_list(apps, None)
    assert _themes() == ["healthy", "poverty_free", "water_sufficient", "water_sufficient"]


def test_the_migration_runs_the_conversion_both_ways():
    [convert] = [
        op for op in MIGRATION.Migration.operations if isinstance(op, migrations.RunPython)
    ]
    assert convert.code is MIGRATION.one_list
    assert convert.reverse_code is MIGRATION.two_lists
    assert convert.reversible


def test_commitments_and_indicators_share_one_list_in_the_ministrys_wording(db):
    commitment_choices = Commitment._meta.get_field("theme").choices
    indicator_choices = Indicator._meta.get_field("theme").choices
    assert commitment_choices == indicator_choices == LsdgTheme.choices
    assert len(LsdgTheme) == 9
    # Every theme has its PAI score indicator, named with the theme's official label.
    with translation.override("en"):
        for theme in LsdgTheme:
            indicator = Indicator.objects.get(code=f"pai_{theme.value}")
            assert indicator.theme == theme
            assert indicator.name_en == f"PAI: {theme.label}"
        assert str(LsdgTheme.SOCIALLY_JUST.label) == "Socially Just and Socially Secured Panchayat"
    with translation.override("hi"):
        assert str(LsdgTheme.WATER_SUFFICIENT.label) == "जल पर्याप्त पंचायत"
        assert str(LsdgTheme.POVERTY_FREE.label) == "गरीबी मुक्त और उन्नत आजीविका वाली पंचायत"


@pytest.fixture
def side_by_side(personas, geography, tmp_path):
    """Water and total figures for two Kanpur GPs and one Lucknow GP in two rounds; water
    commitments by Kanpur's Pramukh (achieved), the participant (Kanpur) and Lucknow's
    Adhyaksh."""
    gram_panchayats_load(tmp_path)
    baseline, later = rounds_make()
    shown = Indicator.objects.filter(code__in=["pai_water_sufficient", "pai_total"])
    for gp in [*gram_panchayats(KANPUR_NAGAR, 2), *gram_panchayats(LUCKNOW, 1)]:
        for indicator_round, value in ((baseline, "40"), (later, "45")):
            for indicator in shown:
                IndicatorValue.objects.create(
                    round=indicator_round,
                    indicator=indicator,
                    gram_panchayat=gp,
                    value=Decimal(value),
                )
    world = world_make(personas, ended_days_ago=90)
    kanpur = plan_make(
        world.kanpur, personas.state, themes=(LsdgTheme.WATER_SUFFICIENT, LsdgTheme.HEALTHY)
    )
    plan_make(world.own, personas.participant)
    plan_make(world.lucknow, personas.state)
    kanpur.commitments.filter(theme=LsdgTheme.WATER_SUFFICIENT).update(status=CommitmentStatus.DONE)


def _commitments_cell(page: str, code: str) -> str:
    return page.split(f'data-testid="commitments-{code}">')[1].split("</td>")[0]


def test_the_outcome_report_shows_each_indicator_beside_its_themes_commitments(
    personas, side_by_side, client
):
    client.force_login(personas.dpro_kanpur)
    page = client.get(reverse("followup:outcome_report")).content.decode()
    water = _commitments_cell(page, "pai_water_sufficient")
    assert "1 / 2" in water  # Kanpur's: one achieved of two; Lucknow's not counted
    assert "जल पर्याप्त पंचायत" in water
    link = "?by=theme&amp;key=water_sufficient"
    assert link in water
    assert _commitments_cell(page, "pai_total").strip() == "—"  # no theme: no commitments
    behind = client.get(reverse("followup:report_people") + link.replace("&amp;", "&"))
    assert behind.content.count(b'data-testid="behind"') == 2

    client.force_login(personas.state)
    page = client.get(reverse("followup:outcome_report")).content.decode()
    assert "1 / 3" in _commitments_cell(page, "pai_water_sufficient")
    commitments_page = client.get(reverse("followup:report") + "?by=theme").content.decode()
    assert 'data-testid="to-outcomes"' in commitments_page
    assert 'data-key="water_sufficient"' in commitments_page


def test_the_side_by_side_reads_in_hindi(personas, side_by_side, client):
    from sashakt.stray_latin import assert_no_stray_latin  # noqa: PLC0415

    client.force_login(personas.state)
    page = client.get(reverse("followup:outcome_report")).content.decode()
    assert "इस विषय पर संकल्प: पूरे हुए / कुल" in page
    assert_no_stray_latin(page, allowed={"state", "A", "B", "C", "D"})
