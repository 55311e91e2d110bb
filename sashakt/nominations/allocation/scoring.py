"""The score of an allocation, its rule violations, and the summary both solvers report."""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Mapping

from sashakt.nominations.allocation.problem import (
    Allocation,
    AllocationProblem,
    Distances,
    crowding_points,
    is_available,
    is_priority_person,
)


def objective_of(problem: AllocationProblem, assignments: Mapping[int, int]) -> int:
    """Score of any allocation (the optimiser's, first-come's or one the state cell edited)."""
    weights = problem.weights
    candidates = {c.id: c for c in problem.candidates}
    batches = {b.id: b for b in problem.batches}
    distances = Distances(problem.district_centroids)
    per_district: dict[tuple[int, int], int] = defaultdict(int)
    per_designation: dict[tuple[int, int, str], int] = defaultdict(int)
    score = 0
    for candidate_id, batch_id in assignments.items():
        candidate, batch = candidates[candidate_id], batches[batch_id]
        score += weights.seat_points + weights.priority_points * candidate.priority
        score -= weights.points_per_km * distances.km(candidate.district_id, batch)
        per_district[batch_id, candidate.district_id] += 1
        per_designation[batch_id, candidate.district_id, candidate.designation] += 1
    # Crowds are small and repeat, so each size is priced once.
    for steps, crowds in (
        (weights.district_crowding, per_district),
        (weights.designation_crowding, per_designation),
    ):
        for size, times in Counter(crowds.values()).items():
            score -= times * crowding_points(steps, size)
    return score


def rule_violations(problem: AllocationProblem, assignments: Mapping[int, int]) -> list[str]:
    """Every broken hard rule, in words; empty when the allocation may be applied."""
    candidates = {c.id: c for c in problem.candidates}
    batches = {b.id: b for b in problem.batches}
    problems = []
    seats: dict[int, int] = defaultdict(int)
    per_district: dict[tuple[int, int], int] = defaultdict(int)
    for candidate_id, batch_id in assignments.items():
        candidate, batch = candidates.get(candidate_id), batches.get(batch_id)
        if candidate is None or batch is None:
            problems.append(f"unknown candidate {candidate_id} or batch {batch_id}")
            continue
        if candidate.designation not in batch.eligible_designations:
            problems.append(f"candidate {candidate_id} is not eligible for batch {batch_id}")
        elif not is_available(candidate, batch):
            problems.append(f"candidate {candidate_id} cannot come in batch {batch_id}'s weeks")
        seats[batch_id] += 1
        per_district[batch_id, candidate.district_id] += 1
    for batch_id, taken in seats.items():
        if taken > batches[batch_id].capacity:
            problems.append(f"batch {batch_id} has {taken} people for {batches[batch_id].capacity}")
    quota = problem.district_quota_per_batch
    if quota is not None:
        for (batch_id, district_id), taken in per_district.items():
            if taken > quota:
                problems.append(
                    f"batch {batch_id} has {taken} people from district {district_id} "
                    f"(quota {quota})"
                )
    return problems


def relative_gap(objective: int, bound: int | None) -> float | None:
    if bound is None:
        return None
    return (bound - objective) / max(abs(bound), 1)


def summary(
    problem: AllocationProblem,
    method: str,
    assignments: dict[int, int],
    started: float,
    bound: int | None = None,
    groups: int = 0,
    objective: int | None = None,
) -> Allocation:
    if objective is None:
        objective = objective_of(problem, assignments)
    priorities = {c.id: c.priority for c in problem.candidates}
    return Allocation(
        method=method,
        assignments=assignments,
        objective=objective,
        bound=bound,
        gap=relative_gap(objective, bound),
        seconds=time.perf_counter() - started,
        assigned=len(assignments),
        priority_assigned=sum(is_priority_person(priorities[c]) for c in assignments),
        groups=groups,
    )
