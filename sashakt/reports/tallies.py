"""Tallies: the statewide figures counted as records change, not when the page is drawn.

Counting the state dashboard from the records means reducing every one of a million people's
nominations to their furthest stage in each group, five groupings at once: ~11 s of database
time on the statewide benchmark, whatever the indexes. So each person's share of the figures
is kept (`PersonTally`: the cells they count in, with a 0/1 per measure) and the sums of those
shares are kept per cell (`FunnelTally`, `RegistryTally`); the page reads the sums.

How a change reaches the sums:
1. Database triggers (installed after every `migrate`, see `triggers_install`) put the person
   of any row that changed in a way that can move a figure into `TallyPending` -- in the
   writer's own transaction, whatever wrote it (a form, an import's bulk insert, a
   QuerySet.update, a data migration), so no code path can forget to.
2. `fold()` takes pending people a chunk at a time, recounts each one's share from the records,
   and adds the difference (new share - old share) to the sums. Folds run one at a time (an
   advisory lock on PostgreSQL; SQLite writes one transaction at a time anyway). A person
   claimed by a fold and changed again meanwhile is simply pending again: the claim deletes
   the pending row before the records are read, so the writer's trigger waits for the fold to
   commit and then marks the person anew.
3. The state dashboard folds what is pending before reading (a day's work is a few hundred
   people, milliseconds); when more is pending than a page should wait for (after an import of
   thousands, or the first `migrate`), it counts from the records as before and queues a
   fold job, so the figures are never stale.

Only the state cell's unfiltered figures are tallied (the funnel by MoU, institute,
programme, district, designation and the person cube of gender and category; district
coverage; RGSA coverage). Filtered or scoped figures are a district's or an institute's share
and are counted from the records, which is quick at that size.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case, F, Q, Sum, Value, When

from sashakt.core.roles import Role
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.people.models import ELECTED, Person
from sashakt.reports import dashboard_measures
from sashakt.reports.dashboard_measures import STAGE, Filters
from sashakt.reports.models import FunnelTally, PersonTally, RegistryTally, TallyPending

CUBE = "cube"  # the person cube: (gender, category)
# Grouping sets the tallies hold, each named as `dashboard._group_sets` names it.
TALLIED_SETS = ("mou", "institute", "programme", "district", "designation", CUBE)
INT_SETS = {"mou", "institute", "programme", "district"}
FUNNEL_MEASURES = ("nominated", "approved", "confirmed", "completed", "attended", "certified")
LATER_KEYS = ("attended", "certified")
REGISTRY_MEASURES = ("people", "trained", "oriented", "refreshed")
ORIENTATION_DAYS = 183  # as in rgsa.py
REFRESHER_DAYS = 731
CHUNK = 5000
LOCK_KEY = 7_424_011  # PostgreSQL advisory lock: one fold at a time
FOLD_JOB = "reports.tally_fold"


# --- Triggers -------------------------------------------------------------------------------

# Row triggers: (name, table, the column holding the person, columns whose change can move a
# figure). Set triggers: (name, table, the columns, the people concerned, given NEW.id).
ROW_TRIGGERS = [
    (
        "tally_nomination",
        "nominations_nomination",
        "person_id",
        [
            "person_id",
            "status",
            "programme_id",
            "batch_id",
            "district_id",
            "designation",
            "gender",
            "social_category",
            "attended_a_session",
        ],
    ),
    ("tally_certificate", "certificates_certificate", "person_id", ["person_id", "status"]),
    ("tally_person", "people_person", "id", ["district_id", "designation", "term_start"]),
]
SET_TRIGGERS = [
    # RGSA's windows compare a batch's end with the date of election.
    (
        "tally_batch",
        "programmes_batch",
        ["end_date"],
        "SELECT DISTINCT person_id FROM nominations_nomination WHERE batch_id = NEW.id",
    ),
    (
        "tally_programme",
        "programmes_programme",
        ["mou_id"],
        "SELECT DISTINCT person_id FROM nominations_nomination WHERE programme_id = NEW.id",
    ),
    (
        "tally_mou",
        "programmes_mou",
        ["institute_id"],
        "SELECT DISTINCT n.person_id FROM nominations_nomination n JOIN programmes_programme p"
        " ON p.id = n.programme_id WHERE p.mou_id = NEW.id",
    ),
]
PENDING = "reports_tallypending"


def trigger_names() -> list[str]:
    names = []
    for name, *_ in ROW_TRIGGERS:
        names += [f"{name}_insert", f"{name}_delete", f"{name}_update"]
    names += [f"{name}_update" for name, *_ in SET_TRIGGERS]
    return names


def _changed(columns, vendor: str) -> str:
    differs = "IS DISTINCT FROM" if vendor == "postgresql" else "IS NOT"
    return " OR ".join(f"OLD.{c} {differs} NEW.{c}" for c in columns)


def _sqlite_statements() -> list[str]:
    def add(value: str) -> str:
        return f"INSERT OR IGNORE INTO {PENDING} (person_id) {value};"

    statements = []
    for name, table, person, columns in ROW_TRIGGERS:
        statements += [
            f"CREATE TRIGGER IF NOT EXISTS {name}_insert AFTER INSERT ON {table} "
            f"BEGIN {add(f'VALUES (NEW.{person})')} END",
            f"CREATE TRIGGER IF NOT EXISTS {name}_delete AFTER DELETE ON {table} "
            f"BEGIN {add(f'VALUES (OLD.{person})')} END",
            f"CREATE TRIGGER IF NOT EXISTS {name}_update AFTER UPDATE ON {table} "
            f"WHEN {_changed(columns, 'sqlite')} "
            f"BEGIN {add(f'VALUES (OLD.{person})')} {add(f'VALUES (NEW.{person})')} END",
        ]
    for name, table, columns, people in SET_TRIGGERS:
        statements.append(
            f"CREATE TRIGGER IF NOT EXISTS {name}_update AFTER UPDATE ON {table} "
            f"WHEN {_changed(columns, 'sqlite')} BEGIN {add(people)} END"
        )
    return statements


def _postgresql_statements() -> list[str]:
    def add(value: str) -> str:
        return f"INSERT INTO {PENDING} (person_id) {value} ON CONFLICT DO NOTHING;"

    statements = []
    for name, table, person, columns in ROW_TRIGGERS:
        statements += [
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF TG_OP <> 'INSERT' THEN {add(f'VALUES (OLD.{person})')} END IF; "
            f"IF TG_OP <> 'DELETE' THEN {add(f'VALUES (NEW.{person})')} END IF; "
            "RETURN NULL; END $$",
            f"CREATE OR REPLACE TRIGGER {name}_insert AFTER INSERT ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {name}()",
            f"CREATE OR REPLACE TRIGGER {name}_delete AFTER DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {name}()",
            f"CREATE OR REPLACE TRIGGER {name}_update AFTER UPDATE ON {table} "
            f"FOR EACH ROW WHEN ({_changed(columns, 'postgresql')}) EXECUTE FUNCTION {name}()",
        ]
    for name, table, columns, people in SET_TRIGGERS:
        statements += [
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"{add(people)} RETURN NULL; END $$",
            f"CREATE OR REPLACE TRIGGER {name}_update AFTER UPDATE ON {table} "
            f"FOR EACH ROW WHEN ({_changed(columns, 'postgresql')}) EXECUTE FUNCTION {name}()",
        ]
    return statements


def triggers_present(using=None) -> set[str]:
    conn = _connection(using)
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname = ANY(%s)",
                [trigger_names()],
            )
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {row[0] for row in cursor.fetchall()} & set(trigger_names())


def triggers_install(using=None) -> bool:
    """Create the triggers that are missing. Run after every `migrate` (a migration that
    rebuilds a table on SQLite drops its triggers). When any was missing, changes may have
    gone unnoticed, so everyone is marked pending: the tallies are then recounted whole.
    True when something was installed."""
    conn = _connection(using)
    if set(trigger_names()) <= triggers_present(using):
        return False
    statements = _postgresql_statements() if conn.vendor == "postgresql" else _sqlite_statements()
    with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
        _mark_everyone_pending(cursor, conn.vendor)
    return True


def triggers_drop(using=None) -> None:
    conn = _connection(using)
    with conn.cursor() as cursor:
        for name, table, *_ in ROW_TRIGGERS:
            for suffix in ("insert", "delete", "update"):
                on = f" ON {table}" if conn.vendor == "postgresql" else ""
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}_{suffix}{on}")
        for name, table, *_ in SET_TRIGGERS:
            on = f" ON {table}" if conn.vendor == "postgresql" else ""
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}_update{on}")
        if conn.vendor == "postgresql":
            for name, *_ in [*ROW_TRIGGERS, *SET_TRIGGERS]:
                cursor.execute(f"DROP FUNCTION IF EXISTS {name}()")


def _mark_everyone_pending(cursor, vendor: str) -> None:
    people = "SELECT id FROM people_person UNION SELECT person_id FROM reports_persontally"
    if vendor == "postgresql":
        cursor.execute(f"INSERT INTO {PENDING} (person_id) {people} ON CONFLICT DO NOTHING")
    else:
        cursor.execute(f"INSERT OR IGNORE INTO {PENDING} (person_id) {people}")


def _connection(using):
    from django.db import connections

    return connections[using] if using else connection


def rebuild() -> int:
    """Count everyone again from nothing: the tallies are then exact whatever was done to
    them. (Until the fold ends, the dashboard sees that much pending and counts from the
    records.)"""
    with transaction.atomic():
        _lock_folds()
        for model in (FunnelTally, RegistryTally, PersonTally):
            model.objects.all().delete()
        with connection.cursor() as cursor:
            _mark_everyone_pending(cursor, connection.vendor)
    return fold()


# --- Folding --------------------------------------------------------------------------------


def pending_count(limit: int | None = None) -> int:
    """People waiting to be recounted (counting stops at `limit`, if given)."""
    queryset = TallyPending.objects.order_by()
    if limit is not None:
        return len(queryset.values_list("person_id", flat=True)[:limit])
    return queryset.count()


def fold(max_people: int | None = None, progress=None) -> int:
    """Recount the pending people's shares, a chunk per transaction; how many were recounted."""
    done = 0
    while max_people is None or done < max_people:
        size = CHUNK if max_people is None else min(CHUNK, max_people - done)
        with transaction.atomic():
            _lock_folds()
            people = _claim(size)
            if not people:
                break
            _recount(people)
        done += len(people)
        if progress is not None:
            progress(done)
    return done


