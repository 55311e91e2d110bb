"""The seat allocator against brute force, the LP relaxation and the rules it must keep."""

import itertools
import random
from datetime import date, timedelta

import pytest
from ortools.linear_solver import pywraplp

from sashakt.nominations.allocation import (
    AllocationProblem,
    BatchSlot,
    Candidate,
    ScoreWeights,
    allocate,
    allocate_first_come,
    assigned_by_batch,
    candidate_priority,
    crowding_points,
    distance_km,
    is_available,
    objective_of,
    rule_violations,
)

MONDAY = date(2025, 9, 1)
KANPUR, LUCKNOW, VARANASI = (26.51, 80.23), (26.80, 80.90), (25.26, 82.99)
# district id -> centroid (lat, lon)
CENTROIDS = {1: (26.45, 80.33), 2: (26.85, 80.95), 3: (25.32, 82.97)}
NEVER_TRAINED = candidate_priority(never_trained=True, years_since_election=4)
TRAINED = candidate_priority(never_trained=False, years_since_election=4)


def week(n: int) -> date:
    return MONDAY + timedelta(weeks=n)


def batch(batch_id, venue=KANPUR, start=MONDAY, days=5, capacity=1, eligible=("pradhan",)):
    return BatchSlot(
        id=batch_id,
        start=start,
        end=start + timedelta(days=days - 1),
        capacity=capacity,
        lat=venue[0],
        lon=venue[1],
        eligible_designations=frozenset(eligible),
    )


def person(person_id, district=1, designation="pradhan", priority=TRAINED, order=0, away=()):
    return Candidate(
        id=person_id,
        district_id=district,
        designation=designation,
        priority=priority,
        unavailable_weeks=frozenset(away),
        order=order,
    )


def problem_of(candidates, batches, quota=None, weights=None):
    return AllocationProblem(
        candidates=candidates,
        batches=batches,
        district_centroids=CENTROIDS,
        district_quota_per_batch=quota,
        weights=weights or ScoreWeights(),
    )


def random_problem(
    rng: random.Random, people: int, batches: int, weeks: int = 3
) -> AllocationProblem:
    """Instances where every rule and every term of the score can decide."""
    venues = [KANPUR, LUCKNOW, VARANASI]
    designations = ["pradhan", "sachiv", "bdc_member"]
    slots = [
        batch(
            n + 1,
            venue=rng.choice(venues),
            start=week(rng.randrange(weeks)) + timedelta(days=rng.choice([0, 0, 3])),
            capacity=rng.randint(1, 3),
            eligible=rng.sample(designations, rng.randint(1, 3)),
        )
        for n in range(batches)
    ]
    candidates = [
        person(
            n + 1,
            district=rng.choice(list(CENTROIDS)),
            designation=rng.choice(designations),
            priority=candidate_priority(rng.random() < 0.5, rng.uniform(0, 6)),
            order=rng.randrange(100),
            away={week(w) for w in range(weeks + 1) if rng.random() < 0.6 / weeks},
        )
        for n in range(people)
    ]
    district_steps = sorted(rng.choice([0, 0, 30, 120, 400]) for _ in range(rng.randint(1, 3)))
    designation_steps = sorted(rng.choice([0, 0, 50, 250]) for _ in range(rng.randint(1, 3)))
    weights = ScoreWeights(
        seat_points=rng.choice([0, 100, 1000]),
        priority_points=rng.choice([10, 100, 1000]),
        points_per_km=rng.choice([0, 1, 3]),
        district_crowding=tuple(district_steps),
        designation_crowding=tuple(designation_steps),
    )
    return problem_of(candidates, slots, quota=rng.choice([None, 1, 2]), weights=weights)


def brute_force_best(problem: AllocationProblem) -> int:
    best = 0  # nobody assigned is always allowed
    choices = [None, *(b.id for b in problem.batches)]
    for picked in itertools.product(choices, repeat=len(problem.candidates)):
        assignments = {
            c.id: batch_id
            for c, batch_id in zip(problem.candidates, picked, strict=True)
            if batch_id is not None
        }
        if not rule_violations(problem, assignments):
            best = max(best, objective_of(problem, assignments))
    return best


