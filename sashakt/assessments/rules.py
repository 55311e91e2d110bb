"""Who may do what with tests and their results. Views and services ask these; no role test
is written anywhere else in the app."""

from sashakt.core.permissions import has_role
from sashakt.core.roles import Role
from sashakt.nominations.models import SEAT_HOLDING, Nomination, NominationStatus
from sashakt.programmes.models import Batch

# A person of the batch may take its tests while holding a seat or after completing it.
TAKING_STATUSES = (*SEAT_HOLDING, NominationStatus.ATTENDED)
RESULT_ROLES = (Role.STATE, Role.INSTITUTE, Role.DISTRICT, Role.TRAINER)


def may_take(user, nomination: Nomination) -> bool:
    return (
        has_role(user, Role.PARTICIPANT)
        and user.person_id == nomination.person_id
        and nomination.status in TAKING_STATUSES
    )


def may_manage(user, batch: Batch) -> bool:
    """Set times, open, close, reopen, mark: the state cell and the batch's institute."""
    if has_role(user, Role.STATE):
        return True
    return has_role(user, Role.INSTITUTE) and user.institute_id == batch.institute.pk


def trains_in(user, batch: Batch) -> bool:
    return has_role(user, Role.TRAINER) and batch.sessions.filter(trainer=user).exists()


def may_assist(user, batch: Batch) -> bool:
    """Record a participant's answers with them on one's own phone: the coordinator, or a
    trainer of the batch acting as volunteer."""
    return may_manage(user, batch) or trains_in(user, batch)


def may_see_people_results(user, batch: Batch) -> bool:
    """Per-participant scores: managers, and district officers (for their own district's
    people, filtered by the selectors). Trainers see question analysis only."""
    return may_manage(user, batch) or has_role(user, Role.DISTRICT)


def may_see_question_analysis(user, batch: Batch) -> bool:
    return may_see_people_results(user, batch) or trains_in(user, batch)


def may_see_education(user) -> bool:
    """Declared education is never shown to trainers; the institute and state see results
    by it."""
    return has_role(user, Role.STATE, Role.INSTITUTE)


def may_edit_bank(user, institute_id: int) -> bool:
    if has_role(user, Role.STATE):
        return True
    return has_role(user, Role.INSTITUTE) and user.institute_id == institute_id


def may_write_attempt(user, attempt) -> bool:
    """An assisted attempt is written by the helper, any other by the participant."""
    if attempt.assisted:
        return may_assist(user, attempt.assessment.batch)
    return may_take(user, attempt.nomination)


def may_hear(user, programme) -> bool:
    """A question's recording: those who run, teach or take the programme's tests."""
    if has_role(user, Role.STATE):
        return True
    if has_role(user, Role.INSTITUTE):
        return user.institute_id == programme.mou.institute_id
    if has_role(user, Role.TRAINER):
        return programme.batches.filter(sessions__trainer=user).exists()
    return (
        has_role(user, Role.PARTICIPANT)
        and programme.nominations.filter(
            person_id=user.person_id, status__in=TAKING_STATUSES
        ).exists()
    )
