"""Reads of hostel rooms and stays. Which beds a batch may use is decided here and nowhere else."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Min, QuerySet

from sashakt.attendance.models import ATTENDED_STATUSES, Mark
from sashakt.core.permissions import scope_queryset
from sashakt.core.roles import Role
from sashakt.logistics.models import Bed, HostelBlock, Room, RoomNeed, Stay
from sashakt.nominations.models import SEAT_HOLDING, Nomination, NominationStatus
from sashakt.programmes.models import Batch, BatchStatus, Venue

# The people of a batch who sleep at the venue: those holding a seat, and once the batch is
# over those who came (their seat number is cleared, their stay is not).
STAYING = (*SEAT_HOLDING, NominationStatus.ATTENDED, NominationStatus.NOT_COMPLETED)


def venues_for_user(user: Any) -> QuerySet[Venue]:
    """The venues whose rooms `user` manages: all for the state cell, the institute's own."""
    venues = Venue.objects.select_related("institute")
    if user.role == Role.STATE:
        return venues
    return scope_queryset(user, venues, institute="institute")


def blocks_of_venue(venue: Venue) -> QuerySet[HostelBlock]:
    return HostelBlock.objects.filter(venue=venue).prefetch_related("rooms")


def rooms_of_venue(venue: Venue) -> QuerySet[Room]:
    return Room.objects.filter(block__venue=venue).select_related("block")


def overlapping_batches(batch: Batch) -> QuerySet[Batch]:
    """The batches at `batch`'s venue whose dates meet its own (itself included): they share
    the beds."""
    return Batch.objects.filter(
        venue_id=batch.venue_id,
        start_date__lte=batch.end_date,
        end_date__gte=batch.start_date,
    ).exclude(status=BatchStatus.CANCELLED)


def beds_taken(batch: Batch) -> QuerySet[Stay]:
    """Stays holding a bed of the venue in the batch's days (its own and overlapping batches')."""
    return Stay.objects.filter(
        batch__in=overlapping_batches(batch),
        bed__isnull=False,
        bed__room__block__venue_id=batch.venue_id,
    )


def beds_in_use() -> QuerySet[Bed]:
    """Beds that are part of their room today: a room made smaller keeps the rows of removed
    beds a past batch slept in (they are its history), and never gives them again."""
    return Bed.objects.filter(number__lte=F("room__beds"))


def free_beds(batch: Batch) -> QuerySet[Bed]:
    """The venue's beds nobody sleeps in during the batch's days (read with the rooms locked)."""
    taken = beds_taken(batch).values("bed_id")
    return (
        beds_in_use()
        .filter(room__block__venue_id=batch.venue_id)
        .exclude(pk__in=taken)
        .select_related("room__block")
        .order_by("room__block__name_en", "room__floor", "room__number", "number")
    )


def staying_people(batch: Batch) -> QuerySet[Nomination]:
    return batch.nominations.filter(status__in=STAYING).select_related("person", "district")


def needs_accessible(person_ids: Iterable[int]) -> set[int]:
    return set(
        RoomNeed.objects.filter(person_id__in=person_ids, accessible_room=True).values_list(
            "person_id", flat=True
        )
    )


@dataclass
class StayRow:
    nomination: Nomination
    stay: Stay | None
    needs_accessible: bool

    @property
    def bed(self) -> Bed | None:
        return self.stay.bed if self.stay else None


@dataclass
class RoomRow:
    room: Room
    sleepers: list[StayRow] = field(default_factory=list)

    @property
    def free(self) -> int:
        return self.room.beds - len(self.sleepers)


def batch_rooms(batch: Batch, user: Any) -> tuple[list[StayRow], list[RoomRow]]:
    """The batch's staying people `user` may see (a district officer their own district's),
    and the venue's rooms with who of them sleeps where (rooms where none of them sleeps are
    left out for a district officer)."""
    people = scope_queryset(
        user,
        staying_people(batch),
        district="district",
        institute="batch__venue__institute",
    ).order_by("district__name_en", "person__name")
    stays = {
        stay.nomination_id: stay
        for stay in Stay.objects.filter(batch=batch).select_related("bed__room__block")
    }
    needing = needs_accessible([n.person_id for n in people])
    rows = [StayRow(n, stays.get(n.pk), n.person_id in needing) for n in people]
    by_room: dict[int, RoomRow] = {
        room.pk: RoomRow(room)
        for room in rooms_of_venue(batch.venue).order_by("block__name_en", "floor", "number")
    }
    for row in rows:
        if row.bed is not None and row.bed.room_id in by_room:
            by_room[row.bed.room_id].sleepers.append(row)
    for room_row in by_room.values():
        room_row.sleepers.sort(key=lambda r: r.bed.number if r.bed else 0)
    rooms = list(by_room.values())
    if user.role == Role.DISTRICT:
        rooms = [r for r in rooms if r.sleepers]
    return rows, rooms


def room_counts(batch: Batch) -> dict[str, int]:
    """Beds of the venue, beds free in the batch's days, staying people, people with a bed."""
    staying = staying_people(batch)
    return {
        "beds": beds_in_use().filter(room__block__venue_id=batch.venue_id).count(),
        "free": free_beds(batch).count(),
        "people": staying.count(),
        "placed": Stay.objects.filter(
            batch=batch, bed__isnull=False, nomination__in=staying
        ).count(),
    }


def hall_arrivals(batch: Batch) -> dict[int, datetime.datetime]:
    """Nomination → when the hall first saw the person on the batch's first day: the earlier
    of the hall sign-in (confirmed at the door) and the first attended session's mark."""
    first_day = batch.start_date
    arrivals: dict[int, datetime.datetime] = {}
    for pk, at in batch.nominations.filter(confirmed_in_hall_at__isnull=False).values_list(
        "pk", "confirmed_in_hall_at"
    ):
        if at is not None:
            arrivals[pk] = at
    marks = (
        Mark.objects.filter(
            session__batch=batch, session__date=first_day, status__in=ATTENDED_STATUSES
        )
        .values("nomination_id")
        .annotate(first=Min("marked_at"))
    )
    for mark in marks:
        pk, at = mark["nomination_id"], mark["first"]
        if pk not in arrivals or at < arrivals[pk]:
            arrivals[pk] = at
    return arrivals


def stays_for_user(user: Any) -> QuerySet[Stay]:
    return scope_queryset(
        user,
        Stay.objects.select_related("nomination__person", "bed__room__block", "batch"),
        district="nomination__district",
        institute="batch__venue__institute",
    )


def batches_sharing_beds(batch: Batch) -> QuerySet[Batch]:
    """The other batches at the venue in the same days: they sleep in the same beds."""
    return overlapping_batches(batch).exclude(pk=batch.pk).select_related("programme")