def lp_relaxation_bound(problem: AllocationProblem) -> float:
    """The per-person model with x[person, batch] in [0, 1] and convex crowding penalties as
    tiers, solved as an LP by GLOP: the bound the allocator's `bound` must equal."""
    weights = problem.weights
    solver = pywraplp.Solver.CreateSolver("GLOP")
    objective = solver.Objective()
    objective.SetMaximization()
    x = {}
    for c in problem.candidates:
        for b in problem.batches:
            if is_available(c, b):
                x[c.id, b.id] = var = solver.NumVar(0, 1, "")
                km = round(distance_km(CENTROIDS[c.district_id], (b.lat, b.lon)))
                value = weights.seat_points + weights.priority_points * c.priority
                objective.SetCoefficient(var, value - weights.points_per_km * km)
    for c in problem.candidates:
        solver.Add(sum(x[key] for key in x if key[0] == c.id) <= 1)
    by_id = {c.id: c for c in problem.candidates}
    crowds = {}
    for (candidate_id, batch_id), var in x.items():
        c = by_id[candidate_id]
        crowds.setdefault(("batch", batch_id), []).append(var)
        crowds.setdefault(("district", batch_id, c.district_id), []).append(var)
        crowds.setdefault(("designation", batch_id, c.district_id, c.designation), []).append(var)
    capacity = {b.id: b.capacity for b in problem.batches}
    for key, members in crowds.items():
        if key[0] == "batch":
            solver.Add(sum(members) <= capacity[key[1]])
            continue
        if key[0] == "district" and problem.district_quota_per_batch is not None:
            solver.Add(sum(members) <= problem.district_quota_per_batch)
        steps = weights.district_crowding if key[0] == "district" else weights.designation_crowding
        tiers = [solver.NumVar(0, 1, "") for _ in steps[:-1]] + [solver.NumVar(0, len(x), "")]
        for tier, step in zip(tiers, steps, strict=True):
            objective.SetCoefficient(tier, -step)
        solver.Add(sum(tiers) == sum(members))
    assert solver.Solve() == pywraplp.Solver.OPTIMAL
    return objective.Value()


@pytest.mark.parametrize("seed", range(40))
def test_allocation_matches_brute_force_and_lp_bound(seed):
    rng = random.Random(seed)
    problem = random_problem(rng, people=rng.randint(3, 5), batches=rng.randint(2, 3))

    best = allocate(problem)
    first_come = allocate_first_come(problem)

    assert rule_violations(problem, best.assignments) == []
    assert rule_violations(problem, first_come.assignments) == []
    assert best.objective == brute_force_best(problem)
    assert best.objective == objective_of(problem, best.assignments)
    assert best.bound == best.objective and best.gap == 0
    assert best.bound == pytest.approx(lp_relaxation_bound(problem), abs=1e-6)
    assert first_come.objective <= best.objective


@pytest.mark.parametrize("seed", range(8))
def test_allocation_reaches_the_lp_optimum_on_larger_instances(seed):
    """Too big for brute force, but the per-person LP has integral optima here (the constraint
    matrix is a network matrix), so its value is the best score any allocation can have."""
    rng = random.Random(1000 + seed)
    problem = random_problem(rng, people=60, batches=25, weeks=12)

    best = allocate(problem)

    assert rule_violations(problem, best.assignments) == []
    assert best.objective == pytest.approx(lp_relaxation_bound(problem), abs=1e-6)
    assert best.gap == 0
    assert allocate_first_come(problem).objective <= best.objective


def test_never_trained_person_gets_the_seat_over_an_earlier_nominated_trained_one():
    trained = person(1, priority=TRAINED, order=0)
    never_trained = person(2, priority=NEVER_TRAINED, order=1)
    problem = problem_of([trained, never_trained], [batch(10)])

    best = allocate(problem)
    first_come = allocate_first_come(problem)

    assert best.assignments == {2: 10}
    assert best.priority_assigned == 1
    assert first_come.assignments == {1: 10}
    assert first_come.priority_assigned == 0
    assert first_come.objective < best.objective


def test_elected_longest_ago_is_preferred_among_the_trained():
    recent = person(1, priority=candidate_priority(False, 1.5), order=0)
    longest = person(2, priority=candidate_priority(False, 4.2), order=1)

    assert allocate(problem_of([recent, longest], [batch(10)])).assignments == {2: 10}


def test_priority_ranks_every_never_trained_person_above_every_trained_one():
    years = [0, 0.5, 1, 2.9, 3, 4, 4.9, 12]
    lowest_never_trained = min(candidate_priority(True, y) for y in years)
    highest_trained = max(candidate_priority(False, y) for y in years)
    assert lowest_never_trained > highest_trained
    for never_trained in (True, False):
        ranks = [candidate_priority(never_trained, y) for y in years]
        assert ranks == sorted(ranks)


def test_a_week_the_person_cannot_come_is_respected():
    near_but_busy = batch(10, venue=KANPUR, start=week(0))
    far_and_free = batch(11, venue=VARANASI, start=week(1))
    # Any day of the week blocks that ISO week.
    busy = person(1, district=1, away={week(0) + timedelta(days=2)})
    problem = problem_of([busy], [near_but_busy, far_and_free])

    assert allocate(problem).assignments == {1: 11}
    assert allocate_first_come(problem).assignments == {1: 11}
    assert allocate(problem_of([busy], [near_but_busy])).assignments == {}


