"""`make prod-check`: the production topology on this machine's loopback, driven through nginx.

Starts Redis, PgBouncer (deploy/pgbouncer/pgbouncer.ini, session mode) in front of the
PostgreSQL already running on 127.0.0.1:5432, two gunicorn instances (deploy/gunicorn.conf.py)
behind nginx (deploy/nginx/sashakt.conf with a self-signed certificate), one Celery worker and
Celery beat, all with SASHAKT_PRODUCTION=1 and PROXY_COUNT=1. Then, through nginx only:

 1. `manage.py check --deploy` is clean and /healthz answers (database, cache, queue, beat);
 2. a district officer signs in and imports a file: read, check and write run on the worker;
 3. an institute coordinator issues a batch's certificates (a job) and downloads the print
    PDF through the private path (X-Accel-Redirect); /_private/ asked directly is 404;
 4. the public verify page from two client addresses (127.0.0.2, 127.0.0.3): each has its
    own count, and a forged X-Forwarded-For buys nothing;
 5. the sign-in lockout is per client address too;
 6. the worker is killed (SIGKILL) in the middle of a large import check, started again as
    systemd would, and beat's tick hands the job back: it finishes;
 7. one gunicorn is stopped and the site still answers; a signed-in user carries on, their
    session read from Redis and kept in PostgreSQL.

Everything it starts it stops (also on failure or Ctrl-C); the database it made is dropped.
Bounded: each wait has a deadline and the whole run stops after PRODCHECK_TIMEOUT seconds.
"""

import contextlib
import csv
import http.client
import io
import json
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
import zlib
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
BIN = Path(sys.executable).parent
PG = os.environ.get("PRODCHECK_PG", "postgres://postgres@127.0.0.1:5432")
DB_NAME = "sashakt_prodcheck"
# Django's cached_db sessions keep each session under this cache key prefix.
CACHED_SESSION = "django.contrib.sessions.cached_db"
PORTS = {
    "redis": 16379,
    "pgbouncer": 16432,
    "web1": 18001,
    "web2": 18002,
    "http": 18080,
    "https": 18443,
}
TIMEOUT = int(os.environ.get("PRODCHECK_TIMEOUT", 900))
STARTED = time.monotonic()
BASE = f"https://127.0.0.1:{PORTS['https']}"
PASSWORD = "sashakt-demo-2025"


def log(message: str) -> None:
    print(f"[prod-check {time.monotonic() - STARTED:6.1f}s] {message}", flush=True)


def check(condition, message: str) -> None:
    if not condition:
        raise AssertionError(message)
    log(f"ok: {message}")


def wait_for(what: str, probe, seconds: float = 60, every: float = 0.5):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if time.monotonic() - STARTED > TIMEOUT:
            raise TimeoutError(f"prod-check ran over {TIMEOUT} s")
        with contextlib.suppress(Exception):
            value = probe()
            if value:
                return value
        time.sleep(every)
    raise TimeoutError(f"waited {seconds} s for {what}")


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


# --- Processes ----------------------------------------------------------------------------


