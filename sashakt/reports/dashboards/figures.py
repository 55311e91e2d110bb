"""Figures of the dashboards, counted by the database (GROUP BY), never by Python. What is
counted (measures, columns, dimensions, filters) is defined in `measures.py`.

Every selector takes the acting user and starts from that user's scoped querysets
(`nominations_for_user`, `people_for_user`), so a district officer's figures are their
district's and an institute coordinator's their institute's.

The nomination funnel counts distinct people:
- nominated: anyone with a nomination (in any state);
- approved: given a seat (seat offered, confirmed, or completed);
- confirmed: confirmed the seat (or completed);
- completed: completed the batch (status ATTENDED).

Columns that arrive with later apps are one `Column` each in `LATER_COLUMNS` (defined in
`measures.py`), a condition given by one selector of the app that holds the data,
e.g. `attendance.selectors.attended_a_session`,
`certificates.selectors.holds_valid_certificate`; scores and feedback have pages of their own
(`assessments.selectors.score_means_by(user, dimension)` over programme, module and batch;
`feedback.selectors.ratings_by(user, dimension)` over trainer and module;
`attendance.selectors.attendance_rate_by_batch(user)` by batch over time).
"""

from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    QuerySet,
    Value,
    When,
)
from django.utils.translation import gettext_lazy as _

from sashakt.core.roles import Role
from sashakt.geography.models import District
from sashakt.nominations.models import Nomination
from sashakt.people.models import Gender, SocialCategory
from sashakt.people.selectors import people_for_user
from sashakt.programmes.models import Batch, MoU
from sashakt.reports.dashboards import tallies
from sashakt.reports.dashboards.measures import (
    DIMENSIONS,
    LATER_COLUMNS,
    MEASURE_STAGE,
    RESERVED_SHARE,
    STAGE,
    Filters,
    S,
    as_of_column,
    as_of_stage,
    scoped_nominations,
)


def _choices(text_choices) -> dict:
    return dict(text_choices.choices)


@dataclass
class FunnelRow:
    key: object
    label: str
    counts: dict[str, int]
    query: dict = field(default_factory=dict)  # filters that give this row's people

    def share(self, measure: str, total: int) -> float:
        return round(100 * self.counts.get(measure, 0) / total, 1) if total else 0.0


# A person counts in a measure when their furthest nomination in the group reached it
# (`measures.STAGE`); in a later column (attended, certified) when any of their
# nominations in the group meets its condition. Counting goes in two steps: each (group,
# person) reduced to its furthest stage and its later columns by one GROUP BY, then summed
# per group: one hash aggregation, where COUNT(DISTINCT) per measure would sort the
# nominations once for every measure.

# Gender and category are the person's (copied onto every nomination of theirs and kept in
# step), so one (person, gender, category) group per person gives the total and both
# breakdowns: the person cube.
PERSON_DIMENSIONS = ("gender", "category")
CUBE = tallies.CUBE


def _later_key(column) -> str:
    return f"c_{column.key}"


def group_sets(dimensions) -> dict[str, tuple[str, ...]]:
    """The dimensions' grouping columns, the person cube standing for the total, gender and
    category: {set name: (its columns)}, in a stable order."""
    sets: dict[str, tuple[str, ...]] = {}
    for dimension in dimensions:
        if dimension is None or dimension in PERSON_DIMENSIONS:
            sets[CUBE] = tuple(f"g_{d}" for d in PERSON_DIMENSIONS)
        else:
            sets[dimension] = (f"g_{dimension}",)
    return sets


def _per_nomination(user, filters, sets):
    """The user's nominations as (person, grouping values, stage, later columns as 0/1), or
    None for a scope that sees nothing (a trainer, a participant)."""
    columns = {}
    for names in sets.values():
        for name in names:
            columns[name] = F(DIMENSIONS[name.removeprefix("g_")].path)
    until = filters.until if filters is not None else None
    later = {
        _later_key(column): Case(
            When(
                column.condition()
                if until is None
                else as_of_column(column.key, column.condition(), until),
                then=Value(1),
            ),
            default=Value(0),
        )
        for column in LATER_COLUMNS
    }
    nominations = (
        scoped_nominations(user, filters)
        .annotate(
            pid=F("person"),
            stage=STAGE if until is None else as_of_stage(until),
            **columns,
            **later,
        )
        .values("pid", *columns, "stage", *later)
    )
    try:
        return nominations, *nominations.query.sql_with_params()
    except EmptyResultSet:
        return None


def _sums() -> str:
    stages = [
        f"SUM(CASE WHEN stage >= {stage} THEN 1 ELSE 0 END)" for stage in MEASURE_STAGE.values()
    ]
    return ", ".join([*stages, *(f"SUM({_later_key(c)})" for c in LATER_COLUMNS)])


def _maxima() -> str:
    return ", ".join(
        ["MAX(stage) AS stage", *(f"MAX({k}) AS {k}" for k in map(_later_key, LATER_COLUMNS))]
    )


def _measures(values) -> dict[str, int]:
    keys = [*MEASURE_STAGE, *(c.key for c in LATER_COLUMNS)]
    return {key: int(value or 0) for key, value in zip(keys, values, strict=True)}


