"""The follow-up report's arithmetic against a case worked by hand, GPs missing from a
round counted as missing (never zero), the training date rule, and the report's scope."""

import datetime
from decimal import Decimal

import pytest

from sashakt.followup import indicators
from sashakt.followup.models_outcomes import Indicator, IndicatorValue
from sashakt.followup.tests.outcome_factories import (
    gram_panchayats,
    gram_panchayats_load,
    pradhan_trained,
    rounds_make,
)
from sashakt.geography.models import GramPanchayat
from sashakt.nominations.models import NominationStatus
from sashakt.test import KANPUR_NAGAR, LUCKNOW, batch_make, programme_make


@pytest.fixture(autouse=True)
def _gram_panchayats(geography, tmp_path):
    gram_panchayats_load(tmp_path)


def _value(indicator_round, gp, value, code="pai_total"):
    IndicatorValue.objects.create(
        round=indicator_round,
        indicator=Indicator.objects.get(code=code),
        gram_panchayat=gp,
        value=Decimal(value),
    )


@pytest.fixture
def case(personas):
    """Kanpur Nagar: four trained GPs (changes 2, 4, 6; one missing from the later round),
    four not yet trained (changes 1, 1, 4; one missing from the baseline), one whose Pradhan
    completed a batch only after the later round (not trained for it), and one in Lucknow."""
    baseline, later = rounds_make()
    programme = programme_make(personas.iitk_institute)
    early = batch_make(programme, start=datetime.date(2025, 8, 26))
    too_late = batch_make(programme, start=datetime.date(2026, 5, 4))
    gps = gram_panchayats(KANPUR_NAGAR, 10)
    trained, untrained, late = gps[:4], gps[4:8], gps[8]
    for number, gp in enumerate(trained):
        pradhan_trained(gp, early, mobile=f"93350{number:05d}")
    pradhan_trained(late, too_late, mobile="9335099999")
    # A nomination that did not complete does not make its GP trained.
    pradhan_trained(gps[9], early, mobile="9335088888", status=NominationStatus.NOT_COMPLETED)
    for gp, before, after in zip(trained[:3], (50, 40, 30), (52, 44, 36), strict=True):
        _value(baseline, gp, before)
        _value(later, gp, after)
    _value(baseline, trained[3], 45)  # not measured in the later round
    for gp, before, after in zip(untrained[:3], (20, 25, 30), (21, 26, 34), strict=True):
        _value(baseline, gp, before)
        _value(later, gp, after)
    _value(later, untrained[3], 50)  # not measured in the baseline
    _value(baseline, late, 10)
    lucknow_gp = gram_panchayats(LUCKNOW, 1)[0]
    _value(baseline, lucknow_gp, 10)
    _value(later, lucknow_gp, 90)
    return baseline, later


def test_the_side_by_side_matches_the_hand_computed_case(personas, case):
    baseline, later = case
    [total] = indicators.outcome_comparisons(
        personas.dpro_kanpur,
        baseline=baseline,
        later=later,
        indicators=Indicator.objects.filter(code="pai_total"),
    )
    in_district = GramPanchayat.objects.filter(district__lgd_code=KANPUR_NAGAR).count()
    yes, no = total.trained, total.not_trained
    # Trained: changes 2, 4, 6 → mean 4, s = 2, se = 2/√3 = 1.1547; t(0.975, 2) = 4.3027
    # (tables) → 4 ± 4.9683.
    assert (yes.gram_panchayats, yes.measured_both, yes.missing) == (4, 3, 1)
    assert (yes.missing_baseline, yes.missing_later) == (0, 1)
    assert yes.mean == pytest.approx(4.0)
    assert yes.sd == pytest.approx(2.0)
    assert yes.low == pytest.approx(-0.9683, abs=1e-4)
    assert yes.high == pytest.approx(8.9683, abs=1e-4)
    # Not yet trained: changes 1, 1, 4 → mean 2, s² = (1 + 1 + 4)/2 = 3, se = 1; 2 ± 4.3027.
    # Every other GP of the district has no figures: missing, never a zero change.
    assert no.gram_panchayats == in_district - 4
    assert no.measured_both == 3
    assert no.missing == in_district - 4 - 3
    assert no.mean == pytest.approx(2.0)
    assert no.low == pytest.approx(-2.3027, abs=1e-4)
    assert no.high == pytest.approx(6.3027, abs=1e-4)
    # Difference 4 − 2 = 2; Welch: se² = 4/3 + 3/3 = 7/3, se = 1.5275;
    # df = (7/3)² / ((4/3)²/2 + 1²/2) = 5.4444 / 1.3889 = 3.92; t(0.975, 3.92) = 2.7989
    # → 2 ± 4.2754.
    assert total.difference == pytest.approx(2.0)
    assert total.low == pytest.approx(-2.2754, abs=1e-4)
    assert total.high == pytest.approx(6.2754, abs=1e-4)


def test_the_state_cell_counts_every_district(personas, case):
    baseline, later = case
    [total] = indicators.outcome_comparisons(
        personas.state,
        baseline=baseline,
        later=later,
        indicators=Indicator.objects.filter(code="pai_total"),
    )
    assert total.trained.measured_both == 3
    assert total.not_trained.measured_both == 4  # the Lucknow GP joins the untrained
    assert total.not_trained.mean == pytest.approx((1 + 1 + 4 + 80) / 4)


def test_the_report_page_is_scoped_and_says_association(personas, case, client):
    client.force_login(personas.dpro_lucknow)
    page = client.get("/followup/outcomes/").content.decode()
    assert 'data-testid="not-an-effect"' in page
    assert "संबंध, प्रभाव नहीं।" in page  # Hindi by default
    assert "औसत बदलाव (95% अंतराल)" in page
    assert "Lucknow" in page or "लखनऊ" in page
    row = page.split('data-testid="outcome-pai_total"')[1].split("</tr>")[0]
    assert "80.00" in row  # Lucknow's one GP: its own figure only
    for user in (personas.iitk, personas.trainer, personas.participant):
        client.force_login(user)
        assert client.get("/followup/outcomes/").status_code == 403
    client.logout()
    assert client.get("/followup/outcomes/").status_code == 302


def test_a_later_round_before_the_baseline_is_refused(personas, case, client):
    baseline, later = case
    with pytest.raises(indicators.IndicatorError):
        indicators.outcome_comparisons(personas.state, baseline=later, later=baseline)
    client.force_login(personas.state)
    response = client.get(f"/followup/outcomes/?baseline={later.pk}&later={baseline.pk}")
    assert response.status_code == 200
    assert 'data-testid="outcome-table"' not in response.content.decode()


def test_the_outcome_pages_read_in_hindi(personas, case, client):
    from sashakt.stray_latin import assert_no_stray_latin  # noqa: PLC0415

    client.force_login(personas.state)
    for url in (
        "/followup/outcomes/",
        "/followup/outcomes/import/",
        "/followup/outcomes/indicators/",
    ):
        # PAI grades are written A+ to D in Hindi too.
        page = client.get(url).content.decode()
        assert_no_stray_latin(page, allowed={"state", "A", "B", "C", "D"})
