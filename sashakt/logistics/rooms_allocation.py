"""Who sleeps in which bed: a plain function over plain values, no database.

The rules, in order of strength:
1. a room never holds more people than its beds (a free bed is given once);
2. a room holds people of one gender: a women's room women, a men's room men, a room for
   either whoever comes first, and then only that gender (people of another gender, "O",
   sleep only in rooms for either, and share them only with each other);
3. a person who declared the need sleeps in an accessible room;
4. people of one district sleep together where they can: each district's group goes, biggest
   first, into the room that already holds its people, else into the smallest room that
   takes the whole rest of the group, else into the biggest room left.

Accessible beds are kept for those who need them: others go there only when nothing else is
left. Greedy by district group: a batch is some fifty people in a few dozen rooms, and the
coordinator can move anyone by hand afterwards.
"""

from collections import defaultdict
from dataclasses import dataclass, field

WOMEN, MEN, ANY = "women", "men", "any"
ROOM_FOR_GENDER = {"F": WOMEN, "M": MEN}


@dataclass(frozen=True)
class Sleeper:
    key: int  # the nomination
    gender: str  # "F", "M" or "O"
    district: int
    needs_accessible: bool = False


@dataclass
class RoomSpace:
    key: int  # the room
    gender: str  # WOMEN, MEN or ANY
    accessible: bool
    free_beds: list[int]  # bed keys still free for this batch
    genders_in: set[str] = field(default_factory=set)  # of people already in the room
    districts_in: set[int] = field(default_factory=set)

    def takes(self, sleeper: Sleeper) -> bool:
        if not self.free_beds:
            return False
        if sleeper.needs_accessible and not self.accessible:
            return False
        if self.genders_in - {sleeper.gender}:
            return False
        if self.gender == ANY:
            return True
        return ROOM_FOR_GENDER.get(sleeper.gender) == self.gender


@dataclass
class Allocation:
    beds: dict[int, int]  # sleeper key → bed key
    unplaced: list[Sleeper]

    @property
    def unplaced_needing_accessible(self) -> int:
        return sum(1 for sleeper in self.unplaced if sleeper.needs_accessible)


def beds_allocate(sleepers: list[Sleeper], rooms: list[RoomSpace]) -> Allocation:
    """Beds for `sleepers` in `rooms` (the rooms' state is changed as beds are given)."""
    beds: dict[int, int] = {}
    unplaced: list[Sleeper] = []
    by_gender: dict[str, list[Sleeper]] = defaultdict(list)
    for sleeper in sleepers:
        by_gender[sleeper.gender].append(sleeper)
    # Each gender first fills the rooms that are its own, then the rooms for either: so a
    # room for either goes to whoever its own rooms cannot hold.
    leftovers: list[Sleeper] = []
    for _gender, group in sorted(by_gender.items()):
        own = [room for room in rooms if room.gender != ANY]
        leftovers += _place(group, own, beds)
    unplaced = _place(leftovers, [room for room in rooms if room.gender == ANY], beds)
    return Allocation(beds=beds, unplaced=unplaced)


def _place(sleepers: list[Sleeper], rooms: list[RoomSpace], beds: dict[int, int]) -> list[Sleeper]:
    """Those who need an accessible room first, then everyone else, each by district group;
    returns those left without a bed."""
    left: list[Sleeper] = []
    needing = [s for s in sleepers if s.needs_accessible]
    others = [s for s in sleepers if not s.needs_accessible]
    for group in (needing, others):
        for district_group in _district_groups(group):
            left += _place_group(district_group, rooms, beds)
    return left


def _district_groups(sleepers: list[Sleeper]) -> list[list[Sleeper]]:
    groups: dict[tuple[str, int], list[Sleeper]] = defaultdict(list)
    for sleeper in sleepers:
        groups[(sleeper.gender, sleeper.district)].append(sleeper)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0].gender, g[0].district))


def _place_group(
    group: list[Sleeper], rooms: list[RoomSpace], beds: dict[int, int]
) -> list[Sleeper]:
    left: list[Sleeper] = []
    pending = list(group)
    while pending:
        sleeper = pending[0]
        room = _best_room(sleeper, len(pending), rooms)
        if room is None:
            left.append(pending.pop(0))
            continue
        while pending and room.takes(pending[0]):
            placed = pending.pop(0)
            beds[placed.key] = room.free_beds.pop(0)
            room.genders_in.add(placed.gender)
            room.districts_in.add(placed.district)
    return left


def _best_room(sleeper: Sleeper, group_size: int, rooms: list[RoomSpace]) -> RoomSpace | None:
    open_rooms = [room for room in rooms if room.takes(sleeper)]
    if not open_rooms:
        return None

    def preference(room: RoomSpace) -> tuple[object, ...]:
        free = len(room.free_beds)
        return (
            # Accessible beds last for those who do not need them.
            room.accessible and not sleeper.needs_accessible,
            # A room with the district's people already in it.
            sleeper.district not in room.districts_in,
            # A room shared with another district only when nothing else is left.
            bool(room.districts_in - {sleeper.district}),
            # The smallest room that takes the whole group, else the biggest room.
            (0, free) if free >= group_size else (1, -free),
            room.key,
        )

    return min(open_rooms, key=preference)
