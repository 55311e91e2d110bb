"""The demo's outcome figures and library: two PAI rounds marked demo, GPs missing from a
round left out (never zero), a real PDF handout per module; loading twice changes nothing."""

import shutil
import subprocess

import pytest
from django.core.management import call_command

from sashakt.accounts.models import User
from sashakt.conftest import require_or_skip
from sashakt.followup.models_library import Material, MaterialKind
from sashakt.followup.models_outcomes import IndicatorRound, IndicatorValue
from sashakt.followup.tests.outcome_factories import gram_panchayats_load
from sashakt.geography.models import GramPanchayat
from sashakt.programmes.models import Module

pytestmark = pytest.mark.django_db


def test_the_demo_has_two_pai_rounds_and_a_library_and_loads_once(geography, tmp_path, client):
    gram_panchayats_load(tmp_path, ("Kanpur Nagar",))
    call_command("load_demo")
    counts = (IndicatorValue.objects.count(), Material.objects.count())
    call_command("load_demo")
    assert (IndicatorValue.objects.count(), Material.objects.count()) == counts

    rounds = list(IndicatorRound.objects.order_by("measured_on"))
    assert len(rounds) == 2 and all(r.is_demo and "डेमो" in r.name_hi for r in rounds)
    gps = GramPanchayat.objects.count()
    for indicator_round in rounds:
        reported = (
            IndicatorValue.objects.filter(round=indicator_round, indicator__code="pai_total")
            .values("gram_panchayat")
            .count()
        )
        assert 0 < reported < gps  # some GPs missing from each round, as in UP's baseline
    assert not IndicatorValue.objects.filter(value=0).exists()

    handouts = Material.objects.filter(kind=MaterialKind.HANDOUT)
    assert handouts.count() == Module.objects.filter(materials__isnull=False).distinct().count()
    assert all(m.is_demo for m in Material.objects.all())
    handout = handouts.select_related("module").first()
    assert handout is not None
    require_or_skip(shutil.which("pdftotext") is not None, "no pdftotext")
    text = subprocess.run(
        ["pdftotext", handout.file.path, "-"], capture_output=True, check=True, text=True
    ).stdout
    assert handout.module.title_en in text

    client.force_login(User.objects.get(username="state.cell"))
    page = client.get("/followup/outcomes/")
    assert page.status_code == 200
    assert b'data-testid="outcome-pai_total"' in page.content
