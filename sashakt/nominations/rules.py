"""Who may do what with nominations. Views, services and templates (through flags the views
pass) ask these; no role test is written anywhere else."""

from sashakt.core.permissions import has_role
from sashakt.core.roles import Role
from sashakt.nominations.models import Nomination
from sashakt.people.models import Person
from sashakt.programmes.models import Batch, BatchStatus, Programme

NOMINATING_ROLES = (Role.STATE, Role.DISTRICT)


def may_nominate(user, person: Person) -> bool:
    if has_role(user, Role.STATE):
        return True
    return has_role(user, Role.DISTRICT) and user.district_id == person.district_id


def may_nominate_to_batch(user, batch: Batch) -> bool:
    """The batch page offers the nominate form to district officers while the batch is open."""
    return has_role(user, Role.DISTRICT) and batch.status == BatchStatus.OPEN


def may_nominate_for_programme(user) -> bool:
    return has_role(user, *NOMINATING_ROLES)


def may_decide(user, programme: Programme) -> bool:
    """Approve or reject: the state cell, or the institute when the programme says so."""
    if has_role(user, Role.STATE):
        return True
    return (
        programme.approver == "institute"
        and has_role(user, Role.INSTITUTE)
        and user.institute_id == programme.mou.institute_id
    )


def may_answer_for(user, nomination: Nomination) -> bool:
    """Confirm or decline: the participant, their district officer, or the state cell."""
    if has_role(user, Role.STATE):
        return True
    if has_role(user, Role.DISTRICT):
        return user.district_id == nomination.district_id
    return has_role(user, Role.PARTICIPANT) and user.person_id == nomination.person_id


def may_answer_on_pages(user) -> bool:
    """Confirm / decline buttons on batch pages: everyone who may answer for someone, not the
    institute (it decides, it does not answer)."""
    return not has_role(user, Role.INSTITUTE)


def may_substitute(user) -> bool:
    return has_role(user, *NOMINATING_ROLES)


def may_allocate(user) -> bool:
    """Automatic allocation is the state cell's."""
    return has_role(user, Role.STATE)


def may_see_mobiles(user) -> bool:
    """Mobiles on nomination lists: the state cell and district officers (whose lists hold only
    their own district's people)."""
    return has_role(user, *NOMINATING_ROLES)


def lands_on_home(user) -> bool:
    """A participant answers from their home page and goes back there."""
    return has_role(user, Role.PARTICIPANT)


DOOR_STATUSES = (BatchStatus.LOCKED, BatchStatus.RUNNING)


def may_act_at_the_door(user, batch: Batch) -> bool:
    """Confirm an offered seat or seat a substitute in the hall: the state cell, or the
    coordinator of the batch's institute, while the batch is locked or running."""
    if batch.status not in DOOR_STATUSES:
        return False
    if has_role(user, Role.STATE):
        return True
    return has_role(user, Role.INSTITUTE) and user.institute_id == batch.programme.mou.institute_id
