"""The allocation as a plain function: gender, districts, accessible rooms, beds."""

from sashakt.logistics.rooms_allocation import ANY, MEN, WOMEN, RoomSpace, Sleeper, beds_allocate


def _rooms(*specs):
    """(key, gender, beds[, accessible]) → RoomSpaces with bed keys key*100+n."""
    return [
        RoomSpace(
            key,
            gender,
            bool(rest and rest[0]),
            free_beds=[key * 100 + n for n in range(1, beds + 1)],
        )
        for key, gender, beds, *rest in specs
    ]


def _room_of(allocation, key):
    return allocation.beds[key] // 100


def test_it_never_puts_women_and_men_in_one_room():
    sleepers = [Sleeper(1, "F", 10), Sleeper(2, "M", 10), Sleeper(3, "F", 10), Sleeper(4, "M", 10)]
    allocation = beds_allocate(sleepers, _rooms((1, ANY, 4), (2, ANY, 4)))
    assert allocation.unplaced == []
    assert _room_of(allocation, 1) == _room_of(allocation, 3)
    assert _room_of(allocation, 2) == _room_of(allocation, 4)
    assert _room_of(allocation, 1) != _room_of(allocation, 2)


def test_a_womens_room_takes_only_women_and_a_mens_room_only_men():
    sleepers = [Sleeper(1, "M", 10), Sleeper(2, "F", 10)]
    allocation = beds_allocate(sleepers, _rooms((1, WOMEN, 2), (2, MEN, 2)))
    assert _room_of(allocation, 1) == 2 and _room_of(allocation, 2) == 1


def test_a_person_of_another_gender_sleeps_only_in_a_room_for_either():
    allocation = beds_allocate([Sleeper(1, "O", 10)], _rooms((1, WOMEN, 2), (2, MEN, 2)))
    assert [s.key for s in allocation.unplaced] == [1]
    allocation = beds_allocate([Sleeper(1, "O", 10)], _rooms((1, WOMEN, 2), (2, ANY, 2)))
    assert _room_of(allocation, 1) == 2


def test_people_of_one_district_sleep_together_where_they_can():
    # Three from district 7, three from district 8, in rooms of three: no mixing.
    sleepers = [Sleeper(k, "M", 7 if k % 2 else 8) for k in range(1, 7)]
    allocation = beds_allocate(sleepers, _rooms((1, MEN, 3), (2, MEN, 3)))
    rooms_of = {
        d: {_room_of(allocation, s.key) for s in sleepers if s.district == d} for d in (7, 8)
    }
    assert len(rooms_of[7]) == 1 and len(rooms_of[8]) == 1 and rooms_of[7] != rooms_of[8]


def test_a_district_group_goes_to_the_smallest_room_that_holds_it_whole():
    sleepers = [Sleeper(k, "F", 5) for k in range(1, 4)]
    allocation = beds_allocate(sleepers, _rooms((1, WOMEN, 6), (2, WOMEN, 3), (3, WOMEN, 2)))
    assert {_room_of(allocation, k) for k in (1, 2, 3)} == {2}


def test_who_needs_an_accessible_room_gets_one_and_others_keep_off_it():
    sleepers = [Sleeper(1, "M", 3), Sleeper(2, "M", 3, needs_accessible=True), Sleeper(3, "M", 3)]
    allocation = beds_allocate(sleepers, _rooms((1, MEN, 2, True), (2, MEN, 2)))
    assert _room_of(allocation, 2) == 1
    assert _room_of(allocation, 1) == 2 and _room_of(allocation, 3) == 2


def test_no_accessible_room_leaves_the_person_who_needs_one_unplaced():
    sleepers = [Sleeper(1, "F", 3, needs_accessible=True)]
    allocation = beds_allocate(sleepers, _rooms((1, WOMEN, 4)))
    assert allocation.unplaced_needing_accessible == 1


def test_it_never_gives_more_beds_than_a_room_has_and_counts_who_is_left():
    sleepers = [Sleeper(k, "M", k % 3) for k in range(1, 12)]
    allocation = beds_allocate(sleepers, _rooms((1, MEN, 3), (2, ANY, 4), (3, WOMEN, 5)))
    assert len(allocation.beds) == 7 and len(allocation.unplaced) == 4
    assert len(set(allocation.beds.values())) == 7


def test_a_room_for_either_already_holding_women_takes_no_men():
    room = RoomSpace(1, ANY, False, free_beds=[101, 102], genders_in={"F"})
    allocation = beds_allocate([Sleeper(1, "M", 3)], [room])
    assert len(allocation.unplaced) == 1
