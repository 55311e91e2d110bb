"""The state cell's seat allocation page for a programme: propose (a background job), adjust
and apply."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sashakt.core.jobs import job_enqueue
from sashakt.core.permissions import get_scoped_or_404, role_required
from sashakt.core.refusals import refused_message
from sashakt.core.roles import Role
from sashakt.core.text import typed_id
from sashakt.nominations.allocation import services as allocation
from sashakt.nominations.models import (
    AllocationProposal,
)
from sashakt.programmes.selectors import (
    programmes_for_user,
)


@role_required(Role.STATE)
def allocation_page(request, pk: int):
    programme = get_scoped_or_404(request.user, programmes_for_user, pk)
    if request.method == "POST":
        return _allocation_action(request, programme)
    proposal = programme.allocation_proposals.filter(status=AllocationProposal.Status.DRAFT).first()
    waiting = {n.pk: n for n in allocation.waiting_nominations(programme)}
    batches = list(allocation.open_batches(programme))
    by_batch = {batch.pk: [] for batch in batches}
    unplaced = []
    if proposal:
        for nomination_id, nomination in waiting.items():
            batch_id = proposal.assignments.get(str(nomination_id))
            (by_batch.get(batch_id, unplaced) if batch_id else unplaced).append(nomination)
    return render(
        request,
        "nominations/allocation.html",
        {
            "programme": programme,
            "proposal": proposal,
            "waiting_count": len(waiting),
            "batches": [(batch, by_batch.get(batch.pk, [])) for batch in batches],
            "unplaced": unplaced,
        },
    )


def _allocation_action(request, programme):
    action = request.POST.get("action")
    proposal = programme.allocation_proposals.filter(status=AllocationProposal.Status.DRAFT).first()
    try:
        if action == "propose":
            job = job_enqueue(
                kind="nominations.allocate",
                title=_("Seat allocation: %(programme)s") % {"programme": programme.title},
                user=request.user,
                params={"user_id": request.user.pk, "programme_id": programme.pk},
            )
            return redirect(job)
        if proposal is None:
            raise allocation.AllocationError(_("Make a proposal first."))
        if action == "adjust":
            allocation.allocation_adjust(
                user=request.user,
                proposal=proposal,
                nomination_id=typed_id(request.POST.get("nomination")) or 0,
                batch_id=typed_id(request.POST.get("batch")),
            )
            messages.success(request, _("Moved. The proposal still keeps every rule."))
        elif action == "apply":
            counts = allocation.allocation_apply(user=request.user, proposal=proposal)
            messages.success(
                request,
                _("%(seated)s seated, %(waitlisted)s waitlisted, %(skipped)s skipped.")
                % {
                    "seated": counts["seated"],
                    "waitlisted": counts["waitlisted"],
                    "skipped": counts["skipped"] + counts["clashes"],
                },
            )
    except allocation.AllocationError as error:
        refused_message(request, error)
    return redirect("nominations:allocation", pk=programme.pk)