def _lock_folds() -> None:
    """One fold (or rebuild) at a time, until the transaction ends. SQLite needs nothing:
    its transactions here begin IMMEDIATE, one writer at a time."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def _claim(size: int) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {PENDING} WHERE person_id IN "
            f"(SELECT person_id FROM {PENDING} ORDER BY person_id LIMIT %s) RETURNING person_id",
            [size],
        )
        return [row[0] for row in cursor.fetchall()]


def _funnel_shares(people: list[int]) -> dict[int, dict[str, list[int]]]:
    """{person: {"set:key": [nominated, approved, confirmed, completed, attended, certified]}}:
    in each group, the furthest stage of the person's nominations in it; a later column if
    any of them meets it."""
    later = {
        f"c_{column.key}": Case(When(column.condition(), then=Value(1)), default=Value(0))
        for column in dashboard_measures.LATER_COLUMNS
    }
    rows = (
        Nomination.objects.filter(person_id__in=people)
        .order_by()
        .annotate(stage=STAGE, mou_id=F("programme__mou"), inst=F("programme__mou__institute"))
        .annotate(**later)
        .values_list(
            "person_id",
            "mou_id",
            "inst",
            "programme_id",
            "district_id",
            "designation",
            "gender",
            "social_category",
            "stage",
            *later,
        )
    )
    shares: dict[int, dict[str, list[int]]] = defaultdict(dict)
    for pid, mou, inst, programme, district, designation, gender, category, stage, *flags in rows:
        values = [1, int(stage >= 1), int(stage >= 2), int(stage >= 3), *map(int, flags)]
        cells = shares[pid]
        for name, key in (
            ("mou", mou),
            ("institute", inst),
            ("programme", programme),
            ("district", district),
            ("designation", designation),
            (CUBE, f"{gender}|{category}"),
        ):
            cell = f"{name}:{key}"
            held = cells.get(cell)
            merged = values if held is None else map(max, held, values)
            cells[cell] = list(merged)
    return shares


def _registry_shares(people: list[int]) -> dict[int, dict[str, list[int]]]:
    """{person: {"district:elected:term_start": [1, trained, oriented, refreshed]}}, as
    `dashboard.district_coverage` and `rgsa.rgsa_coverage` count them."""
    completed: dict[int, list] = defaultdict(list)
    for pid, end in (
        Nomination.objects.filter(person_id__in=people, status=NominationStatus.ATTENDED)
        .order_by()
        .values_list("person_id", "batch__end_date")
    ):
        completed[pid].append(end)
    shares = {}
    for pid, district, designation, term_start in (
        Person.objects.filter(pk__in=people)
        .order_by()
        .values_list("pk", "district_id", "designation", "term_start")
    ):
        elected = designation in ELECTED and term_start is not None
        ends = completed.get(pid, [])
        oriented = refreshed = 0
        if elected:
            days = [(end - term_start).days for end in ends if end is not None]
            oriented = int(any(d <= ORIENTATION_DAYS for d in days))
            refreshed = int(sum(d <= REFRESHER_DAYS for d in days) >= 2)
        cell = f"{district}:{int(elected)}:{term_start.isoformat() if elected else ''}"
        shares[pid] = {cell: [1, int(bool(ends)), oriented, refreshed]}
    return shares


def _recount(people: list[int]) -> None:
    funnel = _funnel_shares(people)
    registry = _registry_shares(people)
    old = dict(PersonTally.objects.filter(person_id__in=people).values_list("person_id", "cells"))
    funnel_delta: dict[str, list[int]] = defaultdict(lambda: [0] * len(FUNNEL_MEASURES))
    registry_delta: dict[str, list[int]] = defaultdict(lambda: [0] * len(REGISTRY_MEASURES))
    new = {}
    for pid in people:
        share = {"f": funnel.get(pid, {}), "r": registry.get(pid, {})}
        if share["f"] or share["r"]:
            new[pid] = share
        for held, sign in ((old.get(pid), -1), (share, 1)):
            if not held:
                continue
            for part, delta in (("f", funnel_delta), ("r", registry_delta)):
                for cell, values in held[part].items():
                    total = delta[cell]
                    for i, value in enumerate(values):
                        total[i] += sign * value
    PersonTally.objects.filter(person_id__in=people).delete()
    PersonTally.objects.bulk_create(
        [PersonTally(person_id=pid, cells=share) for pid, share in new.items()], batch_size=2000
    )
    _apply_funnel({cell: d for cell, d in funnel_delta.items() if any(d)})
    _apply_registry({cell: d for cell, d in registry_delta.items() if any(d)})


def _add(table: str, conflict: str, key_columns: list[str], measures, rows: list[list]) -> None:
    """Add each row's measures to its cell, creating the cell when new: one upsert per few
    hundred cells (INSERT ... ON CONFLICT DO UPDATE, on PostgreSQL and SQLite alike)."""
    columns = [*key_columns, *measures]
    added = ", ".join(f"{m} = {table}.{m} + excluded.{m}" for m in measures)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 500):
            part = rows[start : start + 500]
            values = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(part))
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES {values} "
                f"ON CONFLICT ({conflict}) DO UPDATE SET {added}",
                [value for row in part for value in row],
            )


def _apply_funnel(delta: dict[str, list[int]]) -> None:
    rows = [[*cell.split(":", 1), *values] for cell, values in delta.items()]
    _add("reports_funneltally", "dimension, key", ["dimension", "key"], FUNNEL_MEASURES, rows)
    cells = {(name, key) for name, key, *_ in rows}
    names = {name for name, _ in cells}
    emptied = FunnelTally.objects.filter(dimension__in=names, nominated__lte=0)
    emptied.filter(pk__in=[t.pk for t in emptied if (t.dimension, t.key) in cells]).delete()


def _apply_registry(delta: dict[str, list[int]]) -> None:
    rows = []
    for cell, values in delta.items():
        district, elected, term = cell.split(":")
        rows.append([cell, int(district), elected == "1", term or None, *values])
    _add(
        "reports_registrytally",
        "cell",
        ["cell", "district_id", "elected", "term_start"],
        REGISTRY_MEASURES,
        rows,
    )
    RegistryTally.objects.filter(cell__in=list(delta), people__lte=0).delete()


def _queue_fold() -> None:
    from sashakt.core.jobs import job_enqueue
    from sashakt.core.models import Job

    waiting = Job.objects.filter(
        kind=FOLD_JOB, status__in=[Job.Status.QUEUED, Job.Status.RUNNING]
    ).exists()
    if not waiting:
        from django.utils.translation import gettext

        job_enqueue(kind=FOLD_JOB, title=gettext("Counting the dashboard's figures"))


def brought_up_to_date() -> bool:
    """Fold what is pending when a page can wait for it; otherwise queue the fold and say the
    tallies are behind (the page then counts from the records)."""
    limit = settings.TALLY_FOLD_INLINE
    pending = pending_count(limit + 1)
    if pending > limit:
        _queue_fold()
        return False
    if pending:
        fold()
    return True


# --- Reading --------------------------------------------------------------------------------


def serves(user, filters: Filters | None, set_names) -> bool:
    """The tallies answer the state cell's unfiltered figures (and only when up to date)."""
    return (
        getattr(user, "role", None) == Role.STATE
        and user.is_active
        and not (filters and filters.as_query())
        and set(set_names) <= set(TALLIED_SETS)
        and tuple(c.key for c in dashboard_measures.LATER_COLUMNS) == LATER_KEYS
        and brought_up_to_date()
    )