@dataclass
class Stack:
    work: Path
    env: dict
    procs: dict = field(default_factory=dict)
    logs: dict = field(default_factory=dict)

    def start(self, name: str, argv: list, **kwargs) -> subprocess.Popen:
        log_file = open(self.work / "logs" / f"{name}.log", "ab")  # noqa: SIM115
        self.logs[name] = log_file
        proc = subprocess.Popen(
            argv,
            cwd=ROOT,
            env=kwargs.pop("env", self.env),
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped with all its children
            **kwargs,
        )
        self.procs[name] = proc
        return proc

    def stop(self, name: str, sig=signal.SIGTERM, wait: float = 20) -> None:
        proc = self.procs.pop(name, None)
        if proc is None or proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(wait)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)

    def stop_all(self) -> None:
        for name in reversed(list(self.procs)):
            self.stop(name)
        for handle in self.logs.values():
            handle.close()

    def manage(self, *args: str, timeout: float = 600) -> str:
        result = subprocess.run(
            [str(BIN / "python"), "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)}:\n{result.stdout}\n{result.stderr}")
        return result.stdout + result.stderr


def environment(work: Path) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key in {"PATH", "LANG", "LC_ALL", "HOME", "TMPDIR", "TZ"}
    }
    env.update(
        SASHAKT_PRODUCTION="1",
        # The smoke signs the state cell in by password; two-factor sign-in, which production
        # requires of the state cell and institutes, has its own tests (accounts).
        TWO_FACTOR_REQUIRED_ROLES="",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        CSRF_TRUSTED_ORIGINS=BASE,
        SASHAKT_PUBLIC_URL=BASE,
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{PORTS['pgbouncer']}/{DB_NAME}",
        REDIS_URL=f"redis://127.0.0.1:{PORTS['redis']}/0",
        PROXY_COUNT="1",
        PRIVATE_FILES_ACCEL_PREFIX="/_private/",
        SASHAKT_VAR_DIR=str(work / "var"),
        MEDIA_ROOT=str(work / "media"),
        STATIC_ROOT=str(work / "static"),
        NOTIFICATIONS_CHANNEL="console",
        GUNICORN_WORKERS="2",
        # Short clocks so a lost job is noticed within seconds, not minutes.
        JOBS_HEARTBEAT_SECONDS="2",
        JOBS_STALE_SECONDS="15",
        JOBS_TICK_SECONDS="3",
        CERTIFICATE_VERIFY_PER_MINUTE="5",
        PYTHONUNBUFFERED="1",
    )
    return env


def write_configs(work: Path) -> None:
    # A self-signed certificate for 127.0.0.1 (the operator brings a real one).
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", str(work / "tls.key"), "-out", str(work / "tls.pem"),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip

    # PgBouncer: the shipped file with loopback paths; trust, as the local PostgreSQL does.
    ini = (DEPLOY / "pgbouncer" / "pgbouncer.ini").read_text()
    replacements = {
        r"(?m)^sashakt = .*$": f"sashakt = host=127.0.0.1 port=5432 dbname={DB_NAME}\n"
        f"{DB_NAME} = host=127.0.0.1 port=5432 dbname={DB_NAME}",
        r"(?m)^listen_port = .*$": f"listen_port = {PORTS['pgbouncer']}",
        r"(?m)^unix_socket_dir = .*$": f"unix_socket_dir = {work / 'pgbouncer'}",
        r"(?m)^auth_type = .*$": "auth_type = trust",
        r"(?m)^auth_file = .*$": f"auth_file = {work / 'pgbouncer' / 'userlist.txt'}",
        r"(?m)^logfile = .*$": f"logfile = {work / 'pgbouncer' / 'pgbouncer.log'}",
        r"(?m)^pidfile = .*$": f"pidfile = {work / 'pgbouncer' / 'pgbouncer.pid'}",
    }
    for pattern, value in replacements.items():
        ini, count = re.subn(pattern, value, ini)
        assert count == 1, pattern
    (work / "pgbouncer").mkdir()
    (work / "pgbouncer" / "pgbouncer.ini").write_text(ini)
    (work / "pgbouncer" / "userlist.txt").write_text('"postgres" ""\n')
    os.chmod(work / "pgbouncer", 0o777)

    # nginx: the shipped site, on loopback ports, in front of two gunicorn instances.
    site = (DEPLOY / "nginx" / "sashakt.conf").read_text()
    upstream = (
        f"server 127.0.0.1:{PORTS['web1']} max_fails=1 fail_timeout=10s;\n"
        f"    server 127.0.0.1:{PORTS['web2']} max_fails=1 fail_timeout=10s;"
    )
    replacements = {
        r"server 127\.0\.0\.1:8000 [^;]*;": upstream,
        r"listen 80;": f"listen 127.0.0.1:{PORTS['http']};",
        r"listen 443 ssl http2;": f"listen 127.0.0.1:{PORTS['https']} ssl http2;",
        r"\n\s*listen \[::\]:\d+[^;]*;": "",
        r"ssl_certificate /\S+;": f"ssl_certificate {work / 'tls.pem'};",
        r"ssl_certificate_key /\S+;": f"ssl_certificate_key {work / 'tls.key'};",
        r"/var/log/nginx/": f"{work / 'logs'}/nginx-",
        r"alias /var/lib/sashakt/media/;": f"alias {work / 'media'}/;",
    }
    for pattern, value in replacements.items():
        site, count = re.subn(pattern, lambda _m, v=value: v, site)
        assert count >= 1, pattern
    temp = work / "nginx"
    temp.mkdir()
    (temp / "site.conf").write_text(site)
    (temp / "nginx.conf").write_text(
        f"""daemon off;
pid {temp / "nginx.pid"};
error_log {work / "logs" / "nginx-main.log"} warn;
worker_processes 1;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {temp / "site.conf"};
}}
"""
    )


