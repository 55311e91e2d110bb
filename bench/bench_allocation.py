"""Automatic allocation: 100,000 approved nominations into 2,000 batches, min-cost flow over
groups of interchangeable people against first-come-first-served in the same run.

    make bench ONLY=allocation
    BENCH_CANDIDATES=20000 BENCH_BATCHES=400 make bench ONLY=allocation

The instance is generated: nominations spread over UP's 75 districts in proportion to their
blocks, with district centroids from the boundary GeoJSON; a realistic designation mix; a fifth
of people unable to come in 1-3 weeks (half of them festival or budget weeks); batches of 30-50
over a year at ten institutes in UP cities, most Monday-Friday, some crossing a weekend into a
second week. Both allocations are scored by the same function and measured against the same
certified upper bound. `seconds` is all of `allocate`: building the network, solving it, naming
people, scoring and the optimality certificate. First-come is much faster (ratio below 1); what
it loses is objective (`baseline_gap`) and never-trained people seated.
"""

import json
import os
import random
import sys
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

CANDIDATES = int(os.environ.get("BENCH_CANDIDATES", "100000"))
BATCHES = int(os.environ.get("BENCH_BATCHES", "2000"))
DISTRICT_QUOTA = 4
SEED = 20250826
FIRST_WEEK = date(2025, 9, 1)  # a Monday
WEEKS = 52

# (name, lat, lon, share of batches, tracks it runs)
VENUES = [
    ("IIT Kanpur", 26.51, 80.23, 0.075, ["zp_kp"]),
    ("IIM Lucknow", 26.80, 80.90, 0.075, ["representatives"]),
    ("SIRD Bakshi Ka Talab, Lucknow", 26.98, 80.93, 0.20, ["gram", "officials", "representatives"]),
    ("IIT (BHU) Varanasi", 25.26, 82.99, 0.08, ["gram", "representatives"]),
    ("MNNIT Prayagraj", 25.49, 81.86, 0.08, ["gram", "officials"]),
    ("AMU Aligarh", 27.91, 78.08, 0.08, ["gram", "representatives"]),
    ("MMMUT Gorakhpur", 26.73, 83.43, 0.11, ["gram", "officials", "representatives"]),
    ("Bundelkhand University Jhansi", 25.45, 78.62, 0.08, ["gram", "officials"]),
    ("MJP Rohilkhand University Bareilly", 28.38, 79.43, 0.10, ["gram", "representatives"]),
    ("CCS University Meerut", 28.97, 77.74, 0.12, ["gram", "officials", "representatives"]),
]
TRACKS = {
    "zp_kp": [
        "zp_adhyaksh",
        "zp_member",
        "kp_pramukh",
        "bdc_member",
        "ama",
        "dpro",
        "bdo",
        "ado_panchayat",
    ],
    "representatives": ["zp_adhyaksh", "zp_member", "kp_pramukh", "bdc_member", "pradhan"],
    "gram": ["pradhan", "ward_member", "sachiv"],
    "officials": ["sachiv", "ado_panchayat", "bdo", "ama", "dpro", "other"],
}
DESIGNATION_SHARES = {
    "pradhan": 0.38,
    "bdc_member": 0.20,
    "ward_member": 0.16,
    "sachiv": 0.10,
    "zp_member": 0.05,
    "ado_panchayat": 0.04,
    "other": 0.02,
    "kp_pramukh": 0.008,
    "bdo": 0.008,
    "zp_adhyaksh": 0.0008,
    "ama": 0.0008,
    "dpro": 0.0008,
}
# Posts a district or block has only one of: a district nominates at most that many.
ONE_PER_DISTRICT = {"zp_adhyaksh", "ama", "dpro"}
ONE_PER_BLOCK = {"kp_pramukh", "bdo"}
ELECTED = {"pradhan", "bdc_member", "ward_member", "zp_member", "kp_pramukh", "zp_adhyaksh"}
# Weeks many people cannot come: Diwali, Chhath, Holi, Panchayat budget meetings, wheat harvest.
BUSY_WEEKS = [
    date(2025, 10, 20),
    date(2025, 10, 27),
    date(2026, 3, 2),
    date(2026, 2, 9),
    date(2026, 2, 16),
    date(2026, 4, 6),
    date(2026, 4, 13),
]


