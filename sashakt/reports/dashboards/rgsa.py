"""RGSA coverage: orientation within 6 months of election, a refresher within 2 years.

Counted by the database over the elected representatives (with a date of election) the user
may see. "Within 6 months" is within 183 days of the date of election and "within 2 years"
within 731 days, so the comparison stays a date sum the database does (SQLite and
PostgreSQL alike). A refresher is a second completed batch inside the two years.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import (
    DateField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    QuerySet,
)
from django.utils import timezone

from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.people.models import ELECTED, Person
from sashakt.people.selectors import people_for_user
from sashakt.reports.dashboards import tallies
from sashakt.reports.dashboards.measures import (
    ORIENTATION_DAYS,
    REFRESHER_DAYS,
    days_from_election,
)


def _by(days: int):
    return ExpressionWrapper(
        OuterRef("term_start") + datetime.timedelta(days=days), output_field=DateField()
    )


def _completed_by(days: int) -> QuerySet[Nomination]:
    return Nomination.objects.filter(
        person=OuterRef("pk"), status=NominationStatus.ATTENDED, batch__end_date__lte=_by(days)
    )


def elected_people(user) -> QuerySet[Person]:
    """Elected people in office whose term start is known (who left office are not due)."""
    return people_for_user(user).filter(
        designation__in=ELECTED, term_start__isnull=False, left_office_on=None
    )


def orientation_overdue(user, today: datetime.date | None = None) -> QuerySet[Person]:
    """Elected representatives whose 6 months have passed with no completed batch at all."""
    today = today or timezone.localdate()
    completed = Nomination.objects.filter(person=OuterRef("pk"), status=NominationStatus.ATTENDED)
    return (
        elected_people(user)
        .filter(term_start__lt=today - datetime.timedelta(days=ORIENTATION_DAYS))
        .exclude(Exists(completed))
    )


@dataclass
class CoverageRow:
    district_id: int | None
    orientation_due: int  # people whose 6-month window has closed
    oriented: int  # ... and who completed a batch inside it
    refresher_due: int  # people whose 2-year window has closed
    refreshed: int  # ... with two completed batches inside it
    overdue: int  # 6 months passed, never trained

    @staticmethod
    def _pct(part: int, whole: int) -> float:
        return round(100 * part / whole, 1) if whole else 0.0

    @property
    def oriented_percent(self) -> float:
        return self._pct(self.oriented, self.orientation_due)

    @property
    def refreshed_percent(self) -> float:
        return self._pct(self.refreshed, self.refresher_due)


def rgsa_coverage(user, today: datetime.date | None = None, *, tallied=True) -> list[CoverageRow]:
    """One row per district; sum them for the state. The state cell's rows are read from the
    tallies (see `tallies.py`); anyone else's are counted from the records:

    One statement: each trained person's completed batches reduced to two counts (inside 183
    and inside 731 days of election) by a GROUP BY over the completed nominations, joined to
    the elected people and summed per district. (Correlated subqueries per person took
    30 s on the statewide benchmark; this is a pair of hash joins.)
    """
    today = today or timezone.localdate()
    if tallied and tallies.serves_registry(user):
        return [CoverageRow(*row) for row in tallies.rgsa_by_district(today)]
    people = elected_people(user).order_by().values("id", "district_id", "term_start")
    try:
        people_sql, people_params = people.query.sql_with_params()
    except EmptyResultSet:
        return []
    connection = connections[people.db]
    within = f"{days_from_election(connection.vendor)} <= %s"
    sql = f"""
        WITH p AS ({people_sql}),
        t AS (
            SELECT n.person_id,
                   SUM(CASE WHEN {within} THEN 1 ELSE 0 END) AS in_orientation,
                   SUM(CASE WHEN {within} THEN 1 ELSE 0 END) AS in_refresher
            FROM nominations_nomination n
            JOIN programmes_batch b ON b.id = n.batch_id
            JOIN p ON p.id = n.person_id
            WHERE n.status = %s
            GROUP BY n.person_id
        )
        SELECT p.district_id,
               SUM(CASE WHEN p.term_start <= %s THEN 1 ELSE 0 END),
               SUM(CASE WHEN p.term_start <= %s AND t.in_orientation > 0 THEN 1 ELSE 0 END),
               SUM(CASE WHEN p.term_start <= %s THEN 1 ELSE 0 END),
               SUM(CASE WHEN p.term_start <= %s AND t.in_refresher >= 2 THEN 1 ELSE 0 END),
               SUM(CASE WHEN p.term_start < %s AND t.person_id IS NULL THEN 1 ELSE 0 END)
        FROM p LEFT JOIN t ON t.person_id = p.id
        GROUP BY p.district_id
        ORDER BY p.district_id
    """
    orientation_closed = today - datetime.timedelta(days=ORIENTATION_DAYS)
    refresher_closed = today - datetime.timedelta(days=REFRESHER_DAYS)
    params = [
        *people_params,
        ORIENTATION_DAYS,
        REFRESHER_DAYS,
        NominationStatus.ATTENDED.value,
        orientation_closed,
        orientation_closed,
        refresher_closed,
        refresher_closed,
        orientation_closed,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [CoverageRow(row[0], *(int(v or 0) for v in row[1:])) for row in cursor.fetchall()]


def coverage_total(rows: list[CoverageRow]) -> CoverageRow:
    return CoverageRow(
        None,
        *(
            sum(getattr(r, name) for r in rows)
            for name in ("orientation_due", "oriented", "refresher_due", "refreshed", "overdue")
        ),
    )
