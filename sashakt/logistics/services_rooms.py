"""Writes of hostel rooms and stays: every one atomic, audited (auditlog, with the actor), and
checked against the room rules here, whoever calls.

Every write that gives or takes a bed first locks the venue's rooms (`_venue_rooms_lock`), so
two coordinators (or two overlapping batches of one venue) are served one after the other and
the second reads the beds the first gave; the unique bed-per-batch constraint is the last word.
"""

import datetime
from typing import Any

from auditlog.context import set_actor
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sashakt.core.refusals import Refused
from sashakt.logistics import rooms_allocation
from sashakt.logistics.models import Bed, HostelBlock, Room, RoomGender, RoomMove, RoomNeed, Stay
from sashakt.logistics.rules_rooms import may_allocate, may_manage_rooms
from sashakt.logistics.selectors_rooms import (
    STAYING,
    beds_taken,
    free_beds,
    hall_arrivals,
    needs_accessible,
    staying_people,
)
from sashakt.nominations.models import Nomination
from sashakt.people.models import Person
from sashakt.programmes.models import Batch, BatchStatus, Venue


class RoomsRefused(Refused):
    """A room rule said no."""


def _venue_rooms_lock(venue_id: int) -> None:
    """Lock the venue's rooms until the transaction ends (in one order: no deadlock)."""
    list(
        Room.objects.select_for_update()
        .filter(block__venue_id=venue_id)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    # A venue without rooms yet: lock the venue's row instead, so a first allocation and a
    # first room wait for each other too.
    list(Venue.objects.select_for_update().filter(pk=venue_id).values_list("pk", flat=True))


# ---- Blocks and rooms ------------------------------------------------------------------


@transaction.atomic
def block_save(
    *, user: Any, venue: Venue, name_hi: str, name_en: str, block: HostelBlock | None = None
) -> HostelBlock:
    if not may_manage_rooms(user, venue):
        raise RoomsRefused(_("You cannot change the rooms of this venue."))
    block = block or HostelBlock(venue=venue)
    block.name_hi, block.name_en = name_hi.strip(), name_en.strip()
    if not block.name_hi or not block.name_en:
        raise RoomsRefused(_("Give the block's name in Hindi and in English."))
    if HostelBlock.objects.filter(venue=venue, name_en=block.name_en).exclude(pk=block.pk).exists():
        raise RoomsRefused(_("This venue already has a block of that name."))
    with set_actor(user):
        block.full_clean()
        block.save()
    return block


@transaction.atomic
def room_save(
    *,
    user: Any,
    block: HostelBlock,
    number: str,
    beds: int,
    gender: str,
    accessible: bool,
    floor: int = 0,
    room: Room | None = None,
) -> Room:
    """Add or change a room, and make its beds match `beds`. A bed somebody sleeps in (in a
    batch not over yet) is never removed, and the rule of a room people sleep in is never
    changed under them."""
    if not may_manage_rooms(user, block.venue):
        raise RoomsRefused(_("You cannot change the rooms of this venue."))
    if not 1 <= beds <= 40:
        raise RoomsRefused(_("A room has between 1 and 40 beds."))
    if gender not in RoomGender.values:
        raise RoomsRefused(_("Choose who may sleep in the room."))
    number = number.strip()
    if not number:
        raise RoomsRefused(_("Give the room's number."))
    _venue_rooms_lock(block.venue_id)
    same_number = Room.objects.filter(block=block, number=number)
    if room is not None:
        same_number = same_number.exclude(pk=room.pk)
    if same_number.exists():
        raise RoomsRefused(_("This block already has a room %(number)s.") % {"number": number})
    room = room or Room(block=block)
    if room.pk:
        current = _current_stays(room)
        if current.filter(bed__number__gt=beds).exists():
            raise RoomsRefused(
                _("People sleep in the beds you would remove: move them to another room first.")
            )
        sleeper_genders = set(current.values_list("nomination__person__gender", flat=True))
        probe = rooms_allocation.RoomSpace(0, gender, accessible, free_beds=[0])
        if any(not probe.takes(rooms_allocation.Sleeper(0, g, 0)) for g in sleeper_genders):
            raise RoomsRefused(
                _("People sleep in this room whom the new rule would not allow: move them first.")
            )
        if (
            not accessible
            and current.filter(nomination__person__room_need__accessible_room=True).exists()
        ):
            raise RoomsRefused(
                _("Someone who needs an accessible room sleeps here: move them first.")
            )
    room.number, room.beds, room.gender, room.accessible, room.floor = (
        number,
        beds,
        gender,
        accessible,
        floor,
    )
    with set_actor(user):
        room.full_clean()
        room.save()
        Bed.objects.filter(room=room, number__gt=beds, stays__isnull=True).delete()
        have = set(Bed.objects.filter(room=room).values_list("number", flat=True))
        Bed.objects.bulk_create(
            [Bed(room=room, number=n) for n in range(1, beds + 1) if n not in have]
        )
    return room


def _current_stays(room: Room) -> QuerySet[Stay]:
    """Stays in `room` of batches not over yet (a past batch's beds are history)."""
    return Stay.objects.filter(bed__room=room, batch__end_date__gte=timezone.localdate()).exclude(
        batch__status=BatchStatus.CANCELLED
    )


# ---- Declared needs --------------------------------------------------------------------


@transaction.atomic
def room_need_set(
    *, user: Any, person: Person, batch: Batch, accessible_room: bool, note: str = ""
) -> RoomNeed:
    """Record whether `person` (seated in `batch`) needs an accessible room."""
    if not may_allocate(user, batch):
        raise RoomsRefused(_("You cannot change the rooms of this batch."))
    need, _created = RoomNeed.objects.get_or_create(person=person)
    need.accessible_room, need.note, need.noted_by = accessible_room, note.strip()[:300], user
    with set_actor(user):
        need.save()
    return need


# ---- Allocation ------------------------------------------------------------------------


@transaction.atomic
def rooms_allocate(*, user: Any, batch: Batch) -> int:
    """Give a bed to every staying person of `batch` without one; returns how many got one.

    All or nothing: when the free beds cannot hold everyone by the rules, nothing is written
    and the refusal says how many would be left without a bed."""
    if not may_allocate(user, batch):
        raise RoomsRefused(_("You cannot change the rooms of this batch."))
    if batch.status == BatchStatus.CANCELLED:
        raise RoomsRefused(_("The batch was cancelled."))
    _venue_rooms_lock(batch.venue_id)
    people = list(staying_people(batch).exclude(stay__bed__isnull=False))
    if not people:
        return 0
    needing = needs_accessible([n.person_id for n in people])
    sleepers = [
        rooms_allocation.Sleeper(
            key=n.pk,
            gender=n.person.gender,
            district=n.district_id,
            needs_accessible=n.person_id in needing,
        )
        for n in people
    ]
    allocation = rooms_allocation.beds_allocate(sleepers, _room_spaces(batch))
    if allocation.unplaced:
        left = len(allocation.unplaced)
        message = ngettext(
            "%(left)d person would be left without a bed: add rooms or beds, or move people "
            "by hand. Nothing was changed.",
            "%(left)d people would be left without a bed: add rooms or beds, or move people "
            "by hand. Nothing was changed.",
            left,
        ) % {"left": left}
        if allocation.unplaced_needing_accessible:
            message += " " + ngettext(
                "%(count)d of them needs an accessible room.",
                "%(count)d of them need an accessible room.",
                allocation.unplaced_needing_accessible,
            ) % {"count": allocation.unplaced_needing_accessible}
        raise RoomsRefused(message)
    stays = {s.nomination_id: s for s in Stay.objects.filter(nomination__in=people)}
    try:
        with set_actor(user), transaction.atomic():
            for nomination in people:
                stay = stays.get(nomination.pk) or Stay(nomination=nomination)
                stay.batch_id, stay.bed_id = batch.pk, allocation.beds[nomination.pk]
                stay.save()
    except IntegrityError as error:  # the constraint's last word: never a half-written list
        raise RoomsRefused(
            _("Someone else changed these rooms at the same moment: please try again.")
        ) from error
    return len(people)


def _room_spaces(batch: Batch) -> list[rooms_allocation.RoomSpace]:
    """The venue's rooms as the allocation sees them: free beds in the batch's days, and the
    genders and districts of those already in them (of this batch or an overlapping one)."""
    spaces: dict[int, rooms_allocation.RoomSpace] = {}
    for bed in free_beds(batch):
        room = bed.room
        space = spaces.get(room.pk)
        if space is None:
            space = spaces[room.pk] = rooms_allocation.RoomSpace(
                room.pk, room.gender, room.accessible, free_beds=[]
            )
        space.free_beds.append(bed.pk)
    for room_id, gender, district_id in beds_taken(batch).values_list(
        "bed__room_id", "nomination__person__gender", "nomination__district_id"
    ):
        if room_id in spaces:
            spaces[room_id].genders_in.add(gender)
            spaces[room_id].districts_in.add(district_id)
    return list(spaces.values())


# ---- Moving by hand --------------------------------------------------------------------


@transaction.atomic
def stay_move(*, user: Any, nomination: Nomination, bed: Bed, reason: str) -> Stay:
    """Put `nomination`'s person in `bed`, with the rules checked again and the reason kept."""
    batch = nomination.batch
    if batch is None or not may_allocate(user, batch):
        raise RoomsRefused(_("You cannot change the rooms of this batch."))
    reason = reason.strip()
    if not reason:
        raise RoomsRefused(_("Say why the person moves."))
    if nomination.status not in STAYING:
        raise RoomsRefused(_("This person holds no seat in the batch."))
    _venue_rooms_lock(batch.venue_id)
    bed = Bed.objects.select_related("room__block").get(pk=bed.pk)
    room = bed.room
    if room.block.venue_id != batch.venue_id:
        raise RoomsRefused(_("This bed is not at the batch's venue."))
    if bed.number > room.beds:
        raise RoomsRefused(_("This bed was removed from its room."))
    others = beds_taken(batch).filter(bed__room=room).exclude(nomination=nomination)
    if others.filter(bed=bed).exists():
        raise RoomsRefused(_("Someone already sleeps in this bed."))
    person = nomination.person
    space = rooms_allocation.RoomSpace(
        room.pk,
        room.gender,
        room.accessible,
        free_beds=[bed.pk],
        genders_in=set(others.values_list("nomination__person__gender", flat=True)),
    )
    sleeper = rooms_allocation.Sleeper(
        nomination.pk,
        person.gender,
        nomination.district_id,
        needs_accessible=person.pk in needs_accessible([person.pk]),
    )
    if sleeper.needs_accessible and not room.accessible:
        raise RoomsRefused(_("This person needs an accessible room, and this room is not one."))
    if not space.takes(sleeper):
        raise RoomsRefused(
            _("This room is for people of another gender, or people of another gender sleep in it.")
        )
    stay, _created = Stay.objects.get_or_create(nomination=nomination, defaults={"batch": batch})
    from_bed = stay.bed
    stay.batch, stay.bed = batch, bed
    try:
        with set_actor(user), transaction.atomic():
            stay.save()
            RoomMove.objects.create(
                stay=stay, from_bed=from_bed, to_bed=bed, reason=reason[:1000], moved_by=user
            )
    except IntegrityError as error:
        raise RoomsRefused(_("Someone already sleeps in this bed.")) from error
    return stay


# ---- Arrival and departure -------------------------------------------------------------


@transaction.atomic
def stay_arrival_record(
    *,
    user: Any,
    nomination: Nomination,
    at: datetime.datetime | None = None,
    departed: bool = False,
) -> Stay:
    """Record that the person arrived (or, with `departed`, left) at `at`, now by default."""
    batch = nomination.batch
    if batch is None or not may_allocate(user, batch):
        raise RoomsRefused(_("You cannot change the rooms of this batch."))
    if nomination.status not in STAYING:
        raise RoomsRefused(_("This person holds no seat in the batch."))
    at = at or timezone.now()
    stay, _created = Stay.objects.get_or_create(nomination=nomination, defaults={"batch": batch})
    if departed:
        if stay.arrived_at is None:
            raise RoomsRefused(_("Record the arrival first."))
        if at < stay.arrived_at:
            raise RoomsRefused(_("The departure cannot come before the arrival."))
        stay.departed_at = at
    else:
        if stay.departed_at is not None and at > stay.departed_at:
            raise RoomsRefused(_("The arrival cannot come after the departure."))
        stay.arrived_at, stay.arrival_from_hall = at, False
    with set_actor(user):
        stay.save()
    return stay


@transaction.atomic
def stays_arrival_from_hall(*, user: Any, batch: Batch) -> int:
    """Fill the arrival of those with none recorded from the hall's check-in of the first
    day; returns how many were filled."""
    if not may_allocate(user, batch):
        raise RoomsRefused(_("You cannot change the rooms of this batch."))
    arrivals = hall_arrivals(batch)
    filled = 0
    people = staying_people(batch).filter(pk__in=arrivals)
    stays = {s.nomination_id: s for s in Stay.objects.filter(nomination__in=people)}
    with set_actor(user):
        for nomination in people:
            stay = stays.get(nomination.pk) or Stay(nomination=nomination, batch=batch)
            if stay.arrived_at is not None:
                continue
            stay.arrived_at, stay.arrival_from_hall = arrivals[nomination.pk], True
            if stay.departed_at is not None and stay.departed_at < stay.arrived_at:
                continue
            stay.save()
            filled += 1
    return filled


# ---- Following the nominations ---------------------------------------------------------


def stay_follow_nomination(nomination: Nomination) -> None:
    """A person who no longer holds a seat of the batch (declined, withdrawn, moved to another
    batch) frees their bed; the stay and its arrival stay on record."""
    stay = Stay.objects.filter(nomination=nomination).first()
    if stay is None:
        return
    moved = nomination.batch_id is not None and nomination.batch_id != stay.batch_id
    if nomination.status in STAYING and not moved:
        return
    if stay.bed_id is None and not moved:
        return
    stay.bed = None
    if moved and nomination.batch_id is not None:
        stay.batch_id = nomination.batch_id
    stay.save()
