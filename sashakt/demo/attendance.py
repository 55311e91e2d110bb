"""Attendance for the pilot's past batches, as a hall really produces it: nearly
everyone present, a few absences, one late arrival per batch, and in batch 1 one person who
left after day 3 and so did not complete the programme."""

import datetime

from auditlog.context import set_actor
from django.db import transaction
from django.utils import timezone

from sashakt.accounts.models import User
from sashakt.attendance.models import Mark, MarkMethod, MarkStatus
from sashakt.attendance.selectors import roster
from sashakt.attendance.services import batch_complete, mark_record
from sashakt.core.roles import Role
from sashakt.programmes.models import Batch, BatchStatus
from sashakt.programmes.services import timetable_generate
from sashakt.programmes.timing import batch_ends_at


def _at(session, minutes: int) -> datetime.datetime:
    start = datetime.datetime.combine(session.date, session.starts_at)
    return timezone.make_aware(start + datetime.timedelta(minutes=minutes))


def _plan(people, sessions, first_batch: bool) -> dict[tuple[int, int], tuple[str, int]]:
    """(person index, session index) → (status, minutes after the start) for the exceptions."""
    plan = {}
    if len(people) > 2:
        plan[(1, min(3, len(sessions) - 1))] = (MarkStatus.ABSENT, 0)
        plan[(2, len(sessions) - 1)] = (MarkStatus.ABSENT, 0)
        plan[(0, 0)] = (MarkStatus.LATE, 35)
    if first_batch and len(people) > 3:
        last_days = sessions[0].date + datetime.timedelta(days=3)
        for index, session in enumerate(sessions):
            if session.date >= last_days:
                plan[(3, index)] = (MarkStatus.ABSENT, 0)
    return plan


# Every mark of the pilot's past batches is a backdated entry: typed in from the signed paper
# register, with that reason, as the attendance services require for a session long past.
PAPER_REASON = "हस्ताक्षरित उपस्थिति रजिस्टर से दर्ज"


@transaction.atomic
def attendance_demo_load(state_user) -> int:
    """For each pilot batch running past its last day with no marks yet: its attendance typed
    in from the paper register through `attendance.services.mark_record`, then the batch
    completed through `batch_complete` (the completion rule decides who completed). Returns
    the marks made."""
    made = 0
    now = timezone.now()
    running = Batch.objects.filter(status=BatchStatus.RUNNING).order_by("programme", "number")
    for batch in running:
        if batch_ends_at(batch) > now or Mark.objects.filter(session__batch=batch).exists():
            continue
        coordinator = (
            User.objects.filter(
                role=Role.INSTITUTE,
                institute=batch.programme.mou.institute_id,
                is_active=True,
            )
            .order_by("pk")
            .first()
            or state_user
        )
        if not batch.sessions.exists():
            timetable_generate(user=state_user, batch=batch)
        people = list(roster(batch).order_by("pk"))
        sessions = list(batch.sessions.order_by("date", "starts_at"))
        plan = _plan(people, sessions, first_batch=batch.number == 1)
        with set_actor(coordinator):
            for p, nomination in enumerate(people):
                for s, session in enumerate(sessions):
                    status, minutes = plan.get((p, s), (MarkStatus.PRESENT, 0))
                    when = _at(session, max(minutes, 5))
                    mark_record(
                        user=coordinator,
                        session=session,
                        nomination=nomination,
                        status=status,
                        method=MarkMethod.PAPER,
                        marked_at=when,
                        arrived_at=when.astimezone(timezone.get_current_timezone()).time()
                        if status == MarkStatus.LATE
                        else None,
                        reason=PAPER_REASON,
                    )
                    made += 1
            batch_complete(user=coordinator, batch=batch)
    return made
