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

import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from ortools.graph.python import min_cost_flow

from sashakt.nominations.allocation.bound import certified_bound
from sashakt.nominations.allocation.network import Network
from sashakt.nominations.allocation.problem import Allocation, AllocationProblem
from sashakt.nominations.allocation.scoring import objective_of, summary


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
    network = Network(problem)
    if not network.class_keys:
        return summary(problem, "min-cost flow", {}, started, bound=0)
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
        certificate = background.submit(certified_bound, network, flows, certify_seconds)
        assignments = network.people_from_flows(flows)
        objective = objective_of(problem, assignments)
        bound = certificate.result()
    if objective != -solver.optimal_cost():
        raise RuntimeError("the allocation does not score what the flow optimum promised")
    return summary(problem, "min-cost flow", assignments, started, bound, network.groups, objective)
