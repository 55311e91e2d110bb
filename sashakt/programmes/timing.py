"""Time as a rule: when a session begins and ends, when a batch is over, how far a clock may
run fast. Attendance, batch statuses and certificates all ask these, so "has it happened
yet?" has one answer everywhere."""

import datetime

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from sashakt.programmes.models import Batch, BatchSession


def clock_tolerance() -> datetime.timedelta:
    return datetime.timedelta(minutes=max(settings.CLOCK_TOLERANCE_MINUTES, 0))


def late_entry_days() -> int:
    return max(settings.ATTENDANCE_LATE_ENTRY_DAYS, 0)


def _aware(day: datetime.date, at: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, at))


def session_starts_at(session: BatchSession) -> datetime.datetime:
    return _aware(session.date, session.starts_at)


def session_ends_at(session: BatchSession) -> datetime.datetime:
    return session_starts_at(session) + datetime.timedelta(minutes=session.minutes)


def session_opens_at(session: BatchSession, *, at_the_door: bool = False) -> datetime.datetime:
    """When attendance for the session may first be recorded: its start; a check-in at the
    door (QR or code) from the batch's reporting time that day, if that is earlier."""
    starts = session_starts_at(session)
    if at_the_door:
        return min(starts, _aware(session.date, session.batch.reporting_time))
    return starts


def session_begun(
    session: BatchSession, now: datetime.datetime | None = None, *, at_the_door: bool = False
) -> bool:
    """Whether attendance for the session may be recorded yet, allowing for a clock that
    runs a little fast."""
    now = now or timezone.now()
    return now + clock_tolerance() >= session_opens_at(session, at_the_door=at_the_door)


def session_entry_is_backdated(session: BatchSession, now: datetime.datetime | None = None) -> bool:
    """Whether attendance entered now for this session is a late entry (typed in from a
    paper register days later): more than ATTENDANCE_LATE_ENTRY_DAYS after its day."""
    today = timezone.localdate(now or timezone.now())
    return (today - session.date).days > late_entry_days()


def batch_ends_at(batch: Batch) -> datetime.datetime:
    """When the batch is over: the end of its last session, or (without a timetable) the
    end of its last day."""
    last_day = batch.sessions.aggregate(last=Max("date"))["last"]
    if last_day is not None:
        ends = [session_ends_at(s) for s in batch.sessions.filter(date=last_day)]
        return max(ends)
    return _aware(batch.end_date + datetime.timedelta(days=1), datetime.time(0, 0))


def batch_has_begun(batch: Batch, now: datetime.datetime | None = None) -> bool:
    return timezone.localdate(now or timezone.now()) >= batch.start_date


def batch_is_over(batch: Batch, now: datetime.datetime | None = None) -> bool:
    return (now or timezone.now()) >= batch_ends_at(batch)
