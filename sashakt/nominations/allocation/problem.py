"""The allocation problem: candidates, batches, weights and the facts both solvers share
(priority, weeks, distance). No Django here."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

NEVER_TRAINED_BONUS = 5
MAX_SENIORITY_YEARS = 4
# Every never-trained person ranks above every trained one: seniority adds at most
# MAX_SENIORITY_YEARS, which is less than the bonus.
NEVER_TRAINED_PRIORITY = 1 + NEVER_TRAINED_BONUS

EARTH_RADIUS_KM = 6371.0088


def candidate_priority(never_trained: bool, years_since_election: float) -> int:
    """Priority of a nomination: 1 (trained, just elected) to 10 (never trained, elected 4+ years
    ago). Whole years only, so that people stay interchangeable in groups; officials who are not
    elected pass 0 years."""
    seniority = min(max(int(years_since_election), 0), MAX_SENIORITY_YEARS)
    return 1 + seniority + (NEVER_TRAINED_BONUS if never_trained else 0)


def is_priority_person(priority: int) -> bool:
    """The people the comparison with first-come counts: those never trained."""
    return priority >= NEVER_TRAINED_PRIORITY


@dataclass(frozen=True)
class Candidate:
    """An approved nomination waiting for a seat."""

    id: int
    district_id: int
    designation: str
    priority: int
    # Mondays (ISO week starts) of the weeks the person cannot come; other dates are read as
    # the week they fall in.
    unavailable_weeks: frozenset[date] = frozenset()
    # Nomination order: first-come allocation follows it, and it breaks ties between
    # interchangeable people.
    order: int = 0


@dataclass(frozen=True)
class BatchSlot:
    """An open batch: its free seats, dates, venue coordinates and who may attend."""

    id: int
    start: date
    end: date
    capacity: int
    lat: float
    lon: float
    eligible_designations: frozenset[str]


@dataclass(frozen=True)
class ScoreWeights:
    seat_points: int = 1000
    priority_points: int = 1000
    points_per_km: int = 1
    district_crowding: tuple[int, ...] = (0, 0, 25, 50)
    designation_crowding: tuple[int, ...] = (0, 40)

    def __post_init__(self):
        for steps in (self.district_crowding, self.designation_crowding):
            # Non-decreasing steps make the penalty convex, which parallel arcs of rising cost
            # express exactly in a flow network.
            if not steps or min(steps) < 0 or list(steps) != sorted(steps):
                raise ValueError("crowding steps must be non-empty, non-negative, non-decreasing")


@dataclass
class AllocationProblem:
    """Everything the allocator needs; services fill it from the database."""

    candidates: Sequence[Candidate]
    batches: Sequence[BatchSlot]
    # district id -> (lat, lon) of its centroid; every candidate's district needs one
    # (`allocate` raises ValueError naming those without).
    district_centroids: Mapping[int, tuple[float, float]]
    district_quota_per_batch: int | None = None
    weights: ScoreWeights = field(default_factory=ScoreWeights)


@dataclass
class Allocation:
    method: str
    assignments: dict[int, int]  # candidate id -> batch id; the unassigned are absent
    objective: int
    # Upper bound on the objective of any allocation (from the LP dual), None for heuristics.
    bound: int | None
    gap: float | None
    seconds: float
    assigned: int
    priority_assigned: int
    groups: int = 0


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def batch_weeks(batch: BatchSlot) -> tuple[date, ...]:
    """Mondays of every ISO week the batch touches."""
    first, last = week_start(batch.start), week_start(batch.end)
    return tuple(first + timedelta(weeks=n) for n in range((last - first).days // 7 + 1))


def is_available(candidate: Candidate, batch: BatchSlot) -> bool:
    if candidate.designation not in batch.eligible_designations:
        return False
    blocked = {week_start(day) for day in candidate.unavailable_weeks}
    return blocked.isdisjoint(batch_weeks(batch))


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle (haversine) distance between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def crowding_points(steps: Sequence[int], count: int) -> int:
    """Penalty for `count` people in one crowd: the k-th costs steps[k-1], the last step repeats."""
    listed = sum(steps[: min(count, len(steps))])
    return listed + max(count - len(steps), 0) * steps[-1]


class Distances:
    """Whole kilometres from district centroids to venues, each pair computed once."""

    def __init__(self, centroids: Mapping[int, tuple[float, float]]):
        self.centroids = centroids
        self.cache: dict[tuple[int, float, float], int] = {}

    def km(self, district_id: int, batch: BatchSlot) -> int:
        key = (district_id, batch.lat, batch.lon)
        if key not in self.cache:
            centroid = self.centroids[district_id]
            self.cache[key] = round(distance_km(centroid, (batch.lat, batch.lon)))
        return self.cache[key]


def assigned_by_batch(assignments: Mapping[int, int]) -> dict[int, list[int]]:
    """Batch id -> candidate ids, for showing a proposal batch by batch."""
    by_batch: dict[int, list[int]] = defaultdict(list)
    for candidate_id, batch_id in assignments.items():
        by_batch[batch_id].append(candidate_id)
    return dict(by_batch)