def start_stack(stack: Stack) -> None:
    work, env = stack.work, stack.env
    stack.start(
        "redis",
        ["redis-server", "--bind", "127.0.0.1", "--port", str(PORTS["redis"]),
         "--save", "", "--appendonly", "no", "--dir", str(work)],
    )  # fmt: skip
    stack.start(
        "pgbouncer",
        ["pgbouncer", *(["-u", "nobody"] if os.geteuid() == 0 else []),
         str(work / "pgbouncer" / "pgbouncer.ini")],
    )  # fmt: skip
    wait_for(
        "redis and pgbouncer",
        lambda: port_open(PORTS["redis"]) and port_open(PORTS["pgbouncer"]),
        30,
    )  # noqa: E501
    log("redis and pgbouncer are up")

    stack.manage("migrate", "--noinput", "-v0")
    stack.manage("load_geography")
    stack.manage("load_demo")
    stack.manage("collectstatic", "--noinput", "-v0")
    log("migrated through PgBouncer; geography and demo data loaded; static collected")

    for name in ("web1", "web2"):
        stack.start(
            name,
            [str(BIN / "gunicorn"), "-c", str(DEPLOY / "gunicorn.conf.py"), "sashakt.wsgi"],
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{PORTS[name]}", "GUNICORN_NAME": name},
        )
    start_worker(stack)
    stack.start(
        "beat",
        [str(BIN / "celery"), "-A", "sashakt", "beat", "--loglevel=INFO",
         f"--schedule={work / 'celerybeat-schedule'}"],
    )  # fmt: skip
    stack.start("nginx", ["nginx", "-c", str(work / "nginx" / "nginx.conf")])
    wait_for(
        "gunicorn and nginx",
        lambda: all(port_open(PORTS[p]) for p in ("web1", "web2", "https")),
        60,
    )
    log("two gunicorn, nginx, a Celery worker and beat are up")


def start_worker(stack: Stack) -> None:
    stack.start(
        "worker",
        [str(BIN / "celery"), "-A", "sashakt", "worker", "--loglevel=INFO", "-Q", "sashakt",
         "--concurrency=2", f"--hostname=prodcheck-{uuid.uuid4().hex[:6]}@%h"],
    )  # fmt: skip


