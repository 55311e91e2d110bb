"""Every benchmark in bench/ runs from an empty database at a small size and prints its one
JSON line: a bench that no longer matches the models fails here, not on the next person's
fresh machine (the dashboard's did: it truncated a table that had gone)."""

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
BENCHES = sorted(p.stem.removeprefix("bench_") for p in (REPO / "bench").glob("bench_*.py"))
POSTGRES = "postgres://postgres@127.0.0.1:5432"

# Small sizes: a few seconds each where the bench allows it.
SMALL = {
    "BENCH_PEOPLE": "20",
    "BENCH_ROWS": "200",
    "BENCH_BASELINE_ROWS": "50",
    "BENCH_CANDIDATES": "300",
    "BENCH_BATCHES": "20",
    "BENCH_CERTIFICATES": "5",
    "BENCH_BASELINE_CERTIFICATES": "2",
    "BENCH_WORKERS": "2",
    "BENCH_DATABASES": "sqlite",
    # The capacity scenario: two tiny steps of a few seconds each.
    "BENCH_STEPS": "4,8",
    "BENCH_STEP_SECONDS": "6",
    "BENCH_REGISTRY": "300",
    "BENCH_BURST": "6",
    "BENCH_BURST_QUESTIONS": "3",
    "BENCH_BURST_SPAWN_SECONDS": "2",
    "BENCH_BURST_THINK": "0.1,0.3",
    "BENCH_SETTLE_SECONDS": "15",
    # The outbox: 500 reminders queued and sent; today's path for 20.
    "BENCH_OUTBOX_N": "500",
    "BENCH_OUTBOX_BASELINE_N": "20",
    "BENCH_OUTBOX_ONE_BY_ONE_N": "50",
}
# The dashboard's generator gives each person at most one active nomination per programme
# only when people are about half the seats (20 batches of 30 seats: 300 people).
OVERRIDES = {"dashboard": {"BENCH_PEOPLE": "300"}}
NEEDS_POSTGRES = {"dashboard", "capacity"}


def _postgres_reachable() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=1).close()
        return True
    except OSError:
        return False


def _drop(name: str) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.parametrize("name", BENCHES)
def test_bench_runs_small_from_an_empty_database(name, tmp_path):
    if os.environ.get("DATABASE_URL"):
        # The benches make their own databases whatever the suite's: CI's SQLite pass runs
        # them; running them again in the PostgreSQL pass would only double the minutes.
        pytest.skip("benches run once, in the suite's SQLite pass")
    if name in NEEDS_POSTGRES and not _postgres_reachable():
        pytest.skip("PostgreSQL is not reachable on 127.0.0.1:5432")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(SMALL, SASHAKT_VAR_DIR=str(tmp_path / "var"))
    env.update(OVERRIDES.get(name, {}))
    # Databases of their own per bench, dropped below (never the plain `sashakt`): the suite
    # runs on several processes (pytest-xdist), so two benches may run at the same time.
    database = f"sashakt_bench_small_{name}"
    env["BENCH_DATABASE_URL"] = f"{POSTGRES}/{database}"
    env["BENCH_POSTGRES_URL"] = f"{POSTGRES}/{database}_pg"
    if name in NEEDS_POSTGRES:
        _drop(database)  # an empty database, as on a fresh machine
    # Its own process group: a bench that overruns is stopped with the servers it started
    # (gunicorn, the fake gateways), which would otherwise outlive it on their ports.
    bench = subprocess.Popen(
        [sys.executable, str(REPO / "bench" / f"bench_{name}.py")],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = bench.communicate(timeout=480)
    except subprocess.TimeoutExpired:
        os.killpg(bench.pid, signal.SIGKILL)
        try:
            stdout, stderr = bench.communicate(timeout=30)
        except subprocess.TimeoutExpired:  # a child outside the group still holds a pipe
            stdout, stderr = "", "(its output was held by a process left behind)"
        pytest.fail(f"bench_{name} overran 480 s: {stderr[-2000:]}")
    finally:
        if name in NEEDS_POSTGRES:
            _drop(database)
    assert bench.returncode == 0, stderr[-3000:]
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 1, stdout[-2000:]
    result = json.loads(lines[0])
    assert result["bench"] == name
    for key in ("seconds", "baseline", "baseline_seconds", "ratio"):
        assert key in result, key
    assert isinstance(result["seconds"], (int, float)) and result["seconds"] >= 0
    if name == "capacity":
        burst = result["post_test_burst"]
        assert burst["lost_answers"] == 0 and burst["answers_acknowledged"] == 6 * 3, burst
        assert burst["attempts_submitted"] == 6, burst
        # Every request made is counted, the last person's too (Locust's CSV, rewritten each
        # second, had missed the last second when the run ended).
        assert burst["kinds"]["burst_submit"]["requests"] == 6, burst["kinds"]
        assert burst["kinds"]["burst_feedback"]["requests"] == 6, burst["kinds"]
    if name == "outbox":
        assert (result["duplicates"], result["lost"], result["requeued"]) == (0, 0, 0), result
