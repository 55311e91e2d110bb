from django.db.models import Count, Q, QuerySet

from sashakt.core.permissions import scope_queryset
from sashakt.core.roles import Role
from sashakt.nominations.models import SEAT_HOLDING, Nomination
from sashakt.programmes.models import Batch, BatchStatus, Programme


def batches_for_user(user) -> QuerySet[Batch]:
    """The calendar a user sees: everything for the state cell and district officers (who
    nominate to any institute's batches), their own institute's for a coordinator."""
    batches = Batch.objects.select_related("programme__mou__institute", "venue").annotate(
        seats_taken=Count("nominations", filter=Q(nominations__status__in=SEAT_HOLDING))
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
