"""Nomination decisions: nominating by pasted mobiles, approve / reject / confirm, "cannot
attend" (decline), substitution and a person's training history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from sashakt.core.links import home_url
from sashakt.core.permissions import get_scoped_or_404, role_required
from sashakt.core.refusals import refused_message
from sashakt.core.roles import Role
from sashakt.core.text import name_in_script, normalise_mobile
from sashakt.nominations import rules
from sashakt.nominations import services as nominations
from sashakt.nominations.forms import (
    DeclineForm,
    PasteMobilesForm,
    RejectForm,
    SubstituteForm,
)
from sashakt.nominations.models import (
    NominationStatus,
)
from sashakt.nominations.selectors import (
    nominations_for_user,
)
from sashakt.people.selectors import people_for_user
from sashakt.programmes.selectors import (
    batches_for_user,
)

DECIDING_ROLES = (Role.STATE, Role.INSTITUTE, Role.DISTRICT, Role.PARTICIPANT)


@require_POST
@role_required(*rules.NOMINATING_ROLES)
def batch_nominate(request, pk: int):
    batch = get_scoped_or_404(request.user, batches_for_user, pk)
    form = PasteMobilesForm(request.POST)
    if form.is_valid():
        result = nominations.nominations_create_from_mobiles(
            user=request.user,
            batch=batch,
            text=form.cleaned_data["mobiles"],
            people=people_for_user(request.user),
        )
        report_pasted(request, result)
    else:
        messages.error(request, _("Paste at least one mobile number."))
    return redirect(batch)


def report_pasted(request, result) -> None:
    """Tell the officer how many were nominated and why each other line was not."""
    if result.created:
        count = len(result.created)
        messages.success(
            request,
            ngettext("%(count)s person nominated.", "%(count)s people nominated.", count)
            % {"count": count},
        )
    for typed, problem in result.problems:
        messages.error(request, f"{typed}: {problem}")


NOMINATION_ACTIONS = {"approve", "reject", "confirm"}


def _name(person) -> str:
    return name_in_script(person.name, person.name_alt)[0]


def decision_message(action: str, nomination) -> str:
    """What happened, with the person's name and seat: "Approved: सुनीता देवी, seat 12"."""
    values = {"name": _name(nomination.person), "seat": nomination.seat}
    if action == "approve":
        if nomination.status == NominationStatus.WAITLISTED:
            return _("Approved: %(name)s — the batch is full, so on the waitlist.") % values
        return _("Approved: %(name)s, seat %(seat)s.") % values
    if action == "reject":
        return _("Rejected: %(name)s. The district officer sees the reason.") % values
    if action == "confirm":
        return _("Confirmed: %(name)s will attend, seat %(seat)s.") % values
    if action == "decline":
        return _("Declined: %(name)s will not attend; the place goes to the waitlist.") % values
    return _("Saved.")


@require_POST
@role_required(*DECIDING_ROLES)
def nomination_action(request, pk: int, action: str):
    if action not in NOMINATION_ACTIONS:
        raise Http404
    user = request.user
    nomination = get_scoped_or_404(user, nominations_for_user, pk)
    try:
        if action == "approve":
            nomination = nominations.nomination_approve(user=user, nomination=nomination)
        elif action == "reject":
            form = RejectForm(request.POST)
            reason = form.data.get("reason", "")
            nomination = nominations.nomination_reject(
                user=user, nomination=nomination, reason=reason
            )
        else:
            nomination = nominations.nomination_confirm(user=user, nomination=nomination)
    except nominations.NominationError as error:
        refused_message(request, error)
    else:
        messages.success(request, decision_message(action, nomination))
    return _back_after_answer(user, nomination)


def _back_after_answer(user, nomination):
    if rules.lands_on_home(user):
        return redirect(home_url())
    # An "any batch" nomination has no batch page: back to its programme (a 403 here came
    # after the answer had been saved).
    return redirect(nomination.batch or nomination.programme)


@role_required(*DECIDING_ROLES)
def nomination_decline(request, pk: int):
    """ "Cannot attend" asks why and asks again before the seat is given up (no script
    needed: this page is the confirmation step)."""
    user = request.user
    nomination = get_scoped_or_404(user, nominations_for_user, pk)
    if not rules.may_answer_for(user, nomination):
        raise PermissionDenied
    if not nomination.is_in_play:
        messages.error(request, _("This nomination is no longer in play."))
        return _back_after_answer(user, nomination)
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        seat = nomination.seat
        try:
            nomination = nominations.nomination_decline(
                user=user, nomination=nomination, reason=form.reason_text()
            )
        except nominations.NominationError as error:
            refused_message(request, error)
        else:
            nomination.seat = seat  # for the message: the seat that was given up
            messages.success(request, decision_message("decline", nomination))
        return _back_after_answer(user, nomination)
    back = (
        "/"
        if rules.lands_on_home(user)
        else (nomination.batch or nomination.programme).get_absolute_url()
    )
    return render(
        request,
        "nominations/decline_confirm.html",
        {"nomination": nomination, "form": form, "back": back},
    )


@require_POST
@role_required(*rules.NOMINATING_ROLES)
def nomination_substitute(request, pk: int):
    nomination = get_scoped_or_404(request.user, nominations_for_user, pk)
    form = SubstituteForm(request.POST)
    mobile = normalise_mobile(form.data.get("mobile", ""))
    person = people_for_user(request.user).filter(mobile=mobile).first() if mobile else None
    if person is None:
        messages.error(request, _("No one in your registry has this mobile."))
    else:
        try:
            nominations.nomination_substitute(
                user=request.user, nomination=nomination, person=person
            )
        except nominations.NominationError as error:
            refused_message(request, error)
        else:
            messages.success(
                request,
                _("Replaced: %(old)s by %(new)s.")
                % {"old": _name(nomination.person), "new": _name(person)},
            )
    return redirect(nomination.batch or nomination.programme)


@role_required(Role.STATE, Role.DISTRICT, Role.PARTICIPANT)
def person_history(request, pk: int):
    """A person's training history (nominations, seats, completion) as the viewer may see
    it: the state cell all of it, a district officer what their district nominated, a
    participant their own. The person page loads it into its history section."""
    person = get_scoped_or_404(request.user, people_for_user, pk)
    history = (
        nominations_for_user(request.user)
        .filter(person=person)
        .select_related("batch__venue", "programme__mou__institute")
        .order_by("-created_at", "-pk")
    )
    return render(
        request,
        "nominations/_person_history.html",
        {"person": person, "history": history, "Status": NominationStatus},
    )
