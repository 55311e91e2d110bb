"""Who may do what with attendance. Views and services ask these; scope of rows is in
selectors (through core.permissions)."""

import datetime

from django.utils import timezone

from sashakt.core.roles import Role
from sashakt.programmes.models import Batch, BatchSession, BatchStatus
from sashakt.programmes.timing import session_entry_is_backdated

# Marks may be recorded while the batch runs (and the days just before it, for a hall that
# opens early), corrected with a reason once it completed, and never once it is closed.
MARKING_STATUSES = (BatchStatus.LOCKED, BatchStatus.RUNNING, BatchStatus.COMPLETED)
VIEW_ROLES = (Role.STATE, Role.INSTITUTE, Role.DISTRICT, Role.TRAINER)


def may_mark(user, batch: Batch) -> bool:
    """The state cell and the batch's institute coordinators record attendance."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.role == Role.STATE:
        return True
    return user.role == Role.INSTITUTE and user.institute_id == batch.programme.mou.institute_id


def may_complete(user, batch: Batch) -> bool:
    return may_mark(user, batch)


def is_own_session(user, session: BatchSession) -> bool:
    return user.role == Role.TRAINER and session.trainer_id == user.pk


def within_session(session: BatchSession, moment: datetime.time) -> bool:
    """A late arrival or an early leaving happens during the session (from its start to its
    end, both included; a session running past midnight wraps)."""
    start, end = session.starts_at, session.ends_at
    if start <= end:
        return start <= moment <= end
    return moment >= start or moment <= end


def has_begun(batch: Batch, today: datetime.date | None = None) -> bool:
    """The batch's first day has come (or it is marked running or later)."""
    if batch.status in (BatchStatus.RUNNING, BatchStatus.COMPLETED, BatchStatus.CLOSED):
        return True
    return batch.start_date <= (today or timezone.localdate())


def marking_open(batch: Batch) -> bool:
    return batch.status in MARKING_STATUSES


def correction_needs_reason(batch: Batch) -> bool:
    return batch.status == BatchStatus.COMPLETED


def entry_needs_reason(session: BatchSession) -> bool:
    """A correction after completion, or a late entry (days after the session), says why."""
    return correction_needs_reason(session.batch) or session_entry_is_backdated(session)
