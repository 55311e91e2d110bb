"""The MoU pages: every MoU the user sees with its progress against target, and one MoU with
its programmes.

They show the programmes app's MoUs, but their figures are counted from higher apps
(nominations: trained and seated; certificates: certified) and the MoU page links each
programme's completion rule (attendance), none of which `programmes` may import or name:
so they live here, under the dashboards (/dashboard/mous/; the old /programmes/mous/
addresses redirect).
"""

from dataclasses import dataclass

from django.db.models import Count
from django.shortcuts import render

from sashakt.certificates.selectors import certified_count_for, certified_counts_by_designation
from sashakt.core.permissions import get_scoped_or_404, role_required
from sashakt.core.roles import Role
from sashakt.nominations.models import SEAT_HOLDING, Nomination, NominationStatus
from sashakt.people.models import Designation
from sashakt.programmes.models import MoU
from sashakt.programmes.rules import may_plan
from sashakt.programmes.selectors import mous_for_user


@dataclass
class TargetProgress:
    label: str
    target: int
    trained: int
    seated: int
    certified: int = 0

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.trained / self.target)) if self.target else 0


def mou_progress(mou: MoU) -> dict:
    """Progress against the MoU's targets, computed from nominations, never typed: trained
    (completed a batch) and seated (holding a seat in a coming batch), overall and by
    designation."""
    nominations = Nomination.objects.filter(programme__mou=mou)
    trained = dict(
        nominations.filter(status=NominationStatus.ATTENDED)
        .values_list("designation")
        .annotate(n=Count("pk"))
    )
    seated = dict(
        nominations.filter(status__in=SEAT_HOLDING)
        .values_list("designation")
        .annotate(n=Count("pk"))
    )
    certified = certified_counts_by_designation(mou=mou)
    labels = dict(Designation.choices)
    rows = [
        TargetProgress(
            labels[target.designation],
            target.people,
            trained.get(target.designation, 0),
            seated.get(target.designation, 0),
            certified.get(target.designation, 0),
        )
        for target in mou.targets.all()
    ]
    total = TargetProgress(
        "",
        mou.target_people,
        sum(trained.values()),
        sum(seated.values()),
        certified_count_for(mou=mou),
    )
    spent = (
        total.trained * mou.cost_per_participant if mou.cost_per_participant is not None else None
    )
    return {"total": total, "by_designation": rows, "spent": spent}


@role_required(Role.STATE, Role.INSTITUTE)
def mou_list(request):
    mous = [(mou, mou_progress(mou)) for mou in mous_for_user(request.user)]
    return render(request, "reports/mou_list.html", {"mous": mous})


@role_required(Role.STATE, Role.INSTITUTE)
def mou_detail(request, pk: int):
    mou = get_scoped_or_404(request.user, mous_for_user, pk)
    programmes = mou.programmes.prefetch_related("modules__sessions", "batches")
    # Every programme of the MoU is the same institute's: one answer for all of them.
    first = programmes.first()
    may_set_up = first is not None and may_plan(request.user, first)
    return render(
        request,
        "reports/mou_detail.html",
        {
            "mou": mou,
            "progress": mou_progress(mou),
            "programmes": programmes,
            "may_set_up": may_set_up,
        },
    )
