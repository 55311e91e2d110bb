"""State dashboard and a district report on a statewide dataset in PostgreSQL.

    make bench ONLY=dashboard
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/sashakt_bench make bench ONLY=dashboard

Generates (once; kept between runs, regenerated only when the sizes change) 1,000,000 people
over UP's 75 districts, 40,000 batches of 30 at ten institutes (ten sessions each),
1,200,000 nominations, 10,000,000 attendance marks in attendance's own table (ten for each of
the first million nominations) and a certificate for every completed nomination: people,
batches and nominations written with COPY, sessions, marks and certificates by INSERT ...
SELECT in the database. The dashboard's "attended" and "certified" columns read those marks
and certificates. The baseline is one `SELECT count(*)` over the marks in the same run.

Times are of the page as the server renders it (Django's test client, real middleware and
templates): `state_cold_ms` with the figure cache emptied, so every figure is counted again
(the page was rendered once before, so PostgreSQL's buffers and the operating system's
cache hold the tables: neither can be emptied from here), `state_warm_ms` and
`district_warm_ms` the median of five renders with the figures cached.
`state_cold_after_changes_ms` is a cold render after 1,000 nominations changed (the page
first recounts those people's share of the tallies; see sashakt/reports/dashboards/tallies.py).
`state_cold_db_cpu_s` is the CPU time the database server process spent on the cold render
(read from /proc when PostgreSQL runs on this machine, else null): on a shared machine it
varies far less than the wall-clock time.
"""

import io
import json
import os
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/sashakt_bench"
URL = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
PEOPLE = int(os.environ.get("BENCH_PEOPLE", "1000000"))
BATCHES = int(os.environ.get("BENCH_BATCHES", "40000"))
SEATS = 30
MARKS_PER_NOMINATION = 10  # five days, two sessions a day
CHANGED = 1000  # nominations changed before the second cold render
SEED = 20250826
INSTITUTES = 10
PROGRAMMES_PER_INSTITUTE = 2
DESIGNATIONS = (
    ["ward_member"] * 50
    + ["pradhan"] * 20
    + ["bdc_member"] * 12
    + ["sachiv"] * 8
    + ["zp_member"] * 3
    + ["ado_panchayat", "bdo", "kp_pramukh", "ama", "other", "dpro", "zp_adhyaksh"]
)
CATEGORIES = ["SC"] * 21 + ["ST"] * 2 + ["OBC"] * 40 + ["GEN"] * 30 + [""] * 7


def ensure_database() -> None:
    import psycopg

    name = URL.rsplit("/", 1)[1].split("?")[0]
    admin_url = URL.rsplit("/", 1)[0] + "/postgres"
    try:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        print(f"PostgreSQL is not reachable at {URL}: {error}".strip(), file=sys.stderr)
        sys.exit(1)


