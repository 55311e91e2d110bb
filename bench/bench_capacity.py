"""Capacity: how many people at once one server carries on a busy training day (Locust).

    make bench ONLY=capacity
    BENCH_STEPS=100,250,500,1000,2000 BENCH_STEP_SECONDS=60 make bench ONLY=capacity
    CAPACITY_HOST=https://staging.example CAPACITY_PLAN=plan.json make bench ONLY=capacity

Creates its own PostgreSQL database (BENCH_DATABASE_URL, default .../sashakt_capacity;
dropped at the end), loads the demo and a generated registry (BENCH_REGISTRY people), signs
in one session per simulated person's role, starts gunicorn on 127.0.0.1 (BENCH_WORKERS,
default 4) and runs bench/capacity_locustfile.py headless at each step of BENCH_STEPS users
for BENCH_STEP_SECONDS (users spread in over the first quarter). Users wait 3-15 s between
actions. The same steps against the bare signed-in page (/accounts/password/done/) give the
floor. Everything it starts it stops; it listens on the loopback only.

The mix: participants on their tests and feedback; five halls' scanning phones (a QR every
2-4 s, POST /attendance/api/checkin/) and coordinators on the session page and roll-call grid
(a tap marks one person, then the grid again); district officers, institute coordinators, the
state cell and anonymous visitors on their pages. Then the post-test burst, alone: BENCH_BURST
(250) of the hall's people open the post-test within BENCH_BURST_SPAWN_SECONDS (30), answer
BENCH_BURST_QUESTIONS (20) questions one by one with BENCH_BURST_THINK (3,8) seconds between,
submit and open the feedback faces; `post_test_burst` gives its p95 per step (goal <= 1 s),
errors, and `lost_answers`: answers the server acknowledged that are not in the database.

Prints one JSON line: per step and page kind p50/p95/p99 (ms), requests and errors, rps;
`capacity_users`: the largest step where every kind's p95 <= 500 ms with 0 errors (0 when
none), `baseline_capacity_users` the same for the bare page, ratio = capacity /
baseline capacity. `seconds` is the scenario's p95 at the largest step, `baseline_seconds`
the bare page's. The load average is reported: on a shared machine it moves every figure.

With CAPACITY_HOST set, no database or server is started: the steps run against that host
with the plan file CAPACITY_PLAN (the JSON this bench writes as var/bench/capacity-plan.json:
page URLs and session cookies of that server's own accounts).
"""

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
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sashakt_capacity")
if URL.rsplit("/", 1)[1].split("?")[0] == "sashakt_bench":  # the dashboard's kept dataset
    URL = URL.rsplit("/", 1)[0] + "/sashakt_capacity"
