"""Reads of nominations and seats. Seats are counted here and nowhere else."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from sashakt.core.permissions import scope_queryset
from sashakt.core.roles import Role
from sashakt.nominations.models import ACTIVE, SEAT_HOLDING, Nomination, NominationStatus
from sashakt.programmes.models import Batch
from sashakt.programmes.selectors import batches_for_user

# A seat is held by an offered or confirmed nomination; once the batch is over, by the people
# who attended it (their seat number is cleared, their place is not).
SEATS_SHOWN = (*SEAT_HOLDING, NominationStatus.ATTENDED)


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


def batches_with_seats(user) -> QuerySet[Batch]:
    """The batches `user` sees, each with `seats_taken` for display."""
    return batches_for_user(user).annotate(
        seats_taken=Count("nominations", filter=Q(nominations__status__in=SEATS_SHOWN))
    )


def seat_holders(batch: Batch) -> QuerySet[Nomination]:
    """The nominations holding a seat of `batch` now: the one definition of a taken seat."""
    return batch.nominations.filter(status__in=SEAT_HOLDING)


def held_seats(batch: Batch) -> set[int]:
    """Seat numbers held in `batch` (read inside the transaction that locks the batch)."""
    return set(seat_holders(batch).values_list("seat", flat=True))


def free_seats(batch: Batch) -> int:
    return batch.capacity - seat_holders(batch).count()


def batch_seat_counts(batch: Batch) -> dict[str, int]:
    """Nominations of `batch` by status, and the free seats."""
    counts = dict.fromkeys(NominationStatus.values, 0)
    for status in batch.nominations.values_list("status", flat=True):
        counts[status] += 1
    # A completed batch's seats were taken by those who attended: the list's 8/50 and the
    # page's "42 free" then agree.
    counts["free"] = batch.capacity - sum(counts[status] for status in SEATS_SHOWN)
    return counts


def district_officer_phone(district_id: int | None) -> str:
    """The mobile of an active district officer of the district ("" when none is known): the
    number a participant and the joining letter give for questions."""
    if district_id is None:
        return ""
    phone = (
        get_user_model()
        .objects.filter(role=Role.DISTRICT, district_id=district_id, is_active=True)
        .exclude(mobile=None)
        .exclude(mobile="")
        .order_by("pk")
        .values_list("mobile", flat=True)
        .first()
    )
    return phone or ""


def candidates_with_flags(people, programme) -> list[dict]:
    """Registry search results for nominating to `programme`, each saying what is known:
    already trained in it, already nominated (and where), or why they are not eligible."""
    same = Nomination.objects.filter(person=OuterRef("pk"), programme=programme)
    in_play = same.filter(status__in=ACTIVE).order_by("pk")
    people = people.annotate(
        trained=Exists(same.filter(status=NominationStatus.ATTENDED)),
        in_play_status=Subquery(in_play.values("status")[:1]),
        in_play_batch=Subquery(in_play.values("batch__number")[:1]),
    )
    statuses = dict(NominationStatus.choices)
    rows = []
    for person in people:
        flags = []
        if person.trained:
            flags.append(_("Already trained in this programme"))
        if person.in_play_status:
            values = {"status": statuses[person.in_play_status], "batch": person.in_play_batch}
            flags.append(
                _("Already nominated: %(status)s, batch %(batch)s") % values
                if person.in_play_batch
                else _("Already nominated: %(status)s, waiting for a batch") % values
            )
        eligible = programme.is_eligible(person.designation)
        if not eligible:
            flags.append(
                _("Not eligible: this programme is not for %(designation)s")
                % {"designation": person.get_designation_display()}
            )
        if person.left_office_on is not None:
            flags.append(_("Has left office"))
        rows.append(
            {
                "person": person,
                "flags": flags,
                "may_nominate": eligible
                and not person.in_play_status
                and person.left_office_on is None,
            }
        )
    return rows
