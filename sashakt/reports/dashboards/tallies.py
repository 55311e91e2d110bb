"""Tallies: the statewide figures counted as records change, not when the page is drawn.

Counting the state dashboard from the records means reducing every one of a million people's
nominations to their furthest stage in each group, five groupings at once: ~11 s of database
time on the statewide benchmark, whatever the indexes. So each person's share of the figures
is kept (`PersonFunnelCell`, `PersonRegistry`: the cells they count in, with a 0/1 per
measure) and the sums of those shares are kept per cell (`FunnelTally`, `RegistryTally`); the
page reads the sums.

How a change reaches the sums:
1. Database triggers (installed after every `migrate`, see `tally_triggers.py`) put the person
   of any row that changed in a way that can move a figure into `TallyPending` -- in the
   writer's own transaction, whatever wrote it (a form, an import's bulk insert, a
   QuerySet.update, a data migration), so no code path can forget to.
2. `fold()` takes pending people a chunk at a time and, in the database (INSERT ... SELECT
   and upserts; no row is counted in Python), takes their old share away from the sums,
   counts their new share from the records, keeps it and adds it. Folds run one at a time (an
   advisory lock on PostgreSQL; SQLite writes one transaction at a time anyway). A person
   claimed by a fold and changed again meanwhile is simply pending again: the claim deletes
   the pending row before the records are read, and the trigger's upsert locks that row, so
   a writer waits for the fold to commit and then marks the person anew; a row a writer holds
   is skipped by the claim and left for the next fold.
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
from contextlib import contextmanager

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case, F, Q, Sum, Value, When
from django.utils.translation import gettext

from sashakt.core.jobs import job_enqueue
from sashakt.core.models import Job
from sashakt.core.roles import Role
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.people.models import ELECTED
from sashakt.reports.dashboards import measures as dashboard_measures
from sashakt.reports.dashboards.measures import (
    ORIENTATION_DAYS,
    REFRESHER_DAYS,
    STAGE,
    Filters,
    days_from_election,
)
from sashakt.reports.dashboards.tally_triggers import PENDING, mark_everyone_pending
from sashakt.reports.models import (
    FunnelTally,
    PersonFunnelCell,
    PersonRegistry,
    RegistryTally,
    TallyPending,
)

CUBE = "cube"  # the person cube: (gender, category)
# Grouping sets the tallies hold, each named as `figures.group_sets` names it.
TALLIED_SETS = ("mou", "institute", "programme", "district", "designation", CUBE)
INT_SETS = {"mou", "institute", "programme", "district"}
FUNNEL_MEASURES = ("nominated", "approved", "confirmed", "completed", "attended", "certified")
LATER_KEYS = ("attended", "certified")
REGISTRY_MEASURES = ("people", "trained", "oriented", "refreshed")
CHUNK = 5000
ANALYZE_AFTER = 50_000  # people recounted in one fold before the tables' statistics are renewed
LOCK_KEY = 7_424_011  # PostgreSQL advisory lock: one fold at a time
FOLD_JOB = "reports.tally_fold"


def rebuild() -> int:
    """Count everyone again from nothing: the tallies are then exact whatever was done to
    them. (Until the fold ends, the dashboard sees that much pending and counts from the
    records.)"""
    with transaction.atomic():
        _lock_folds()
        for model in (FunnelTally, RegistryTally, PersonFunnelCell, PersonRegistry):
            model.objects.all().delete()
        with connection.cursor() as cursor:
            mark_everyone_pending(cursor)
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
        with transaction.atomic(), _by_person():
            _lock_folds()
            people = _claim(size)
            if not people:
                break
            _recount(people)
        done += len(people)
        if progress is not None:
            progress(done)
    if done >= ANALYZE_AFTER and connection.vendor == "postgresql":
        # The per-person tables grew or changed wholesale: without fresh statistics the
        # planner takes them for empty and scans them whole for each chunk's people.
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE reports_personfunnelcell, reports_personregistry, "
                "reports_registrytally, reports_funneltally"
            )
    return done


@contextmanager
def _by_person():
    """On PostgreSQL, every statement of a recount reads a chunk's people by index: say so
    for this transaction (tables filled since the last ANALYZE look empty to the planner,
    which would then scan millions of rows per chunk), and put the setting back after."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan')")
        before = cursor.fetchone()[0]
        cursor.execute("SELECT set_config('enable_seqscan', 'off', true)")
    yield  # on an error the rollback puts the setting back
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [before])


