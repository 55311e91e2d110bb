"""Automatic allocation of approved nominations to training batches.

The state cell has many more approved nominations than seats. This module proposes who goes to
which batch; the state cell reviews the proposal, adjusts it and applies it (services feed these
plain dataclasses from the database, so nothing here touches Django).

Rules (hard): a person goes to at most one batch; a batch takes at most `capacity` people; only
people whose designation the batch is meant for; never in a week the person said they cannot
come; at most `district_quota_per_batch` people from one district in one batch.

Preferences (the score, higher is better), per seat filled:
    seat_points + priority_points * priority - points_per_km * travel_km
minus crowding penalties that keep each batch's mix diverse: the k-th person from the same
district in a batch costs `district_crowding[k-1]`, and the k-th person with the same
designation from the same district in a batch costs `designation_crowding[k-1]` (the last value
repeats). Priority comes from `candidate_priority`: never trained first, then those elected
longest ago.

Why a network (min-cost-flow) model: per-person MIP/CP models of 100,000 people and 2,000
batches do not finish in minutes, but people who share district, designation, priority and the
weeks they cannot come are interchangeable, so they become one group with a count. Availability
is collected as "weeks I cannot come" (what officers know), not per batch, which is what makes
people interchangeable. A min-cost flow with integer data has an integral optimum, so it solves
the whole assignment problem exactly, in seconds.
"""

from __future__ import annotations

import itertools
import math
import time
from collections import Counter, defaultdict, deque
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from ortools.graph.python import min_cost_flow

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


class _Distances:
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


def objective_of(problem: AllocationProblem, assignments: Mapping[int, int]) -> int:
    """Score of any allocation (the optimiser's, first-come's or one the state cell edited)."""
    weights = problem.weights
    candidates = {c.id: c for c in problem.candidates}
    batches = {b.id: b for b in problem.batches}
    distances = _Distances(problem.district_centroids)
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


def _summary(
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
    return _summary(problem, "first-come", assignments, started)


def _tiers(steps: Sequence[int]) -> list[tuple[int, int | None]]:
    """(capacity, cost) of the parallel arcs expressing a crowding penalty; the last capacity is
    None (unlimited, cut later to the quota or batch capacity). Equal steps share one arc."""
    tiers: list[list] = []
    for step in steps[:-1]:
        if tiers and tiers[-1][1] == step:
            tiers[-1][0] += 1
        else:
            tiers.append([1, step])
    if tiers and tiers[-1][1] == steps[-1]:
        tiers[-1][0] = None
    else:
        tiers.append([None, steps[-1]])
    return [(capacity, cost) for capacity, cost in tiers]


class _ArcList:
    """Arcs collected as numpy chunks, each kind of arc in its own contiguous range."""

    def __init__(self):
        self.tails, self.heads, self.capacities, self.costs = [], [], [], []
        self.count = 0

    def add(self, tails, heads, capacities, costs) -> range:
        tails = np.asarray(tails, dtype=np.int64)
        size = len(tails)
        self.tails.append(tails)
        self.heads.append(np.broadcast_to(np.asarray(heads, dtype=np.int64), size))
        self.capacities.append(np.broadcast_to(np.asarray(capacities, dtype=np.int64), size))
        self.costs.append(np.broadcast_to(np.asarray(costs, dtype=np.int64), size))
        self.count += size
        return range(self.count - size, self.count)

    def arrays(self):
        return tuple(
            np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int64)
            for chunks in (self.tails, self.heads, self.capacities, self.costs)
        )


def _add_tiered_arcs(arcs: _ArcList, tails, heads, base_costs, limits, steps) -> list[range]:
    """Parallel arcs tail->head whose rising costs charge `crowding_points(steps, flow)` on top of
    `base_costs` per unit, for at most `limits` units in all."""
    tails, heads = np.asarray(tails), np.asarray(heads)
    base_costs = np.broadcast_to(np.asarray(base_costs), tails.shape)
    limits = np.broadcast_to(np.asarray(limits), tails.shape)
    ranges, used = [], 0
    for capacity, cost in _tiers(steps):
        room = np.maximum(limits - used, 0)
        caps = room if capacity is None else np.minimum(room, capacity)
        keep = caps > 0
        ranges.append(arcs.add(tails[keep], heads[keep], caps[keep], (base_costs + cost)[keep]))
        if capacity is None:
            break
        used += capacity
    return ranges


