"""Background jobs of nominations: the automatic allocation of a programme's seats."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from sashakt.core.jobs import JobContext, JobError, job_function
from sashakt.nominations.allocation.services import AllocationError, allocation_propose
from sashakt.programmes.models import Programme


@job_function("nominations.allocate")
def allocate_seats(ctx: JobContext, *, user_id: int, programme_id: int) -> dict:
    user = get_user_model().objects.get(pk=user_id)
    programme = Programme.objects.get(pk=programme_id)
    with override(user.language or "hi"):
        ctx.progress(0, 1, _("Optimising the allocation"))
        try:
            proposal = allocation_propose(user=user, programme=programme)
        except AllocationError as error:
            raise JobError(str(error)) from error
        ctx.progress(1, 1, _("Done"))
    return {
        "proposal": proposal.pk,
        "next_url": reverse("nominations:allocation", args=[programme.pk]),
        **proposal.figures,
    }
