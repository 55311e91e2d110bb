"""Who may give and read feedback. A trainer reads their own sessions' figures and comments,
never who wrote them; the institute reads its batches and the state cell everything."""

from sashakt.core.permissions import has_role
from sashakt.core.roles import Role
from sashakt.nominations.models import SEAT_HOLDING, Nomination, NominationStatus
from sashakt.programmes.models import Batch, BatchSession

GIVING_STATUSES = (*SEAT_HOLDING, NominationStatus.ATTENDED)


def may_give(user, nomination: Nomination) -> bool:
    return (
        has_role(user, Role.PARTICIPANT)
        and user.person_id == nomination.person_id
        and nomination.status in GIVING_STATUSES
    )


def may_record_for(user, batch: Batch) -> bool:
    """A coordinator may record a participant's feedback with them (assisted)."""
    if has_role(user, Role.STATE):
        return True
    return has_role(user, Role.INSTITUTE) and user.institute_id == batch.institute.pk


def may_read_batch(user, batch: Batch) -> bool:
    return may_record_for(user, batch)


def may_read_session(user, session: BatchSession) -> bool:
    if has_role(user, Role.TRAINER):
        return session.trainer_id == user.pk
    return may_read_batch(user, session.batch)


def may_record_items(user) -> bool:
    """The standard statements are shared; the state cell and institutes record them."""
    return has_role(user, Role.STATE, Role.INSTITUTE)