def test_a_batch_across_a_weekend_needs_both_weeks():
    thursday_to_monday = batch(10, start=week(0) + timedelta(days=3))
    assert not is_available(person(1, away={week(1)}), thursday_to_monday)
    assert is_available(person(1, away={week(2)}), thursday_to_monday)

    problem = problem_of([person(1, away={week(1)})], [thursday_to_monday])
    assert allocate(problem).assignments == {}


def test_district_quota_is_respected():
    same_district = [person(n, district=1, priority=NEVER_TRAINED) for n in (1, 2, 3)]
    other = person(4, district=2, priority=TRAINED)
    problem = problem_of([*same_district, other], [batch(10, capacity=3)], quota=2)

    result = allocate(problem)

    assert rule_violations(problem, result.assignments) == []
    assert sum(1 for c in same_district if c.id in result.assignments) == 2
    assert result.assignments.get(4) == 10  # the third seat goes to the other district


def test_only_eligible_designations_get_seats():
    problem = problem_of(
        [person(1, designation="sachiv"), person(2, designation="pradhan")],
        [batch(10, capacity=2, eligible=("pradhan",))],
    )
    assert allocate(problem).assignments == {2: 10}
    assert allocate_first_come(problem).assignments == {2: 10}


def test_nearer_venue_is_preferred_when_all_else_is_equal():
    problem = problem_of(
        [person(1, district=3)],  # centroid near Varanasi
        [batch(10, venue=KANPUR), batch(11, venue=VARANASI), batch(12, venue=LUCKNOW)],
    )
    assert allocate(problem).assignments == {1: 11}


def test_batches_mix_districts():
    people = [person(n, district=1 + n % 2) for n in range(4)]
    same_place = [batch(10, capacity=2), batch(11, capacity=2)]
    weights = ScoreWeights(points_per_km=0, district_crowding=(0, 10))

    result = allocate(problem_of(people, same_place, weights=weights))

    for members in assigned_by_batch(result.assignments).values():
        assert sorted(people[m].district_id for m in members) == [1, 2]


def test_batches_mix_designations_within_a_district():
    people = [person(n, designation=["pradhan", "sachiv"][n % 2]) for n in range(4)]
    eligible = ("pradhan", "sachiv")
    same_place = [
        batch(10, capacity=2, eligible=eligible),
        batch(11, capacity=2, eligible=eligible),
    ]
    weights = ScoreWeights(points_per_km=0, district_crowding=(0,), designation_crowding=(0, 10))

    result = allocate(problem_of(people, same_place, weights=weights))

    for members in assigned_by_batch(result.assignments).values():
        assert sorted(people[m].designation for m in members) == ["pradhan", "sachiv"]


def test_interchangeable_people_form_one_group_and_earlier_nominations_go_first():
    people = [person(n, order=100 - n) for n in range(1, 51)]
    result = allocate(problem_of(people, [batch(10, capacity=20)]))

    assert result.groups == 1
    assert result.assigned == 20
    earliest_nominated = sorted(people, key=lambda c: c.order)[:20]
    assert sorted(result.assignments) == sorted(c.id for c in earliest_nominated)


def test_same_input_same_allocation():
    problem = random_problem(random.Random(7), people=30, batches=6)
    assert allocate(problem).assignments == allocate(problem).assignments


def test_first_come_takes_the_earliest_batch_with_room_in_nomination_order():
    people = [person(1, order=2), person(2, order=0), person(3, order=1, district=2)]
    later, earlier = batch(10, start=week(1)), batch(11, start=week(0))
    problem = problem_of(people, [later, earlier], quota=1)

    assert allocate_first_come(problem).assignments == {2: 11, 3: 10}


def test_rule_violations_name_each_broken_rule():
    problem = problem_of(
        [person(1, away={week(0)}), person(2, designation="sachiv"), person(3), person(4)],
        [batch(10, capacity=1)],
        quota=1,
    )
    broken = rule_violations(problem, {1: 10, 2: 10, 3: 10, 4: 99})

    assert any("cannot come" in line for line in broken)
    assert any("not eligible" in line for line in broken)
    assert any("has 3 people for 1" in line for line in broken)
    assert any("from district 1" in line for line in broken)
    assert any("unknown" in line for line in broken)


def test_crowding_points_repeat_the_last_step():
    assert [crowding_points((0, 0, 25, 50), n) for n in range(7)] == [0, 0, 0, 25, 75, 125, 175]


def test_empty_and_unknown_districts():
    assert allocate(problem_of([], [batch(10)])).assignments == {}
    with pytest.raises(ValueError, match="no centroid"):
        allocate(problem_of([person(1, district=99)], [batch(10)]))
    with pytest.raises(ValueError):
        ScoreWeights(district_crowding=(50, 0))
