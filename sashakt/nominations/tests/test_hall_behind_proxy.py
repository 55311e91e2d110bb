"""Hall sign-in behind nginx (PROXY_COUNT=1): wrong digits are counted per forwarded client."""

import pytest
from django.apps import apps
from django.urls import reverse

from sashakt.nominations import hall
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.test import batch_make, programme_make

pytestmark = pytest.mark.django_db
SignInEvent = apps.get_model("accounts", "SignInEvent")


def test_hall_failures_record_the_forwarded_client(personas, client, settings):
    settings.PROXY_COUNT = 1
    batch = batch_make(programme_make(personas.iitk_institute), status="locked")
    person = personas.participant.person
    Nomination.objects.create(
        programme=batch.programme,
        batch=batch,
        person=person,
        district=person.district,
        designation=person.designation,
        status=NominationStatus.CONFIRMED,
        seat=1,
    )
    kiosk = reverse("nominations:hall", args=[hall.hall_token(batch)])
    client.post(
        kiosk,
        {"who": person.pk, "last4": "9999"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.9",
    )
    event = SignInEvent.objects.get(succeeded=False)
    assert event.address == "198.51.100.9"