def setup_django() -> None:
    os.environ["DATABASE_URL"] = URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sashakt.settings")
    os.environ.setdefault("SASHAKT_VAR_DIR", str(REPO / "var" / "bench"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from sashakt.test import ensure_geography

    ensure_geography()


def _copy_value(value) -> str:
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, (list, dict)):
        value = json.dumps(value)
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _copy(cursor, table: str, columns: list[str], lines) -> None:
    """COPY `lines` (tab-separated, in `columns`' order) into `table`. The model's other
    columns that may not be null get their default, read from the model: columns added after
    this bench was written must not break it (they did: `left_office_why`)."""
    from django.apps import apps

    model = next(m for m in apps.get_models() if m._meta.db_table == table)
    extra = [
        field
        for field in model._meta.concrete_fields
        if field.column not in columns
        and not field.null
        and not field.primary_key
        and (field.has_default() or field.empty_strings_allowed)
    ]
    suffix = "".join("\t" + _copy_value(field.get_default()) for field in extra)
    columns = columns + [field.column for field in extra]
    if suffix:
        lines = (line[:-1] + suffix + "\n" for line in lines)
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        buffer = io.StringIO()
        for count, line in enumerate(lines, start=1):
            buffer.write(line)
            if count % 50000 == 0:
                copy.write(buffer.getvalue())
                buffer = io.StringIO()
        copy.write(buffer.getvalue())


def generate() -> None:
    from django.db import connection, transaction

    from sashakt.attendance.attended_flag import nominations_attended_refresh
    from sashakt.geography.models import District
    from sashakt.nominations.services import nominations_follow_people
    from sashakt.programmes.models import Institute, MoU, Programme, Venue

    signature = f"{PEOPLE}:{BATCHES}:{SEATS}:{MARKS_PER_NOMINATION}:v2"
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value text NOT NULL)"
        )
        cursor.execute("SELECT value FROM bench_meta WHERE key = 'dashboard'")
        row = cursor.fetchone()
    if row and row[0] == signature:
        return
    started = time.perf_counter()
    print(f"generating the statewide dataset ({signature}) ...", file=sys.stderr)
    rng = random.Random(SEED)
    districts = list(District.objects.order_by("lgd_code").values_list("pk", flat=True))
    now = datetime(2026, 11, 1, 10, 0).isoformat() + "+05:30"
    with transaction.atomic(), connection.cursor() as django_cursor:
        cursor = django_cursor.cursor
        # v1 kept its marks in a table of its own, before attendance existed.
        cursor.execute("DROP TABLE IF EXISTS bench_attendance_mark")
        # The tables are read from the models, not written out: a list by hand named
        # reports_persontally after that table was gone, and failed on every fresh database.
        cursor.execute(f"TRUNCATE {', '.join(_generated_tables())} CASCADE")
        programmes = []
        for i in range(INSTITUTES):
            institute = Institute.objects.create(
                short_name=f"Bench {i}",
                name_en=f"Bench institute {i}",
                name_hi=f"बेंच संस्थान {i}",
                city="Lucknow",
            )
            venue = Venue.objects.create(institute=institute, name="Campus", room_capacity=SEATS)
            mou = MoU.objects.create(
                institute=institute,
                title="Statewide RGSA training",
                signed_on=date(2024, 4, 1),
                valid_from=date(2024, 4, 1),
                valid_until=date(2027, 3, 31),
                target_people=120000,
            )
            for p in range(PROGRAMMES_PER_INSTITUTE):
                programme = Programme.objects.create(
                    mou=mou, title_hi=f"कार्यक्रम {i}-{p}", title_en=f"Programme {i}-{p}"
                )
                programmes.append((programme.pk, venue.pk))

        person_columns = [
            "name", "name_alt", "gender", "mobile", "designation", "district_id",
            "gram_panchayat_name", "email", "social_category", "term_start", "name_key",
            "needs_place_review", "is_demo", "created_at", "updated_at",
        ]  # fmt: skip
        person_district, person_designation, person_copies = [], [], []

        def people():
            for i in range(PEOPLE):
                district = districts[i % len(districts)]
                designation = rng.choice(DESIGNATIONS)
                person_district.append(district)
                person_designation.append(designation)
                term = date(2021, 1, 1) + timedelta(days=rng.randrange(0, 2000))
                gender = "F" if rng.random() < 0.44 else "M"
                category = rng.choice(CATEGORIES)
                person_copies.append(f"{gender}\t{category}")
                yield (
                    f"Person {i}\tव्यक्ति {i}\t{gender}\t"
                    f"{7000000000 + i}\t{designation}\t{district}\t\t\t"
                    f"{category}\t{term.isoformat()}\tperson{i}\tf\tf\t{now}\t{now}\n"
                )

        _copy(cursor, "people_person", person_columns, people())
        cursor.execute("SELECT min(id) FROM people_person")
        first_person = cursor.fetchone()[0]

        past = min(BATCHES, -(-PEOPLE // SEATS))  # batches before today: everyone once
        batch_columns = [
            "programme_id", "number", "venue_id", "start_date", "end_date", "capacity",
            "status", "published", "reporting_time", "what_to_bring", "created_at", "updated_at",
        ]  # fmt: skip
        numbers: dict[int, int] = {}

        def batches():
            for b in range(BATCHES):
                programme, venue = programmes[b % len(programmes)]
                numbers[programme] = numbers.get(programme, 0) + 1
                if b < past:
                    start = date(2022, 1, 3) + timedelta(days=(b * 1700) // past)
                    status = "completed"
                else:
                    start = date(2026, 12, 7) + timedelta(days=(b - past) % 300)
                    status = "open"
                yield (
                    f"{programme}\t{numbers[programme]}\t{venue}\t{start}\t"
                    f"{start + timedelta(days=4)}\t{SEATS}\t{status}\tt\t09:00:00\t\t{now}\t{now}\n"
                )

        _copy(cursor, "programmes_batch", batch_columns, batches())
        cursor.execute("SELECT id, programme_id FROM programmes_batch ORDER BY id")
        batch_rows = cursor.fetchall()

        nomination_columns = [
            "programme_id", "batch_id", "person_id", "district_id", "designation", "status",
            "seat", "reason", "previously_trained", "unavailable_weeks", "created_at",
            "updated_at", "gender", "social_category", "attended_a_session",
        ]  # fmt: skip

        def nominations():
            for b, (batch_id, programme_id) in enumerate(batch_rows):
                for seat in range(1, SEATS + 1):
                    index = (b * SEATS + seat - 1) % PEOPLE
                    roll = rng.random()
                    if b < past:
                        status = (
                            "attended"
                            if roll < 0.8
                            else ("declined" if roll < 0.9 else "withdrawn")
                        )
                        seat_value = r"\N"
                    else:
                        status = (
                            "approved"
                            if roll < 0.5
                            else ("confirmed" if roll < 0.9 else "nominated")
                        )
                        seat_value = seat if status != "nominated" else r"\N"
                    yield (
                        f"{programme_id}\t{batch_id}\t{first_person + index}\t"
                        f"{person_district[index]}\t{person_designation[index]}\t{status}\t"
                        f"{seat_value}\t\tf\t[]\t{now}\t{now}\t{person_copies[index]}\t"
                        f"{'t' if b * SEATS + seat <= PEOPLE else 'f'}\n"  # marked below
                    )

        _copy(cursor, "nominations_nomination", nomination_columns, nominations())
        _sessions_marks_certificates(cursor, now)
        # The copies every nomination keeps (the person's gender and category; "attended a
        # session": the first PEOPLE nominations have marks, most of them present) were
        # written above, so that no row is rewritten; the app's own mending services check
        # them and must find nothing to mend.
        mended = nominations_follow_people() + nominations_attended_refresh()
        assert mended == 0, f"{mended} nominations' copies were wrong"
        cursor.execute(
            "INSERT INTO bench_meta VALUES ('dashboard', %s) "
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            [signature],
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"generated in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def _generated_tables() -> list[str]:
    """Every table of the apps whose rows this bench generates (and of the tallies counted
    from them), as the models name them today."""
    from django.apps import apps

    return [
        model._meta.db_table
        for label in ("people", "programmes", "nominations", "reports")
        for model in apps.get_app_config(label).get_models()
        if model._meta.managed and not model._meta.proxy
    ]


def _sessions_marks_certificates(cursor, now: str) -> None:
    """Ten sessions per batch (five days, two a day), ten marks for each of the first PEOPLE
    nominations (present, but one absence and one late arrival in ten), and a valid
    certificate for every completed nomination. The ids are consistent by construction, so
    the marks skip the per-row foreign-key triggers (session_replication_role, for this
    transaction only): ten million trigger calls would double the generation time."""
    cursor.execute(
        "INSERT INTO programmes_batchsession (batch_id, date, starts_at, minutes, title_en,"
        " title_hi, method, resource_person)"
        " SELECT b.id, b.start_date + s / 2, CASE WHEN s %% 2 = 0 THEN time '10:00'"
        " ELSE time '14:00' END, 90, 'Session ' || (s + 1), '', 'lecture', ''"
        " FROM programmes_batch b CROSS JOIN generate_series(0, %s - 1) s ORDER BY b.id, s",
        [MARKS_PER_NOMINATION],
    )
    cursor.execute("SET LOCAL session_replication_role = replica")
    cursor.execute(
        "INSERT INTO attendance_mark (nomination_id, session_id, status, arrived_at, left_at,"
        " method, marked_by_id, marked_at, client_id, updated_at)"
        " SELECT n.id, s.id, m.status, CASE WHEN m.status = 'late' THEN time '10:20' END,"
        " NULL, 'grid', NULL, %s, '', %s"
        " FROM (SELECT id, batch_id FROM nominations_nomination ORDER BY id LIMIT %s) n"
        " JOIN programmes_batchsession s ON s.batch_id = n.batch_id"
        " CROSS JOIN LATERAL (SELECT CASE (n.id + s.id) %% 10 WHEN 8 THEN 'absent'"
        " WHEN 9 THEN 'late' ELSE 'present' END AS status) m",
        [now, now, PEOPLE],
    )
    cursor.execute("SET LOCAL session_replication_role = DEFAULT")
    cursor.execute(
        "INSERT INTO certificates_certificate (number, nomination_id, person_id, batch_id,"
        " programme_id, institute_id, district_id, name_hi, name_en, designation, place_hi,"
        " place_en, hours, status, issued_at, reason)"
        " SELECT lpad(n.id::text, 10, '0'), n.id, n.person_id, n.batch_id, n.programme_id,"
        " m.institute_id, n.district_id, p.name_alt, p.name, n.designation, '', '', 30,"
        " 'valid', %s, ''"
        " FROM nominations_nomination n JOIN people_person p ON p.id = n.person_id"
        " JOIN programmes_programme g ON g.id = n.programme_id"
        " JOIN programmes_mou m ON m.id = g.mou_id WHERE n.status = 'attended'",
        [now],
    )


def backend_cpu_seconds(connection) -> float | None:
    """CPU seconds (user + system) of this connection's PostgreSQL server process so far."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # the database runs elsewhere
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def recount_tallies() -> tuple[int, float]:
    """Fold what the triggers marked (everyone, after generating or after the tallies' first
    migrate): (people recounted, seconds)."""
    from sashakt.reports.dashboards import tallies

    started = time.perf_counter()
    done = tallies.fold()
    seconds = time.perf_counter() - started
    if done:
        print(f"tallies: {done} people recounted in {seconds:.0f} s", file=sys.stderr)
    return done, seconds


def change_and_restore(count: int):
    """A day's work at scale: `count` nominations completed or undone (status flipped between
    completed and did-not-complete). Returns the function that puts them back."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, status FROM nominations_nomination WHERE status IN "
            "('attended', 'incomplete') ORDER BY id DESC LIMIT %s",
            [count],
        )
        rows = cursor.fetchall()
        flip = {"attended": "incomplete", "incomplete": "attended"}
        for_status = {}
        for pk, status in rows:
            for_status.setdefault(flip[status], []).append(pk)
        for status, ids in for_status.items():
            cursor.execute(
                "UPDATE nominations_nomination SET status = %s WHERE id = ANY(%s)", [status, ids]
            )

    def restore() -> None:
        with connection.cursor() as cursor:
            for pk, status in rows:
                cursor.execute(
                    "UPDATE nominations_nomination SET status = %s WHERE id = %s", [status, pk]
                )

    return restore


def main() -> None:
    ensure_database()
    setup_django()
    generate()
    recounted, recount_seconds = recount_tallies()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from sashakt.core.roles import Role
    from sashakt.geography.models import District

    setup_test_environment()
    from django.contrib.auth import get_user_model

    User = get_user_model()  # noqa: N806 - a class
    state, _ = User.objects.get_or_create(username="bench.state", defaults={"role": Role.STATE})
    lucknow = District.objects.get(lgd_code=162)
    dpro, _ = User.objects.get_or_create(
        username="bench.dpro.lucknow", defaults={"role": Role.DISTRICT, "district": lucknow}
    )
    client = Client(HTTP_HOST="127.0.0.1")

    def get(url: str) -> None:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    client.force_login(state)
    get("/dashboard/")  # a warm process: templates compiled, the map projected
    cache.clear()
    cpu_before = backend_cpu_seconds(connection)
    state_cold = timed(lambda: get("/dashboard/"))
    cpu_after = backend_cpu_seconds(connection)
    state_cold_cpu = cpu_after - cpu_before if cpu_before is not None else None
    state_warm = statistics.median(timed(lambda: get("/dashboard/")) for _ in range(5))
    # Cold again after 1,000 people's nominations changed: the page first recounts them.
    restore = change_and_restore(CHANGED)
    cache.clear()
    state_after_changes = timed(lambda: get("/dashboard/"))
    restore()
    recount_tallies()
    client.force_login(dpro)
    district_cold = timed(lambda: get("/dashboard/districts/162/"))
    district_warm = statistics.median(
        timed(lambda: get("/dashboard/districts/162/")) for _ in range(5)
    )
    with connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute("SELECT count(*) FROM attendance_mark")
        marks = cursor.fetchone()[0]
        baseline = time.perf_counter() - started
        cursor.execute("SELECT count(*) FROM people_person")
        people = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM nominations_nomination")
        nominations = cursor.fetchone()[0]
    seconds = state_cold / 1000
    print(
        json.dumps(
            {
                "bench": "dashboard",
                "seconds": round(seconds, 3),
                "baseline": "SELECT count(*) over the attendance marks",
                "baseline_seconds": round(baseline, 3),
                "ratio": round(baseline / seconds, 3) if seconds else None,
                "state_cold_ms": round(state_cold),
                "state_cold_db_cpu_s": state_cold_cpu and round(state_cold_cpu, 2),
                "state_warm_ms": round(state_warm, 1),
                "state_cold_after_changes_ms": round(state_after_changes),
                "changed_nominations": CHANGED,
                "tallies_recounted_at_start": recounted,
                "tallies_recount_s": round(recount_seconds, 1),
                "district_cold_ms": round(district_cold),
                "district_warm_ms": round(district_warm, 1),
                "people": people,
                "nominations": nominations,
                "attendance_marks": marks,
            }
        )
    )


if __name__ == "__main__":
    main()
