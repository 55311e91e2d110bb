"""Who may see what of the registry. Views pass these as flags to templates."""

from sashakt.core.permissions import has_role
from sashakt.core.roles import Role
from sashakt.geography.models import District
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


def import_district(user) -> District | None:
    """A district officer's imports are held to their own district (whatever the sheet says);
    None for everyone else, and for a command run without a user."""
    if user is not None and user.role == Role.DISTRICT:
        return user.district
    return None


def may_merge_across_districts(user) -> bool:
    """Merging a row into a registry person of another district: the state cell, or a
    command run without a user."""
    return user is None or user.role == Role.STATE


def may_edit_person(user, person: Person) -> bool:
    """Adding, correcting, marking as left office: the state cell, or the person's own
    district officer."""
    if has_role(user, Role.STATE):
        return True
    return has_role(user, Role.DISTRICT) and user.district_id == person.district_id


def may_add_people(user) -> bool:
    return has_role(user, Role.STATE) or (has_role(user, Role.DISTRICT) and bool(user.district_id))
