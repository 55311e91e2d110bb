"""QR check-in: 250 phones check in to one session at once over real HTTP, against the app
served by gunicorn (several workers), 10% of them replaying their request (same client id).

    make bench ONLY=checkin
    BENCH_WORKERS=4 BENCH_THREADS=1 BENCH_DATABASES=postgresql make bench ONLY=checkin

Runs on SQLite in a temporary folder, and on PostgreSQL too when it is reachable
(BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/sashakt_attend, recreated).
The baseline is the same load, in the same run and server, against a bare signed-in view
that inserts one row: the floor of the stack. ratio = baseline_seconds / seconds.

Every phone opens its own connection at the same instant; the client is one asyncio loop
sending prepared bytes, so that it takes little of the cores the server is measured on (its
CPU per request is reported, with the server workers' own: on a shared machine those, and
the ratio, say more than wall-clock milliseconds).
"""

import asyncio
import json
import os
import random
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PEOPLE = int(os.environ.get("BENCH_PEOPLE", "250"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
# 1: gunicorn's sync workers (one request at a time per process); more: gthread workers.
THREADS = int(os.environ.get("BENCH_THREADS", "1"))
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


def _fire(port: int, path: str, payloads: list[dict], keys: list[str]) -> tuple[float, list]:
    """Send every payload at once, one connection per phone; return wall seconds and, per
    request, (milliseconds, status, body).

    A lean client, because it shares the machine's cores with the server it measures: each
    request is built as bytes beforehand and sent from one asyncio loop over its own TCP
    connection (no thread per phone, no HTTP library), then read to the end of the response.
    """
    csrf = secrets.token_hex(16)  # 32 characters: a valid CSRF secret for cookie and header
    requests = []
    for index, payload in enumerate(payloads):
        body = json.dumps(payload).encode()
        head = (
            f"POST {path} HTTP/1.1\r\n"
            f"Host: 127.0.0.1:{port}\r\n"
            "Content-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n"
            f"X-CSRFToken: {csrf}\r\n"
            f"Referer: http://127.0.0.1:{port}/\r\n"
            f"Cookie: sessionid={keys[index % len(keys)]}; csrftoken={csrf}\r\n"
            "Connection: close\r\n\r\n"
        )
        requests.append(head.encode("latin-1") + body)

    async def exchange(request: bytes) -> bytes:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            writer.write(request)
            return await reader.read()  # to the end: the server closes after its response
        finally:
            writer.close()

    async def send(request: bytes, start: asyncio.Event):
        await start.wait()
        started = time.perf_counter()
        try:
            response = await asyncio.wait_for(exchange(request), timeout=120)
            head, _sep, body = response.partition(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/") else 0
        except (TimeoutError, OSError, ValueError, IndexError) as error:
            status, body = 0, str(error).encode()
        return (time.perf_counter() - started) * 1000, status, body

    async def all_at_once():
        start = asyncio.Event()
        tasks = [asyncio.create_task(send(request, start)) for request in requests]
        await asyncio.sleep(0)  # every phone waiting at the start line
        started = time.perf_counter()
        start.set()
        results = await asyncio.gather(*tasks)
        return time.perf_counter() - started, results

    return asyncio.run(all_at_once())


def _worker_cpu_seconds(master_pid: int) -> float | None:
    """CPU time (user + system) used so far by the server's worker processes (Linux)."""
    try:
        children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
        ticks = 0
        for pid in children:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def _measured(port: int, master_pid: int, path: str, payloads: list[dict], keys: list[str]):
    """_fire, with the CPU seconds the server's workers and this client spent on it."""
    server_before, client_before = _worker_cpu_seconds(master_pid), time.process_time()
    seconds, results = _fire(port, path, payloads, keys)
    server_after, client_after = _worker_cpu_seconds(master_pid), time.process_time()
    server = None if None in (server_before, server_after) else server_after - server_before
    return seconds, results, server, client_after - client_before


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
            *(["--worker-class", "gthread", "--threads", str(THREADS)] if THREADS > 1 else []),
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
        _fire(port, "/attendance/api/checkin/", warm, keys)
        _fire(
            port,
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
        baseline_seconds, baseline_results, baseline_cpu, baseline_client_cpu = _measured(
            port, server.pid, "/bench/bare-insert/", bare, keys
        )
        seconds, results, server_cpu, client_cpu = _measured(
            port, server.pid, "/attendance/api/checkin/", load, keys
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    counts = _python(env, COUNT.replace("SESSION", str(session)))
    shutil.rmtree(work, ignore_errors=True)
    for _ms, status, body in results + baseline_results:
        if status != 200:
            print(f"first error: HTTP {status}: {body[:300]!r}", file=sys.stderr)
            break
    errors = sum(1 for _ms, status, body in results if status != 200 or b'"ok": true' not in body)

    def per_request_ms(cpu_seconds):
        return None if cpu_seconds is None else round(cpu_seconds * 1000 / len(load), 2)

    latencies = [ms for ms, _status, _body in results]
    return {
        "bench": "checkin",
        "database": label,
        "people": PEOPLE,
        "requests": len(load),
        "replayed": replays,
        "workers": WORKERS,
        "threads": THREADS,
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
        "baseline_p50_ms": round(_percentile([r[0] for r in baseline_results], 0.50), 1),
        "baseline_p99_ms": round(_percentile([r[0] for r in baseline_results], 0.99), 1),
        # CPU per request: the server's workers (Linux /proc) and this client, for both loads.
        "server_cpu_ms": per_request_ms(server_cpu),
        "baseline_server_cpu_ms": per_request_ms(baseline_cpu),
        "client_cpu_ms": per_request_ms(client_cpu),
        "baseline_client_cpu_ms": per_request_ms(baseline_client_cpu),
    }


def main() -> None:
    databases = os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(",")
    if "sqlite" in databases:
        print(json.dumps(run("sqlite:///WORK/bench.sqlite3", "sqlite")), flush=True)
    if "postgresql" in databases and _postgres_reachable(POSTGRES_URL):
        print(json.dumps(run(POSTGRES_URL, "postgresql")), flush=True)


if __name__ == "__main__":
    main()
