"""RGSA coverage: orientation within 6 months of election, a refresher within 2 years.

Counted by the database over the elected representatives (with a date of election) the user
may see. "Within 6 months" is within 183 days of the date of election and "within 2 years"
within 731 days, so the comparison stays a date sum the database does (SQLite and
PostgreSQL alike). A refresher is a second completed batch inside the two years.
"""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.people.models import ELECTED, Person
from sashakt.people.selectors import people_for_user

ORIENTATION_DAYS = 183
REFRESHER_DAYS = 731


def _by(days: int):
    return ExpressionWrapper(
        OuterRef("term_start") + datetime.timedelta(days=days), output_field=DateField()
    )


def _completed_by(days: int) -> QuerySet[Nomination]:
    return Nomination.objects.filter(
        person=OuterRef("pk"), status=NominationStatus.ATTENDED, batch__end_date__lte=_by(days)
    )


def elected_people(user) -> QuerySet[Person]:
    return people_for_user(user).filter(designation__in=ELECTED, term_start__isnull=False)


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


def rgsa_coverage(user, today: datetime.date | None = None) -> list[CoverageRow]:
    """One row per district (GROUP BY district); sum them for the state."""
    today = today or timezone.localdate()
    orientation_closed = Q(term_start__lte=today - datetime.timedelta(days=ORIENTATION_DAYS))
    refresher_closed = Q(term_start__lte=today - datetime.timedelta(days=REFRESHER_DAYS))
    refreshers = Subquery(
        _completed_by(REFRESHER_DAYS)
        .order_by()
        .values("person")
        .annotate(n=Count("pk"))
        .values("n")[:1],
        output_field=IntegerField(),
    )
    ever = Nomination.objects.filter(person=OuterRef("pk"), status=NominationStatus.ATTENDED)
    rows = (
        elected_people(user)
        .order_by()
        .annotate(
            oriented_in_time=Exists(_completed_by(ORIENTATION_DAYS)),
            completed_in_two_years=Coalesce(refreshers, Value(0)),
            ever_trained=Exists(ever),
        )
        .values("district_id")
        .annotate(
            orientation_due=Count("pk", filter=orientation_closed),
            oriented=Count("pk", filter=orientation_closed & Q(oriented_in_time=True)),
            refresher_due=Count("pk", filter=refresher_closed),
            refreshed=Count("pk", filter=refresher_closed & Q(completed_in_two_years__gte=2)),
            overdue=Count(
                "pk",
                filter=Q(term_start__lt=today - datetime.timedelta(days=ORIENTATION_DAYS))
                & Q(ever_trained=False),
            ),
        )
        .order_by("district_id")
    )
    return [CoverageRow(**row) for row in rows]


def coverage_total(rows: list[CoverageRow]) -> CoverageRow:
    return CoverageRow(
        None,
        *(
            sum(getattr(r, name) for r in rows)
            for name in ("orientation_due", "oriented", "refresher_due", "refreshed", "overdue")
        ),
    )