STEPS = [int(s) for s in os.environ.get("BENCH_STEPS", "100,250,500,1000").split(",") if s]
STEP_SECONDS = int(os.environ.get("BENCH_STEP_SECONDS", "40"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
REGISTRY = int(os.environ.get("BENCH_REGISTRY", "20000"))
P95_LIMIT_MS = 500
# How long to wait, at most, for the server to drain between steps.
SETTLE_SECONDS = int(os.environ.get("BENCH_SETTLE_SECONDS", "120"))
SESSIONS_PER_ROLE = 20
# The post-test burst: one hall's people opening the post-test within BURST_SPAWN_SECONDS and
# answering QUESTIONS questions, each after BURST_THINK seconds (min,max) of reading.
BURST = int(os.environ.get("BENCH_BURST", "250"))
QUESTIONS = int(os.environ.get("BENCH_BURST_QUESTIONS", "20"))
BURST_SPAWN_SECONDS = int(os.environ.get("BENCH_BURST_SPAWN_SECONDS", "30"))
BURST_THINK = os.environ.get("BENCH_BURST_THINK", "3,8")
BURST_P95_LIMIT_MS = 1000

SETUP = r"""
import json, random
import django
django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
call_command("load_geography", verbosity=0)
call_command("load_demo", verbosity=0)
from sashakt.geography.models import District
from sashakt.people.models import Person
from sashakt.core.text.translit import phonetic_key
rng = random.Random(20261206)
districts = list(District.objects.values_list("pk", flat=True))
FIRST = ["Ram", "Sita", "Mohan", "Geeta", "Suresh", "Kamla", "Rajesh", "Sunita", "Anil", "Pooja"]
LAST = ["Yadav", "Verma", "Singh", "Kumari", "Prasad", "Devi", "Maurya", "Gupta", "Pal", "Rawat"]
DESIG = ["ward_member"] * 5 + ["pradhan"] * 2 + ["bdc_member", "sachiv"]
people = []
for i in range(REGISTRY):
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
    people.append(Person(name=name, name_alt="", gender=rng.choice("MF"),
        mobile=str(8000000000 + i), designation=rng.choice(DESIG),
        district_id=districts[i % len(districts)], name_key=phonetic_key(name)[:150]))
Person.objects.bulk_create(people, batch_size=2000)
User = get_user_model()
def sessions(username, count=SESSIONS):
    user = User.objects.get(username=username)
    keys = []
    for _ in range(count):
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "sashakt.accounts.backends.UsernameOrMobileBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        keys.append(store.session_key)
    return keys
from sashakt.programmes.models import Batch, BatchSession, Programme
from sashakt.nominations.models import Nomination
from sashakt.certificates.models import Certificate
iitk = User.objects.get(username="iitk.coordinator")
mine = Batch.objects.filter(programme__mou__institute=iitk.institute)
batches = list(mine.values_list("pk", flat=True)[:10])
bsessions = BatchSession.objects.filter(batch_id__in=batches)
bsessions = list(bsessions.values_list("pk", flat=True)[:10])
programmes = Programme.objects.filter(mou__institute=iitk.institute)
programmes = list(programmes.values_list("pk", flat=True)[:3])
letters = Nomination.objects.filter(batch_id__in=batches, status__in=["approved", "confirmed"])
letters = list(letters.values_list("pk", flat=True)[:100])  # first views and reprints
numbers = list(Certificate.objects.values_list("number", flat=True)[:10])
dpro = User.objects.get(username="dpro.kanpurnagar")
lgd = dpro.district.lgd_code
# The hall of the day: IIT Kanpur's batch in its third day, BURST people seated, a post-test
# of QUESTIONS questions open now, one signed-in session per participant (for the burst),
# their QR tokens (for the scanning phones) and the sessions' roll-call grids.
import datetime, types
from django.utils import timezone
from sashakt.attendance.tests.factories import hall_make
from sashakt.assessments import services as tests_services
from sashakt.assessments.models import AssessmentKind, QuestionKind
from sashakt.core.roles import Role
from sashakt.nominations.seat_tokens import seat_token
from sashakt.programmes.models import Module
cast = types.SimpleNamespace(
    iitk_institute=iitk.institute, trainer=User.objects.get(username="trainer.demo"),
    dpro_kanpur=dpro, dpro_lucknow=User.objects.get(username="dpro.lucknow"),
    state=User.objects.get(username="state.cell"), kanpur_person=None, lucknow_person=None)
hall, hall_sessions, seated = hall_make(cast, people=BURST, days=5,
    start=timezone.localdate() - datetime.timedelta(days=2), with_personas=False,
    mobile_prefix="71000")
module = Module.objects.create(programme=hall.programme, order=1,
    title_hi="क्षमता: पंचायत के काम", title_en="Capacity: the Panchayat's work")
questions = {}
for q in range(QUESTIONS):
    question = tests_services.question_create(user=iitk, module=module, kind=QuestionKind.SINGLE,
        text_hi=f"प्रश्न {q + 1}: ग्राम सभा की बैठक वर्ष में कितनी बार होनी चाहिए?",
        text_en=f"Question {q + 1}: how often must the Gram Sabha meet in a year?",
        options=[{"text_hi": "एक बार", "text_en": "Once"},
                 {"text_hi": "कम से कम दो बार", "text_en": "At least twice", "is_correct": True},
                 {"text_hi": "कभी नहीं", "text_en": "Never"}])
    questions[question.pk] = list(question.options.values_list("pk", flat=True))
now = timezone.now()
post_test = tests_services.assessment_schedule(user=iitk, batch=hall, kind=AssessmentKind.POST,
    opens_at=now - datetime.timedelta(minutes=5), closes_at=now + datetime.timedelta(hours=8),
    time_limit_minutes=None)
burst_keys = []
for n, nomination in enumerate(seated):
    taker = User.objects.create_user(username=f"burst.{n}", password=None,
        role=Role.PARTICIPANT, person=nomination.person)
    burst_keys.append(sessions(taker.username, 1)[0])
today = [s.pk for s in hall_sessions if s.date == timezone.localdate()]
print(json.dumps({
    "sessions": {role: sessions(name) for role, name in [("state", "state.cell"),
        ("institute", "iitk.coordinator"), ("district", "dpro.kanpurnagar"),
        ("participant", "participant.demo")]},
    "urls": {
        "participant_tests": ["/assessments/mine/"],
        "participant_feedback": ["/feedback/"],
        "hall_session": [f"/attendance/sessions/{pk}/" for pk in bsessions],
        "hall_grid": [f"/attendance/batches/{pk}/" for pk in batches],
        "district_search": [f"/people/?q={q}" for q in FIRST + LAST],
        "district_todo": ["/"],
        "district_report": [f"/dashboard/districts/{lgd}/"],
        "district_batches": ["/nominations/batches/"],
        "institute_batch": [f"/nominations/batches/{pk}/" for pk in batches],
        "joining_letter_pdf": [f"/nominations/{pk}/letter.pdf" for pk in letters],
        "allocation": [f"/nominations/programmes/{pk}/allocation/" for pk in programmes],
        "state_dashboard": ["/dashboard/"],
        "state_drilldown": [
            "/dashboard/districts/162/", "/dashboard/districts/157/", "/dashboard/rgsa/"
        ],
        "public": ["/public/"],
        "verify": ["/verify/"] + [f"/verify/{n}/" for n in numbers],
        "bare": ["/accounts/password/done/"],
        "hall_roll_call": [f"/attendance/sessions/{pk}/" for pk in today],
    },
    "hall": {"sessions": today, "tokens": [seat_token(n) for n in seated],
        "nominations": [n.pk for n in seated]},
    "burst": {"assessment": post_test.pk, "sessions": burst_keys,
        "questions": {str(pk): options for pk, options in questions.items()}},
    "roles": {"participant_tests": "participant", "participant_feedback": "participant",
        "hall_session": "institute", "hall_grid": "institute", "district_search": "district",
        "district_todo": "district", "district_report": "district", "district_batches": "district",
        "institute_batch": "institute", "joining_letter_pdf": "institute",
        "allocation": "state",
        "state_dashboard": "state", "state_drilldown": "state", "public": "", "verify": "",
        "bare": "district", "hall_roll_call": "institute"},
}))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _admin(sql: str) -> None:
    import psycopg

    admin_url = URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql)


def _locust() -> str:
    try:
        import locust  # noqa: F401
    except ImportError:
        requirements = str(HERE / "requirements.txt")
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "-r", requirements],
            check=True,
            timeout=600,
        )
    return str(Path(sys.executable).with_name("locust"))


def _get(url: str, cookie: str = "") -> int:
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={cookie}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except Exception:
        return 0


def _preflight(host: str, plan: dict) -> dict:
    """Open every URL with its role's session: warms the workers, and drops (and names) URLs
    that do not answer 200, so a step measures pages, not error pages."""
    dropped = {}
    for kind, urls in plan["urls"].items():
        role = plan["roles"].get(kind, "")
        cookie = plan["sessions"][role][0] if role else ""
        kept = []
        for url in urls:
            status = _get(host + url, cookie)
            (
                kept.append(url)
                if status == 200
                else dropped.setdefault(kind, []).append(f"{url} {status}")
            )
        plan["urls"][kind] = kept
        # Each worker keeps its own figure cache (no Redis here): warm them all, so that a
        # step measures a running server, not four first renders.
        for _ in range(WORKERS * 3):
            for url in kept[:1]:
                _get(host + url, cookie)
    return dropped


def _settle(host: str) -> None:
    """Wait (at most 120 s) until the server answers at once again: a step that left a queue
    behind (Locust stops its users, the server still serves what they sent) must not count
    against the next."""
    deadline = time.monotonic() + SETTLE_SECONDS
    while time.monotonic() < deadline:
        started = time.monotonic()
        if _get(host + "/healthz") == 200 and time.monotonic() - started < 0.1:
            return
        time.sleep(1)


MIX_CLASSES = [
    "Participant",
    "HallCoordinator",
    "HallScanner",
    "DistrictOfficer",
    "InstituteCoordinator",
    "StateCell",
    "Visitor",
]


def _run_locust(
    locust: str,
    host: str,
    plan_path: Path,
    prefix: Path,
    *,
    users: int,
    spawn_rate: float,
    seconds: int,
    classes: list[str],
    bare: bool = False,
) -> tuple[dict, float]:
    """One headless Locust run; per page kind p50/p95/p99, requests and errors, and rps."""
    env = {**os.environ, "CAPACITY_PLAN": str(plan_path), "CAPACITY_BARE": "1" if bare else "0"}
    subprocess.run(
        [
            locust,
            "-f",
            str(HERE / "capacity_locustfile.py"),
            "--headless",
            "--host",
            host,
            "-u",
            str(users),
            "-r",
            f"{spawn_rate:.2f}",
            "-t",
            f"{seconds}s",
            # The JSON is written once at shutdown with every request counted; the CSV is
            # rewritten each second and missed the last second's requests when the burst's
            # last person ends the run (answers saved but not counted as acknowledged).
            "--json-file",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "ERROR",
            "--stop-timeout",
            "5",
            "--exit-code-on-error",
            "0",
            *classes,
        ],  # fmt: skip
        env=env,
        cwd=ROOT,
        timeout=seconds + 120,
        capture_output=True,
    )
    # Locust's own percentile over its histogram of rounded times, as its reports compute it.
    from locust.stats import calculate_response_time_percentile as percentile

    kinds: dict[str, dict] = {}
    total_requests, first, last = 0, None, None
    for entry in json.loads(Path(f"{prefix}.json").read_text()):
        times = {int(ms): count for ms, count in entry["response_times"].items()}
        requests = entry["num_requests"]
        kinds[entry["name"]] = {
            "p50_ms": float(percentile(times, requests, 0.50)),
            "p95_ms": float(percentile(times, requests, 0.95)),
            "p99_ms": float(percentile(times, requests, 0.99)),
            "requests": requests,
            "errors": entry["num_failures"],
        }
        total_requests += requests
        if entry["start_time"] and entry["last_request_timestamp"]:
            first = min(first or entry["start_time"], entry["start_time"])
            last = max(last or 0, entry["last_request_timestamp"])
    total_rps = total_requests / (last - first) if first and last and last > first else 0.0
    return kinds, total_rps


def _step(locust: str, host: str, plan_path: Path, users: int, bare: bool, work: Path) -> dict:
    _settle(host)
    kinds, total_rps = _run_locust(
        locust,
        host,
        plan_path,
        work / f"{'bare' if bare else 'mix'}-{users}",
        users=users,
        spawn_rate=max(1.0, users / max(1, STEP_SECONDS // 4)),
        seconds=STEP_SECONDS,
        classes=MIX_CLASSES,
        bare=bare,
    )
    ok = bool(kinds) and all(
        k["p95_ms"] <= P95_LIMIT_MS and k["errors"] == 0 for k in kinds.values()
    )
    return {"users": users, "rps": round(total_rps, 1), "ok": ok, "kinds": kinds}


COUNT_ANSWERS = r"""
import json
import django
django.setup()
from sashakt.assessments.models import Answer, Attempt
answers = Answer.objects.filter(attempt__assessment_id=ASSESSMENT).exclude(option_ids=[])
attempts = Attempt.objects.filter(assessment_id=ASSESSMENT)
print(json.dumps({"answers": answers.count(), "attempts": attempts.count(),
    "submitted": attempts.filter(submitted_at__isnull=False).count()}))
"""


def _burst(locust: str, host: str, plan: dict, plan_path: Path, work: Path, env) -> dict:
    """The hall's people open the post-test within BURST_SPAWN_SECONDS and answer it; every
    answer the server acknowledged must be in the database (`lost_answers`)."""
    _settle(host)
    people = len(plan["burst"]["sessions"])
    think_max = max(float(x) for x in BURST_THINK.split(","))
    started = time.monotonic()
    kinds, total_rps = _run_locust(
        locust,
        host,
        plan_path,
        work / "burst",
        users=people,
        spawn_rate=max(0.1, people / max(1, BURST_SPAWN_SECONDS)),
        seconds=int(BURST_SPAWN_SECONDS + (QUESTIONS + 4) * think_max + 60),
        classes=["BurstParticipant"],
    )
    answers = kinds.get("burst_answer", {"requests": 0, "errors": 0})
    acknowledged = answers["requests"] - answers["errors"]
    counted = None
    if env is not None:
        script = f"ASSESSMENT = {plan['burst']['assessment']}\n" + COUNT_ANSWERS
        done = subprocess.run(
            [sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True
        )
        if done.returncode == 0:
            counted = json.loads(done.stdout.strip().splitlines()[-1])
    worst = max((k["p95_ms"] for k in kinds.values()), default=0)
    errors = sum(k["errors"] for k in kinds.values())
    lost = acknowledged - counted["answers"] if counted else None
    return {
        "people": people,
        "questions": QUESTIONS,
        "think_seconds": BURST_THINK,
        "spawn_seconds": BURST_SPAWN_SECONDS,
        "wall_seconds": round(time.monotonic() - started, 1),
        "rps": round(total_rps, 1),
        "p95_ms_worst": worst,
        "errors": errors,
        "answers_acknowledged": acknowledged,
        "answers_in_database": counted and counted["answers"],
        "attempts_submitted": counted and counted["submitted"],
        "lost_answers": lost,
        "ok": bool(kinds) and worst <= BURST_P95_LIMIT_MS and errors == 0 and lost == 0,
        "kinds": kinds,
    }


def _capacity(steps: list[dict]) -> int:
    return max([s["users"] for s in steps if s["ok"]], default=0)


def main() -> None:
    locust = _locust()
    work = Path(tempfile.mkdtemp(prefix="sashakt-bench-capacity-"))
    external = os.environ.get("CAPACITY_HOST")
    server, dropped = None, {}
    name = URL.rsplit("/", 1)[1].split("?")[0]
    try:
        if external:
            host = external.rstrip("/")
            plan = json.loads(Path(os.environ["CAPACITY_PLAN"]).read_text())
        else:
            _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            _admin(f'CREATE DATABASE "{name}"')
            env = {
                **os.environ,
                "DATABASE_URL": URL,
                "SASHAKT_VAR_DIR": str(work),
                "DJANGO_SETTINGS_MODULE": "sashakt.settings",
                "SECRET_KEY": secrets.token_urlsafe(50),
                "DEBUG": "0",
                "DB_CONN_MAX_AGE": "60",
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
            }
            env.pop("REDIS_URL", None)
            subprocess.run(
                [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
                env=env, cwd=ROOT, check=True,
            )  # fmt: skip
            script = (
                f"REGISTRY, SESSIONS, BURST, QUESTIONS = "
                f"{REGISTRY}, {SESSIONS_PER_ROLE}, {BURST}, {QUESTIONS}\n" + SETUP
            )
            done = subprocess.run(
                [sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True
            )
            if done.returncode != 0:
                sys.exit(done.stderr[-3000:])
            plan = json.loads(done.stdout.strip().splitlines()[-1])
            plan["sessions"][""] = []
            port = _free_port()
            host = f"http://127.0.0.1:{port}"
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
                    "--timeout",
                    "60",
                ],  # fmt: skip
                env=env,
                cwd=ROOT,
                # In the bench's own process group (a caller that stops the bench stops the
                # server too) and holding none of its pipes (a caller reading the bench's
                # output to the end must not wait on a server left behind).
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=(work / "gunicorn.log").open("w"),
            )
            for _ in range(300):
                if _get(host + "/healthz") == 200:
                    break
                time.sleep(0.2)
            saved = ROOT / "var" / "bench" / "capacity-plan.json"
            saved.parent.mkdir(parents=True, exist_ok=True)
            saved.write_text(json.dumps(plan, indent=1))
        plan.setdefault("sessions", {}).setdefault("", [])
        dropped = _preflight(host, plan)
        plan_path = work / "plan.json"
        plan_path.write_text(json.dumps(plan))
        load_before = os.getloadavg()[0]
        steps = [_step(locust, host, plan_path, users, False, work) for users in STEPS]
        burst = _burst(locust, host, plan, plan_path, work, None if external else env)
        bare = [_step(locust, host, plan_path, users, True, work) for users in STEPS]
        load_after = os.getloadavg()[0]
    finally:
        if server is not None:
            server.terminate()  # gunicorn's master stops its workers on SIGTERM
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        if not external:
            try:
                _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            except Exception as error:  # noqa: BLE001 - reported, the result still printed
                print(f"could not drop {name}: {error}", file=sys.stderr)
        shutil.rmtree(work, ignore_errors=True)
    capacity, baseline_capacity = _capacity(steps), _capacity(bare)
    worst = max(steps[-1]["kinds"].values(), key=lambda k: k["p95_ms"], default={"p95_ms": 0})
    bare_p95 = max((k["p95_ms"] for k in bare[-1]["kinds"].values()), default=0)
    first_failing = next((s for s in steps if not s["ok"]), None)
    print(
        json.dumps(
            {
                "bench": "capacity",
                "seconds": round(worst["p95_ms"] / 1000, 3),
                "baseline": "bare signed-in page (/accounts/password/done/), same steps",
                "baseline_seconds": round(bare_p95 / 1000, 3),
                "ratio": round(capacity / baseline_capacity, 2) if baseline_capacity else None,
                "capacity_users": capacity,
                "baseline_capacity_users": baseline_capacity,
                "p95_limit_ms": P95_LIMIT_MS,
                "first_failing_step": first_failing
                and {
                    "users": first_failing["users"],
                    "worst_kind": max(
                        first_failing["kinds"].items(),
                        key=lambda item: (item[1]["errors"] > 0, item[1]["p95_ms"]),
                    )[0]
                    if first_failing["kinds"]
                    else None,
                },
                "steps": steps,
                "post_test_burst": burst,
                "baseline_steps": bare,
                "step_seconds": STEP_SECONDS,
                "workers": WORKERS,
                "registry_people": REGISTRY,
                "dropped_urls": dropped,
                "load_average_1min": [round(load_before, 2), round(load_after, 2)],
                "cpus": os.cpu_count(),
                "host": "external" if external else "loopback",
            }
        )
    )


if __name__ == "__main__":
    random.seed(0)
    main()
