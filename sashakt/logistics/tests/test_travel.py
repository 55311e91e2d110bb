"""Travel of a seated person: district headquarters (the shipped centroid) to the venue,
great circle × the road factor; an override needs its reason and is audited."""

import math
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.utils import translation

from sashakt.logistics.rules_money import great_circle_km, mask_account, rupees
from sashakt.logistics.services_money import (
    MoneyError,
    bank_account_set,
    travel_distance_computed,
    travel_set,
)
from sashakt.logistics.tests.factories_money import batches_make, seat_make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_lucknow_to_kanpur_is_about_eighty_km_in_a_straight_line():
    # Lucknow (26.85, 80.95) to Kanpur (26.45, 80.33): about 77 km as the crow flies.
    assert Decimal("70") < great_circle_km(26.85, 80.95, 26.45, 80.33) < Decimal("85")
    assert great_circle_km(26.5, 80.2, 26.5, 80.2) == Decimal("0.0")


def test_the_distance_is_the_centroid_to_the_venue_times_the_road_factor(personas, settings):
    settings.TRAVEL_ROAD_FACTOR = "1.5"
    _programme, before, _after = batches_make(personas)
    seat = seat_make(personas, personas.lucknow_person, before)
    district, venue = seat.district, before.venue
    lat1, lon1, lat2, lon2 = map(
        math.radians,
        (district.centroid_lat, district.centroid_lon, venue.latitude, venue.longitude),
    )
    straight = (
        2
        * 6371.0088
        * math.asin(
            math.sqrt(
                math.sin((lat2 - lat1) / 2) ** 2
                + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
            )
        )
    )
    computed = travel_distance_computed(seat)
    assert computed is not None
    assert abs(computed - Decimal(str(round(straight * 1.5, 1)))) <= Decimal("0.2")
    travel = travel_set(user=personas.iitk, nomination=seat, mode="bus", travel_class="ordinary")
    assert travel.distance_km == computed and travel.override_reason == ""


def test_an_override_needs_a_reason_and_is_audited(personas):
    _programme, before, _after = batches_make(personas)
    seat = seat_make(personas, personas.lucknow_person, before)
    with pytest.raises(MoneyError, match="Say why"):
        travel_set(
            user=personas.dpro_lucknow,
            nomination=seat,
            mode="rail",
            travel_class="sleeper",
            distance_km=Decimal("140"),
        )
    with pytest.raises(MoneyError, match="negative"):
        travel_set(
            user=personas.dpro_lucknow,
            nomination=seat,
            mode="rail",
            travel_class="sleeper",
            distance_km=Decimal("-1"),
            override_reason="x",
        )
    with pytest.raises(MoneyError):
        travel_set(user=personas.dpro_kanpur, nomination=seat, mode="bus", travel_class="ordinary")
    travel = travel_set(
        user=personas.dpro_lucknow,
        nomination=seat,
        mode="rail",
        travel_class="sleeper",
        distance_km=Decimal("140"),
        override_reason="The road through Unnao is closed; by rail via Kanpur Central",
    )
    entry = LogEntry.objects.get_for_object(travel).get()
    assert entry.changes_dict["override_reason"][1].startswith("The road through Unnao")
    assert entry.changes_dict["distance_km"][1] == "140"


def test_rupees_and_masks_read_as_people_write_them():
    assert rupees(Decimal("1234567.5")) == "₹12,34,567.50"
    assert rupees(Decimal("780")) == "₹780.00"
    assert mask_account("123456789012") == "XXXXXXXX9012"


def test_bank_details_are_checked_kept_by_their_keepers_and_audited(personas):
    person = personas.kanpur_person
    details = {"holder_name": "Ram Kumar", "account_number": "123456789012"}
    with pytest.raises(MoneyError, match="IFSC"):
        bank_account_set(user=personas.dpro_kanpur, person=person, ifsc="SBIN123", **details)
    with pytest.raises(MoneyError):
        bank_account_set(user=personas.iitk, person=person, ifsc="SBIN0001234", **details)
    with pytest.raises(MoneyError):
        bank_account_set(user=personas.dpro_lucknow, person=person, ifsc="SBIN0001234", **details)
    account = bank_account_set(
        user=personas.dpro_kanpur, person=person, ifsc="sbin0001234", **details
    )
    assert account.ifsc == "SBIN0001234"
    bank_account_set(
        user=personas.finance,
        person=person,
        ifsc="SBIN0001234",
        holder_name="Ram Kumar",
        account_number="999988887777",
    )
    changes = [e.changes_dict for e in LogEntry.objects.get_for_object(account).order_by("pk")]
    assert len(changes) == 2
    # The audit trail records the change with the first half of each number masked.
    assert changes[1]["account_number"] == ["******789012", "******887777"]
