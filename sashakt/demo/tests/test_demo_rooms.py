"""The pilot's rooms: every staying person of the pilot's batches has a bed, by the rules,
and loading the demo again adds nothing."""

import pytest
from django.core.management import call_command

from sashakt.logistics.models import Bed, HostelBlock, Room, RoomNeed, Stay
from sashakt.logistics.selectors_rooms import staying_people
from sashakt.programmes.models import Batch

pytestmark = pytest.mark.django_db


def test_the_pilot_sleeps_by_the_room_rules_and_a_second_load_adds_nothing():
    call_command("load_demo")
    counts = (HostelBlock.objects.count(), Room.objects.count(), Bed.objects.count())
    stays = Stay.objects.filter(bed__isnull=False).count()
    assert counts[0] == 4 and stays >= 30  # the pilot seats a few people a batch
    for batch in Batch.objects.filter(venue__hostel_blocks__isnull=False).distinct():
        people = list(staying_people(batch))
        beds = Stay.objects.filter(batch=batch, bed__isnull=False)
        assert beds.count() == len(people), batch
        for room_id in set(beds.values_list("bed__room_id", flat=True)):
            room = Room.objects.get(pk=room_id)
            sleepers = beds.filter(bed__room=room)
            assert sleepers.count() <= room.beds
            assert sleepers.values("nomination__person__gender").distinct().count() == 1
    needing = RoomNeed.objects.filter(accessible_room=True).values("person")
    assert needing.exists()
    assert not Stay.objects.filter(
        nomination__person__in=needing, bed__room__accessible=False
    ).exists()
    assert Stay.objects.filter(arrival_from_hall=True).exists()  # the past batches' hall

    call_command("load_demo")
    assert (HostelBlock.objects.count(), Room.objects.count(), Bed.objects.count()) == counts
    assert Stay.objects.filter(bed__isnull=False).count() == stays
