"""Attendance for the pilot's completed batches, as a hall really produces it: nearly
everyone present, a few absences, one late arrival per batch, and in batch 1 one person who
left after day 3 and so did not complete the programme."""

import datetime

from django.db import transaction
from django.utils import timezone

from sashakt.accounts.models import User
from sashakt.attendance.attended_flag import nominations_attended_refresh
from sashakt.attendance.models import Completion, Mark, MarkChange, MarkMethod, MarkStatus
from sashakt.attendance.selectors import batch_completion
from sashakt.core.roles import Role
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.programmes.models import Batch, BatchStatus
from sashakt.programmes.services import timetable_generate


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


@transaction.atomic
def attendance_demo_load(state_user) -> int:
    """Marks and completions for completed batches that have none yet; returns marks made."""
    made = 0
    completed = Batch.objects.filter(status=BatchStatus.COMPLETED).order_by("programme", "number")
    for batch in completed:
        people = list(
            batch.nominations.filter(
                status__in=[NominationStatus.ATTENDED, NominationStatus.CONFIRMED]
            ).order_by("pk")
        )
        if not people or Mark.objects.filter(session__batch=batch).exists():
            continue
        if not batch.sessions.exists():
            timetable_generate(user=state_user, batch=batch)
        sessions = list(batch.sessions.order_by("date", "starts_at"))
        coordinator = (
            User.objects.filter(role=Role.INSTITUTE, institute=batch.programme.mou.institute_id)
            .order_by("pk")
            .first()
            or state_user
        )
        plan = _plan(people, sessions, first_batch=batch.number == 1)
        marks, history = [], []
        for p, nomination in enumerate(people):
            for s, session in enumerate(sessions):
                status, minutes = plan.get((p, s), (MarkStatus.PRESENT, 0))
                when = _at(session, max(minutes, 5))
                values = {
                    "nomination": nomination,
                    "session": session,
                    "arrived_at": when.astimezone(timezone.get_current_timezone()).time()
                    if status == MarkStatus.LATE
                    else None,
                    "method": MarkMethod.QR if s % 2 == 0 else MarkMethod.GRID,
                }
                marks.append(Mark(**values, status=status, marked_by=coordinator, marked_at=when))
                history.append(
                    MarkChange(
                        **values,
                        new_status=status,
                        applied=True,
                        changed_by=coordinator,
                        marked_at=when,
                    )
                )
        Mark.objects.bulk_create(marks)
        MarkChange.objects.bulk_create(history)
        # bulk_create sends no post_save: set the nominations' "attended a session" flags.
        nominations_attended_refresh(nominations=Nomination.objects.filter(batch=batch))
        made += len(marks)
        for seat, row in enumerate(batch_completion(batch=batch, nominations=people), start=1):
            nomination = row.nomination
            nomination.status = (
                NominationStatus.ATTENDED if row.completed else NominationStatus.CONFIRMED
            )
            nomination.seat = None if row.completed else seat
            nomination.save(update_fields=["status", "seat", "updated_at"])
            Completion.objects.update_or_create(
                nomination=nomination,
                defaults={
                    "batch": batch,
                    "sessions_total": row.sessions_total,
                    "sessions_attended": row.sessions_attended,
                    "min_percent": row.min_percent,
                    "completed": row.completed,
                    "seat": seat,
                    "decided_by": coordinator,
                },
            )
    return made
