"""Automatic allocation of waiting nominations to training batches.

The solver has no Django in it: `problem` (candidates, batches, weights), `network` (the
min-cost-flow model of groups of interchangeable people), `scoring` (objective, rule
violations), `first_come` (the baseline), `bound` (a certified upper bound) and `solver`
(`allocate`, the entry point). `services` is the database glue: proposals built from
nominations, adjusted by hand and applied through the nomination services.
"""

from sashakt.nominations.allocation.first_come import allocate_first_come
from sashakt.nominations.allocation.problem import (
    Allocation,
    AllocationProblem,
    BatchSlot,
    Candidate,
    ScoreWeights,
    assigned_by_batch,
    batch_weeks,
    candidate_priority,
    crowding_points,
    distance_km,
    is_available,
    is_priority_person,
    week_start,
)
from sashakt.nominations.allocation.scoring import objective_of, relative_gap, rule_violations
from sashakt.nominations.allocation.solver import allocate

__all__ = [
    "Allocation",
    "AllocationProblem",
    "BatchSlot",
    "Candidate",
    "ScoreWeights",
    "allocate",
    "allocate_first_come",
    "assigned_by_batch",
    "batch_weeks",
    "candidate_priority",
    "crowding_points",
    "distance_km",
    "is_available",
    "is_priority_person",
    "objective_of",
    "relative_gap",
    "rule_violations",
    "week_start",
]
