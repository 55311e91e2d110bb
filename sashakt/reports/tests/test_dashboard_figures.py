"""Every figure against a hand count of the fixture in conftest.py.

People and what became of their nominations:
  kanpur  KP Pramukh, man, Kanpur     IITK batch 1 completed
  geeta   Pradhan, woman, OBC, Kanpur IITK batch 1 completed; IIML batch 3 completed
  lucknow ZP Adhyaksh, woman, ST, Lko IITK batch 1 completed
  k3      ward member, woman, SC, Kpr IITK batch 2 confirmed; IIML nominated
  k4      BDC member, man, Kanpur     IITK batch 2 seat offered; IIML rejected
  l2      Pradhan, man, SC, Lucknow   IIML nominated
"""

import datetime

from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.reports.dashboards import drilldown, figures, measures
from sashakt.reports.dashboards.qpr import qpr_figures, quarter_dates
from sashakt.reports.dashboards.rgsa import coverage_total, orientation_overdue, rgsa_coverage
from sashakt.reports.tests.conftest import TODAY

S = NominationStatus


def counts(nominated, approved, confirmed, completed, *, attended, certified):
    return {
        "nominated": nominated,
        "approved": approved,
        "confirmed": confirmed,
        "attended": attended,
        "completed": completed,
        "certified": certified,
    }


def test_the_state_funnel_counts_distinct_people(world):
    state = world.personas.state
    assert figures.funnel_counts(state) == counts(6, 5, 4, 3, attended=3, certified=3)


def test_funnel_by_district_institute_and_gender(world):
    state = world.personas.state
    kanpur = world.people["kanpur"].district_id
    lucknow = world.people["lucknow"].district_id
    by_district = figures.funnel_counts(state, None, "district")
    assert by_district == {
        kanpur: counts(4, 4, 3, 2, attended=2, certified=2),
        lucknow: counts(2, 1, 1, 1, attended=1, certified=1),
    }
    by_institute = figures.funnel_counts(state, None, "institute")
    assert by_institute == {
        world.personas.iitk_institute.pk: counts(5, 5, 4, 3, attended=3, certified=3),
        world.personas.iiml_institute.pk: counts(4, 1, 1, 1, attended=0, certified=0),
    }
    assert figures.funnel_counts(state, None, "gender") == {
        "F": counts(3, 3, 3, 2, attended=2, certified=2),
        "M": counts(3, 2, 1, 1, attended=1, certified=1),
    }


def test_funnel_by_designation_and_batch(world):
    state = world.personas.state
    by_designation = figures.funnel_counts(state, None, "designation")
    assert by_designation["pradhan"] == counts(2, 1, 1, 1, attended=1, certified=1)  # geeta and l2
    assert by_designation["ward_member"] == counts(1, 1, 1, 0, attended=0, certified=0)
    by_batch = figures.funnel_counts(state, None, "batch")
    assert by_batch[world.done_batch.pk] == counts(3, 3, 3, 3, attended=3, certified=3)
    assert by_batch[None] == counts(
        3, 0, 0, 0, attended=0, certified=0
    )  # l2, k3, k4 at IIML with no batch


def test_a_district_officer_and_a_coordinator_count_their_own_slice(world):
    assert figures.funnel_counts(world.personas.dpro_kanpur) == counts(
        4, 4, 3, 2, attended=2, certified=2
    )
    assert figures.funnel_counts(world.personas.dpro_lucknow) == counts(
        2, 1, 1, 1, attended=1, certified=1
    )
    assert figures.funnel_counts(world.personas.iiml) == counts(4, 1, 1, 1, attended=0, certified=0)
    assert figures.funnel_counts(world.personas.trainer) == counts(
        0, 0, 0, 0, attended=0, certified=0
    )


def test_filters_narrow_the_table_and_name_its_rows(world):
    state = world.personas.state
    women = measures.Filters(gender="F")
    rows = figures.funnel_table(state, "institute", women)
    assert [(r.label, r.counts["nominated"]) for r in rows] == [
        (str(world.personas.iitk_institute), 3),
        (str(world.personas.iiml_institute), 2),
    ]
    assert rows[0].query == {"institute": world.personas.iitk_institute.pk, "gender": "F"}


