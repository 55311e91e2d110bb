"""The baseline: first come, first served, on the same problem and rules."""

from __future__ import annotations

import itertools
import time
from collections import defaultdict

from sashakt.nominations.allocation.problem import (
    Allocation,
    AllocationProblem,
    batch_weeks,
    week_start,
)
from sashakt.nominations.allocation.scoring import summary


def allocate_first_come(problem: AllocationProblem) -> Allocation:
    """The manual practice, as the baseline: in nomination order, each person takes the earliest
    batch that is open to them and still has a seat and room in their district's quota."""
    started = time.perf_counter()
    batches = sorted(problem.batches, key=lambda b: (b.start, b.id))
    weeks = [frozenset(batch_weeks(b)) for b in batches]
    seats_left = [b.capacity for b in batches]
    quota = problem.district_quota_per_batch
    taken: dict[tuple[int, int], int] = defaultdict(int)
    by_designation: dict[str, list[int]] = defaultdict(list)
    for position, batch in enumerate(batches):
        for designation in batch.eligible_designations:
            by_designation[designation].append(position)

    def closed(position: int, district_id: int) -> bool:
        return seats_left[position] == 0 or (
            quota is not None and taken[position, district_id] >= quota
        )

    # Batches that are full (or full for a district) stay so; skipping them once per
    # (designation, district) keeps the whole pass near-linear.
    first_open: dict[tuple[str, int], int] = defaultdict(int)
    assignments = {}
    for candidate in sorted(problem.candidates, key=lambda c: (c.order, c.id)):
        positions = by_designation.get(candidate.designation, [])
        key = (candidate.designation, candidate.district_id)
        index = first_open[key]
        while index < len(positions) and closed(positions[index], candidate.district_id):
            index += 1
        first_open[key] = index
        blocked = {week_start(day) for day in candidate.unavailable_weeks}
        for position in itertools.islice(positions, index, None):
            if closed(position, candidate.district_id) or not blocked.isdisjoint(weeks[position]):
                continue
            assignments[candidate.id] = batches[position].id
            seats_left[position] -= 1
            taken[position, candidate.district_id] += 1
            break
    return summary(problem, "first-come", assignments, started)