@dataclass
class _WeekSets:
    """The distinct sets of ISO weeks that batches span, as bit masks over the weeks in date
    order, numbered by (first week, last week). In that order the week sets one blocked week
    rules out sit next to each other, so what a person can attend is a few unbroken runs."""

    week_index: dict[date, int]
    masks: list[int]
    of_batch: np.ndarray

    @classmethod
    def of(cls, batches: Sequence[BatchSlot]) -> _WeekSets:
        weeks = sorted({week for batch in batches for week in batch_weeks(batch)})
        week_index = {week: n for n, week in enumerate(weeks)}
        batch_masks = [
            sum(1 << week_index[week] for week in batch_weeks(batch)) for batch in batches
        ]
        masks = sorted(set(batch_masks), key=lambda m: ((m & -m).bit_length(), m.bit_length()))
        number = {mask: n for n, mask in enumerate(masks)}
        of_batch = np.array([number[mask] for mask in batch_masks], dtype=np.int64)
        return cls(week_index, masks, of_batch)

    def blocked_mask(self, candidate: Candidate) -> int:
        mask = 0
        for day in candidate.unavailable_weeks:
            week = self.week_index.get(week_start(day))
            if week is not None:  # a week without batches must not split a group
                mask |= 1 << week
        return mask


def allocate(problem: AllocationProblem, *, certify_seconds: float = 5.0) -> Allocation:
    """The best allocation, by min-cost flow over groups of interchangeable people.

    Network (each unit of flow is one person):
      source -> class (district, designation, unavailable weeks): one arc per priority, cost
          -(seat + priority points), capacity = people of that priority in the class;
          source -> sink: the unassigned, cost 0;
      class -> pool (district, designation, set of weeks a batch spans): for every week set
          that avoids all the weeks the class cannot come, cost 0; where a class may take all
          week sets of a chunk (a run of ~sqrt(n) of them in date order), one arc to the chunk
          node, which leads on to each of its pools;
      pool -> (batch, district): to every batch on those weeks open to the designation, cost =
          travel + the designation-crowding tiers; -> batch: district-crowding tiers, capped at
          the quota; batch -> sink: capacity.
    Pools keep the network small: everyone in a pool may take any batch behind it, so a class
    needs ~100 arcs (one per week set) rather than ~2,000 (one per batch), and chunks cut that
    to ~10-30 (1.2 million arcs fewer on the benchmark).

    Role diversity is the designation-crowding penalty per (batch, district, designation),
    nested inside the district level. A flow can only cap families of sets that nest (batch >
    district > designation); a per-(batch, designation) cap crosses the per-(batch, district)
    quota and would turn the problem into a general MIP that no longer solves in seconds. The
    district quota is a hard rule, so it takes the nesting; the role mix is a preference, so it
    is the nested penalty: each district's contingent in a batch spreads over designations, and
    the batch's eligible designations (set by the programme) bound the rest of its mix.

    The bound comes from node potentials (shortest distances in the residual network): for any
    potentials, LP duality gives an upper bound on every allocation's score, and it meets the
    objective exactly when the flow is optimal, so `gap` is a certificate checked here rather
    than a claim of the solver. The flow model's LP relaxation equals the per-person model's,
    so it is also the bound of the per-person LP relaxation. `certify_seconds` limits that
    check; if cut short the bound stays valid but looser.
    """
    started = time.perf_counter()
    network = _Network(problem)
    if not network.class_keys:
        return _summary(problem, "min-cost flow", {}, started, bound=0)
    solver = min_cost_flow.SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(
        network.tails.astype(np.int32),
        network.heads.astype(np.int32),
        network.capacities,
        network.costs,
    )
    solver.set_nodes_supplies(np.arange(network.node_count, dtype=np.int32), network.supplies)
    status = solver.solve()
    if status != solver.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed: {status}")
    flows = np.asarray(solver.flows(np.arange(len(network.tails), dtype=np.int32)))
    flows = flows.astype(np.int64)
    with ThreadPoolExecutor(max_workers=1) as background:
        # The certificate is numpy work, which releases the GIL: it runs beside the Python
        # work of naming people and scoring them (half a second less on the benchmark).
        certificate = background.submit(_certified_bound, network, flows, certify_seconds)
        assignments = network.people_from_flows(flows)
        objective = objective_of(problem, assignments)
        bound = certificate.result()
    if objective != -solver.optimal_cost():
        raise RuntimeError("the allocation does not score what the flow optimum promised")
    return _summary(
        problem, "min-cost flow", assignments, started, bound, network.groups, objective
    )


