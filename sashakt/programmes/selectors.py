import datetime
from typing import Any

from django.db.models import QuerySet

from sashakt.core.permissions import scope_queryset
from sashakt.core.roles import Role
from sashakt.programmes.models import Batch, BatchStatus, Institute, MoU, Programme


def batches_for_user(user) -> QuerySet[Batch]:
    """The calendar a user sees: everything for the state cell and district officers (who
    nominate to any institute's batches), their own institute's for a coordinator."""
    batches = Batch.objects.select_related("programme__mou__institute", "venue")
    if user.role in (Role.STATE, Role.DISTRICT):
        return batches
    return scope_queryset(user, batches, institute="programme__mou__institute")


def programmes_for_planning(user) -> QuerySet[Programme]:
    programmes = Programme.objects.select_related("mou__institute")
    if user.role == Role.STATE:
        return programmes
    return scope_queryset(user, programmes, institute="mou__institute")


def mous_for_user(user) -> QuerySet[MoU]:
    mous = MoU.objects.select_related("institute").prefetch_related("targets")
    if user.role == Role.STATE:
        return mous
    return scope_queryset(user, mous, institute="institute")


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


def institutes_for_user(user: Any) -> QuerySet[Institute]:
    """Institutes a user may read: all for the state cell and district officers (who
    nominate to every institute's batches), their own for a coordinator or trainer."""
    institutes = Institute.objects.select_related("district")
    if user.role in (Role.STATE, Role.DISTRICT):
        return institutes
    if user.role == Role.TRAINER and user.institute_id:
        return institutes.filter(pk=user.institute_id)
    return scope_queryset(user, institutes, institute="pk")
