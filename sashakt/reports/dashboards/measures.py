"""What the dashboards count and by what: the funnel's measures and later columns, the
dimensions a table is grouped by, the filters of a table or drill-down, and the user's scoped
nominations every figure starts from. Definitions only; the counting is in `figures.py`.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Case, Expression, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from sashakt.attendance.selectors import attended_a_session
from sashakt.certificates.selectors import held_a_certificate_at, holds_valid_certificate
from sashakt.core.text import typed_id
from sashakt.geography.models import District
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.nominations.selectors import nominations_for_user
from sashakt.people.models import Designation, Gender, SocialCategory
from sashakt.programmes.models import Batch, Institute, MoU, Programme

S = NominationStatus


@dataclass(frozen=True)
class Measure:
    key: str
    msgid: str  # English source text; the PDF prints it in both languages
    condition: Q

    @property
    def label(self) -> str:
        return gettext(self.msgid)


MEASURES: list[Measure] = [
    Measure("nominated", gettext_noop("Nominated"), Q()),
    Measure(
        "approved",
        gettext_noop("Seat given"),
        Q(status__in=[S.APPROVED, S.CONFIRMED, S.ATTENDED, S.NOT_COMPLETED]),
    ),
    Measure(
        "confirmed",
        gettext_noop("Confirmed"),
        Q(status__in=[S.CONFIRMED, S.ATTENDED, S.NOT_COMPLETED]),
    ),
    Measure("completed", gettext_noop("Completed"), Q(status=S.ATTENDED)),
]
MEASURE_BY_KEY = {m.key: m for m in MEASURES}

# The measures are nested (completed within confirmed within approved within nominated), so
# a person counts in a measure when their furthest nomination in the group reached it.
STAGE = Case(
    When(status=S.ATTENDED, then=Value(3)),
    # Did not complete: was seated and confirmed, as the drill-down's measures say.
    When(status__in=[S.CONFIRMED, S.NOT_COMPLETED], then=Value(2)),
    When(status=S.APPROVED, then=Value(1)),
    default=Value(0),
    output_field=IntegerField(),
)
MEASURE_STAGE = {"nominated": 0, "approved": 1, "confirmed": 2, "completed": 3}


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The first moment after `day`, in the project's time zone."""
    return timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    )


