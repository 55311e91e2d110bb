"""Who may do what with programmes and batches. Views, services and templates (through flags
the views pass) ask these; no role test is written anywhere else."""

from sashakt.core.permissions import has_role
from sashakt.core.roles import Role
from sashakt.programmes.models import Programme

PLANNING_ROLES = (Role.STATE, Role.INSTITUTE)
CALENDAR_ROLES = (Role.STATE, Role.INSTITUTE, Role.DISTRICT)


def may_plan(user, programme: Programme) -> bool:
    """The state cell plans every batch; an institute coordinator their institute's."""
    if has_role(user, Role.STATE):
        return True
    return has_role(user, Role.INSTITUTE) and user.institute_id == programme.mou.institute_id


def may_create_batches(user) -> bool:
    return has_role(user, *PLANNING_ROLES)


def may_set_quotas(user) -> bool:
    return has_role(user, Role.STATE)


def may_publish_calendar(user) -> bool:
    """Only the state cell publishes the year's calendar (and so needs to see its clashes)."""
    return has_role(user, Role.STATE)
