"""The min-cost-flow network of groups of interchangeable people, and reading people
back from its flows."""

from __future__ import annotations

import math
from collections import defaultdict, deque
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from sashakt.nominations.allocation.problem import (
    AllocationProblem,
    BatchSlot,
    Candidate,
    batch_weeks,
    distance_km,
    week_start,
)


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


class Network:
    """The flow network of `allocate` as numpy arrays, and the way back from flows to people."""

    def __init__(self, problem: AllocationProblem):
        self.problem = problem
        self.batches = list(problem.batches)
        self._index_week_sets()
        self._group_people()
        if not self.class_keys:
            return
        self._measure_travel()
        self._number_nodes()
        arcs = _ArcList()
        self._add_seat_arcs(arcs)
        self._add_entry_arcs(arcs)
        self._add_chunk_arcs(arcs)
        self._add_route_arcs(arcs)
        self._add_batch_arcs(arcs)
        self.tails, self.heads, self.capacities, self.costs = arcs.arrays()

    def _index_week_sets(self) -> None:
        """Per designation: the batches open to it and the week sets of those batches, cut into
        chunks."""
        batches = self.batches
        self.week_sets = week_sets = _WeekSets.of(batches)
        self.designations = sorted({d for batch in batches for d in batch.eligible_designations})
        self.designation_index = {d: n for n, d in enumerate(self.designations)}
        self.eligible_batches = [
            np.array(
                [n for n, batch in enumerate(batches) if d in batch.eligible_designations],
                dtype=np.int64,
            )
            for d in self.designations
        ]
        self.keys_of = [
            np.unique(week_sets.of_batch[eligible]) for eligible in self.eligible_batches
        ]
        self.key_masks = [
            np.array([week_sets.masks[k] for k in keys], dtype=object) for keys in self.keys_of
        ]
        # Runs of about sqrt(n) consecutive week sets of a designation form chunks.
        self.chunk_starts = [
            np.arange(0, len(keys), max(1, math.isqrt(len(keys)))) for keys in self.keys_of
        ]

    def _group_people(self) -> None:
        """Classes of interchangeable people (only those some batch is open to)."""
        problem = self.problem
        classes: dict[tuple[int, int, int], dict[int, list[Candidate]]] = {}
        for candidate in problem.candidates:
            r = self.designation_index.get(candidate.designation)
            if r is not None:
                key = (candidate.district_id, r, self.week_sets.blocked_mask(candidate))
                classes.setdefault(key, defaultdict(list))[candidate.priority].append(candidate)
        self.classes = classes
        self.class_keys = class_keys = sorted(classes)
        if not class_keys:
            return
        missing = {district for district, _, _ in class_keys} - set(problem.district_centroids)
        if missing:
            raise ValueError(f"no centroid for districts {sorted(missing)}")
        self.districts = sorted({district for district, _, _ in class_keys})
        self.district_index = {d: n for n, d in enumerate(self.districts)}
        self.pairs = sorted({(district, r) for district, r, _ in class_keys})
        self.groups = sum(len(by_priority) for by_priority in classes.values())
        self.class_sizes = np.array(
            [sum(len(m) for m in classes[key].values()) for key in class_keys], dtype=np.int64
        )

    def _measure_travel(self) -> None:
        """Kilometres from each district's centroid to each venue, and the batches' seats."""
        batches = self.batches
        venues = sorted({(batch.lat, batch.lon) for batch in batches})
        venue_index = {venue: n for n, venue in enumerate(venues)}
        self.batch_venue = np.array([venue_index[b.lat, b.lon] for b in batches], dtype=np.int64)
        centroids = self.problem.district_centroids
        self.km = np.array(
            [[round(distance_km(centroids[d], venue)) for venue in venues] for d in self.districts],
            dtype=np.int64,
        )
        self.capacity = np.array([batch.capacity for batch in batches], dtype=np.int64)
        quota = self.problem.district_quota_per_batch
        self.batch_limit = self.capacity if quota is None else np.minimum(self.capacity, quota)

    def _number_nodes(self) -> None:
        """Nodes are numbered layer by layer, in the order flow crosses the layers."""
        self.source = source = 0
        self.class_base = class_base = 1
        chunk_base = class_base + len(self.class_keys)
        self.chunk_first = {}  # pair -> node of its first chunk
        next_node = chunk_base
        for pair in self.pairs:
            self.chunk_first[pair] = next_node
            next_node += len(self.chunk_starts[pair[1]])
        pool_base = next_node
        self.pool_first = {}  # pair -> node of its pool for the designation's first week set
        for pair in self.pairs:
            self.pool_first[pair] = next_node
            next_node += len(self.keys_of[pair[1]])
        self.district_batch_base = district_batch_base = next_node
        self.district_count = len(self.districts)
        self.batch_base = batch_base = district_batch_base + len(self.batches) * len(self.districts)
        self.sink = sink = batch_base + len(self.batches)
        self.node_count = sink + 1
        self.layer_starts = [source, class_base, chunk_base, pool_base]
        self.layer_starts += [district_batch_base, batch_base, sink]
        people = int(self.class_sizes.sum())
        self.supplies = np.zeros(self.node_count, dtype=np.int64)
        self.supplies[source], self.supplies[sink] = people, -people

    def _add_seat_arcs(self, arcs: _ArcList) -> None:
        """source -> class, one arc per priority within the class (the seat's reward), and
        source -> sink for everyone left out."""
        weights, classes, class_keys = self.problem.weights, self.classes, self.class_keys
        self.seat_arcs = [
            (n, priority) for n, key in enumerate(class_keys) for priority in sorted(classes[key])
        ]
        self.seat_range = arcs.add(
            np.full(len(self.seat_arcs), self.source),
            [self.class_base + n for n, _ in self.seat_arcs],
            [len(classes[class_keys[n]][p]) for n, p in self.seat_arcs],
            [-(weights.seat_points + weights.priority_points * p) for _, p in self.seat_arcs],
        )
        people = int(self.class_sizes.sum())
        arcs.add([self.source], [self.sink], [people], [0])

    def _add_entry_arcs(self, arcs: _ArcList) -> None:
        """class -> chunk where the class may take every week set in it, class -> pool for the
        week sets it may take in other chunks. Worked out once per (designation, blocked
        weeks): most classes block nothing and share one answer."""
        openings: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]] = {}
        entry_heads = []
        for district, r, blocked in self.class_keys:
            if (r, blocked) not in openings:
                allowed = ((self.key_masks[r] & blocked) == 0).astype(bool)
                whole = np.logical_and.reduceat(allowed, self.chunk_starts[r])
                in_whole = np.repeat(whole, np.diff([*self.chunk_starts[r], len(allowed)]))
                openings[r, blocked] = np.nonzero(whole)[0], np.nonzero(allowed & ~in_whole)[0]
            chunks, positions = openings[r, blocked]
            pair = (district, r)
            entry_heads.append(
                np.concatenate([self.chunk_first[pair] + chunks, self.pool_first[pair] + positions])
            )
        entry_counts = np.array([len(h) for h in entry_heads], dtype=np.int64)
        self.entry_class = np.repeat(np.arange(len(self.class_keys)), entry_counts)
        self.entry_range = arcs.add(
            self.class_base + self.entry_class,
            np.concatenate(entry_heads),
            self.class_sizes[self.entry_class],
            0,
        )

    def _add_chunk_arcs(self, arcs: _ArcList) -> None:
        """chunk -> each pool of the week sets in it."""
        people = int(self.class_sizes.sum())
        chunk_start = arcs.count
        for pair in self.pairs:
            r = pair[1]
            positions = np.arange(len(self.keys_of[r]))
            chunk = np.searchsorted(self.chunk_starts[r], positions, side="right") - 1
            arcs.add(self.chunk_first[pair] + chunk, self.pool_first[pair] + positions, people, 0)
        self.chunk_range = range(chunk_start, arcs.count)

    def _add_route_arcs(self, arcs: _ArcList) -> None:
        """pool -> (batch, district): travel cost, and tiers that crowd a designation."""
        weights, districts = self.problem.weights, self.districts
        pair_sizes = defaultdict(int)
        for (district, r, _), size in zip(self.class_keys, self.class_sizes.tolist(), strict=True):
            pair_sizes[district, r] += size
        route_start = arcs.count
        for district, r in self.pairs:
            eligible = self.eligible_batches[r]
            d = self.district_index[district]
            _add_tiered_arcs(
                arcs,
                self.pool_first[district, r]
                + np.searchsorted(self.keys_of[r], self.week_sets.of_batch[eligible]),
                self.district_batch_base + eligible * len(districts) + d,
                weights.points_per_km * self.km[d, self.batch_venue[eligible]],
                # A designation with few nominees from the district needs fewer tiers.
                np.minimum(self.batch_limit[eligible], pair_sizes[district, r]),
                weights.designation_crowding,
            )
        self.route_range = range(route_start, arcs.count)

    def _add_batch_arcs(self, arcs: _ArcList) -> None:
        """(batch, district) -> batch only where some designation of the district may come,
        with tiers that crowd a district; batch -> sink up to its seats."""
        districts, designations, batches = self.districts, self.designations, self.batches
        district_has = np.zeros((len(districts), len(designations)), dtype=np.int64)
        for district, r in self.pairs:
            district_has[self.district_index[district], r] = 1
        batch_open = np.zeros((len(batches), len(designations)), dtype=np.int64)
        for r, eligible in enumerate(self.eligible_batches):
            batch_open[eligible, r] = 1
        b_idx, d_idx = np.nonzero(batch_open @ district_has.T)
        _add_tiered_arcs(
            arcs,
            self.district_batch_base + b_idx * len(districts) + d_idx,
            self.batch_base + b_idx,
            0,
            self.batch_limit[b_idx],
            self.problem.weights.district_crowding,
        )
        arcs.add(self.batch_base + np.arange(len(batches)), self.sink, self.capacity, 0)

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