def as_of_stage(until: datetime.date) -> Case:
    """STAGE as it stood at the end of `until`: a completion counts only for a batch that had
    ended by then (before, the person was a confirmed seat holder). Statuses are read as
    they are now; a nomination decided after `until` shows its later decision."""
    return Case(
        When(status=S.ATTENDED, batch__end_date__lte=until, then=Value(3)),
        When(status__in=[S.CONFIRMED, S.NOT_COMPLETED, S.ATTENDED], then=Value(2)),
        When(status=S.APPROVED, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


def as_of_column(key: str, condition, until: datetime.date):
    """A later column as it stood at the end of `until`: a session attended in a batch begun
    by then; a certificate issued by then and not revoked before it."""
    if key == "attended":
        return Q(condition) & Q(batch__start_date__lte=until)
    if key == "certified":
        return held_a_certificate_at(end_of_day(until))
    return condition


# RGSA: orientation within 6 months of election, a refresher within 2 years (see rgsa.py).
# Days, so that the comparison stays a date difference the database does.
ORIENTATION_DAYS = 183
REFRESHER_DAYS = 731


def days_from_election(vendor: str) -> str:
    """SQL: days from a person's election (`p.term_start`) to a batch's end (`b.end_date`)."""
    if vendor == "sqlite":
        return "julianday(b.end_date) - julianday(p.term_start)"
    return "b.end_date - p.term_start"


@dataclass(frozen=True)
class Column:
    """A figure another app defines: `condition()` gives the condition (a Q or a boolean
    expression over Nomination) a nomination meets to count; a person counts in a group when
    any of their nominations in it does. The dashboard counts every column and every group
    in the same statement as the funnel."""

    key: str
    msgid: str
    condition: Callable[[], Q | Expression]

    @property
    def label(self) -> str:
        return gettext(self.msgid)


# Defined by the delivery apps, one selector each (see the docstring of `figures.py`).
LATER_COLUMNS: list[Column] = [
    Column("attended", gettext_noop("Attended"), attended_a_session),
    Column("certified", gettext_noop("Certified"), holds_valid_certificate),
]


FUNNEL_ORDER = ["nominated", "approved", "confirmed", "attended", "completed", "certified"]


def columns() -> list:
    """Every column of the funnel tables, in the funnel's order: nominated, seat given,
    confirmed, attended (a session or more), completed (by the rule), certified."""
    every = [*MEASURES, *LATER_COLUMNS]
    return sorted(
        every,
        key=lambda c: FUNNEL_ORDER.index(c.key) if c.key in FUNNEL_ORDER else len(FUNNEL_ORDER),
    )


# Reserved shares of seats in UP's Panchayats: one third for women; SC 21% and ST 2%
# (Uttar Pradesh Panchayat Raj Act; the share of SC/ST population at the 2011 census).
RESERVED_SHARE = {"women": 33.3, "SC": 21.0, "ST": 2.0}


@dataclass(frozen=True)
class Dimension:
    key: str
    path: str  # field path from Nomination to the grouped value
    label: str
    # For a foreign key: the model whose rows name the groups.
    model: type | None = None
    choices: dict | None = None


DIMENSIONS: dict[str, Dimension] = {
    d.key: d
    for d in [
        Dimension("mou", "programme__mou", _("MoU"), model=MoU),
        Dimension("institute", "programme__mou__institute", _("Institute"), model=Institute),
        Dimension("programme", "programme", _("Programme"), model=Programme),
        Dimension("batch", "batch", _("Batch"), model=Batch),
        Dimension("district", "district", _("District"), model=District),
        Dimension("designation", "designation", _("Designation"), choices=Designation),
        # The nomination's copies of the person's (see `Nomination.gender`): no join.
        Dimension("gender", "gender", _("Gender"), choices=Gender),
        Dimension("category", "social_category", _("Social category"), choices=SocialCategory),
    ]
}


@dataclass
class Filters:
    """What a table or a drill-down is narrowed to; every value is optional."""

    mou: int | None = None
    institute: int | None = None
    programme: int | None = None
    batch: int | None = None
    district: int | None = None
    designation: str = ""
    gender: str = ""
    category: str = ""
    # The figures as they stood at the end of this day (the monthly report's last day):
    # nominations made by then; completions and certificates of then (see `as_of_stage`).
    # Never from a request's query.
    until: datetime.date | None = None

    INTS = ("mou", "institute", "programme", "batch", "district")
    CHOICES = {"designation": Designation, "gender": Gender, "category": SocialCategory}

    @classmethod
    def from_query(cls, query) -> "Filters":
        """From a request's GET: unknown or malformed values are ignored, never an error."""
        values = {}
        for name in cls.INTS:
            if (number := typed_id(query.get(name))) is not None:
                values[name] = number
        for name, choices in cls.CHOICES.items():
            raw = query.get(name, "")
            if raw in choices.values or (name == "category" and raw == "none"):
                values[name] = raw
        return cls(**values)

    def apply(self, nominations: QuerySet) -> QuerySet:
        lookups = {}
        for name in self.INTS:
            value = getattr(self, name)
            if value is not None:
                lookups[f"{DIMENSIONS[name].path}_id"] = value
        for name in self.CHOICES:
            value = getattr(self, name)
            if value:
                lookups[DIMENSIONS[name].path] = "" if value == "none" else value
        nominations = nominations.filter(**lookups)
        if self.until is not None:
            # Made by then; or in a batch begun by then, whenever its record was typed in
            # (a paper register entered later).
            nominations = nominations.filter(
                Q(created_at__lt=end_of_day(self.until)) | Q(batch__start_date__lte=self.until)
            )
        return nominations

    def as_query(self, **extra) -> dict:
        values = {n: getattr(self, n) for n in (*self.INTS, *self.CHOICES)}
        values.update(extra)
        return {k: v for k, v in values.items() if v not in (None, "")}

    def cache_key(self) -> str:
        values = {**self.as_query(), **({"until": self.until} if self.until else {})}
        return ",".join(f"{k}={v}" for k, v in sorted(values.items()))


def scoped_nominations(user, filters: Filters | None = None) -> QuerySet[Nomination]:
    nominations = nominations_for_user(user).order_by()
    return (filters or Filters()).apply(nominations)
