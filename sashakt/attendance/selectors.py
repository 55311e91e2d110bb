"""Reads: who may see which batch, session and mark; the roll-call grid; completion."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from sashakt.assessments.selectors import post_test_taken_in_batch
from sashakt.attendance.models import (
    ATTENDED_STATUSES,
    Completion,
    CompletionRule,
    Mark,
    MarkChange,
)
from sashakt.core.permissions import scope_queryset
from sashakt.core.prepared import prepared_rows
from sashakt.core.roles import Role
from sashakt.geography.models import District
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.nominations.seat_codes import seat_code
from sashakt.people.models import Person
from sashakt.programmes.models import Batch, BatchSession, MoU, Programme

# The people of a batch whose attendance is taken: confirmed, or already found to have
# completed it.
ROSTER_STATUSES = (
    NominationStatus.CONFIRMED,
    NominationStatus.ATTENDED,
    NominationStatus.NOT_COMPLETED,
)

_CHECKIN_TABLES = (Nomination, Person, District, Batch, BatchSession, Programme, MoU, Mark)


def roster(batch: Batch) -> QuerySet[Nomination]:
    return (
        Nomination.objects.filter(batch=batch, status__in=ROSTER_STATUSES)
        .select_related("person", "person__district", "district")
        .order_by("seat", "person__name", "pk")
    )


def checkin_person(session: BatchSession, nomination_id: int) -> Nomination | None:
    """The confirmed person of `session`'s batch with this nomination, with only what a check-in
    needs: the name, district and designation it answers with, and three attributes read in
    the same statement: `mark_status`, the person's mark in `session` (None when unmarked),
    `batch_status`, the batch's status as it is now, and `institute_id`, whose batch it is.

    The hall's hot path (250 phones at once): one hand-written statement, because building
    the equivalent ORM query (a join, a subquery) costs about forty times its running time.
    """
    table = {model: connection.ops.quote_name(model._meta.db_table) for model in _CHECKIN_TABLES}
    statuses = ", ".join(["%s"] * len(ROSTER_STATUSES))
    sql = (
        "SELECT n.id, n.batch_id, n.status, n.designation, p.id, p.name, d.id, d.name_en,"
        f" d.name_hi, b.status, mou.institute_id, (SELECT m.status FROM {table[Mark]} m"
        "   WHERE m.session_id = %s AND m.nomination_id = n.id)"
        f" FROM {table[Nomination]} n"
        f" JOIN {table[Person]} p ON p.id = n.person_id"
        f" JOIN {table[District]} d ON d.id = p.district_id"
        f" JOIN {table[Batch]} b ON b.id = n.batch_id"
        f" JOIN {table[BatchSession]} s ON s.batch_id = b.id"
        f" JOIN {table[Programme]} pr ON pr.id = b.programme_id"
        f" JOIN {table[MoU]} mou ON mou.id = pr.mou_id"
        f" WHERE n.id = %s AND s.id = %s AND n.status IN ({statuses})"
    )
    # Planned once per connection on PostgreSQL.
    rows = prepared_rows(sql, [session.pk, nomination_id, session.pk, *ROSTER_STATUSES])
    if not rows:
        return None
    row = rows[0]
    nomination = _loaded(Nomination, id=row[0], batch_id=row[1], status=row[2], designation=row[3])
    nomination.person = _loaded(Person, id=row[4], name=row[5], district_id=row[6])
    nomination.person.district = _loaded(District, id=row[6], name_en=row[7], name_hi=row[8])
    nomination.batch_status, nomination.institute_id, nomination.mark_status = row[9:12]
    return nomination


# session pk -> (batch, programme, MoU, institute) ids, per process: what a session belongs to
# never changes, so a hall's check-ins read it once per web process, not once per scan.
_SESSION_OWNERS: dict[int, tuple[int, int, int, int]] = {}


def checkin_session(pk: int) -> BatchSession | None:
    """The session with its batch, programme and MoU, as far as a check-in needs them (whose
    it is, for `rules.may_mark`); the batch's status is not known here: `checkin_person`
    reads it as it is now. Scope is the caller's to check."""
    owners = _SESSION_OWNERS.get(pk)
    if owners is None:
        owners = (
            BatchSession.objects.filter(pk=pk)
            .values_list(
                "batch_id",
                "batch__programme_id",
                "batch__programme__mou_id",
                "batch__programme__mou__institute_id",
            )
            .first()
        )
        if owners is None:
            return None
        if len(_SESSION_OWNERS) > 10000:
            _SESSION_OWNERS.clear()
        _SESSION_OWNERS[pk] = owners
    batch_id, programme_id, mou_id, institute_id = owners
    session = _loaded(BatchSession, id=pk, batch_id=batch_id)
    session.batch = _loaded(Batch, id=batch_id, programme_id=programme_id)
    session.batch.programme = _loaded(Programme, id=programme_id, mou_id=mou_id)
    session.batch.programme.mou = _loaded(MoU, id=mou_id, institute_id=institute_id)
    return session


