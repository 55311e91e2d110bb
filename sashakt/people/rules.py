"""Who may see what of the registry. Views pass these as flags to templates."""

from sashakt.core.permissions import has_role
from sashakt.core.roles import Role
from sashakt.people.models import Person


def may_see_personal_data(user, person: Person) -> bool:
    """Mobile numbers and categories: the state cell, the person's district officer, self."""
    if has_role(user, Role.STATE):
        return True
    if has_role(user, Role.DISTRICT):
        return user.district_id == person.district_id
    return has_role(user, Role.PARTICIPANT) and user.person_id == person.pk


def may_filter_by_district(user) -> bool:
    """Only the state cell's registry spans districts."""
    return has_role(user, Role.STATE)