def district_data() -> tuple[dict[int, tuple[float, float]], dict[int, int]]:
    """Centroids from the boundary GeoJSON (the same figures the geography loader stores) and
    the number of blocks per district (how many nominations a district sends scales with it)."""
    import csv

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sashakt.settings")
    import django

    django.setup()
    from sashakt.geography.services import DATA_DIR, _district_centroids

    centroids = _district_centroids(DATA_DIR / "districts.geojson")
    blocks: dict[int, int] = {}
    with (DATA_DIR / "blocks.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            district = int(row["district_lgd_code"])
            blocks[district] = blocks.get(district, 0) + 1
    return centroids, blocks


def generate(rng: random.Random):
    from sashakt.nominations.allocation import BatchSlot, Candidate, candidate_priority

    centroids, blocks = district_data()
    district_ids = sorted(centroids)
    district_weights = [blocks.get(d, 1) for d in district_ids]
    designations = list(DESIGNATION_SHARES)
    shares = list(DESIGNATION_SHARES.values())
    weeks = [FIRST_WEEK + timedelta(weeks=n) for n in range(WEEKS)]

    candidates = []
    districts = rng.choices(district_ids, district_weights, k=CANDIDATES)
    roles = rng.choices(designations, shares, k=CANDIDATES)
    holders: dict[tuple[int, str], int] = {}
    for n, (district, role) in enumerate(zip(districts, roles, strict=True)):
        posts = 1 if role in ONE_PER_DISTRICT else blocks.get(district, 1)
        if role in ONE_PER_DISTRICT | ONE_PER_BLOCK and holders.get((district, role), 0) >= posts:
            roles[n] = role = "pradhan"  # the post is taken; the most common nominee instead
        holders[district, role] = holders.get((district, role), 0) + 1
    nomination_order = list(range(CANDIDATES))
    rng.shuffle(nomination_order)
    for n in range(CANDIDATES):
        years = 0  # officials are not elected
        if roles[n] in ELECTED:
            # Most were elected in the 2021 general election, some in by-elections since.
            years = 4 if rng.random() < 0.85 else rng.randint(1, 3)
        unavailable = frozenset()
        if rng.random() < 0.2:
            unavailable = frozenset(
                rng.choice(BUSY_WEEKS) if rng.random() < 0.5 else rng.choice(weeks)
                for _ in range(rng.randint(1, 3))
            )
        candidates.append(
            Candidate(
                id=n + 1,
                district_id=districts[n],
                designation=roles[n],
                priority=candidate_priority(rng.random() < 0.65, years),
                unavailable_weeks=unavailable,
                order=nomination_order[n],
            )
        )

    batches = []
    venue_picks = rng.choices(VENUES, [v[3] for v in VENUES], k=BATCHES)
    for n, (_, lat, lon, _, tracks) in enumerate(venue_picks):
        monday = rng.choice(weeks)
        start = monday + timedelta(days=rng.choices([0, 2, 3], [0.7, 0.15, 0.15])[0])
        track = rng.choices(tracks, [0.6] + [0.4 / max(len(tracks) - 1, 1)] * (len(tracks) - 1))
        batches.append(
            BatchSlot(
                id=n + 1,
                start=start,
                end=start + timedelta(days=4),  # five-day programmes
                capacity=rng.choice([30, 40, 50]),
                lat=lat,
                lon=lon,
                eligible_designations=frozenset(TRACKS[track[0]]),
            )
        )
    return candidates, batches, centroids


def main():
    from sashakt.nominations.allocation import (
        AllocationProblem,
        allocate,
        allocate_first_come,
        relative_gap,
        rule_violations,
    )

    candidates, batches, centroids = generate(random.Random(SEED))
    problem = AllocationProblem(
        candidates=candidates,
        batches=batches,
        district_centroids=centroids,
        district_quota_per_batch=DISTRICT_QUOTA,
    )
    best = allocate(problem)
    baseline = allocate_first_come(problem)
    for allocation in (best, baseline):
        broken = rule_violations(problem, allocation.assignments)
        if broken:
            raise SystemExit(f"{allocation.method} broke rules: {broken[:5]}")
    print(
        json.dumps(
            {
                "bench": "allocation",
                "seconds": round(best.seconds, 3),
                "baseline": "first-come greedy",
                "baseline_seconds": round(baseline.seconds, 3),
                "ratio": round(baseline.seconds / best.seconds, 3),
                "objective": best.objective,
                "bound": best.bound,
                "gap": best.gap,
                "baseline_objective": baseline.objective,
                "baseline_gap": round(relative_gap(baseline.objective, best.bound), 5),
                "assigned": best.assigned,
                "baseline_assigned": baseline.assigned,
                "priority_assigned": best.priority_assigned,
                "baseline_priority_assigned": baseline.priority_assigned,
                "groups": best.groups,
                "candidates": len(candidates),
                "batches": len(batches),
                "seats": sum(b.capacity for b in batches),
            }
        )
    )


if __name__ == "__main__":
    main()
