"""Reads: who may see which batch, session and mark; the roll-call grid; completion."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from sashakt.assessments.selectors import post_test_taken_in_batch
from sashakt.attendance.models import (
    ATTENDED_STATUSES,
    Completion,
    CompletionRule,
    Mark,
    MarkChange,
)
from sashakt.core.roles import Role
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.nominations.seat_codes import seat_code
from sashakt.programmes.models import Batch, BatchSession

# The people of a batch whose attendance is taken: confirmed, or already found to have
# completed it.
ROSTER_STATUSES = (
    NominationStatus.CONFIRMED,
    NominationStatus.ATTENDED,
    NominationStatus.NOT_COMPLETED,
)


def roster(batch: Batch) -> QuerySet[Nomination]:
    return (
        Nomination.objects.filter(batch=batch, status__in=ROSTER_STATUSES)
        .select_related("person", "person__district", "district")
        .order_by("seat", "person__name", "pk")
    )


def batches_for_user(user) -> QuerySet[Batch]:
    """Batches whose attendance `user` may open (in part, for a district officer)."""
    batches = Batch.objects.select_related("programme__mou__institute", "venue")
    if not (user and user.is_authenticated and user.is_active):
        return batches.none()
    if user.role == Role.STATE:
        return batches
    if user.role == Role.INSTITUTE and user.institute_id:
        return batches.filter(programme__mou__institute_id=user.institute_id)
    if user.role == Role.TRAINER:
        mine = BatchSession.objects.filter(batch=OuterRef("pk"), trainer=user)
        return batches.filter(Exists(mine))
    if user.role == Role.DISTRICT and user.district_id:
        theirs = Nomination.objects.filter(
            batch=OuterRef("pk"), district_id=user.district_id, status__in=ROSTER_STATUSES
        )
        return batches.filter(Exists(theirs))
    if user.role == Role.PARTICIPANT and user.person_id:
        own = Nomination.objects.filter(batch=OuterRef("pk"), person_id=user.person_id)
        return batches.filter(Exists(own))
    return batches.none()


def sessions_for_user(user) -> QuerySet[BatchSession]:
    sessions = BatchSession.objects.select_related("batch__programme__mou")
    if user.is_authenticated and user.role == Role.TRAINER:
        return sessions.filter(trainer=user)
    if user.is_authenticated and user.role == Role.INSTITUTE and user.institute_id:
        return sessions.filter(batch__programme__mou__institute_id=user.institute_id)
    return sessions.filter(batch__in=batches_for_user(user))


def roster_for_user(user, batch: Batch) -> QuerySet[Nomination]:
    """The batch's people `user` may see: a district officer only their district's, a
    participant only themselves."""
    people = roster(batch)
    if user.role == Role.DISTRICT:
        return people.filter(district_id=user.district_id)
    if user.role == Role.PARTICIPANT:
        return people.filter(person_id=user.person_id)
    if user.role in (Role.STATE, Role.INSTITUTE, Role.TRAINER):
        return people
    return people.none()


@dataclass
class GridRow:
    nomination: Nomination
    code: str
    mark: Mark | None

    @property
    def attended(self) -> bool:
        return bool(self.mark and self.mark.status in ATTENDED_STATUSES)


def session_grid(*, user, session: BatchSession) -> list[GridRow]:
    people = list(roster_for_user(user, session.batch))
    marks = {
        mark.nomination_id: mark
        for mark in Mark.objects.filter(session=session).select_related("marked_by")
    }
    return [GridRow(n, seat_code(n.pk), marks.get(n.pk)) for n in people]


def session_history(*, session: BatchSession, nomination_ids) -> list[MarkChange]:
    return list(
        MarkChange.objects.filter(session=session, nomination_id__in=list(nomination_ids))
        .select_related("changed_by", "nomination__person")
        .order_by("-received_at", "-pk")[:50]
    )


def current_session(batch: Batch, now: datetime.datetime | None = None) -> BatchSession | None:
    """The session running now, else the next one today, else the batch's first."""
    now = timezone.localtime(now or timezone.now())
    sessions = list(batch.sessions.all())
    today = [s for s in sessions if s.date == now.date()]
    for session in today:
        if session.starts_at <= now.time() < session.ends_at:
            return session
    coming = [s for s in today if s.starts_at > now.time()]
    return (coming or today or sessions or [None])[0]


# --- Completion ---------------------------------------------------------------------------


def min_percent(programme) -> int:
    rule = CompletionRule.objects.filter(programme=programme).first()
    return rule.min_percent if rule else CompletionRule.DEFAULT_MIN_PERCENT


def POST_TEST_MISSING() -> str:  # noqa: N802 - reads as the message it returns
    return _("The post-test was not taken, and this programme requires it.")


def requires_post_test(programme) -> bool:
    return CompletionRule.objects.filter(programme=programme, require_post_test=True).exists()


