import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from sashakt.core.permissions import scope_queryset
from sashakt.core.roles import Role
from sashakt.nominations.models import SEAT_HOLDING, Nomination, NominationStatus
from sashakt.people.models import Designation
from sashakt.programmes.models import Batch, BatchStatus, MoU, Programme


def batches_for_user(user) -> QuerySet[Batch]:
    """The calendar a user sees: everything for the state cell and district officers (who
    nominate to any institute's batches), their own institute's for a coordinator."""
    batches = Batch.objects.select_related("programme__mou__institute", "venue").annotate(
        # For display: seats held, or, once a batch is over, the people who attended it.
        seats_taken=Count(
            "nominations",
            filter=Q(nominations__status__in=[*SEAT_HOLDING, NominationStatus.ATTENDED]),
        )
    )
    if user.role in (Role.STATE, Role.DISTRICT):
        return batches
    return scope_queryset(user, batches, institute="programme__mou__institute")


def batches_open_for_nomination(user) -> QuerySet[Batch]:
    return batches_for_user(user).filter(status=BatchStatus.OPEN)


def programmes_for_planning(user) -> QuerySet[Programme]:
    programmes = Programme.objects.select_related("mou__institute")
    if user.role == Role.STATE:
        return programmes
    return scope_queryset(user, programmes, institute="mou__institute")


def nominations_for_user(user) -> QuerySet[Nomination]:
    """Nominations a user may see: a district officer their district's, an institute its
    programmes', a participant their own."""
    nominations = Nomination.objects.select_related(
        "person", "district", "batch__programme", "programme"
    )
    return scope_queryset(
        user,
        nominations,
        district="district",
        institute="programme__mou__institute",
        person="person",
    )


def mous_for_user(user) -> QuerySet[MoU]:
    mous = MoU.objects.select_related("institute").prefetch_related("targets")
    if user.role == Role.STATE:
        return mous
    return scope_queryset(user, mous, institute="institute")


@dataclass
class TargetProgress:
    label: str
    target: int
    trained: int
    seated: int

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
    labels = dict(Designation.choices)
    rows = [
        TargetProgress(
            labels[target.designation],
            target.people,
            trained.get(target.designation, 0),
            seated.get(target.designation, 0),
        )
        for target in mou.targets.all()
    ]
    total = TargetProgress("", mou.target_people, sum(trained.values()), sum(seated.values()))
    spent = (
        total.trained * mou.cost_per_participant if mou.cost_per_participant is not None else None
    )
    return {"total": total, "by_designation": rows, "spent": spent}


def upcoming_weeks(programme: Programme) -> list[datetime.date]:
    """Mondays of the weeks the programme's coming batches touch: the weeks an officer is
    asked about when nominating for any batch."""
    weeks = set()
    for batch in programme.batches.filter(status__in=[BatchStatus.PLANNED, BatchStatus.OPEN]):
        monday = batch.start_date - datetime.timedelta(days=batch.start_date.weekday())
        while monday <= batch.end_date:
            weeks.add(monday)
            monday += datetime.timedelta(weeks=1)
    return sorted(weeks)


def programmes_for_user(user) -> QuerySet[Programme]:
    """Programmes a user may open: all for the state cell and district officers, their own
    institute's for a coordinator."""
    programmes = Programme.objects.select_related("mou__institute")
    if user.role in (Role.STATE, Role.DISTRICT):
        return programmes
    return scope_queryset(user, programmes, institute="mou__institute")
