"""The rooms' pages: who sees what, the forms, and the room and door lists read back."""

import shutil
import subprocess

import pytest
from django.urls import reverse

from sashakt.conftest import require_or_skip
from sashakt.logistics import services_rooms as services
from sashakt.logistics.models import HostelBlock, Room, RoomMove, Stay
from sashakt.logistics.tests.rooms_factories import (
    KANPUR_NAGAR,
    LUCKNOW,
    bed_of,
    rooms_make,
    seated_batch,
)
from sashakt.stray_latin import assert_no_stray_latin

pytestmark = pytest.mark.django_db


def _text_of(pdf: bytes, tmp_path) -> str:
    require_or_skip(bool(shutil.which("pdftotext")), "pdftotext (poppler-utils) is not installed")
    path = tmp_path / "rooms.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def lodged(personas):
    """A batch of four (two districts, both genders), allocated in two blocks' rooms."""
    batch, people = seated_batch(
        personas, [("M", KANPUR_NAGAR), ("F", LUCKNOW), ("M", LUCKNOW), ("F", KANPUR_NAGAR)]
    )
    rooms_make(personas, batch.venue, [("101", 2, "men"), ("102", 2, "women")])
    rooms_make(personas, batch.venue, [("201", 2, "any")], block_name="Gandhi Hall")
    services.rooms_allocate(user=personas.iitk, batch=batch)
    return batch, people


def test_the_coordinator_and_the_state_see_every_room_and_may_allocate(client, personas, lodged):
    batch, people = lodged
    for user in (personas.iitk, personas.state):
        client.force_login(user)
        page = client.get(reverse("logistics:rooms_batch", args=[batch.pk])).content.decode()
        assert 'data-testid="allocate"' in page
        for nomination in people:
            assert f'data-testid="person-{nomination.pk}"' in page


def test_another_institute_sees_nothing_of_the_batch(client, personas, lodged):
    batch, _people = lodged
    client.force_login(personas.iiml)
    assert client.get(reverse("logistics:rooms_batch", args=[batch.pk])).status_code == 404
    assert client.post(reverse("logistics:rooms_allocate", args=[batch.pk])).status_code == 404
    assert client.get(reverse("logistics:rooms_venue", args=[batch.venue_id])).status_code == 404


def test_a_district_officer_reads_where_only_their_district_sleeps(client, personas, lodged):
    batch, people = lodged
    client.force_login(personas.dpro_lucknow)
    page = client.get(reverse("logistics:rooms_batch", args=[batch.pk])).content.decode()
    lucknow = [n for n in people if n.district.lgd_code == LUCKNOW]
    kanpur = [n for n in people if n.district.lgd_code == KANPUR_NAGAR]
    for nomination in lucknow:
        assert nomination.person.name in page
    for nomination in kanpur:
        assert nomination.person.name not in page
    assert 'data-testid="read-only"' in page and 'data-testid="allocate"' not in page
    assert client.post(reverse("logistics:rooms_allocate", args=[batch.pk])).status_code == 403
    move = reverse("logistics:rooms_move", args=[batch.pk, lucknow[0].pk])
    assert client.get(move).status_code == 403
    assert client.get(reverse("logistics:rooms_door_list", args=[batch.pk])).status_code == 403
    assert client.get(reverse("logistics:rooms_venues")).status_code == 403