@dataclass
class CompletionRow:
    nomination: Nomination
    sessions_total: int
    sessions_attended: int
    min_percent: int
    completed: bool
    reasons: list[str] = field(default_factory=list)

    @property
    def percent(self) -> int:
        if not self.sessions_total:
            return 0
        return self.sessions_attended * 100 // self.sessions_total


def completion_reasons(*, total: int, attended: int, required: int, completed: bool) -> list[str]:
    if not total:
        return [_("The batch has no sessions in its timetable.")]
    values = {
        "attended": attended,
        "total": total,
        "percent": attended * 100 // total,
        "required": required,
    }
    if completed:
        return [
            _("Attended %(attended)s of %(total)s sessions (%(percent)s%%); %(required)s%% needed.")
            % values
        ]
    return [
        _(
            "Attended only %(attended)s of %(total)s sessions (%(percent)s%%); at least "
            "%(required)s%% is needed."
        )
        % values
    ]


def rule_met(*, total: int, attended: int, required: int) -> bool:
    # Whole numbers only: 4 of 5 sessions is exactly 80%, never 79.999…
    return total > 0 and attended * 100 >= required * total


def batch_completion(*, batch: Batch, nominations=None) -> list[CompletionRow]:
    """For every confirmed person of the batch: sessions, attended, percent, completed or
    not and why, by the programme's completion rule, from the marks as they stand."""
    nominations = list(roster(batch) if nominations is None else nominations)
    total = batch.sessions.count()
    required = min_percent(batch.programme)
    attended: dict[int, int] = {}
    for nomination_id in Mark.objects.filter(
        session__batch=batch,
        nomination__in=[n.pk for n in nominations],
        status__in=ATTENDED_STATUSES,
    ).values_list("nomination_id", flat=True):
        attended[nomination_id] = attended.get(nomination_id, 0) + 1
    post_test = (
        post_test_taken_in_batch(batch=batch) if requires_post_test(batch.programme) else None
    )
    rows = []
    for nomination in nominations:
        count = attended.get(nomination.pk, 0)
        done = rule_met(total=total, attended=count, required=required)
        reasons = completion_reasons(total=total, attended=count, required=required, completed=done)
        if post_test is not None and not post_test.get(nomination.pk, False):
            done = False
            reasons.append(POST_TEST_MISSING())
        rows.append(
            CompletionRow(
                nomination=nomination,
                sessions_total=total,
                sessions_attended=count,
                min_percent=required,
                completed=done,
                reasons=reasons,
            )
        )
    return rows


def completed_nominations() -> QuerySet[Completion]:
    """Completions that count as "trained" (e.g. the MoU ledger:
    `completed_nominations().filter(nomination__programme__mou=mou)`)."""
    return Completion.objects.filter(completed=True)


def completion_reasons_for(completion: Completion) -> list[str]:
    counts = {
        "total": completion.sessions_total,
        "attended": completion.sessions_attended,
        "required": completion.min_percent,
    }
    reasons = completion_reasons(**counts, completed=completion.completed)
    if not completion.completed and rule_met(**counts):
        # Attendance was enough, so what was missing is the post-test.
        reasons.append(POST_TEST_MISSING())
    return reasons


@dataclass
class AttendanceMatrix:
    sessions: list[BatchSession]
    rows: list[tuple[Nomination, list[Mark | None], CompletionRow]]


def batch_attendance(*, user, batch: Batch) -> AttendanceMatrix:
    """People × sessions for the people `user` may see, with each person's completion."""
    sessions = list(batch.sessions.select_related("trainer"))
    people = list(roster_for_user(user, batch))
    marks = {
        (m.nomination_id, m.session_id): m
        for m in Mark.objects.filter(session__batch=batch, nomination__in=[n.pk for n in people])
    }
    completion = batch_completion(batch=batch, nominations=people)
    return AttendanceMatrix(
        sessions=sessions,
        rows=[
            (n, [marks.get((n.pk, s.pk)) for s in sessions], row)
            for n, row in zip(people, completion, strict=True)
        ],
    )


def nominations_of_participant(user) -> QuerySet[Nomination]:
    if user.role != Role.PARTICIPANT or not user.person_id:
        return Nomination.objects.none()
    return (
        Nomination.objects.filter(person_id=user.person_id, batch__isnull=False)
        .exclude(status__in=[NominationStatus.REJECTED, NominationStatus.WITHDRAWN])
        .select_related("batch__programme", "batch__venue")
        .order_by("-batch__start_date")
    )


def attended_a_session() -> Q:
    """For the dashboards: a nomination whose person was marked present (or late, or leaving
    early) at one session or more, read from the flag the marks keep
    (`services.nomination_attended_follow`) rather than from the marks themselves."""
    return Q(attended_a_session=True)
