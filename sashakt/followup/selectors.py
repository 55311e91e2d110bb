"""Reading action plans, check-ins and their counts, always within the user's scope: the state
cell everything, a district officer their district's people, an institute coordinator their
own programmes', a participant their own plan. Counts are GROUP BY queries in the database.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sashakt.core.permissions import scope_queryset
from sashakt.core.roles import Role
from sashakt.core.text import localized
from sashakt.core.users import AnyUser
from sashakt.followup.models import (
    ActionPlan,
    CheckIn,
    CheckInAnswer,
    Commitment,
    CommitmentStatus,
    Stage,
)
from sashakt.followup.schedule import (
    OVERDUE_AFTER_DAYS,
    checkin_due_on,
    checkin_overdue_on,
    checkin_window_closes,
    checkin_window_days,
)
from sashakt.followup.services import PLAN_NOMINATION_STATUSES
from sashakt.followup.themes import LsdgTheme
from sashakt.geography.models import District
from sashakt.nominations.models import Nomination
from sashakt.people.models import Designation, Gender
from sashakt.programmes.models import Batch, Institute, Module, Programme

SHOWN = 200  # rows of one list on a page

_PLAN_PATHS = {
    "district": "nomination__district",
    "institute": "nomination__programme__mou__institute",
    "person": "nomination__person",
}


def _prefixed(prefix: str) -> dict[str, str]:
    return {role: f"{prefix}{path}" for role, path in _PLAN_PATHS.items()}


def plans_for_user(user: AnyUser) -> QuerySet[ActionPlan]:
    plans = ActionPlan.objects.select_related(
        "nomination__person", "nomination__batch__programme", "nomination__district"
    )
    return scope_queryset(user, plans, **_prefixed(""))


def commitments_for_user(user: AnyUser) -> QuerySet[Commitment]:
    commitments = Commitment.objects.select_related(
        "plan__nomination__person",
        "plan__nomination__batch__programme",
        "plan__nomination__district",
        "module",
    )
    return scope_queryset(user, commitments, **_prefixed("plan__"))


def plans_with_status_for_user(user: AnyUser) -> QuerySet[ActionPlan]:
    """`plans_for_user` with what `plan_stage_states` and each commitment's answers need
    fetched in a fixed number of queries (the API's follow-up status)."""
    answers = CheckInAnswer.objects.select_related("checkin").order_by("checkin__stage")
    return plans_for_user(user).prefetch_related(
        "checkins",
        Prefetch(
            "commitments",
            queryset=Commitment.objects.order_by("order").prefetch_related(
                Prefetch("answers", queryset=answers)
            ),
        ),
    )


# Where a plan's stage stands today.
STAGE_ANSWERED, STAGE_UPCOMING, STAGE_DUE, STAGE_OVERDUE, STAGE_MISSED = (
    "answered",
    "upcoming",
    "due",
    "overdue",
    "missed",
)
STAGE_STATES = [STAGE_ANSWERED, STAGE_UPCOMING, STAGE_DUE, STAGE_OVERDUE, STAGE_MISSED]


@dataclass(frozen=True)
class StageState:
    stage: int
    due_on: datetime.date
    overdue_on: datetime.date
    closes_on: datetime.date
    state: str
    checkin: CheckIn | None


def plan_stage_states(plan: ActionPlan, *, today: datetime.date | None = None) -> list[StageState]:
    """Each check-in stage of `plan` with its days (from the batch's current last day) and
    where it stands today: answered, upcoming, due, overdue (as on the district officer's
    list) or missed (its window closed unanswered)."""
    today = today or timezone.localdate()
    end = plan.batch_end
    answered = {checkin.stage: checkin for checkin in plan.checkins.all()}
    states = []
    for stage in sorted(Stage.values):
        due_on = checkin_due_on(end, stage)
        overdue_on = checkin_overdue_on(end, stage)
        closes_on = checkin_window_closes(end, stage)
        checkin = answered.get(stage)
        if checkin is not None:
            state = STAGE_ANSWERED
        elif today < due_on:
            state = STAGE_UPCOMING
        elif today > closes_on:
            state = STAGE_MISSED
        elif today >= overdue_on:
            state = STAGE_OVERDUE
        else:
            state = STAGE_DUE
        states.append(StageState(stage, due_on, overdue_on, closes_on, state, checkin))
    return states


def answers_for_user(user: AnyUser) -> QuerySet[CheckInAnswer]:
    """Check-in answers (their voice notes and photos) a user may open."""
    return scope_queryset(user, CheckInAnswer.objects.all(), **_prefixed("checkin__plan__"))


def plan_batches_for_user(user: AnyUser) -> QuerySet[Batch]:
    """Batches whose plans a user may enter with the participant (assisted mode) and whose
    missing plans they see: all for the state cell, the institute's own for its coordinator,
    the batches a trainer teaches in."""
    batches = Batch.objects.select_related("programme__mou__institute")
    role = getattr(user, "role", None)
    if role == Role.STATE:
        return batches
    if role == Role.TRAINER:
        return batches.filter(sessions__trainer_id=user.pk).distinct()
    if role == Role.INSTITUTE:
        return scope_queryset(user, batches, institute="programme__mou__institute")
    return batches.none()


def batch_plan_roster(batch: Batch) -> QuerySet[Nomination]:
    """The people of a batch who write a plan, each marked `has_plan`, those without first."""
    return (
        Nomination.objects.filter(batch=batch, status__in=PLAN_NOMINATION_STATUSES)
        .select_related("person")
        .annotate(has_plan=Exists(ActionPlan.objects.filter(nomination=OuterRef("pk"))))
        .order_by("has_plan", "person__name", "pk")
    )


def own_plan_nomination(user: AnyUser, *, today: datetime.date | None = None) -> Nomination | None:
    """The participant's latest nomination whose plan may be written or read now."""
    person_id = getattr(user, "person_id", None)
    if getattr(user, "role", None) != Role.PARTICIPANT or not person_id:
        return None
    today = today or timezone.localdate()
    return (
        Nomination.objects.filter(
            person_id=person_id,
            status__in=PLAN_NOMINATION_STATUSES,
            batch__end_date__lte=today,
        )
        .select_related("batch__programme")
        .order_by("-batch__end_date", "-pk")
        .first()
    )


@dataclass(frozen=True)
class DueCheckIn:
    plan: ActionPlan
    stage: int
    due_on: datetime.date
    overdue: bool

    @property
    def stage_label(self) -> str:
        return str(Stage(self.stage).label)


def checkins_due(
    user: AnyUser, *, today: datetime.date | None = None, overdue_only: bool = False
) -> list[DueCheckIn]:
    """The check-ins a user's plans owe today (due, not answered, window still open), the
    oldest first; each says whether it is overdue. The due day is computed from each batch's
    current end date."""
    today = today or timezone.localdate()
    found: list[DueCheckIn] = []
    for stage in sorted(Stage.values):
        plans = _owing(plans_for_user(user), stage, today, overdue_only=overdue_only)
        for plan in plans.order_by("nomination__batch__end_date", "pk")[:SHOWN]:
            due = checkin_due_on(plan.batch_end, stage)
            found.append(
                DueCheckIn(
                    plan, stage, due, today >= due + datetime.timedelta(days=OVERDUE_AFTER_DAYS)
                )
            )
    found.sort(key=lambda d: (d.due_on, d.plan.pk))
    return found[:SHOWN]


def _owing_condition(stage: int, today: datetime.date, *, overdue_only: bool) -> Q:
    """A plan's `stage` check-in is due (or overdue) and unanswered, its window open."""
    latest_end = today - datetime.timedelta(days=stage)
    if overdue_only:
        latest_end -= datetime.timedelta(days=OVERDUE_AFTER_DAYS)
    # The window closes the day before the next stage falls due: the earliest end date whose
    # window is still open today.
    earliest_end = today - datetime.timedelta(days=checkin_window_days(stage))
    return Q(
        nomination__batch__end_date__lte=latest_end,
        nomination__batch__end_date__gte=earliest_end,
    ) & ~Q(Exists(CheckIn.objects.filter(plan=OuterRef("pk"), stage=stage)))


def _owing(
    plans: QuerySet[ActionPlan], stage: int, today: datetime.date, *, overdue_only: bool
) -> QuerySet[ActionPlan]:
    """Plans whose `stage` check-in is due (or overdue) and unanswered, window open."""
    return plans.filter(_owing_condition(stage, today, overdue_only=overdue_only))


def overdue_checkins_count(user: AnyUser, *, today: datetime.date | None = None) -> int:
    """Overdue check-ins in the user's scope, in one count (the district officer's home asks
    on every visit). The stages' windows do not overlap, so a plan owes at most one stage
    and counting the plans that owe any is counting the check-ins."""
    today = today or timezone.localdate()
    owing_any = Q()
    for stage in Stage.values:
        owing_any |= _owing_condition(stage, today, overdue_only=True)
    return plans_for_user(user).filter(owing_any).count()


# The key of the commitments that name no module (the module dimension's empty value).
NO_MODULE = "none"

# The ways the department cuts the commitments: (key, label, field path from Commitment).
DIMENSIONS = {
    "theme": (_("LSDG theme"), "theme"),
    "programme": (_("Programme"), "plan__nomination__programme"),
    "module": (_("Module"), "module"),
    "institute": (_("Institute"), "plan__nomination__programme__mou__institute"),
    "district": (_("District"), "plan__nomination__district"),
    "designation": (_("Designation"), "plan__nomination__designation"),
    "gender": (_("Gender"), "plan__nomination__person__gender"),
}


# The dimensions whose keys are rows' numbers (the others are choice values).
ROW_DIMENSIONS = frozenset({"programme", "module", "institute", "district"})


@dataclass
class CountRow:
    key: object
    label: str
    counts: dict[str, int]
    total: int

    @property
    def cells(self) -> list[tuple[str, int]]:
        return [(status, self.counts.get(status, 0)) for status in CommitmentStatus.values]


@dataclass(frozen=True)
class Within:
    """A narrower part of the user's scope for the counts (the API's filters)."""

    district_lgd: int | None = None
    programme: int | None = None
    batch: int | None = None


def _commitments_within(user: AnyUser, within: Within | None) -> QuerySet[Commitment]:
    commitments = commitments_for_user(user)
    if within is None:
        return commitments
    if within.district_lgd is not None:
        commitments = commitments.filter(plan__nomination__district__lgd_code=within.district_lgd)
    if within.programme is not None:
        commitments = commitments.filter(plan__nomination__programme_id=within.programme)
    if within.batch is not None:
        commitments = commitments.filter(plan__nomination__batch_id=within.batch)
    return commitments


def commitment_counts(
    user: AnyUser, dimension: str, within: Within | None = None
) -> list[CountRow]:
    """Commitments by `dimension` and status, counted in the database, in the user's scope
    (narrowed to `within` when given)."""
    _label, path = DIMENSIONS[dimension]
    commitments = _commitments_within(user, within).order_by()
    grouped = commitments.values(path, "status").annotate(n=Count("pk"))
    rows: dict[object, CountRow] = {}
    for entry in grouped:
        key = entry[path]
        if key is None and dimension == "module":
            key = NO_MODULE
        row = rows.setdefault(key, CountRow(key, "", dict.fromkeys(CommitmentStatus.values, 0), 0))
        row.counts[entry["status"]] = entry["n"]
        row.total += entry["n"]
    labels = _dimension_labels(dimension, list(rows))
    for row in rows.values():
        row.label = labels.get(row.key, str(row.key))
    return sorted(rows.values(), key=lambda r: (-r.total, r.label))


def _dimension_labels(dimension: str, keys: list[object]) -> dict[object, str]:
    if dimension == "theme":
        return {k: str(LsdgTheme(str(k)).label) for k in keys if k in LsdgTheme.values}
    if dimension == "designation":
        return {k: str(Designation(str(k)).label) for k in keys if k in Designation.values}
    if dimension == "gender":
        return {k: str(Gender(str(k)).label) for k in keys if k in Gender.values}
    if dimension == "programme":
        return {
            p.pk: localized(p.title_hi, p.title_en) for p in Programme.objects.filter(pk__in=keys)
        }
    if dimension == "institute":
        return {
            i.pk: localized(i.name_hi, i.name_en) for i in Institute.objects.filter(pk__in=keys)
        }
    if dimension == "module":
        # Two programmes may each have a "Leadership" module: the programme tells them apart.
        modules = Module.objects.filter(pk__in=[k for k in keys if k != NO_MODULE])
        labels: dict[object, str] = {
            m.pk: f"{localized(m.title_hi, m.title_en)} · "
            f"{localized(m.programme.title_hi, m.programme.title_en)}"
            for m in modules.select_related("programme")
        }
        labels[NO_MODULE] = str(_("No module named"))
        return labels
    return {d.pk: d.name for d in District.objects.filter(pk__in=keys)}


@dataclass
class ThemeCommitments:
    """A theme's commitments (all, and achieved) beside its indicators' change."""

    total: int
    done: int


def commitments_per_theme(user: AnyUser) -> dict[str, ThemeCommitments]:
    """Commitments per LSDG theme in the user's scope, keyed by the indicators' theme codes
    (one list for both: `themes.LsdgTheme`)."""
    return {
        str(row.key): ThemeCommitments(row.total, row.counts[CommitmentStatus.DONE])
        for row in commitment_counts(user, "theme")
    }


def commitments_behind(
    user: AnyUser, dimension: str, key: str, status: str = ""
) -> QuerySet[Commitment]:
    """The commitments behind one figure of `commitment_counts` (the drill-down list)."""
    _label, path = DIMENSIONS[dimension]
    commitments = commitments_for_user(user)
    if dimension == "module" and key == NO_MODULE:
        commitments = commitments.filter(module__isnull=True)
    elif dimension in ROW_DIMENSIONS and not key.isdigit():
        # A figure's link carries a row's number; anything else matches nobody (never a 500).
        commitments = commitments.none()
    else:
        commitments = commitments.filter(**{path: key})
    if status:
        commitments = commitments.filter(status=status)
    return commitments.order_by("plan__nomination__person__name", "pk")


def stories_for_user(user: AnyUser) -> QuerySet[Commitment]:
    """Achieved commitments with what the check-ins said, newest plans first."""
    return (
        commitments_for_user(user)
        .filter(status=CommitmentStatus.DONE)
        # An erased person's commitment keeps its theme and status for the counts, but has no
        # name, words or evidence left to tell as a story.
        .exclude(plan__nomination__person__name="")
        .prefetch_related("answers")
        .order_by("-good_practice_at", "-plan__created_at", "pk")
    )


def case_studies() -> QuerySet[Commitment]:
    """Good practices whose person agreed to show them: open to every signed-in user."""
    return (
        Commitment.objects.filter(
            good_practice_at__isnull=False,
            consent_at__isnull=False,
            status=CommitmentStatus.DONE,
        )
        .select_related("plan__nomination__person", "plan__nomination__district", "module")
        .prefetch_related("answers")
        .order_by("-good_practice_at", "pk")
    )


def theme_totals(user: AnyUser, within: Within | None = None) -> dict[str, int]:
    """Commitments per status in the user's scope (the report's headline)."""
    totals = _commitments_within(user, within).order_by().values("status").annotate(n=Count("pk"))
    result = dict.fromkeys(CommitmentStatus.values, 0)
    for entry in totals:
        result[entry["status"]] = entry["n"]
    return result


def case_study_answers() -> QuerySet[CheckInAnswer]:
    """The check-in answers (photos) of the case studies: open to every signed-in user."""
    return CheckInAnswer.objects.filter(
        commitment__in=case_studies().values("pk"), status=CommitmentStatus.DONE
    )