# --- A browser of our own: cookies, CSRF, a chosen source address -------------------------


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Browser:
    """HTTPS to nginx from a chosen loopback address (127.0.0.2, ...): nginx sees that
    address as the client's, as it would see a real visitor's."""

    def __init__(self, source: str = "127.0.0.1"):
        self.source = source
        self.cookies: dict[str, str] = {}
        self.context = ssl.create_default_context(cafile=None)
        self.context.check_hostname = False
        self.context.verify_mode = ssl.CERT_NONE

    def request(self, method: str, path: str, *, body: bytes = b"", headers=None) -> Response:
        connection = http.client.HTTPSConnection(
            "127.0.0.1",
            PORTS["https"],
            context=self.context,
            source_address=(self.source, 0),
            timeout=60,
        )
        all_headers = {"Host": f"127.0.0.1:{PORTS['https']}", **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body=body or None, headers=all_headers)
            raw = connection.getresponse()
            data = raw.read()
            for value in raw.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(value).items():
                    self.cookies[name] = morsel.value
            return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, data)
        finally:
            connection.close()

    def get(self, path: str, **headers) -> Response:
        return self.request("GET", path, headers=headers)

    def post(self, path: str, fields: dict, files: dict | None = None, **headers) -> Response:
        if "csrftoken" not in self.cookies:
            self.get("/accounts/login/")
        fields = {"csrfmiddlewaretoken": self.cookies["csrftoken"], **fields}
        headers = {"Origin": BASE, "Referer": BASE + path, **headers}
        if files:
            boundary = uuid.uuid4().hex
            body = io.BytesIO()
            for name, value in fields.items():
                part = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                body.write(part.encode() + str(value).encode() + b"\r\n")
            for name, (filename, content) in files.items():
                part = (
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                    f'filename="{filename}"\r\nContent-Type: text/csv\r\n\r\n'
                )
                body.write(part.encode() + content + b"\r\n")
            body.write(f"--{boundary}--\r\n".encode())
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
            data = body.getvalue()
        else:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            data = urllib.parse.urlencode(fields).encode()
        return self.request("POST", path, body=data, headers=headers)

    def sign_in(self, username: str, password: str = PASSWORD) -> Response:
        self.get("/accounts/login/")
        return self.post("/accounts/login/", {"username": username, "password": password})


# --- The database, read to check what the pages did ---------------------------------------


def query(sql: str, *params):
    with psycopg.connect(f"{PG}/{DB_NAME}", autocommit=True) as conn:
        return conn.execute(sql, params).fetchall()


def job_status(job_id) -> tuple[str, int]:
    return tuple(query("SELECT status, attempts FROM core_job WHERE id = %s", job_id)[0])


def wait_job(job_id, seconds: float = 180) -> tuple[str, int]:
    return wait_for(
        f"job {job_id}",
        lambda: job_status(job_id) if job_status(job_id)[0] in {"succeeded", "failed"} else None,
        seconds,
    )


# --- The smoke test -----------------------------------------------------------------------


