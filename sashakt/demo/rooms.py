"""Hostel rooms of the pilot's two venues and a bed for everyone in the pilot's batches, made
through the rooms' services as an institute would: a women's and a men's block at each venue
(two beds a room, the ground floor's first rooms accessible), one person per batch who
declared the need of an accessible room, then the allocation and, for batches the hall has
checked in, the arrivals taken from that check-in. Run again, it adds nothing."""

from typing import Any

from django.db import transaction

from sashakt.logistics import services_rooms
from sashakt.logistics.models import HostelBlock, Room, RoomGender, Stay
from sashakt.logistics.selectors_rooms import staying_people
from sashakt.programmes.models import Batch, BatchStatus, Venue

# Venue (English name) → blocks: (Hindi name, English name, gender, rooms of two beds).
HOSTELS = {
    "IIT Kanpur Outreach Centre": [
        ("अतिथि गृह — महिला खंड", "Guest House — women's wing", RoomGender.WOMEN, 18),
        ("छात्रावास 5 — आगंतुक खंड", "Hall 5 — visitors' wing", RoomGender.MEN, 20),
    ],
    "IIM Lucknow Management Development Centre": [
        ("एमडीसी छात्रावास — ब्लॉक ए", "MDC Hostel — Block A", RoomGender.WOMEN, 14),
        ("एमडीसी छात्रावास — ब्लॉक बी", "MDC Hostel — Block B", RoomGender.MEN, 18),
    ],
}
ROOMS_PER_FLOOR = 8
ACCESSIBLE_PER_BLOCK = 2  # the ground floor's first rooms
SHARED_ROOMS = 2  # a room for either at each venue, for whoever the blocks cannot hold


@transaction.atomic
def rooms_demo_load(state_user: Any) -> int:
    """Returns the beds given in this run."""
    for venue in Venue.objects.filter(name_en__in=HOSTELS):
        _hostel_make(venue, state_user)
    given = 0
    batches = Batch.objects.filter(venue__name_en__in=HOSTELS).exclude(status=BatchStatus.CANCELLED)
    for batch in batches.order_by("start_date", "pk"):
        people = list(staying_people(batch))
        if not people:
            continue
        if not Stay.objects.filter(batch=batch).exists():
            services_rooms.room_need_set(
                user=state_user,
                person=people[-1].person,
                batch=batch,
                accessible_room=True,
                note="व्हीलचेयर / wheelchair",
            )
        try:
            given += services_rooms.rooms_allocate(user=state_user, batch=batch)
        except services_rooms.RoomsRefused:
            continue  # a batch bigger than the hostel: the page says how many are left
        services_rooms.stays_arrival_from_hall(user=state_user, batch=batch)
    return given


def _hostel_make(venue: Venue, user: Any) -> None:
    for name_hi, name_en, gender, rooms in HOSTELS[venue.name_en]:
        block = HostelBlock.objects.filter(venue=venue, name_en=name_en).first()
        block = block or services_rooms.block_save(
            user=user, venue=venue, name_hi=name_hi, name_en=name_en
        )
        for index in range(rooms):
            floor, position = divmod(index, ROOMS_PER_FLOOR)
            _room(block, user, f"{floor}{position + 1:02d}", floor, gender, index)
    shared = HostelBlock.objects.filter(venue=venue, name_en=HOSTELS[venue.name_en][0][1]).get()
    for index in range(SHARED_ROOMS):
        _room(shared, user, f"05{index}", 0, RoomGender.ANY, index)  # numbers read in any script


def _room(block: HostelBlock, user: Any, number: str, floor: int, gender: str, index: int) -> None:
    if Room.objects.filter(block=block, number=number).exists():
        return
    services_rooms.room_save(
        user=user,
        block=block,
        number=number,
        floor=floor,
        beds=2,
        gender=gender,
        accessible=index < ACCESSIBLE_PER_BLOCK and floor == 0,
    )