class _Network:
    """The flow network of `allocate` as numpy arrays, and the way back from flows to people."""

    def __init__(self, problem: AllocationProblem):
        weights = problem.weights
        self.batches = batches = list(problem.batches)
        quota = problem.district_quota_per_batch
        week_sets = _WeekSets.of(batches)

        designations = sorted({d for batch in batches for d in batch.eligible_designations})
        designation_index = {d: n for n, d in enumerate(designations)}
        eligible_batches = [
            np.array(
                [n for n, batch in enumerate(batches) if d in batch.eligible_designations],
                dtype=np.int64,
            )
            for d in designations
        ]
        keys_of = [np.unique(week_sets.of_batch[eligible]) for eligible in eligible_batches]
        key_masks = [np.array([week_sets.masks[k] for k in keys], dtype=object) for keys in keys_of]
        # Runs of about sqrt(n) consecutive week sets of a designation form chunks.
        chunk_starts = [np.arange(0, len(keys), max(1, math.isqrt(len(keys)))) for keys in keys_of]

        # Classes of interchangeable people (only those some batch is open to).
        classes: dict[tuple[int, int, int], dict[int, list[Candidate]]] = {}
        for candidate in problem.candidates:
            r = designation_index.get(candidate.designation)
            if r is not None:
                key = (candidate.district_id, r, week_sets.blocked_mask(candidate))
                classes.setdefault(key, defaultdict(list))[candidate.priority].append(candidate)
        self.classes = classes
        self.class_keys = class_keys = sorted(classes)
        if not class_keys:
            return
        missing = {district for district, _, _ in class_keys} - set(problem.district_centroids)
        if missing:
            raise ValueError(f"no centroid for districts {sorted(missing)}")
        districts = sorted({district for district, _, _ in class_keys})
        district_index = {d: n for n, d in enumerate(districts)}
        pairs = sorted({(district, r) for district, r, _ in class_keys})
        self.groups = sum(len(by_priority) for by_priority in classes.values())

        venues = sorted({(batch.lat, batch.lon) for batch in batches})
        venue_index = {venue: n for n, venue in enumerate(venues)}
        batch_venue = np.array([venue_index[b.lat, b.lon] for b in batches], dtype=np.int64)
        km = np.array(
            [
                [round(distance_km(problem.district_centroids[d], venue)) for venue in venues]
                for d in districts
            ],
            dtype=np.int64,
        )
        capacity = np.array([batch.capacity for batch in batches], dtype=np.int64)

        # Node numbering, layer by layer.
        source = 0
        class_base = 1
        chunk_base = class_base + len(class_keys)
        chunk_first = {}  # pair -> node of its first chunk
        next_node = chunk_base
        for pair in pairs:
            chunk_first[pair] = next_node
            next_node += len(chunk_starts[pair[1]])
        pool_base = next_node
        pool_first = {}  # pair -> node of its pool for the designation's first week set
        for pair in pairs:
            pool_first[pair] = next_node
            next_node += len(keys_of[pair[1]])
        self.district_batch_base = district_batch_base = next_node
        self.district_count = len(districts)
        batch_base = district_batch_base + len(batches) * len(districts)
        sink = batch_base + len(batches)
        self.node_count = sink + 1
        # Nodes are numbered layer by layer, in the order flow crosses the layers.
        self.layer_starts = [source, class_base, chunk_base, pool_base]
        self.layer_starts += [district_batch_base, batch_base, sink]

        arcs = _ArcList()
        class_sizes = np.array(
            [sum(len(m) for m in classes[key].values()) for key in class_keys], dtype=np.int64
        )
        people = int(class_sizes.sum())
        self.supplies = np.zeros(self.node_count, dtype=np.int64)
        self.supplies[source], self.supplies[sink] = people, -people

        self.seat_arcs = [
            (n, priority) for n, key in enumerate(class_keys) for priority in sorted(classes[key])
        ]
        self.seat_range = arcs.add(
            np.full(len(self.seat_arcs), source),
            [class_base + n for n, _ in self.seat_arcs],
            [len(classes[class_keys[n]][p]) for n, p in self.seat_arcs],
            [-(weights.seat_points + weights.priority_points * p) for _, p in self.seat_arcs],
        )
        arcs.add([source], [sink], [people], [0])

        def pool_nodes(pair: tuple[int, int], positions) -> np.ndarray:
            return pool_first[pair] + positions

        # class -> chunk where the class may take every week set in it, class -> pool for
        # the week sets it may take in other chunks. Worked out once per (designation, blocked
        # weeks): most classes block nothing and share one answer.
        openings: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]] = {}
        entry_heads = []
        for district, r, blocked in class_keys:
            if (r, blocked) not in openings:
                allowed = ((key_masks[r] & blocked) == 0).astype(bool)
                whole = np.logical_and.reduceat(allowed, chunk_starts[r])
                in_whole = np.repeat(whole, np.diff([*chunk_starts[r], len(allowed)]))
                openings[r, blocked] = np.nonzero(whole)[0], np.nonzero(allowed & ~in_whole)[0]
            chunks, positions = openings[r, blocked]
            pair = (district, r)
            entry_heads.append(chunk_first[pair] + chunks)
            entry_heads.append(pool_nodes(pair, positions))
        entry_heads = [
            np.concatenate(entry_heads[n : n + 2]) for n in range(0, len(entry_heads), 2)
        ]
        entry_counts = np.array([len(h) for h in entry_heads], dtype=np.int64)
        self.entry_class = np.repeat(np.arange(len(class_keys)), entry_counts)
        self.entry_range = arcs.add(
            class_base + self.entry_class,
            np.concatenate(entry_heads),
            class_sizes[self.entry_class],
            0,
        )

        chunk_start = arcs.count
        for pair in pairs:
            r = pair[1]
            positions = np.arange(len(keys_of[r]))
            chunk = np.searchsorted(chunk_starts[r], positions, side="right") - 1
            arcs.add(chunk_first[pair] + chunk, pool_nodes(pair, positions), people, 0)
        self.chunk_range = range(chunk_start, arcs.count)

        batch_limit = capacity if quota is None else np.minimum(capacity, quota)
        pair_sizes = defaultdict(int)
        for (district, r, _), size in zip(class_keys, class_sizes.tolist(), strict=True):
            pair_sizes[district, r] += size
        route_start = arcs.count
        for district, r in pairs:
            eligible = eligible_batches[r]
            d = district_index[district]
            _add_tiered_arcs(
                arcs,
                pool_first[district, r] + np.searchsorted(keys_of[r], week_sets.of_batch[eligible]),
                district_batch_base + eligible * len(districts) + d,
                weights.points_per_km * km[d, batch_venue[eligible]],
                # A designation with few nominees from the district needs fewer tiers.
                np.minimum(batch_limit[eligible], pair_sizes[district, r]),
                weights.designation_crowding,
            )
        self.route_range = range(route_start, arcs.count)

        # (batch, district) -> batch only where some designation of the district may come.
        district_has = np.zeros((len(districts), len(designations)), dtype=np.int64)
        for district, r in pairs:
            district_has[district_index[district], r] = 1
        batch_open = np.zeros((len(batches), len(designations)), dtype=np.int64)
        for r, eligible in enumerate(eligible_batches):
            batch_open[eligible, r] = 1
        b_idx, d_idx = np.nonzero(batch_open @ district_has.T)
        _add_tiered_arcs(
            arcs,
            district_batch_base + b_idx * len(districts) + d_idx,
            batch_base + b_idx,
            0,
            batch_limit[b_idx],
            weights.district_crowding,
        )
        arcs.add(batch_base + np.arange(len(batches)), sink, capacity, 0)
        self.tails, self.heads, self.capacities, self.costs = arcs.arrays()

    def people_from_flows(self, flows: np.ndarray) -> dict[int, int]:
        """Candidate id -> batch id. Everyone who reaches a pool may take any batch leaving it,
        so handing arrivals on to departures in a fixed order gives a valid, deterministic
        answer; within a group of equals, the earlier nomination gets the seat."""
        arrivals: dict[int, deque[list[int]]] = defaultdict(deque)  # node -> [class, units]

        def hand_on(node: int, units: int, deliver) -> None:
            queue = arrivals[node]
            while units:
                arrival = queue[0]
                moved = min(units, arrival[1])
                deliver(arrival[0], moved)
                units -= moved
                arrival[1] -= moved
                if arrival[1] == 0:
                    queue.popleft()

        entry = self.entry_range
        for arc in np.nonzero(flows[entry.start : entry.stop])[0]:
            node = int(self.heads[entry.start + arc])
            arrivals[node].append([int(self.entry_class[arc]), int(flows[entry.start + arc])])
        chunk = self.chunk_range
        used = chunk.start + np.nonzero(flows[chunk.start : chunk.stop])[0]
        for tail, head, units in zip(
            self.tails[used].tolist(), self.heads[used].tolist(), flows[used].tolist(), strict=True
        ):
            hand_on(tail, units, lambda n, moved, pool=head: arrivals[pool].append([n, moved]))

        route = self.route_range
        used = route.start + np.nonzero(flows[route.start : route.stop])[0]
        departures: dict[tuple[int, int], int] = defaultdict(int)  # (pool, batch) -> units
        batch_of = (self.heads[used] - self.district_batch_base) // self.district_count
        for pool, batch, units in zip(
            self.tails[used].tolist(), batch_of.tolist(), flows[used].tolist(), strict=True
        ):
            departures[pool, batch] += units

        class_batches: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for (pool, batch), units in sorted(departures.items()):
            hand_on(pool, units, lambda n, moved, b=batch: class_batches[n].append((b, moved)))

        seat = self.seat_range
        seated = dict(zip(self.seat_arcs, flows[seat.start : seat.stop].tolist(), strict=True))
        assignments: dict[int, int] = {}
        for n, key in enumerate(self.class_keys):
            chosen = iter(
                person
                for priority, members in sorted(self.classes[key].items(), reverse=True)
                for person in sorted(members, key=lambda c: (c.order, c.id))[: seated[n, priority]]
            )
            for batch, units in sorted(
                class_batches.get(n, []), key=lambda p: (self.batches[p[0]].start, p[0])
            ):
                for _ in range(units):
                    assignments[next(chosen).id] = self.batches[batch].id
        return assignments