def test_mou_targets_against_completed(world):
    rows = figures.mou_targets(world.personas.state, [world.iitk_programme.mou])
    assert rows[0].target == 250
    assert rows[0].counts == counts(5, 5, 4, 3, attended=3, certified=3)
    assert rows[0].percent == 1  # 3 of 250


def test_women_sc_and_st_shares(world):
    shares = {
        tuple(r.query.items())[0]: r for r in figures.reservation_shares(world.personas.state)
    }
    women, sc, st = shares[("gender", "F")], shares[("category", "SC")], shares[("category", "ST")]
    assert (women.nominated, women.completed, women.reserved) == (50.0, 66.7, 33.3)
    assert (sc.nominated, sc.completed, sc.reserved) == (33.3, 0.0, 21.0)
    assert (st.nominated, st.completed) == (16.7, 33.3)


def test_district_coverage_is_the_share_of_the_registry_trained(world):
    rows = {r.district.lgd_code: r for r in figures.district_coverage(world.personas.state)}
    assert len(rows) == 75
    assert (rows[157].people, rows[157].trained, rows[157].percent) == (4, 2, 50.0)
    assert (rows[162].people, rows[162].trained, rows[162].percent) == (2, 1, 50.0)
    assert rows[118].people == 0  # Agra
    mine = figures.district_coverage(world.personas.dpro_lucknow)
    assert [(r.district.lgd_code, r.people, r.trained) for r in mine] == [(162, 2, 1)]


def test_rgsa_coverage_orientation_refresher_and_overdue(world):
    total = coverage_total(rgsa_coverage(world.personas.state, TODAY))
    # Windows closed: orientation for kanpur, geeta, k3, lucknow; refresher for geeta, k3.
    assert (total.orientation_due, total.oriented) == (4, 2)  # kanpur and lucknow in time
    assert (total.refresher_due, total.refreshed) == (2, 1)  # geeta: two batches in 2 years
    assert total.overdue == 1  # k3, never trained
    assert list(orientation_overdue(world.personas.state, TODAY)) == [world.people["k3"]]
    assert list(orientation_overdue(world.personas.dpro_lucknow, TODAY)) == []


