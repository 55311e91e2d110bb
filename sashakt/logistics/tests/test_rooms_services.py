"""Rooms through the services and the database: allocation, its refusals, moves by hand,
rooms changed under sleepers, beds freed when a seat is given up, arrivals."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.db import IntegrityError, transaction
from django.utils import timezone

from sashakt.attendance.models import Mark
from sashakt.logistics import services_rooms as services
from sashakt.logistics.models import Bed, RoomMove, RoomNeed, Stay
from sashakt.logistics.tests.rooms_factories import (
    KANPUR_NAGAR,
    LUCKNOW,
    bed_of,
    room_of,
    rooms_make,
    seated_batch,
)
from sashakt.nominations import services as nominations
from sashakt.nominations.models import Nomination
from sashakt.programmes.models import BatchSession, SessionMethod
from sashakt.test import batch_make

pytestmark = pytest.mark.django_db

F, M = "F", "M"


def test_allocation_keeps_women_and_men_apart_and_districts_together(personas):
    batch, people = seated_batch(
        personas,
        [
            (F, KANPUR_NAGAR),
            (M, KANPUR_NAGAR),
            (F, LUCKNOW),
            (M, LUCKNOW),
            (F, KANPUR_NAGAR),
            (M, LUCKNOW),
        ],
    )
    rooms_make(
        personas,
        batch.venue,
        [("101", 2, "any"), ("102", 2, "any"), ("103", 2, "any"), ("104", 2, "any")],
    )
    assert services.rooms_allocate(user=personas.iitk, batch=batch) == 6
    rooms = [room_of(n) for n in people]
    women = {rooms[0], rooms[2], rooms[4]}
    men = {rooms[1], rooms[3], rooms[5]}
    assert not women & men
    assert rooms[0] == rooms[4]  # the two Kanpur Nagar women
    assert rooms[3] == rooms[5]  # the two Lucknow men
    for room in {*women, *men}:
        assert Stay.objects.filter(bed__room=room).count() <= room.beds


def test_a_declared_need_puts_the_person_in_an_accessible_room(personas):
    batch, people = seated_batch(personas, [(M, KANPUR_NAGAR)] * 3)
    rooms_make(personas, batch.venue, [("G1", 1, "men", True), ("201", 4, "men")])
    services.room_need_set(
        user=personas.iitk,
        person=people[2].person,
        batch=batch,
        accessible_room=True,
        note="wheelchair",
    )
    services.rooms_allocate(user=personas.iitk, batch=batch)
    assert room_of(people[2]).accessible
    assert not room_of(people[0]).accessible and not room_of(people[1]).accessible
    assert LogEntry.objects.get_for_model(RoomNeed).filter(actor=personas.iitk).exists()


def test_a_room_list_for_more_people_than_beds_says_how_many_are_left_and_writes_nothing(personas):
    batch, people = seated_batch(personas, [(M, KANPUR_NAGAR)] * 5 + [(F, LUCKNOW)])
    rooms_make(personas, batch.venue, [("101", 2, "men"), ("102", 2, "any")])
    with pytest.raises(services.RoomsRefused) as refusal:
        services.rooms_allocate(user=personas.iitk, batch=batch)
    assert "2 people would be left without a bed" in refusal.value.message
    assert "Nothing was changed" in refusal.value.message
    assert not Stay.objects.exists()


def test_the_refusal_names_those_who_need_an_accessible_room(personas):
    batch, people = seated_batch(personas, [(F, LUCKNOW)])
    rooms_make(personas, batch.venue, [("101", 2, "women")])
    services.room_need_set(
        user=personas.state, person=people[0].person, batch=batch, accessible_room=True
    )
    with pytest.raises(services.RoomsRefused) as refusal:
        services.rooms_allocate(user=personas.iitk, batch=batch)
    assert "1 person would be left" in refusal.value.message
    assert "1 of them needs an accessible room" in refusal.value.message


def test_a_second_allocation_places_only_the_newcomers(personas):
    batch, people = seated_batch(personas, [(M, KANPUR_NAGAR)] * 2)
    rooms_make(personas, batch.venue, [("101", 4, "men")])
    services.rooms_allocate(user=personas.iitk, batch=batch)
    beds = {n.pk: n.stay.bed_id for n in people if not n.refresh_from_db()}
    assert services.rooms_allocate(user=personas.iitk, batch=batch) == 0
    assert {n.pk: Stay.objects.get(nomination=n).bed_id for n in people} == beds


def test_overlapping_batches_at_one_venue_share_the_beds(personas):
    batch, people = seated_batch(personas, [(M, KANPUR_NAGAR)] * 2)
    other = batch_make(batch.programme, start=batch.start_date + datetime.timedelta(days=2))
    rooms_make(personas, batch.venue, [("101", 3, "men")])
    services.rooms_allocate(user=personas.iitk, batch=batch)
    person = people[0].person.__class__.objects.create(
        name="नया",
        name_alt="Naya",
        mobile="9711111111",
        gender=M,
        district=people[0].district,
        designation="pradhan",
    )
    seat = nominations.nomination_create(user=personas.state, person=person, batch=other)
    nominations.nomination_approve(user=personas.state, nomination=seat)
    assert services.rooms_allocate(user=personas.iitk, batch=other) == 1
    person2 = person.__class__.objects.create(
        name="दूसरा",
        name_alt="Doosra",
        mobile="9711111112",
        gender=M,
        district=people[0].district,
        designation="pradhan",
    )
    seat2 = nominations.nomination_create(user=personas.state, person=person2, batch=other)
    nominations.nomination_approve(user=personas.state, nomination=seat2)
    with pytest.raises(services.RoomsRefused, match="1 person would be left"):
        services.rooms_allocate(user=personas.iitk, batch=other)


def test_the_database_refuses_one_bed_to_two_people_of_a_batch(personas):
    batch, people = seated_batch(personas, [(M, KANPUR_NAGAR)] * 2)
    (room,) = rooms_make(personas, batch.venue, [("101", 1, "men")])
    bed = Bed.objects.get(room=room)
    Stay.objects.create(nomination=people[0], batch=batch, bed=bed)
    with pytest.raises(IntegrityError), transaction.atomic():
        Stay.objects.create(nomination=people[1], batch=batch, bed=bed)


def test_a_move_by_hand_checks_the_rules_again_and_keeps_the_reason(personas):
    batch, people = seated_batch(personas, [(M, KANPUR_NAGAR), (F, KANPUR_NAGAR), (M, LUCKNOW)])
    men, women, small = rooms_make(
        personas, batch.venue, [("101", 2, "men"), ("102", 2, "women"), ("103", 1, "any")]
    )
    services.rooms_allocate(user=personas.iitk, batch=batch)
    man, woman, lucknow_man = people
    women_bed = Bed.objects.filter(room=women).exclude(stays__batch=batch).get()
    with pytest.raises(services.RoomsRefused, match="another gender"):
        services.stay_move(user=personas.iitk, nomination=man, bed=women_bed, reason="asked")
    taken = bed_of(woman)
    with pytest.raises(services.RoomsRefused, match="already sleeps"):
        services.stay_move(user=personas.iitk, nomination=lucknow_man, bed=taken, reason="asked")
    with pytest.raises(services.RoomsRefused, match="Say why"):
        services.stay_move(
            user=personas.iitk, nomination=man, bed=Bed.objects.get(room=small), reason=" "
        )
    services.room_need_set(user=personas.iitk, person=man.person, batch=batch, accessible_room=True)
    with pytest.raises(services.RoomsRefused, match="accessible"):
        services.stay_move(
            user=personas.iitk, nomination=man, bed=Bed.objects.get(room=small), reason="x"
        )
    services.room_need_set(
        user=personas.iitk, person=man.person, batch=batch, accessible_room=False
    )
    old_bed = bed_of(man)
    stay = services.stay_move(
        user=personas.iitk, nomination=man, bed=Bed.objects.get(room=small), reason="snores"
    )
    assert stay.bed is not None and stay.bed.room == small
    move = RoomMove.objects.get()
    assert (move.from_bed, move.to_bed, move.reason, move.moved_by) == (
        old_bed,
        stay.bed,
        "snores",
        personas.iitk,
    )
    assert LogEntry.objects.get_for_model(Stay).filter(actor=personas.iitk).exists()
    # The room for either now holds a man: a woman may not join it, even with a bed free.
    services.room_save(
        user=personas.iitk,
        block=small.block,
        room=small,
        number="103",
        beds=2,
        gender="any",
        accessible=False,
    )
    with pytest.raises(services.RoomsRefused, match="another gender"):
        services.stay_move(
            user=personas.iitk,
            nomination=woman,
            bed=Bed.objects.get(room=small, number=2),
            reason="x",
        )


def test_another_institute_may_not_allocate_or_enter_rooms(personas):
    batch, _people = seated_batch(personas, [(M, KANPUR_NAGAR)])
    with pytest.raises(services.RoomsRefused):
        services.rooms_allocate(user=personas.iiml, batch=batch)
    with pytest.raises(services.RoomsRefused):
        services.block_save(user=personas.iiml, venue=batch.venue, name_hi="क", name_en="K")
    with pytest.raises(services.RoomsRefused):
        services.rooms_allocate(user=personas.dpro_kanpur, batch=batch)


def test_beds_people_sleep_in_are_never_removed_nor_the_rule_changed_under_them(personas):
    batch, people = seated_batch(
        personas, [(M, KANPUR_NAGAR), (M, KANPUR_NAGAR)], start=timezone.localdate()
    )
    (room,) = rooms_make(personas, batch.venue, [("101", 3, "men")])
    services.rooms_allocate(user=personas.iitk, batch=batch)
    with pytest.raises(services.RoomsRefused, match="beds you would remove"):
        services.room_save(
            user=personas.iitk,
            block=room.block,
            room=room,
            number="101",
            beds=1,
            gender="men",
            accessible=False,
        )
    with pytest.raises(services.RoomsRefused, match="new rule"):
        services.room_save(
            user=personas.iitk,
            block=room.block,
            room=room,
            number="101",
            beds=3,
            gender="women",
            accessible=False,
        )
    services.room_save(
        user=personas.iitk,
        block=room.block,
        room=room,
        number="101",
        beds=2,
        gender="any",
        accessible=True,
    )
    assert sorted(Bed.objects.filter(room=room).values_list("number", flat=True)) == [1, 2]


def test_a_seat_given_up_frees_the_bed_and_keeps_the_arrival(personas):
    batch, people = seated_batch(personas, [(M, KANPUR_NAGAR), (M, KANPUR_NAGAR)])
    rooms_make(personas, batch.venue, [("101", 2, "men")])
    services.rooms_allocate(user=personas.iitk, batch=batch)
    services.stay_arrival_record(user=personas.iitk, nomination=people[0])
    nominations.nomination_decline(user=personas.state, nomination=people[0], reason="ill")
    stay = Stay.objects.get(nomination=people[0])
    assert stay.bed is None and stay.arrived_at is not None


def test_arrival_and_departure_are_recorded_in_order(personas):
    batch, (person,) = seated_batch(personas, [(F, LUCKNOW)])
    with pytest.raises(services.RoomsRefused, match="arrival first"):
        services.stay_arrival_record(user=personas.iitk, nomination=person, departed=True)
    came = timezone.now() - datetime.timedelta(days=2)
    services.stay_arrival_record(user=personas.iitk, nomination=person, at=came)
    with pytest.raises(services.RoomsRefused, match="before the arrival"):
        services.stay_arrival_record(
            user=personas.iitk,
            nomination=person,
            departed=True,
            at=came - datetime.timedelta(hours=1),
        )
    stay = services.stay_arrival_record(user=personas.iitk, nomination=person, departed=True)
    assert stay.arrived_at == came
    assert stay.departed_at is not None and stay.departed_at >= came


def test_the_hall_check_in_of_the_first_day_fills_missing_arrivals(personas):
    batch, people = seated_batch(personas, [(M, KANPUR_NAGAR), (F, LUCKNOW), (M, LUCKNOW)])
    session = BatchSession.objects.create(
        batch=batch,
        date=batch.start_date,
        starts_at=datetime.time(10),
        title_en="Opening",
        method=SessionMethod.LECTURE,
    )
    checked_in = timezone.make_aware(
        datetime.datetime.combine(batch.start_date, datetime.time(9, 40))
    )
    Mark.objects.create(
        nomination=people[0], session=session, status="present", method="qr", marked_at=checked_in
    )
    Mark.objects.create(
        nomination=people[2], session=session, status="absent", method="grid", marked_at=checked_in
    )
    by_hand = checked_in - datetime.timedelta(hours=14)
    services.stay_arrival_record(user=personas.iitk, nomination=people[1], at=by_hand)
    Nomination.objects.filter(pk=people[1].pk).update(confirmed_in_hall_at=checked_in)
    assert services.stays_arrival_from_hall(user=personas.iitk, batch=batch) == 1
    assert Stay.objects.get(nomination=people[0]).arrived_at == checked_in
    assert Stay.objects.get(nomination=people[0]).arrival_from_hall
    assert Stay.objects.get(nomination=people[1]).arrived_at == by_hand  # kept
    assert not Stay.objects.filter(nomination=people[2]).exists()  # absent: no arrival


def test_a_bed_removed_after_a_past_batch_slept_in_it_is_never_given_again(personas):
    past, _people = seated_batch(personas, [(M, KANPUR_NAGAR)] * 3)  # August 2025
    (room,) = rooms_make(personas, past.venue, [("101", 3, "men")])
    services.rooms_allocate(user=personas.iitk, batch=past)
    services.room_save(
        user=personas.iitk,
        block=room.block,
        room=room,
        number="101",
        beds=2,
        gender="men",
        accessible=False,
    )
    assert Bed.objects.filter(room=room).count() == 3  # the past batch's bed 3 is history
    coming, people = seated_batch(
        personas,
        [(M, LUCKNOW)] * 3,
        programme=past.programme,
        start=timezone.localdate() + datetime.timedelta(days=10),
    )
    with pytest.raises(services.RoomsRefused, match="1 person would be left"):
        services.rooms_allocate(user=personas.iitk, batch=coming)
    with pytest.raises(services.RoomsRefused, match="removed from its room"):
        services.stay_move(
            user=personas.iitk,
            nomination=people[0],
            bed=Bed.objects.get(room=room, number=3),
            reason="x",
        )
