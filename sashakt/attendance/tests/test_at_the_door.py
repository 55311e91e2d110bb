"""At the door: the coordinator confirms an offered seat on the spot (recorded as confirmed
in the hall, by whom), seats a substitute of the same district and designation; once the
batch is completed nobody is left "seat offered"."""

import pytest
from django.urls import reverse

from sashakt.attendance import selectors, services
from sashakt.attendance.tests.factories import hall_make
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.nominations.seat_codes import seat_code
from sashakt.people.models import Designation
from sashakt.test import person_make

pytestmark = pytest.mark.django_db


def _offered(batch, person, seat=30):
    return Nomination.objects.create(
        programme=batch.programme,
        batch=batch,
        person=person,
        district=person.district,
        designation=person.designation,
        status=NominationStatus.APPROVED,
        seat=seat,
    )


@pytest.fixture
def door(personas):
    batch, sessions, people = hall_make(personas, people=3)
    walk_in = _offered(batch, person_make(name="आगंतुक", name_alt="Walk In", mobile="9839066001"))
    return batch, sessions, people, walk_in


def test_the_coordinator_confirms_an_offered_seat_in_the_hall(personas, door, client):
    batch, sessions, people, walk_in = door
    assert walk_in not in selectors.roster(batch)
    client.force_login(personas.iitk)
    page = client.get(reverse("attendance:batch", args=[batch.pk])).content.decode()
    assert f'data-testid="offered-{walk_in.pk}"' in page
    client.post(reverse("attendance:door_confirm", args=[batch.pk]), {"nomination": walk_in.pk})
    walk_in.refresh_from_db()
    assert walk_in.status == NominationStatus.CONFIRMED
    assert walk_in.confirmed_in_hall_by == personas.iitk and walk_in.confirmed_in_hall_at
    assert walk_in in selectors.roster(batch)
    found = services.checkin(user=personas.iitk, session=sessions[0], code=seat_code(walk_in.pk))
    assert found.nomination == walk_in


def test_only_the_batchs_coordinator_acts_at_the_door(personas, door, client):
    batch, sessions, people, walk_in = door
    url = reverse("attendance:door_confirm", args=[batch.pk])
    for user, status in ((personas.dpro_kanpur, 403), (personas.iiml, 404)):
        client.force_login(user)
        assert client.post(url, {"nomination": walk_in.pk}).status_code == status
    walk_in.refresh_from_db()
    assert walk_in.status == NominationStatus.APPROVED and walk_in.confirmed_in_hall_by is None


def test_a_substitute_of_the_same_district_and_designation_is_seated_at_the_door(
    personas, door, client
):
    batch, sessions, people, walk_in = door
    absent = people[2]
    same = person_make(name="बदले में", name_alt="In Place", mobile="9839066002")
    other = person_make(
        name="अन्य पद", name_alt="Other", mobile="9839066003", designation=Designation.ZP_ADHYAKSH
    )
    client.force_login(personas.iitk)
    url = reverse("attendance:door_substitute", args=[batch.pk])
    client.post(url, {"nomination": absent.pk, "mobile": other.mobile})
    absent.refresh_from_db()
    assert absent.status == NominationStatus.CONFIRMED  # refused: nothing changed
    client.post(url, {"nomination": absent.pk, "mobile": "+91 98390 66002"})
    absent.refresh_from_db()
    new = Nomination.objects.get(person=same)
    assert absent.status == NominationStatus.SUBSTITUTED and new.substitute_for == absent
    assert (new.status, new.confirmed_in_hall_by) == (NominationStatus.CONFIRMED, personas.iitk)
    assert new in selectors.roster(batch) and absent not in selectors.roster(batch)


def test_after_completion_nobody_is_left_seat_offered(personas, door):
    batch, sessions, people, walk_in = door
    for session in sessions:
        services.mark_all_present(user=personas.iitk, session=session)
    services.batch_complete(user=personas.iitk, batch=batch)
    assert not batch.nominations.filter(status=NominationStatus.APPROVED).exists()
    walk_in.refresh_from_db()
    assert (walk_in.status, walk_in.seat) == (NominationStatus.NOT_COMPLETED, None)
    assert "never confirmed" in walk_in.reason
