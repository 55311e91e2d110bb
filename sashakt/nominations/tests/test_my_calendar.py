"""A participant's own calendar (.ics) holds the batches where they hold a seat."""

import pytest
from django.urls import reverse

from sashakt.nominations.services import nomination_approve, nomination_create
from sashakt.test import batch_make, programme_make

pytestmark = pytest.mark.django_db


def _unfolded(data: bytes) -> list[str]:
    return data.decode().replace("\r\n ", "").split("\r\n")


def test_a_participants_calendar_holds_only_their_seats(personas, client):
    programme = programme_make(personas.iitk_institute)
    mine, other = batch_make(programme), batch_make(programme, number=2)
    nomination = nomination_create(
        user=personas.state, person=personas.participant.person, batch=mine
    )
    nomination_approve(user=personas.state, nomination=nomination)
    client.force_login(personas.participant)
    lines = _unfolded(client.get(reverse("nominations:my_calendar_ics")).content)
    assert f"UID:batch-{mine.pk}@testserver" in lines
    assert f"UID:batch-{other.pk}@testserver" not in lines
    assert client.get(reverse("programmes:batch_ics", args=[other.pk])).status_code == 403