def smoke(stack: Stack) -> None:
    anonymous = Browser()
    health = anonymous.get("/healthz")
    check(health.status == 200, "/healthz answers 200 through nginx")
    report = json.loads(health.body)
    check(
        report["database"]["ok"] and report["cache"]["ok"] and "depth" in report["queue"],
        "/healthz reports database, cache and the queue's depth",
    )
    # The report names the age even before the first tick (as null): wait for beat itself.
    wait_for(
        "beat's first tick", lambda: json.loads(Browser().get("/healthz").body)["beat"]["ok"], 60
    )
    beat = json.loads(Browser().get("/healthz").body)["beat"]
    check(beat["ok"], f"/healthz shows beat alive (last tick {beat['age_seconds']} s ago)")
    with socket.create_connection(("127.0.0.1", PORTS["https"]), timeout=10) as raw:
        context = ssl.create_default_context()
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
        context.set_alpn_protocols(["h2", "http/1.1"])
        with context.wrap_socket(raw) as tls:
            check(tls.selected_alpn_protocol() == "h2", "nginx speaks HTTP/2 over TLS")
    plain = http.client.HTTPConnection("127.0.0.1", PORTS["http"], timeout=10)
    plain.request("GET", "/people/", headers={"Host": "127.0.0.1"})
    redirect = plain.getresponse()
    check(
        redirect.status == 301 and redirect.getheader("Location", "").startswith("https://"),
        "plain HTTP is sent to HTTPS",
    )
    probe = http.client.HTTPConnection("127.0.0.1", PORTS["web2"], timeout=10)
    probe.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
    check(probe.getresponse().status == 200, "a probe straight to gunicorn gets /healthz")
    check(
        anonymous.get("/accounts/login/").headers.get("strict-transport-security", "") != "",
        "pages come with HSTS (SASHAKT_PRODUCTION through nginx's X-Forwarded-Proto)",
    )

    # 2. An import by a district officer, run on the worker.
    officer = Browser("127.0.0.6")
    check(officer.sign_in("dpro.kanpurnagar").status == 302, "the district officer signs in")
    template = officer.get("/people/import/template.csv")
    check(template.status == 200, "the import template downloads")
    names = ["रामनाथ प्रोडचेक", "सुशीला प्रोडचेक", "हरिशंकर प्रोडचेक"]
    people = [
        [name, "MF"[i % 2], f"97930000{i:02d}", "प्रमुख", "बिल्हौर"] for i, name in enumerate(names)
    ]  # noqa: E501
    upload_id, read_job = import_upload(officer, people)
    check(wait_job(read_job)[0] == "succeeded", "the upload is read by the Celery worker")
    check_job = import_check(officer, upload_id)
    check(wait_job(check_job)[0] == "succeeded", "the import's check runs on the worker")
    commit = officer.post(f"/people/import/{upload_id}/commit/", {})
    check(commit.status == 302, "the officer confirms the import")
    commit_job = query(
        "SELECT import_job_id FROM people_participantimport WHERE id = %s", upload_id
    )[0][0]  # noqa: E501
    check(wait_job(commit_job)[0] == "succeeded", "the import writes on the worker")
    count = query("SELECT count(*) FROM people_person WHERE mobile LIKE '979300000%%'")[0][0]
    check(count == 3, "the three imported people are in the registry")

    # 3. A certificate batch, downloaded through the private path.
    coordinator = Browser("127.0.0.7")
    check(
        coordinator.sign_in("iitk.coordinator").status == 302, "the IIT Kanpur coordinator signs in"
    )
    batch_id = certificate_batch_waiting()
    issue = coordinator.post(f"/certificates/batches/{batch_id}/", {"confirm": "on"})
    check(issue.status == 302, f"the coordinator issues batch {batch_id}'s certificates")
    job_id = re.search(r"/jobs/([0-9a-f-]{36})/", issue.headers["location"]).group(1)
    check(wait_job(job_id)[0] == "succeeded", "the certificate batch is made on the worker")
    pdf = coordinator.get(f"/certificates/jobs/{job_id}/print.pdf")
    merged = json.loads(query("SELECT result::text FROM core_job WHERE id = %s", job_id)[0][0])[
        "merged"
    ]  # noqa: E501
    on_disk = (stack.work / "media" / merged).read_bytes()
    check(
        pdf.status == 200 and pdf.body[:5] == b"%PDF-" and pdf.body == on_disk,
        f"the print PDF ({len(pdf.body):,} bytes) comes through nginx's private path",
    )
    check("x-accel-redirect" not in pdf.headers, "nginx does not leak X-Accel-Redirect")
    web_logs = "".join((stack.work / "logs" / f"{w}.log").read_text() for w in ("web1", "web2"))
    sizes = re.findall(r'print\.pdf HTTP/1\.\d" 200 (\S+) ', web_logs)
    check(
        sizes and set(sizes) <= {"0", "-"},
        "gunicorn answered with an empty body: nginx sent the file (X-Accel-Redirect)",
    )
    check(coordinator.get("/_private/" + merged).status == 404, "/_private/ asked directly is 404")
    check(Browser("127.0.0.8").get(f"/certificates/jobs/{job_id}/print.pdf").status == 302,
          "an anonymous visitor is sent to sign in, not given the file")  # fmt: skip

    # 4. The public verify page: each client address has its own count (PROXY_COUNT=1).
    number = query(
        "SELECT number FROM certificates_certificate WHERE batch_id = %s LIMIT 1", batch_id
    )[0][0]  # noqa: E501
    # Seven look-ups must fall in one counting window; django-ratelimit's windows are minutes
    # shifted per counted address (crc32 of it), not clock minutes: wait for a fresh one.
    if (left := _window_seconds_left("127.0.0.2")) < 20:
        time.sleep(left + 1)
    first, second = Browser("127.0.0.2"), Browser("127.0.0.3")
    statuses = [first.get(f"/verify/{number}/").status for _ in range(5)]
    check(statuses == [200] * 5, "the first client verifies five times")
    check(first.get(f"/verify/{number}/").status == 429, "its sixth look-up is refused (429)")
    forged = first.get(f"/verify/{number}/", **{"X-Forwarded-For": "203.0.113.50"})
    check(forged.status == 429, "a forged X-Forwarded-For does not buy the client another try")
    check(second.get(f"/verify/{number}/").status == 200, "a second client is not held back")

    # 5. The sign-in lockout counts per client address.
    guesser, colleague = Browser("127.0.0.4"), Browser("127.0.0.5")
    for _ in range(5):
        guesser.sign_in("trainer.demo", "wrong-password")
    check(
        guesser.sign_in("trainer.demo").status == 429, "five wrong passwords lock that client out"
    )
    check(colleague.sign_in("trainer.demo").status == 302, "another client signs in to the account")

    # 6. The worker killed in the middle of a job; the job is recovered.
    many = [[f"भार प्रोडचेक {i}", "F", f"96{i:08d}", "प्रमुख", "बिल्हौर"] for i in range(60000)]
    upload_id, read_job = import_upload(officer, many)
    check(wait_job(read_job)[0] == "succeeded", "a 60,000-row file is read")
    job_id = import_check(officer, upload_id)
    wait_for("the check to be running", lambda: job_status(job_id)[0] == "running", 60, 0.1)
    time.sleep(1)
    stack.stop("worker", signal.SIGKILL)
    log("worker killed (SIGKILL) while the check was running")
    check(job_status(job_id)[0] == "running", "the job still says running")
    start_worker(stack)  # what systemd's Restart=on-failure does
    status, attempts = wait_job(job_id, 240)
    check(
        status == "succeeded" and attempts == 2,
        "beat's tick gave the job to the new worker, which finished it",
    )  # noqa: E501

    # 7. One web instance stopped: nginx sends everyone to the other.
    stack.stop("web1")
    answers = [Browser().get("/accounts/login/").status for _ in range(8)]
    check(answers == [200] * 8, "with one gunicorn stopped every request is still answered")
    check(
        officer.get("/people/").status == 200,
        "a signed-in user carries on (sessions in Redis, written through to PostgreSQL)",
    )  # noqa: E501
    session_key = officer.cookies["sessionid"]
    in_redis = subprocess.run(
        ["redis-cli", "-p", str(PORTS["redis"]), "EXISTS", f":1:{CACHED_SESSION}{session_key}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    kept = query("SELECT count(*) FROM django_session WHERE session_key = %s", session_key)
    check(
        in_redis == "1" and kept[0][0] == 1,
        "the session is read from Redis and kept in PostgreSQL (a Redis restart signs nobody out)",
    )


def _window_seconds_left(address: str, period: int = 60) -> float:
    """Seconds until the rate limit's window for `address` ends (django_ratelimit.core's
    _get_window: the minute's edge moved by crc32(address) % period)."""
    now = time.time()
    end = int(now) - int(now) % period + zlib.crc32(address.encode()) % period
    if end < now:
        end += period
    return end - now


def import_upload(browser: Browser, rows: list) -> tuple[int, str]:
    """Upload a CSV of (name, gender, mobile, designation, block) rows, as a district
    officer's file needs no district column; returns the import's id and its read job."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["नाम", "लिंग", "मोबाइल", "पद", "विकास खंड"])
    writer.writerows(rows)
    content = buffer.getvalue().encode("utf-8")
    response = browser.post("/people/import/", {}, files={"file": ("list.csv", content)})
    assert response.status == 302, (response.status, response.text[:2000])
    upload_id = int(re.search(r"/people/import/(\d+)/", response.headers["location"]).group(1))
    read_job = query(
        "SELECT id FROM core_job WHERE kind = 'people.import_read' AND params->>'import_id' = %s",
        str(upload_id),
    )[0][0]
    return upload_id, read_job


def import_check(browser: Browser, upload_id: int) -> str:
    mapping = query(
        "SELECT mapping::text, columns::text FROM people_participantimport WHERE id = %s", upload_id
    )[0]  # noqa: E501
    chosen, columns = json.loads(mapping[0]), json.loads(mapping[1])
    fields = {f"column-{c['index']}": chosen.get(str(c["index"]), "") for c in columns}
    response = browser.post(f"/people/import/{upload_id}/check/", fields)
    assert response.status == 302, (response.status, response.text[:2000])
    return query("SELECT check_job_id FROM people_participantimport WHERE id = %s", upload_id)[0][0]


def certificate_batch_waiting() -> int:
    """A batch of IIT Kanpur's demo programme whose participants completed it."""
    rows = query(
        """
        SELECT b.id FROM programmes_batch b
        JOIN programmes_programme p ON p.id = b.programme_id
        JOIN programmes_mou m ON m.id = p.mou_id
        JOIN programmes_institute i ON i.id = m.institute_id
        WHERE i.short_name ILIKE %s AND b.status = 'completed'
        ORDER BY b.start_date LIMIT 1
        """,
        "%IIT%",
    )
    assert rows, "no completed IIT Kanpur batch in the demo data"
    return rows[0][0]


def main() -> int:
    for tool in ("nginx", "pgbouncer", "redis-server", "openssl"):
        if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():
            print(f"prod-check needs {tool} (apt-get install nginx pgbouncer redis-server openssl)")
            return 2
    os.environ["PATH"] = os.environ.get("PATH", "") + ":/usr/sbin:/sbin"
    busy = [f"{name} ({port})" for name, port in PORTS.items() if port_open(port)]
    if busy:
        print(f"prod-check: loopback ports already in use: {', '.join(busy)} (another run?)")
        return 2
    work = Path(tempfile.mkdtemp(prefix="sashakt-prodcheck-"))
    os.chmod(work, 0o755)
    for sub in ("logs", "media", "var", "static"):
        (work / sub).mkdir()
    stack = Stack(work=work, env=environment(work))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")
    ok = False
    try:
        write_configs(work)
        start_stack(stack)
        deploy_check = stack.manage("check", "--deploy", "--fail-level", "WARNING")
        check(
            "no issues" in deploy_check, "manage.py check --deploy is clean in this configuration"
        )
        smoke(stack)
        ok = True
    except BaseException as error:
        log(f"FAILED: {type(error).__name__}: {error}")
        for name in stack.logs:
            path = work / "logs" / f"{name}.log"
            tail = path.read_text(errors="replace").splitlines()[-25:] if path.exists() else []
            print(f"--- {name}.log (last lines)\n" + "\n".join(tail), flush=True)
    finally:
        stack.stop_all()
        with (
            contextlib.suppress(Exception),
            psycopg.connect(f"{PG}/postgres", autocommit=True) as conn,
        ):  # noqa: E501
            conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        if ok or not os.environ.get("PRODCHECK_KEEP"):
            shutil.rmtree(work, ignore_errors=True)
        else:
            log(f"kept {work} (PRODCHECK_KEEP)")
    log("passed: everything it started is stopped" if ok else "failed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