def test_qpr_counts_people_by_target_group_and_category(world):
    assert quarter_dates(2025, 2) == (datetime.date(2025, 7, 1), datetime.date(2025, 9, 30))
    assert quarter_dates(2025, 4) == (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    rows = qpr_figures(world.personas.state, 2025, 2)
    cells = [[r[c] for c in ("total", "women", "sc", "st", "others")] for r in rows]
    assert cells == [
        [1, 1, 0, 1, 0],  # ZP: lucknow (ST woman)
        [1, 0, 0, 0, 1],  # KP: kanpur
        [1, 1, 0, 0, 1],  # GP: geeta
        [0, 0, 0, 0, 0],  # functionaries
        [3, 2, 0, 1, 2],
    ]
    q3 = qpr_figures(world.personas.state, 2025, 3)
    assert q3[-1]["total"] == 1 and q3[2]["women"] == 1  # geeta's second batch
    assert qpr_figures(world.personas.dpro_lucknow, 2025, 2)[-1]["total"] == 1


def test_people_behind_a_number_are_the_ones_counted(world):
    state = world.personas.state
    kanpur = world.people["kanpur"].district_id
    completed = drilldown.people_behind(state, "completed", measures.Filters(district=kanpur))
    assert {p.pk for p in completed} == {world.people["kanpur"].pk, world.people["geeta"].pk}
    registry = drilldown.people_behind(state, "registry", measures.Filters(district=kanpur))
    assert registry.count() == 4
    # A district officer asking for another district gets nobody.
    other = drilldown.people_behind(
        world.personas.dpro_lucknow, "completed", measures.Filters(district=kanpur)
    )
    assert other.count() == 0


def test_a_later_app_adds_a_column_with_one_selector(world, monkeypatch):
    from django.db.models import Q

    def women():  # stands in for attendance's attended_a_session
        return Q(person__gender="F")

    column = measures.Column("women", "Women", women)
    # Defined in measures (the tables' columns), counted by figures.
    monkeypatch.setattr(measures, "LATER_COLUMNS", [column])
    monkeypatch.setattr(figures, "LATER_COLUMNS", [column])
    assert figures.funnel_counts(world.personas.state)["women"] == 3
    rows = {r.key: r for r in figures.funnel_table(world.personas.state, "institute")}
    assert rows[world.personas.iiml_institute.pk].counts["women"] == 2  # geeta and k3
    assert [c.key for c in measures.columns()][-1] == "women"


def test_did_not_complete_counts_as_seated_and_confirmed_like_its_drilldown(world):
    state = world.personas.state
    k4 = world.people["k4"]  # IITK batch 2, seat offered: now found not to have completed
    Nomination.objects.filter(person=k4, status=S.APPROVED).update(
        status=S.NOT_COMPLETED, seat=None
    )
    total = figures.funnel_counts(state)
    assert total == counts(6, 5, 5, 3, attended=3, certified=3)
    for measure in ("approved", "confirmed", "completed"):
        people = drilldown.people_behind(state, measure, measures.Filters())
        assert people.count() == total[measure], measure


def test_a_person_whose_gender_changes_moves_to_the_other_row(world):
    k4 = world.people["k4"]  # a man: BDC member, seat offered; rejected at IIML
    k4.gender = "F"
    k4.save()
    assert figures.funnel_counts(world.personas.state, None, "gender") == {
        "F": counts(4, 4, 3, 2, attended=2, certified=2),
        "M": counts(2, 1, 1, 1, attended=1, certified=1),
    }


def test_every_table_of_a_page_counted_at_once_equals_each_counted_alone(world):
    """On PostgreSQL one statement (GROUPING SETS) counts them all; alone, each is a GROUP BY
    of its own: the same figures either way, the batch-less group included."""
    state = world.personas.state
    dimensions = [None, *measures.DIMENSIONS]
    together = figures.funnel_counts_by(state, None, dimensions)
    for dimension in dimensions:
        assert together[dimension] == figures.funnel_counts(state, None, dimension), dimension
    assert together["batch"][None] == counts(3, 0, 0, 0, attended=0, certified=0)
    assert together[None] == counts(6, 5, 4, 3, attended=3, certified=3)
    lucknow = measures.Filters(district=world.people["lucknow"].district_id)
    assert figures.funnel_counts_by(state, lucknow, ["gender", "programme"])["gender"] == {
        "F": counts(1, 1, 1, 1, attended=1, certified=1),
        "M": counts(1, 0, 0, 0, attended=0, certified=0),
    }


def test_shares_say_not_recorded_instead_of_zero(world):
    from sashakt.nominations.services import nominations_follow_people
    from sashakt.people.models import Person

    shares = {
        tuple(r.query.items())[0]: r for r in figures.reservation_shares(world.personas.state)
    }
    sc = shares[("category", "SC")]
    # Two of the six nominated have no category: the share stands, with the note.
    assert (sc.nominated, sc.unrecorded["nominated"], sc.whole["nominated"]) == (33.3, 2, 6)
    Person.objects.update(social_category="")
    nominations_follow_people()  # the nominations' copies, as a bulk registry change does
    shares = {
        tuple(r.query.items())[0]: r for r in figures.reservation_shares(world.personas.state)
    }
    sc, women = shares[("category", "SC")], shares[("gender", "F")]
    assert (sc.nominated, sc.completed) == (None, None)  # not 0.0%
    assert sc.unrecorded == {"nominated": 6, "completed": 3} == sc.whole
    assert women.nominated == 50.0 and women.unrecorded == {"nominated": 0, "completed": 0}