def serves_registry(user) -> bool:
    return getattr(user, "role", None) == Role.STATE and user.is_active and brought_up_to_date()


def counted_sets(set_names) -> dict[str, dict[tuple, dict[str, int]]]:
    """As `dashboard._count_sets` returns them: {set: {group values: measures}}."""
    counted: dict[str, dict] = {name: {} for name in set_names}
    rows = FunnelTally.objects.filter(dimension__in=list(set_names), nominated__gt=0)
    for name, key, *values in rows.values_list("dimension", "key", *FUNNEL_MEASURES):
        if name == CUBE:
            group = tuple(key.split("|", 1))
        elif name in INT_SETS:
            group = (int(key),)
        else:
            group = (key,)
        counted[name][group] = dict(zip(FUNNEL_MEASURES, values, strict=True))
    return counted


def registry_by_district() -> dict[int, tuple[int, int]]:
    """{district: (people in the registry, people who completed a batch)}."""
    rows = (
        RegistryTally.objects.order_by()
        .values_list("district_id")
        .annotate(people=Sum("people"), trained=Sum("trained"))
    )
    return {district: (people, trained) for district, people, trained in rows}


def rgsa_by_district(today: datetime.date) -> list[tuple]:
    """(district, orientation due, oriented, refresher due, refreshed, overdue) per district
    with elected people, as `rgsa.rgsa_coverage` counts them."""
    orientation_closed = today - datetime.timedelta(days=ORIENTATION_DAYS)
    refresher_closed = today - datetime.timedelta(days=REFRESHER_DAYS)

    def where(condition: Q, value) -> Sum:
        return Sum(Case(When(condition, then=value), default=Value(0)))

    due = Q(term_start__lte=orientation_closed)
    refresh_due = Q(term_start__lte=refresher_closed)
    rows = (
        RegistryTally.objects.filter(elected=True)
        .order_by("district_id")
        .values_list("district_id")
        .annotate(
            orientation_due=where(due, F("people")),
            oriented_=where(due, F("oriented")),
            refresher_due=where(refresh_due, F("people")),
            refreshed_=where(refresh_due, F("refreshed")),
            overdue=where(Q(term_start__lt=orientation_closed), F("people") - F("trained")),
        )
    )
    return [(row[0], *(int(v or 0) for v in row[1:])) for row in rows]


def differences() -> list[str]:
    """Where the tallies disagree with a count from the records (empty when they agree): for
    `manage.py tallies --check` and the tests."""
    from django.contrib.auth import get_user_model

    from sashakt.reports import dashboard, rgsa

    state = get_user_model()(role=Role.STATE, is_active=True)
    found = []
    sets = dashboard._group_sets([None, *(n for n in TALLIED_SETS if n != CUBE)])
    live = dashboard._count_sets(state, None, sets, tallied=False)
    tallied = counted_sets(list(sets))
    for name in TALLIED_SETS:
        if live[name] != tallied[name]:
            found.append(f"funnel by {name}")
    live_people = dashboard.people_by_district(state)
    if live_people != registry_by_district():
        found.append("district coverage")
    today = datetime.date.today()
    live_rgsa = [
        (r.district_id, r.orientation_due, r.oriented, r.refresher_due, r.refreshed, r.overdue)
        for r in rgsa.rgsa_coverage(state, today, tallied=False)
    ]
    if live_rgsa != rgsa_by_district(today):
        found.append("RGSA coverage")
    return found
