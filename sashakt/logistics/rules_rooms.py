"""Who may do what with hostel rooms. Views, services and templates (through flags the views
pass) ask these; no role test about rooms is written anywhere else."""

from typing import Any

from sashakt.core.permissions import has_role
from sashakt.core.roles import Role
from sashakt.programmes.models import Batch, Venue

# The batch's rooms page: the state cell and the institute manage, a district officer reads
# where their own district's people sleep.
ROOMS_PAGE_ROLES = (Role.STATE, Role.INSTITUTE, Role.DISTRICT)
ROOMS_MANAGING_ROLES = (Role.STATE, Role.INSTITUTE)


def may_manage_rooms(user: Any, venue: Venue) -> bool:
    """The state cell, and the coordinator of the venue's institute, enter blocks and rooms."""
    if has_role(user, Role.STATE):
        return True
    return has_role(user, Role.INSTITUTE) and user.institute_id == venue.institute_id


def may_allocate(user: Any, batch: Batch) -> bool:
    """Whoever manages the venue's rooms allocates them, moves people, records arrivals."""
    return may_manage_rooms(user, batch.venue)