def _loaded(model, **values):
    """An instance as the ORM loads it, with only these fields read (the others deferred)."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(connection.alias, names, [values[name] for name in names])


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
    def percent(self) -> int | str:
        return shown_percent(
            attended=self.sessions_attended, total=self.sessions_total, required=self.min_percent
        )


def shown_percent(*, attended: int, total: int, required: int) -> int | str:
    """The share of sessions attended as people read it: rounded (11 of 12 is 92%, not the
    91% a cut-off gives), except that a share just short of the rule is never rounded up to
    it ("79.6%", not "80%; at least 80% is needed")."""
    if not total:
        return 0
    rounded = (200 * attended + total) // (2 * total)  # half up, in whole numbers
    if rounded >= required and not rule_met(total=total, attended=attended, required=required):
        return formats.number_format(attended * 1000 // total / 10, 1)
    return rounded


def completion_reasons(*, total: int, attended: int, required: int, completed: bool) -> list[str]:
    if not total:
        return [_("The batch has no sessions in its timetable.")]
    values = {
        "attended": attended,
        "total": total,
        "percent": shown_percent(attended=attended, total=total, required=required),
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
    (`attended_flag.nomination_attended_follow`) rather than from the marks themselves."""
    return Q(attended_a_session=True)


@dataclass
class BatchAttendanceRate:
    """One batch's attendance so far: marks present (or late, or leaving early) out of every
    (person, session) pair of the sessions held, for the people and sessions counted."""

    batch: Batch
    sessions: int
    people: int
    attended: int

    @property
    def expected(self) -> int:
        return self.sessions * self.people

    @property
    def percent(self) -> float:
        return round(100 * self.attended / self.expected, 1) if self.expected else 0.0


def attendance_rate_by_batch(
    user,
    *,
    today: datetime.date | None = None,
    programme: int | None = None,
    latest: int | None = None,
) -> list:
    """Attendance rate of every batch `user` may open, oldest first, counted by the database
    from the sessions held up to `today`: a district officer counts their district's people
    only, a trainer their own sessions only; participants nothing. Batches with no session
    held or nobody on the roll are left out. `programme` narrows to one programme's batches;
    `latest` counts only the most recent batches begun by `today` (a page's worth: statewide
    there are tens of thousands, and counting them all reads every mark)."""
    if not (user.is_authenticated and user.is_active) or user.role == Role.PARTICIPANT:
        return []
    today = today or timezone.localdate()
    batches = batches_for_user(user)
    if programme is not None:
        batches = batches.filter(programme_id=programme)
    if latest is not None:
        begun = batches.filter(start_date__lte=today).order_by("-start_date", "-pk")
        batches = Batch.objects.filter(pk__in=list(begun.values_list("pk", flat=True)[:latest]))
    sessions = BatchSession.objects.filter(batch__in=batches.values("pk"), date__lte=today)
    if user.role == Role.TRAINER:
        sessions = sessions.filter(trainer=user)
    people = Nomination.objects.filter(batch__in=batches.values("pk"), status__in=ROSTER_STATUSES)
    if user.role == Role.DISTRICT:
        people = people.filter(district_id=user.district_id)
    held = dict(sessions.values_list("batch").annotate(n=Count("pk")).order_by())
    roll = dict(people.values_list("batch").annotate(n=Count("pk")).order_by())
    attended = dict(
        Mark.objects.filter(
            session__in=sessions.values("pk"),
            nomination__in=people.values("pk"),
            status__in=ATTENDED_STATUSES,
        )
        .values_list("session__batch")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counted = [pk for pk in held if roll.get(pk)]
    rows = [
        BatchAttendanceRate(batch, held[batch.pk], roll[batch.pk], attended.get(batch.pk, 0))
        for batch in Batch.objects.filter(pk__in=counted).select_related(
            "programme__mou__institute", "venue"
        )
    ]
    return sorted(rows, key=lambda r: (r.batch.start_date, r.batch.programme_id, r.batch.number))


def marks_for_user(user: Any) -> QuerySet[Mark]:
    """Marks `user` may read: the state cell all, an institute its batches', a trainer their
    own sessions', a district officer their district's people's, a participant their own."""
    return scope_queryset(
        user,
        Mark.objects.select_related("session", "nomination"),
        district="nomination__district",
        institute="session__batch__programme__mou__institute",
        trainer="session__trainer",
        person="nomination__person",
    )