def _lock_folds() -> None:
    """One fold (or rebuild) at a time, until the transaction ends. SQLite needs nothing:
    its transactions here begin IMMEDIATE, one writer at a time."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def _claim(size: int) -> list[int]:
    """Take up to `size` pending people, deleting their rows before their records are read.
    On PostgreSQL, rows a writer holds (changing that person right now) are skipped: they
    are folded next time, and the fold never waits for a writer (so the two cannot
    deadlock)."""
    skip = " FOR UPDATE SKIP LOCKED" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {PENDING} WHERE person_id IN (SELECT person_id FROM {PENDING} "
            f"ORDER BY person_id LIMIT %s{skip}) RETURNING person_id",
            [size],
        )
        return [row[0] for row in cursor.fetchall()]


def _ids(people: list[int]) -> tuple[str, list]:
    """`IN (...)` for the chunk's people, as SQL and parameters."""
    return "(" + ", ".join(["%s"] * len(people)) + ")", list(people)


def _upsert_sums(cursor, table: str, conflict: str, keys: str, measures, source, sign=1):
    """Add (sign 1) or take away (sign -1) the sums of `source`'s rows, grouped by `keys`,
    to the cells of `table`: one INSERT ... ON CONFLICT DO UPDATE (PostgreSQL and SQLite)."""
    source_sql, params = source
    added = ", ".join(f"{m} = {table}.{m} + excluded.{m}" for m in measures)
    summed = ", ".join(f"{sign} * SUM({m})" for m in measures)
    # "WHERE true" lets SQLite's parser tell the upsert's ON CONFLICT from a join's ON.
    cursor.execute(
        f"INSERT INTO {table} ({keys}, {', '.join(measures)}) SELECT {keys}, {summed} "
        f"FROM ({source_sql}) s WHERE true GROUP BY {keys} "
        f"ON CONFLICT ({conflict}) DO UPDATE SET {added}",
        params,
    )


def _new_funnel_cells(people: list[int]) -> tuple[str, list]:
    """SELECT (person_id, dimension, key, the six measures as 0/1) for the people: in each
    group of each tallied grouping, the furthest stage of their nominations in it and
    whether any of them meets a later column -- reduced by the database."""
    later = {
        f"c_{column.key}": Case(When(column.condition(), then=Value(1)), default=Value(0))
        for column in dashboard_measures.LATER_COLUMNS
    }
    keys = {
        "k_mou": F("programme__mou"),
        "k_institute": F("programme__mou__institute"),
        "k_programme": F("programme"),
        "k_district": F("district"),
        "k_designation": F("designation"),
        "k_gender": F("gender"),
        "k_category": F("social_category"),
    }
    nominations = (
        Nomination.objects.filter(person_id__in=people)
        .order_by()
        .annotate(pid=F("person"), stage=STAGE, **keys, **later)
        .values("pid", "stage", *keys, *later)
    )
    sql, params = nominations.query.sql_with_params()
    measures = ", ".join(
        f"{value} AS {measure}"
        for value, measure in zip(
            [
                "1",
                *(f"MAX(CASE WHEN stage >= {stage} THEN 1 ELSE 0 END)" for stage in (1, 2, 3)),
                *(f"MAX({name})" for name in later),
            ],
            FUNNEL_MEASURES,
            strict=True,
        )
    )
    grouped = [
        (name, f"CAST(k_{name} AS TEXT)", f"k_{name}")
        for name in ("mou", "institute", "programme", "district")
    ]
    grouped += [
        ("designation", "k_designation", "k_designation"),
        (CUBE, "k_gender || '|' || k_category", "k_gender, k_category"),
    ]
    selects = " UNION ALL ".join(
        f"SELECT pid AS person_id, '{name}' AS dimension, {key} AS key, {measures} "
        f"FROM n GROUP BY pid, {group}"
        for name, key, group in grouped
    )
    return f"WITH n AS ({sql}) {selects}", list(params)


