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
