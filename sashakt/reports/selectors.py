"""Reads across the apps for the role home pages and MoU progress. Nothing imports `reports`."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count

from sashakt.certificates.selectors import certified_count_for, certified_counts_by_designation
from sashakt.geography.models import Block, District, GramPanchayat
from sashakt.nominations.models import ACTIVE, SEAT_HOLDING, Nomination, NominationStatus
from sashakt.nominations.selectors import batches_with_seats, nominations_for_user
from sashakt.people.models import Designation, Person
from sashakt.people.selectors import people_count_by_designation
from sashakt.programmes.models import BatchStatus, Institute, MoU


def public_figures() -> dict:
    return {"district_count": District.objects.count(), "institutes": Institute.objects.all()}


def state_overview() -> dict:
    return {
        "districts": District.objects.count(),
        "blocks": Block.objects.count(),
        "gram_panchayats": GramPanchayat.objects.count(),
        "people": Person.objects.count(),
        "institutes": Institute.objects.all(),
        "users_by_role": list(
            get_user_model()
            .objects.filter(is_active=True)
            .values("role")
            .annotate(n=Count("pk"))
            .order_by("role")
        ),
    }


def designation_rows(people) -> list[dict]:
    labels = dict(Designation.choices)
    return [
        {"label": labels.get(row["designation"], row["designation"]), "n": row["n"]}
        for row in people_count_by_designation(people)
    ]


def upcoming_for_user(user) -> dict:
    """Batches open for nominations and the user's nominations in play, for home pages."""
    nominations = nominations_for_user(user)
    return {
        "open_batches": batches_with_seats(user)
        .filter(status__in=[BatchStatus.OPEN, BatchStatus.LOCKED, BatchStatus.RUNNING])
        .order_by("start_date")[:8],
        "nominations_in_play": nominations.filter(status__in=ACTIVE).count(),
        "awaiting_approval": nominations.filter(status=NominationStatus.NOMINATED).count(),
    }


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
