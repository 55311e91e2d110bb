"""Small factories for the rooms' tests: a batch with seated people of given genders and
districts (built through the nomination services), and a venue's rooms (through the rooms'
services)."""

import itertools

from sashakt.logistics import services_rooms
from sashakt.logistics.models import Bed, HostelBlock, Room, Stay
from sashakt.nominations import services as nominations
from sashakt.nominations.models import Nomination
from sashakt.people.models import Designation
from sashakt.test import KANPUR_NAGAR, LUCKNOW, batch_make, person_make, programme_make

_mobiles = itertools.count(1)


def seated_batch(personas, people, *, start=None, programme=None, capacity=40):
    """IIT Kanpur's batch with one seated (confirmed) person per (gender, district LGD) in
    `people`; returns (batch, nominations in that order)."""
    programme = programme or programme_make(personas.iitk_institute)
    batch = batch_make(programme, capacity=capacity, start=start)
    seated = []
    for gender, district_lgd in people:
        number = next(_mobiles)
        person = person_make(
            name=f"अतिथि {number}",
            name_alt=f"Guest {number}",
            mobile=f"97{number:08d}",
            district_lgd=district_lgd,
            designation=Designation.KP_PRAMUKH,
            gender=gender,
            block=False,
        )
        nomination = nominations.nomination_create(user=personas.state, person=person, batch=batch)
        nominations.nomination_approve(user=personas.state, nomination=nomination)
        nominations.nomination_confirm(user=personas.state, nomination=nomination)
        nomination.refresh_from_db()
        seated.append(nomination)
    return batch, seated


def rooms_make(personas, venue, rooms, *, block_name="Tagore Hall") -> list[Room]:
    """Rooms of one new block at `venue`: each (number, beds, gender[, accessible])."""
    block = services_rooms.block_save(
        user=personas.state, venue=venue, name_hi=f"{block_name} भवन", name_en=block_name
    )
    made = []
    for spec in rooms:
        number, beds, gender, *rest = spec
        made.append(
            services_rooms.room_save(
                user=personas.state,
                block=block,
                number=number,
                beds=beds,
                gender=gender,
                accessible=bool(rest and rest[0]),
            )
        )
    return made


def bed_of(nomination: Nomination) -> Bed:
    """The bed the person sleeps in (the test fails if none)."""
    bed = Stay.objects.select_related("bed__room").get(nomination=nomination).bed
    assert bed is not None, nomination
    return bed


def room_of(nomination):
    nomination.refresh_from_db()
    return nomination.stay.bed.room if hasattr(nomination, "stay") and nomination.stay.bed else None


__all__ = [
    "KANPUR_NAGAR",
    "bed_of",
    "LUCKNOW",
    "HostelBlock",
    "room_of",
    "rooms_make",
    "seated_batch",
]
