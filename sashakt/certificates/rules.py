"""Who may do what with certificates (read by views, services and jobs alike)."""

from sashakt.core.permissions import has_role
from sashakt.core.roles import Role
from sashakt.programmes.models import Institute, Programme

# How a certificate is scoped: a district officer sees their district's, a coordinator their
# institute's, a participant their own (core.permissions.scope_queryset).
CERTIFICATE_SCOPE = {"district": "district", "institute": "institute", "person": "person"}


def may_issue(user, programme: Programme) -> bool:
    """The state cell, or the coordinator of the institute that ran the programme."""
    if has_role(user, Role.STATE):
        return True
    return has_role(user, Role.INSTITUTE) and user.institute_id == programme.mou.institute_id


def may_edit_template(user, institute: Institute) -> bool:
    if has_role(user, Role.STATE):
        return True
    return has_role(user, Role.INSTITUTE) and user.institute_id == institute.pk