def _new_registry_rows(people: list[int]) -> tuple[str, list]:
    """SELECT (person_id, cell, district, elected, date of election, 1, trained, oriented,
    refreshed) for the people, as `figures.district_coverage` and `rgsa.rgsa_coverage`
    count them."""
    in_people, params = _ids(people)
    days = days_from_election(connection.vendor)
    elected_in = ", ".join(["%s"] * len(ELECTED))
    completed = (
        "FROM nominations_nomination n JOIN programmes_batch b ON b.id = n.batch_id "
        "WHERE n.person_id = p.id AND n.status = %s"
    )
    attended = NominationStatus.ATTENDED.value
    sql = f"""
        SELECT person_id,
               CAST(district_id AS TEXT) || ':' || (CASE WHEN elected THEN '1' ELSE '0' END)
                   || ':' || COALESCE(CAST(term_start AS TEXT), '') AS cell,
               district_id, elected, term_start, 1 AS people, trained,
               CASE WHEN in_orientation > 0 THEN 1 ELSE 0 END AS oriented,
               CASE WHEN in_refresher >= 2 THEN 1 ELSE 0 END AS refreshed
        FROM (
            SELECT p.id AS person_id, p.district_id,
                   (p.designation IN ({elected_in}) AND p.term_start IS NOT NULL) AS elected,
                   CASE WHEN p.designation IN ({elected_in}) THEN p.term_start END
                       AS term_start,
                   CASE WHEN EXISTS (SELECT 1 FROM nominations_nomination t
                                     WHERE t.person_id = p.id AND t.status = %s)
                        THEN 1 ELSE 0 END AS trained,
                   (SELECT COUNT(*) {completed} AND {days} <= %s) AS in_orientation,
                   (SELECT COUNT(*) {completed} AND {days} <= %s) AS in_refresher
            FROM people_person p WHERE p.id IN {in_people}
        ) r
    """
    elected = sorted(str(d) for d in ELECTED)
    return sql, [
        *elected,
        *elected,
        attended,
        attended,
        ORIENTATION_DAYS,
        attended,
        REFRESHER_DAYS,
        *params,
    ]


def _recount(people: list[int]) -> None:
    """Take the people's old share away from the sums, count their new share (in the
    database), keep it, and add it: nothing is counted in Python."""
    in_people, ids = _ids(people)
    with connection.cursor() as cursor:
        for sums, conflict, keys, measures, shares, new_shares in (
            (
                FunnelTally,
                "dimension, key",
                "dimension, key",
                FUNNEL_MEASURES,
                PersonFunnelCell,
                _new_funnel_cells,
            ),
            (
                RegistryTally,
                "cell",
                "cell, district_id, elected, term_start",
                REGISTRY_MEASURES,
                PersonRegistry,
                _new_registry_rows,
            ),
        ):
            table, shares_table = sums._meta.db_table, shares._meta.db_table
            held = (f"SELECT * FROM {shares_table} WHERE person_id IN {in_people}", ids)
            _upsert_sums(cursor, table, conflict, keys, measures, held, sign=-1)
            cursor.execute(f"DELETE FROM {shares_table} WHERE person_id IN {in_people}", ids)
            columns = f"person_id, {keys}, {', '.join(measures)}"
            new_sql, new_params = new_shares(people)
            cursor.execute(
                f"INSERT INTO {shares_table} ({columns}) SELECT {columns} FROM ({new_sql}) s",
                new_params,
            )
            _upsert_sums(cursor, table, conflict, keys, measures, held, sign=1)
        cursor.execute(f"DELETE FROM {FunnelTally._meta.db_table} WHERE nominated <= 0")
        cursor.execute(f"DELETE FROM {RegistryTally._meta.db_table} WHERE people <= 0")


def _queue_fold() -> None:
    waiting = Job.objects.filter(
        kind=FOLD_JOB, status__in=[Job.Status.QUEUED, Job.Status.RUNNING]
    ).exists()
    if not waiting:
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
        not (filters and (filters.as_query() or filters.until))
        and set(set_names) <= set(TALLIED_SETS)
        and tuple(c.key for c in dashboard_measures.LATER_COLUMNS) == LATER_KEYS
        and serves_registry(user)
    )


def serves_registry(user) -> bool:
    """The tallies answer the state cell's coverage figures (when up to date)."""
    return getattr(user, "role", None) == Role.STATE and user.is_active and brought_up_to_date()


def counted_sets(set_names) -> dict[str, dict[tuple, dict[str, int]]]:
    """As `figures.count_sets` returns them: {set: {group values: measures}}."""
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