def test_a_district_officers_room_list_holds_their_own_people(client, personas, lodged, tmp_path):
    batch, people = lodged
    client.force_login(personas.dpro_kanpur)
    response = client.get(reverse("logistics:rooms_room_list", args=[batch.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = _text_of(response.content, tmp_path)
    for nomination in people:
        shown = nomination.person.name_alt in text
        assert shown == (nomination.district.lgd_code == KANPUR_NAGAR)


def test_the_room_list_reads_back_bilingual_with_every_bed(client, personas, lodged, tmp_path):
    batch, people = lodged
    client.force_login(personas.iitk)
    text = _text_of(
        client.get(reverse("logistics:rooms_room_list", args=[batch.pk])).content, tmp_path
    )
    assert "Room list" in text and "कमरों की सूची" in text
    for nomination in people:
        assert nomination.person.name_alt in text
        assert bed_of(nomination).room.number in text
    compact = text.replace(" ", "").replace("\n", "")  # cells wrap where the layout needs
    # Women and men fill their own rooms first: the room for either stays empty, and an
    # empty room is not listed.
    assert "TagoreHallभवन/TagoreHall" in compact and "GandhiHall" not in compact


def test_the_door_list_has_a_page_per_room_with_its_names(client, personas, lodged, tmp_path):
    batch, people = lodged
    client.force_login(personas.iitk)
    pdf = client.get(reverse("logistics:rooms_door_list", args=[batch.pk])).content
    text = _text_of(pdf, tmp_path)
    pages = text.split("\f")
    used_rooms = {bed_of(n).room_id for n in people}
    assert len([p for p in pages if p.strip()]) == len(used_rooms)
    for nomination in people:
        room = bed_of(nomination).room
        page = next(p for p in pages if f" {room.number}" in p)
        assert nomination.person.name in page


def test_the_coordinator_enters_blocks_and_rooms_on_the_venue_page(client, personas, lodged):
    batch, _people = lodged
    client.force_login(personas.iitk)
    url = reverse("logistics:rooms_venue", args=[batch.venue_id])
    response = client.post(url, {"block-name_hi": "नेहरू भवन", "block-name_en": "Nehru Bhawan"})
    assert response.status_code == 302
    block = HostelBlock.objects.get(name_en="Nehru Bhawan")
    response = client.post(
        url,
        {
            "block": block.pk,
            "room-number": "N1",
            "room-floor": "0",
            "room-beds": "3",
            "room-gender": "women",
            "room-accessible": "on",
        },
    )
    assert response.status_code == 302
    room = Room.objects.get(block=block, number="N1")
    assert (room.beds, room.gender, room.accessible, room.bed_rows.count()) == (3, "women", True, 3)
    # The same number twice: the form says so, nothing is added.
    response = client.post(
        url,
        {
            "block": block.pk,
            "room-number": "N1",
            "room-floor": "0",
            "room-beds": "2",
            "room-gender": "men",
        },
    )
    assert response.status_code == 200 and "N1" in response.content.decode()
    assert Room.objects.filter(block=block).count() == 1


def test_a_move_on_its_page_rechecks_the_rules_and_records_the_reason(client, personas, lodged):
    batch, people = lodged
    man = next(n for n in people if n.person.gender == "M")
    client.force_login(personas.iitk)
    url = reverse("logistics:rooms_move", args=[batch.pk, man.pk])
    (women_room,) = rooms_make(personas, batch.venue, [("301", 1, "women")], block_name="Nehru")
    women_bed = women_room.bed_rows.get()
    page = client.get(url).content.decode()
    response = client.post(url, {"bed": women_bed.pk, "reason": "asked"})
    assert response.status_code == 200 and "another gender" not in response.content.decode()
    assert "दूसरे लिंग" in response.content.decode() and not RoomMove.objects.exists()
    free = Room.objects.get(number="201").bed_rows.exclude(stays__batch=batch).first()
    assert free is not None
    assert str(free.pk) in page
    response = client.post(url, {"bed": free.pk, "reason": "closer to the stairs"})
    assert response.status_code == 302
    assert RoomMove.objects.get().reason == "closer to the stairs"


def test_the_pages_read_without_writing(client, personas, lodged, django_assert_num_queries):
    batch, people = lodged
    client.force_login(personas.iitk)
    before = (Stay.objects.count(), RoomMove.objects.count())
    for url in (
        reverse("logistics:rooms_batch", args=[batch.pk]),
        reverse("logistics:rooms_move", args=[batch.pk, people[0].pk]),
        reverse("logistics:rooms_venue", args=[batch.venue_id]),
        reverse("logistics:rooms_venues"),
        reverse("logistics:rooms_room_list", args=[batch.pk]),
    ):
        assert client.get(url).status_code == 200
    for url in (
        reverse("logistics:rooms_allocate", args=[batch.pk]),
        reverse("logistics:rooms_arrival", args=[batch.pk, people[0].pk]),
    ):
        assert client.get(url).status_code == 405
    assert (Stay.objects.count(), RoomMove.objects.count()) == before


def test_an_over_full_batch_shows_the_message_in_hindi(client, personas):
    batch, _people = seated_batch(personas, [("M", KANPUR_NAGAR)] * 3)
    rooms_make(personas, batch.venue, [("101", 2, "men")])
    client.force_login(personas.iitk)
    response = client.post(reverse("logistics:rooms_allocate", args=[batch.pk]), follow=True)
    page = response.content.decode()
    assert "1 व्यक्ति बिना बिस्तर के रह जाएगा" in page
    assert not Stay.objects.exists()


def test_the_batch_page_links_to_the_rooms(client, personas, lodged):
    batch, _people = lodged
    client.force_login(personas.iitk)
    page = client.get(reverse("nominations:batch_detail", args=[batch.pk])).content.decode()
    assert reverse("logistics:rooms_batch", args=[batch.pk]) in page
    client.force_login(personas.participant)
    page = client.get(reverse("nominations:batch_detail", args=[batch.pk])).content.decode()
    assert reverse("logistics:rooms_batch", args=[batch.pk]) not in page


@pytest.mark.parametrize("username", ["iitk", "dpro_lucknow"])
def test_the_rooms_pages_are_hindi(client, personas, lodged, username):
    batch, people = lodged
    batch.venue.name_hi = "आईआईटी कानपुर आउटरीच केंद्र"
    batch.venue.save()
    client.force_login(getattr(personas, username))
    client.post(
        reverse("logistics:rooms_need", args=[batch.pk, people[0].pk]), {"accessible_room": "1"}
    )
    user = getattr(personas, username)
    # Block names of the factory, the institute, the signed-in user in the header.
    names = ["Tagore Hall", "Gandhi Hall", "IIT", "Kanpur", user.username]
    for url in (
        reverse("logistics:rooms_batch", args=[batch.pk]),
        reverse("logistics:rooms_move", args=[batch.pk, people[0].pk]),
        reverse("logistics:rooms_venue", args=[batch.venue_id]),
        reverse("logistics:rooms_venues"),
    ):
        response = client.get(url)
        if username != "iitk" and response.status_code == 403:
            continue
        assert response.status_code == 200, url
        assert_no_stray_latin(response.content.decode(), allowed=names)
