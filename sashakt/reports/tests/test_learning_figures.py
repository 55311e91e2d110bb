"""The learning figures equal the hand count of `learning_world.py`, role by role."""

import pytest

from sashakt.assessments.selectors import score_means_by
from sashakt.attendance.selectors import attendance_rate_by_batch
from sashakt.feedback.selectors import ratings_by
from sashakt.reports.tests.learning_world import learning_world_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(personas):
    return learning_world_make(personas)


def test_scores_by_batch_for_the_state_cell(personas, world):
    rows = {m.key: m for m in score_means_by(personas.state, "batch")}
    b1 = rows[world.batch.pk]
    assert (b1.pre_people, round(b1.pre_mean, 1)) == (3, 33.3)
    assert (b1.post_people, round(b1.post_mean, 1)) == (2, 83.3)
    assert round(b1.gain, 1) == 50.0 and round(b1.normalised_gain, 2) == 0.75
    b3 = rows[world.iiml_batch.pk]
    assert (b3.pre_people, b3.pre_mean, b3.post_people, b3.post_mean) == (1, 40.0, 0, None)
    assert b3.gain is None


def test_scores_by_programme_and_module(personas, world):
    by_programme = {m.key: m for m in score_means_by(personas.state, "programme")}
    p1 = by_programme[world.batch.programme_id]
    assert round(p1.pre_mean, 1) == 33.3 and round(p1.post_mean, 1) == 83.3
    gram_sabha, finance = world.modules
    by_module = {m.key: m for m in score_means_by(personas.state, "module")}
    assert (round(by_module[gram_sabha.pk].pre_mean, 1), by_module[gram_sabha.pk].post_mean) == (
        66.7,
        100.0,
    )
    assert (by_module[finance.pk].pre_mean, round(by_module[finance.pk].post_mean, 1)) == (
        0.0,
        66.7,
    )
    assert (by_module[gram_sabha.pk].pre_people, by_module[gram_sabha.pk].post_people) == (3, 2)


def test_scores_within_each_scope(personas, world):
    # Kanpur Nagar: the Kanpur person (50 -> 100) and Participant 1 (16.7, no post-test);
    # Geeta's IIM Lucknow pre-test (40).
    kanpur = {m.key: m for m in score_means_by(personas.dpro_kanpur, "batch")}
    assert round(kanpur[world.batch.pk].pre_mean, 1) == 33.3
    assert kanpur[world.batch.pk].post_mean == 100.0
    assert round(kanpur[world.batch.pk].normalised_gain, 2) == 1.0
    assert kanpur[world.iiml_batch.pk].pre_mean == 40.0
    lucknow = score_means_by(personas.dpro_lucknow, "batch")
    assert [(round(m.pre_mean, 1), round(m.post_mean, 1)) for m in lucknow] == [(33.3, 66.7)]
    assert [m.key for m in score_means_by(personas.iitk, "batch")] == [world.batch.pk]
    assert [m.key for m in score_means_by(personas.iiml, "batch")] == [world.iiml_batch.pk]
    assert score_means_by(personas.participant, "batch") == []


def test_a_trainer_sees_counts_but_no_mean_below_five_people(personas, world):
    (row,) = score_means_by(personas.trainer, "batch")
    assert row.key == world.batch.pk and row.hidden
    assert (row.pre_people, row.pre_mean, row.post_people, row.post_mean) == (3, None, 2, None)
    assert score_means_by(world.trainer2, "programme")[0].hidden


def test_ratings_by_trainer_and_module(personas, world):
    items, rows = ratings_by(personas.state, "trainer")
    by_trainer = {r.key: r for r in rows}
    mine = by_trainer[personas.trainer.pk]
    assert (mine.responses, mine.mean) == (5, 4.0)
    content = next(i for i in items if i.code == "content")
    assert mine.item_means[content.pk] == 3.0
    other = by_trainer[world.trainer2.pk]
    assert (other.responses, other.mean, other.item_means) == (3, None, {})
    _, by_module = ratings_by(personas.state, "module")
    gram_sabha, finance = world.modules
    assert {r.key: (r.responses, r.mean) for r in by_module} == {
        gram_sabha.pk: (5, 4.0),
        finance.pk: (3, None),
    }