def count_sets(user, filters, sets, *, tallied=True) -> dict[str, dict[tuple, dict[str, int]]]:
    """{set name: {group values: measures}}. The state cell's unfiltered figures are read
    from the tallies (see `tallies.py`); otherwise counted from the records: on PostgreSQL
    one statement for every set (GROUPING SETS: the nominations are read and joined once),
    elsewhere one per set."""
    if tallied and tallies.serves(user, filters, sets):
        return tallies.counted_sets(list(sets))
    found = _per_nomination(user, filters, sets)
    counted: dict[str, dict] = {name: {} for name in sets}
    if found is None:
        return counted
    nominations, sql, params = found
    with connections[nominations.db].cursor() as cursor:
        if cursor.db.vendor == "postgresql" and len(sets) > 1:
            every = list(dict.fromkeys(c for names in sets.values() for c in names))
            mask_of = {
                sum(1 << (len(every) - 1 - i) for i, c in enumerate(every) if c not in names): name
                for name, names in sets.items()
            }
            grouping = ", ".join(f"(pid, {', '.join(names)})" for names in sets.values())
            listed = ", ".join(every)
            cursor.execute(
                f"SELECT grp, {listed}, {_sums()} FROM ("
                f"SELECT GROUPING({listed}) AS grp, {listed}, {_maxima()} FROM ({sql}) n "
                f"GROUP BY GROUPING SETS ({grouping})) per_person GROUP BY grp, {listed}",
                params,
            )
            for row in cursor.fetchall():
                name = mask_of[row[0]]
                values = dict(zip(every, row[1 : 1 + len(every)], strict=True))
                key = tuple(values[c] for c in sets[name])
                counted[name][key] = _measures(row[1 + len(every) :])
            return counted
        for name, names in sets.items():
            listed = ", ".join(names)
            cursor.execute(
                f"SELECT {listed}, {_sums()} FROM (SELECT {listed}, {_maxima()} FROM ({sql}) n "
                f"GROUP BY pid, {listed}) per_person GROUP BY {listed}",
                params,
            )
            for row in cursor.fetchall():
                counted[name][tuple(row[: len(names)])] = _measures(row[len(names) :])
    return counted


def _empty() -> dict[str, int]:
    return dict.fromkeys([*MEASURE_STAGE, *(c.key for c in LATER_COLUMNS)], 0)


def _from_cube(cube: dict, dimension: str | None) -> dict:
    """The total (dimension None), or people per gender or per category, summed from the
    cube's few cells."""
    if dimension is None:
        total = _empty()
        for cell in cube.values():
            for key in total:
                total[key] += cell[key]
        return total
    index = PERSON_DIMENSIONS.index(dimension)
    grouped: dict = {}
    for coordinates, cell in cube.items():
        group = grouped.setdefault(coordinates[index], _empty())
        for key in group:
            group[key] += cell[key]
    return grouped


def funnel_counts_by(user, filters: Filters | None = None, dimensions=(None,)) -> dict:
    """The funnel for each of `dimensions` at once, {dimension: counts} (None: the total,
    {measure: people}; a dimension: {group: {measure: people}}), distinct people each."""
    counted = count_sets(user, filters, group_sets(dimensions))
    result = {}
    for dimension in dimensions:
        if dimension is None or dimension in PERSON_DIMENSIONS:
            result[dimension] = _from_cube(counted[CUBE], dimension)
        else:
            result[dimension] = {key[0]: values for key, values in counted[dimension].items()}
    return result


def funnel_counts(user, filters: Filters | None = None, dimension: str | None = None) -> dict:
    """Distinct people per measure; grouped by `dimension` when given: {group: {measure: n}}."""
    return funnel_counts_by(user, filters, [dimension])[dimension]


def group_labels(dimension: str, keys) -> dict:
    """Names of the groups, in the interface language (one small query for a model)."""
    dim = DIMENSIONS[dimension]
    if dim.choices is not None:
        labels = _choices(dim.choices)
        return {k: str(labels.get(k) or _("Not recorded")) for k in keys}
    objects = dim.model.objects.in_bulk([k for k in keys if k is not None])
    if dimension == "batch":
        objects = Batch.objects.select_related("programme__mou__institute").in_bulk(objects)
        labels = {
            k: f"{b.institute.display_short_name} · {b.number} · {b.start_date:%d/%m/%Y}"
            for k, b in objects.items()
        }
        return labels | ({None: str(_("Any batch"))} if None in keys else {})
    labels = {k: str(obj) for k, obj in objects.items()}
    if None in keys:
        labels[None] = str(_("Not recorded"))
    return labels


