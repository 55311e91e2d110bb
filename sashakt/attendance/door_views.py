"""At the door of the hall: the coordinator confirms on the spot a person whose seat was
offered but never confirmed, or seats a substitute of the same district and designation.
The rules and the writes are the nominations app's (`nomination_confirm_in_hall`,
`nomination_substitute_in_hall`); these views only find the rows in the user's scope."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sashakt.attendance import rules, selectors
from sashakt.core.permissions import role_required
from sashakt.core.refusals import refused_message
from sashakt.core.roles import Role
from sashakt.core.text import normalise_mobile
from sashakt.nominations.models import SEAT_HOLDING
from sashakt.nominations.rules import may_act_at_the_door
from sashakt.nominations.services import (
    NominationError,
    nomination_confirm_in_hall,
    nomination_substitute_in_hall,
)
from sashakt.people.models import Person


def _door(request, pk):
    batch = get_object_or_404(selectors.batches_for_user(request.user), pk=pk)
    if not may_act_at_the_door(request.user, batch):
        raise PermissionDenied
    return batch


@role_required(Role.STATE, Role.INSTITUTE)
@require_POST
def door_confirm(request, pk: int):
    batch = _door(request, pk)
    nomination = get_object_or_404(batch.nominations, pk=request.POST.get("nomination") or 0)
    try:
        nomination_confirm_in_hall(user=request.user, nomination=nomination)
    except NominationError as error:
        refused_message(request, error)
    else:
        messages.success(
            request,
            _("%(name)s is confirmed in the hall.") % {"name": nomination.person.name},
        )
    return redirect("attendance:batch", pk=batch.pk)


@role_required(Role.STATE, Role.INSTITUTE)
@require_POST
def door_substitute(request, pk: int):
    batch = _door(request, pk)
    nomination = get_object_or_404(
        batch.nominations.filter(status__in=SEAT_HOLDING), pk=request.POST.get("nomination") or 0
    )
    mobile = normalise_mobile(request.POST.get("mobile", ""))
    person = Person.objects.filter(mobile=mobile).first() if mobile else None
    if person is None:
        messages.error(request, _("Nobody in the registry has this mobile number."))
        return redirect("attendance:batch", pk=batch.pk)
    try:
        nomination_substitute_in_hall(user=request.user, nomination=nomination, person=person)
    except NominationError as error:
        refused_message(request, error)
    else:
        messages.success(
            request,
            _("%(new)s is seated in place of %(old)s.")
            % {"new": person.name, "old": nomination.person.name},
        )
    return redirect("attendance:batch", pk=batch.pk)


def door_context(user, batch) -> dict:
    """What the batch's attendance page shows at the door (nothing to others)."""
    if not (rules.may_mark(user, batch) and may_act_at_the_door(user, batch)):
        return {"door": False}
    holders = batch.nominations.filter(status__in=SEAT_HOLDING).select_related("person")
    holders = holders.order_by("person__name", "pk")
    return {
        "door": True,
        "offered": [n for n in holders if n.status == "approved"],
        "replaceable": [n for n in holders if not n.attended_a_session],
    }