def test_ratings_within_each_scope(personas, world):
    _, rows = ratings_by(personas.trainer, "trainer")
    assert [(r.key, r.responses, r.mean) for r in rows] == [(personas.trainer.pk, 5, 4.0)]
    _, rows = ratings_by(world.trainer2, "module")
    assert [(r.key, r.responses, r.mean) for r in rows] == [(world.modules[1].pk, 3, None)]
    # Kanpur Nagar's people gave 4 answers on session 1 and 3 on session 2: below the floor.
    _, rows = ratings_by(personas.dpro_kanpur, "trainer")
    assert sorted((r.responses, r.mean) for r in rows) == [(3, None), (4, None)]
    assert len(ratings_by(personas.iitk, "trainer")[1]) == 2
    assert ratings_by(personas.iiml, "trainer")[1] == []
    assert ratings_by(personas.participant, "module")[1] == []


def test_attendance_rate_by_batch_within_each_scope(personas, world):
    def rates(user):
        return [
            (r.batch.pk, r.sessions, r.people, r.attended, r.percent)
            for r in attendance_rate_by_batch(user)
        ]

    b1 = world.batch.pk
    assert rates(personas.state) == [(b1, 2, 5, 8, 80.0)]
    assert rates(personas.iitk) == [(b1, 2, 5, 8, 80.0)]
    assert rates(personas.dpro_kanpur) == [(b1, 2, 4, 7, 87.5)]
    assert rates(personas.dpro_lucknow) == [(b1, 2, 1, 1, 50.0)]
    # Each trainer counts their own session only: session 1 all five, session 2 three of five.
    assert rates(personas.trainer) == [(b1, 1, 5, 5, 100.0)]
    assert rates(world.trainer2) == [(b1, 1, 5, 3, 60.0)]
    assert rates(personas.iiml) == []  # its batch has no session held
    assert rates(personas.participant) == []


def test_the_page_counts_only_the_latest_batches_begun(personas):
    """Statewide there are tens of thousands of batches, and counting them all reads every
    mark: the page counts the latest begun ones (the download counts all); a batch that has
    not begun is not among them; a programme narrows the count in the database."""
    import datetime

    from django.utils import timezone

    from sashakt.attendance import services
    from sashakt.attendance.models import MarkMethod, MarkStatus
    from sashakt.attendance.tests.factories import hall_make

    today = timezone.localdate()
    made = []
    for n, days_ago in enumerate([30, 20, 10]):
        batch, sessions, people = hall_make(
            personas,
            people=2,
            days=1,
            start=today - datetime.timedelta(days=days_ago),
            with_personas=False,
            mobile_prefix=f"9839{n}",
        )
        services.mark_record(
            user=personas.iitk,
            session=sessions[0],
            nomination=people[0],
            status=MarkStatus.PRESENT,
            method=MarkMethod.PAPER,
            reason="Typed in from the paper register",  # weeks later: a late entry
        )
        made.append(batch)
    hall_make(
        personas,
        people=2,
        days=1,
        start=today + datetime.timedelta(days=5),
        with_personas=False,
        mobile_prefix="98394",
    )

    def rates(**narrowed):
        return [
            (r.batch.pk, r.sessions, r.people, r.attended)
            for r in attendance_rate_by_batch(personas.state, **narrowed)
        ]

    assert rates() == [(b.pk, 1, 2, 1) for b in made]
    assert rates(latest=2) == [(b.pk, 1, 2, 1) for b in made[1:]]
    assert rates(programme=made[0].programme_id) == [(made[0].pk, 1, 2, 1)]
    assert rates(programme=made[0].programme_id, latest=1) == [(made[0].pk, 1, 2, 1)]