def funnel_table(
    user, dimension: str, filters: Filters | None = None, *, counts=None, limit=None
) -> list[FunnelRow]:
    """One row per group of `dimension`, biggest first, each with its drill-down filters;
    only the `limit` biggest are named and returned when a limit is given."""
    filters = filters or Filters()
    if counts is None:
        counts = funnel_counts(user, filters, dimension)
    if limit is not None:
        biggest = sorted(counts, key=lambda k: -counts[k]["nominated"])[:limit]
        counts = {key: counts[key] for key in biggest}
    labels = group_labels(dimension, list(counts))
    rows = []
    for key, values in counts.items():
        query_value = key
        if dimension == "category" and key == "":
            query_value = "none"
        rows.append(
            FunnelRow(
                key=key,
                label=labels.get(key, str(key)),
                counts=values,
                query=filters.as_query(**{dimension: query_value}) if key is not None else {},
            )
        )
    rows.sort(key=lambda r: (-r.counts["nominated"], r.label))
    return rows


@dataclass
class TargetRow:
    mou: MoU
    target: int
    counts: dict[str, int]

    @property
    def percent(self) -> int:
        done = self.counts.get("completed", 0)
        return min(100, round(100 * done / self.target)) if self.target else 0


def mou_targets(user, mous: QuerySet[MoU], *, counts=None) -> list[TargetRow]:
    """Every MoU the user sees with its target and the funnel, in one GROUP BY (or from
    `counts` by MoU already made for the user without filters)."""
    if counts is None:
        counts = funnel_counts(user, None, "mou")
    empty = _empty()
    return [TargetRow(mou, mou.target_people, counts.get(mou.pk, empty)) for mou in mous]


@dataclass
class ShareRow:
    label: str
    reserved: float
    nominated: float | None  # None: nobody's value is recorded, so no share can be given
    completed: float | None
    query: dict
    # For SC and ST: how many of the people counted have no social category recorded
    # ("not recorded for N of M"), per measure; zero for women (gender is always recorded).
    unrecorded: dict = field(default_factory=dict)
    whole: dict = field(default_factory=dict)


def reservation_shares(
    user, filters: Filters | None = None, *, total=None, by_gender=None, by_category=None
) -> list[ShareRow]:
    """Women's, SC and ST shares of those nominated and those who completed, against the
    reserved share of seats (counts already made for the page's tables may be passed in).
    A share over people whose category is not recorded would read as 0.0%: each row says
    how many are not recorded ("not recorded for N of M"), and gives no share at all when
    nobody's category is."""
    filters = filters or Filters()
    total = total if total is not None else funnel_counts(user, filters)
    if by_gender is None:
        by_gender = funnel_counts(user, filters, "gender")
    if by_category is None:
        by_category = funnel_counts(user, filters, "category")
    missing = by_category.get("", {})
    groups = [
        (_("Women"), RESERVED_SHARE["women"], by_gender.get(Gender.FEMALE, {}), {"gender": "F"}),
        (_("SC"), RESERVED_SHARE["SC"], by_category.get(SocialCategory.SC, {}), {"category": "SC"}),
        (_("ST"), RESERVED_SHARE["ST"], by_category.get(SocialCategory.ST, {}), {"category": "ST"}),
    ]
    measures = ("nominated", "completed")

    def share(part: dict, measure: str, unrecorded: int) -> float | None:
        whole = total[measure]
        if whole == 0 or unrecorded >= whole:
            return None  # nobody counted, or nobody's category known: no share to give
        return round(100 * part.get(measure, 0) / whole, 1)

    rows = []
    for index, (label, reserved, part, query) in enumerate(groups):
        unrecorded = {m: missing.get(m, 0) if index else 0 for m in measures}
        rows.append(
            ShareRow(
                label,
                reserved,
                share(part, "nominated", unrecorded["nominated"]),
                share(part, "completed", unrecorded["completed"]),
                query,
                unrecorded,
                {m: total[m] for m in measures},
            )
        )
    return rows


@dataclass
class DistrictCoverage:
    district: District
    people: int
    trained: int

    @property
    def percent(self) -> float:
        return round(100 * self.trained / self.people, 1) if self.people else 0.0


def people_by_district(user) -> dict[int, tuple[int, int]]:
    """{district: (people in the registry, people who completed a batch)} in the user's scope,
    counted from the records: two GROUP BYs."""
    people = people_for_user(user).order_by()
    registered = dict(people.values_list("district_id").annotate(n=Count("pk")))
    # A semi-join (EXISTS) counts each person once without COUNT(DISTINCT)'s sort.
    completed = Nomination.objects.filter(person=OuterRef("pk"), status=S.ATTENDED)
    trained = dict(
        people.filter(Exists(completed)).values_list("district_id").annotate(n=Count("pk"))
    )
    return {district: (n, trained.get(district, 0)) for district, n in registered.items()}


def district_coverage(user) -> list[DistrictCoverage]:
    """Share of each district's registry that completed a batch (the state cell: all 75
    districts, from the tallies; a district officer: their own)."""
    if tallies.serves_registry(user):
        counted = tallies.registry_by_district()
    else:
        counted = people_by_district(user)
    registered = {district: people for district, (people, _) in counted.items()}
    trained = {district: done for district, (_, done) in counted.items()}
    if user.role == Role.STATE:
        districts = District.objects.all()
    else:
        districts = District.objects.filter(pk__in=list(registered) + [user.district_id])
    return [DistrictCoverage(d, registered.get(d.pk, 0), trained.get(d.pk, 0)) for d in districts]
