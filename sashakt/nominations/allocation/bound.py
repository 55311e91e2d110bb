"""A certified upper bound on the objective, from the LP dual of the network."""

from __future__ import annotations

import itertools
import time

import numpy as np

from sashakt.nominations.allocation.network import Network


def certified_bound(network: Network, flows: np.ndarray, seconds: float) -> int:
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