def _certified_bound(network: _Network, flows: np.ndarray, seconds: float) -> int:
    """Upper bound on the score from LP duality, checked independently of the solver.

    For any node potentials p, every feasible flow f costs at least
        sum_v supply_v p_v + sum_a capacity_a min(0, cost_a - p_tail + p_head),
    and with p = -(shortest distances in the residual network of an optimal flow) this equals
    that flow's cost. Distances come from Bellman-Ford, vectorised and sweeping the layers
    forwards then backwards (shortest paths mostly run along the layers, so few sweeps do); if
    `seconds` run out first the bound is still valid, just looser.
    """
    tails, heads, costs = network.tails, network.heads, network.costs
    forward, backward = flows < network.capacities, flows > 0
    r_tails = np.concatenate([tails[forward], heads[backward]])
    r_heads = np.concatenate([heads[forward], tails[backward]])
    r_costs = np.concatenate([costs[forward], -costs[backward]])
    # Residual arcs sorted by head; since nodes are numbered layer by layer, each layer's
    # incoming arcs are one slice.
    order = np.argsort(r_heads, kind="stable")
    r_tails, r_heads, r_costs = r_tails[order], r_heads[order], r_costs[order]
    slices = np.searchsorted(r_heads, [*network.layer_starts, network.node_count])
    by_layer = []
    for start, stop in itertools.pairwise(slices.tolist()):
        layer_heads = r_heads[start:stop]
        starts = np.flatnonzero(np.diff(layer_heads, prepend=-1))
        by_layer.append((r_tails[start:stop], r_costs[start:stop], layer_heads[starts], starts))
    sweep = [*range(len(by_layer)), *reversed(range(len(by_layer) - 1))]

    distance = np.zeros(network.node_count, dtype=np.int64)
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        changed = False
        for layer in sweep:
            layer_tails, layer_costs, targets, starts = by_layer[layer]
            if len(targets) == 0:
                continue
            offered = np.minimum.reduceat(distance[layer_tails] + layer_costs, starts)
            improved = offered < distance[targets]
            if improved.any():
                distance[targets[improved]] = offered[improved]
                changed = True
        if not changed:
            break
    potential = -distance
    reduced = costs - potential[tails] + potential[heads]
    lower_cost = int(network.supplies @ potential) + int(
        np.minimum(reduced, 0) @ network.capacities
    )
    return -lower_cost


def assigned_by_batch(assignments: Mapping[int, int]) -> dict[int, list[int]]:
    """Batch id -> candidate ids, for showing a proposal batch by batch."""
    by_batch: dict[int, list[int]] = defaultdict(list)
    for candidate_id, batch_id in assignments.items():
        by_batch[batch_id].append(candidate_id)
    return dict(by_batch)
