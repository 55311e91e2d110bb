"""QR check-in: 250 phones check in to one session at once over real HTTP, against the app
served by gunicorn (several workers), 10% of them replaying their request (same client id).

    make bench ONLY=checkin
    BENCH_PEOPLE=250 BENCH_WORKERS=4 make bench ONLY=checkin

Runs on SQLite in a temporary folder, and on PostgreSQL too when it is reachable
(BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/sashakt_attend, recreated).
The baseline is the same load, in the same run and server, against a bare signed-in view
that inserts one row: the floor of the stack. ratio = baseline_seconds / seconds.
"""

import json
import os
import random
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PEOPLE = int(os.environ.get("BENCH_PEOPLE", "250"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
REPLAY_SHARE = 0.10
POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/sashakt_attend"
)

SETUP = r"""
import json, secrets
import django
django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from sashakt.attendance.tests.factories import hall_make
from sashakt.nominations.seat_codes import seat_code
from sashakt.test import personas_make
personas = personas_make()
batch, sessions, people = hall_make(personas, people=PEOPLE, mobile_prefix="70000")
keys = []
for _ in range(PHONES):  # one signed-in coordinator session per phone
    store = SessionStore()
    store[SESSION_KEY] = str(personas.iitk.pk)
    store[BACKEND_SESSION_KEY] = "sashakt.accounts.backends.UsernameOrMobileBackend"
    store[HASH_SESSION_KEY] = personas.iitk.get_session_auth_hash()
    store.create()
    keys.append(store.session_key)
print(json.dumps({
    "session": sessions[0].pk,
    "people": [[n.pk, seat_code(n.pk)] for n in people],
    "keys": keys,
}))
"""

COUNT = r"""
import json
import django
django.setup()
from sashakt.attendance.models import Mark, MarkChange
marks = Mark.objects.filter(session_id=SESSION)
print(json.dumps({
    "marks": marks.count(),
    "present": marks.filter(status="present").count(),
    "changes": MarkChange.objects.filter(session_id=SESSION)
    .exclude(client_id__startswith="bare-").count(),
}))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _python(env, code: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _postgres_reachable(url: str) -> bool:
    try:
        import psycopg
    except ImportError:
        return False
    try:
        admin = url.rsplit("/", 1)[0] + "/postgres"
        name = url.rsplit("/", 1)[1]
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        return True
    except Exception:
        return False


def _fire(base: str, path: str, payloads: list[dict], keys: list[str]) -> tuple[float, list]:
    """Send every payload at once (one thread per phone); return wall seconds and, per
    request, (milliseconds, status, body)."""
    csrf = secrets.token_hex(16)  # 32 characters: a valid CSRF secret for cookie and header
    start_line = threading.Barrier(len(payloads))

    def send(index: int):
        payload = payloads[index]
        request = urllib.request.Request(
            base + path,
            data=json.dumps(payload).encode(),
            method="POST",
            headers={
                "Content-Type": "application/json",
                "X-CSRFToken": csrf,
                "Referer": base + "/",
                "Cookie": f"sessionid={keys[index % len(keys)]}; csrftoken={csrf}",
            },
        )
        start_line.wait()
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                status, body = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read()
        except Exception as error:  # connection refused / reset
            status, body = 0, str(error).encode()
        return (time.perf_counter() - started) * 1000, status, body

    with ThreadPoolExecutor(max_workers=len(payloads)) as pool:
        started = time.perf_counter()
        results = list(pool.map(send, range(len(payloads))))
        seconds = time.perf_counter() - started
    return seconds, results


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def run(database_url: str, label: str) -> dict:
    work = Path(tempfile.mkdtemp(prefix="sashakt-bench-checkin-"))
    env = {
        **os.environ,
        "DATABASE_URL": database_url.replace("WORK", str(work)),
        "SASHAKT_VAR_DIR": str(work),
        "DJANGO_SETTINGS_MODULE": "checkin_settings",
        "PYTHONPATH": f"{HERE}{os.pathsep}{ROOT}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "0",
        "DB_CONN_MAX_AGE": "60",
    }
    env.pop("REDIS_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        env=env,
        cwd=ROOT,
        check=True,
    )
    subprocess.run(
        [sys.executable, "manage.py", "load_geography", "-v", "0"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    rng = random.Random(20250826)
    replays = max(1, int(PEOPLE * REPLAY_SHARE))
    phones = PEOPLE + replays
    setup = _python(env, SETUP.replace("PEOPLE", str(PEOPLE)).replace("PHONES", str(phones)))
    people, keys, session = setup["people"], setup["keys"], setup["session"]
    port = _free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "sashakt.wsgi:application",
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{port}",
            "--backlog",
            "2048",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/about/", timeout=2)
                break
            except Exception:
                time.sleep(0.1)
        # Warm every worker (imports, connections, translations) on both paths, then the
        # floor, then the real load.
        warm = [{"session": session, "code": "WARMUP"}] * (WORKERS * 4)
        _fire(base, "/attendance/api/checkin/", warm, keys)
        _fire(
            base,
            "/bench/bare-insert/",
            [
                {"session": session, "nomination": people[0][0], "client_id": f"bare-warm-{i}"}
                for i in range(WORKERS * 4)
            ],
            keys,
        )
        checkins = [
            {"session": session, "code": code, "client_id": f"phone-{pk}"} for pk, code in people
        ]
        doubled = rng.sample(checkins, replays)
        load = checkins + doubled
        rng.shuffle(load)
        bare = [
            {
                "session": session,
                "nomination": people[i % len(people)][0],
                "client_id": f"bare-{i}",
            }
            for i in range(len(load))
        ]
        baseline_seconds, baseline_results = _fire(base, "/bench/bare-insert/", bare, keys)
        seconds, results = _fire(base, "/attendance/api/checkin/", load, keys)
    finally:
        server.terminate()
        server.wait(timeout=30)
    counts = _python(env, COUNT.replace("SESSION", str(session)))
    for _ms, status, body in results + baseline_results:
        if status != 200:
            print(f"first error: HTTP {status}: {body[:300]!r}", file=sys.stderr)
            break
    errors = sum(1 for _ms, status, body in results if status != 200 or b'"ok": true' not in body)
    latencies = [ms for ms, _status, _body in results]
    return {
        "bench": "checkin",
        "database": label,
        "people": PEOPLE,
        "requests": len(load),
        "replayed": replays,
        "workers": WORKERS,
        "seconds": round(seconds, 3),
        "baseline": "bare signed-in view inserting one row, same load",
        "baseline_seconds": round(baseline_seconds, 3),
        "baseline_errors": sum(1 for _ms, status, _b in baseline_results if status != 200),
        "ratio": round(baseline_seconds / seconds, 3),
        "marks": counts["marks"],
        "doubled_marks": counts["changes"] - counts["marks"],
        "errors": errors,
        "p50_ms": round(_percentile(latencies, 0.50), 1),
        "p99_ms": round(_percentile(latencies, 0.99), 1),
        "baseline_p99_ms": round(_percentile([r[0] for r in baseline_results], 0.99), 1),
    }


def main() -> None:
    print(json.dumps(run("sqlite:///WORK/bench.sqlite3", "sqlite")), flush=True)
    if _postgres_reachable(POSTGRES_URL):
        print(json.dumps(run(POSTGRES_URL, "postgresql")), flush=True)


if __name__ == "__main__":
    main()
