"""Answering for an "any batch" nomination: either saved and answered with a page, or
refused with nothing saved — never a 403 after the write (issue 10, item 10)."""

import pytest
from django.urls import reverse

from sashakt.nominations.models import NominationStatus
from sashakt.nominations.services import nomination_create
from sashakt.test import person_make, programme_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(personas):
    programme = programme_make(personas.iitk_institute)
    person = person_make(name="कमला देवी", name_alt="Kamla Devi", mobile="9839000601")
    return nomination_create(user=personas.dpro_kanpur, person=person, programme=programme)


def _decline(client, nomination):
    url = reverse("nominations:nomination_decline", args=[nomination.pk])
    return client.post(url, {"reason": "travel"})


def test_the_district_officer_declines_and_lands_on_the_programme(personas, client, waiting):
    assert waiting.batch_id is None
    client.force_login(personas.dpro_kanpur)
    response = _decline(client, waiting)
    assert response.status_code == 302
    assert response["Location"] == waiting.programme.get_absolute_url()
    waiting.refresh_from_db()
    assert waiting.status == NominationStatus.DECLINED
    assert client.get(response["Location"]).status_code == 200


def test_someone_who_may_not_answer_changes_nothing(personas, client, waiting):
    client.force_login(personas.iitk)  # sees the programme's nominations, may not answer
    response = _decline(client, waiting)
    assert response.status_code in {302, 403, 404}
    waiting.refresh_from_db()
    assert waiting.status == NominationStatus.NOMINATED
