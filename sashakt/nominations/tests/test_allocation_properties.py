"""Property tests (hypothesis, issue 28) of the allocation: whatever the candidates, batches
and quota, both the optimiser and first-come give nobody two seats, never more people than
seats, never more of a district than its quota, and only people eligible and free in the
batch's weeks (scoring.rule_violations is the rules' own statement)."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from sashakt.nominations.allocation.first_come import allocate_first_come
from sashakt.nominations.allocation.problem import AllocationProblem, BatchSlot, Candidate
from sashakt.nominations.allocation.scoring import rule_violations
from sashakt.nominations.allocation.solver import allocate

DESIGNATIONS = ["pradhan", "kp_pramukh", "zp_member"]
DISTRICTS = {1: (26.45, 80.33), 2: (26.85, 80.95), 3: (25.32, 82.97)}
MONDAY = date(2026, 1, 5)


@st.composite
def problems(draw):
    batches = []
    for n in range(draw(st.integers(1, 4))):
        start = MONDAY + timedelta(days=draw(st.integers(0, 27)))
        batches.append(
            BatchSlot(
                id=100 + n,
                start=start,
                end=start + timedelta(days=4),
                capacity=draw(st.integers(1, 5)),
                lat=26.5,
                lon=80.3,
                eligible_designations=frozenset(
                    draw(st.sets(st.sampled_from(DESIGNATIONS), min_size=1))
                ),
            )
        )
    candidates = [
        Candidate(
            id=n,
            district_id=draw(st.sampled_from(sorted(DISTRICTS))),
            designation=draw(st.sampled_from(DESIGNATIONS)),
            priority=draw(st.integers(1, 10)),
            unavailable_weeks=frozenset(
                draw(st.sets(st.sampled_from([MONDAY + timedelta(weeks=w) for w in range(5)])))
            ),
            order=n,
        )
        for n in range(draw(st.integers(0, 14)))
    ]
    return AllocationProblem(
        candidates=candidates,
        batches=batches,
        district_centroids=DISTRICTS,
        district_quota_per_batch=draw(st.one_of(st.none(), st.integers(1, 3))),
    )


def _check(problem: AllocationProblem, assignments: dict[int, int]) -> None:
    assert rule_violations(problem, assignments) == []
    per_batch: dict[int, int] = {}
    for batch_id in assignments.values():
        per_batch[batch_id] = per_batch.get(batch_id, 0) + 1
    capacity = {b.id: b.capacity for b in problem.batches}
    assert all(taken <= capacity[b] for b, taken in per_batch.items())  # no seat twice
    assert set(assignments) <= {c.id for c in problem.candidates}


@settings(max_examples=40, deadline=None)
@given(problem=problems())
def test_the_optimiser_keeps_every_rule(problem):
    result = allocate(problem, certify_seconds=0.2)
    _check(problem, result.assignments)
    assert result.assigned == len(result.assignments)


@settings(max_examples=60, deadline=None)
@given(problem=problems())
def test_first_come_keeps_every_rule(problem):
    _check(problem, allocate_first_come(problem).assignments)


@settings(max_examples=40, deadline=None)
@given(problem=problems())
def test_the_optimiser_seats_at_least_as_many_priority_points_as_first_come(problem):
    best = allocate(problem, certify_seconds=0.2)
    first = allocate_first_come(problem)
    assert best.objective >= first.objective
