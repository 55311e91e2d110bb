"""A row whose mobile belongs to a person of another district (issue 10, item 6).

The officer who imports is told only that the mobile cannot be used: whose it is, and in
which district, is registry data of another district. The state cell, who may see everyone,
is told the whole clash through the notifications outbox, once per importing user and set
of clashes however often the file is checked again.
"""

import hashlib

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from sashakt.core.roles import Role
from sashakt.geography.models import District
from sashakt.notifications.services import message_send

MAX_LISTED = 20  # an SMS or e-mail names the first clashes; the count says how many


def clashes_tell_state_cell(*, user, clashes: list[tuple[int, str, int, int]]) -> int:
    """`clashes`: (row number, mobile, registry person id, person's district id). Returns
    how many state cell accounts were written to."""
    if not clashes or user is None:
        return 0
    names = dict(District.objects.values_list("pk", "name_en"))
    lines = [
        _("row %(row)s: %(mobile)s is person #%(person)s of %(district)s")
        % {"row": row, "mobile": mobile, "person": person, "district": names.get(district, "")}
        for row, mobile, person, district in clashes[:MAX_LISTED]
    ]
    body = _(
        "Import by %(user)s (%(district)s): %(count)s rows use a mobile of a person registered "
        "in another district. %(rows)s"
    ) % {
        "user": user.get_username(),
        "district": names.get(user.district_id, "") if user.district_id else "",
        "count": len(clashes),
        "rows": "; ".join(lines),
    }
    fingerprint = hashlib.sha256(repr(sorted(clashes)).encode()).hexdigest()[:24]
    told = 0
    for cell in get_user_model().objects.filter(role=Role.STATE, is_active=True):
        if not (cell.mobile or cell.email):
            continue
        message_send(
            purpose_key=f"import-clash:{user.pk}:{cell.pk}:{fingerprint}",
            to_mobile=cell.mobile or None,
            to_email=cell.email or None,
            body=body,
        )
        told += 1
    return told
