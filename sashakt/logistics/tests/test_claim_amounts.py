"""TA/DA claims against hand-computed cases on two dated rate tables: a claim before the
state's rate change keeps its amounts after it; bad claims and overlapping tables refused."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from sashakt.logistics.models_money import Claim, RateTable
from sashakt.logistics.services_money import (
    MoneyError,
    claim_rules,
    claim_submit,
    rate_table_create,
)
from sashakt.logistics.tests.factories_money import (
    batches_make,
    rate_table_a,
    rate_table_b,
    seat_make,
)
from sashakt.test import person_make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


D = Decimal


def jpeg_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 40), "white").save(out, format="JPEG")
    return out.getvalue()


@pytest.fixture
def world(personas):
    programme, before, after = batches_make(personas)
    seat_before = seat_make(personas, personas.kanpur_person, before)
    second = person_make(name="अनिल सिंह", name_alt="Anil Singh", mobile="9839000777")
    seat_after = seat_make(personas, second, after)
    return personas, before, after, seat_before, seat_after


def test_a_claim_is_computed_from_the_table_in_force_and_keeps_it_after_a_rate_change(world):
    personas, before, after, seat_before, seat_after = world
    table_a = rate_table_a(personas.state)
    first = claim_submit(
        user=personas.dpro_kanpur,
        nomination=seat_before,
        mode="bus",
        travel_class="ordinary",
        distance_km=D("312"),
        outward_on=datetime.date(2025, 8, 26),
        return_on=datetime.date(2025, 8, 30),
    )
    # By hand: 2 × 312 = 624 km × ₹1.50 = ₹936.00; 5 days × ₹300.00 = ₹1,500.00.
    assert (first.travel_amount, first.daily_amount, first.total) == (
        D("936.00"),
        D("1500.00"),
        D("2436.00"),
    )
    assert first.rate_table == table_a
    assert "624.0 km (2 × 312 km) × ₹1.50 = ₹936.00" in claim_rules(first)
    assert "5 days × ₹300.00 = ₹1,500.00" in claim_rules(first)

    table_b = rate_table_b(personas.state)  # the state's rates change from 1 October
    second = claim_submit(
        user=personas.state,
        nomination=seat_after,
        mode="bus",
        travel_class="ordinary",
        distance_km=D("312"),
        outward_on=datetime.date(2025, 11, 10),
        return_on=datetime.date(2025, 11, 14),
    )
    # By hand: 624 km × ₹2.00 = ₹1,248.00; 5 days × ₹350.00 = ₹1,750.00.
    assert (second.travel_amount, second.daily_amount, second.total) == (
        D("1248.00"),
        D("1750.00"),
        D("2998.00"),
    )
    assert second.rate_table == table_b
    first.refresh_from_db()
    assert first.total == D("2436.00") and first.rate_table == table_a


def test_ceilings_hold_travel_and_days(world):
    personas, before, _after, seat_before, _seat_after = world
    rate_table_a(personas.state)
    claim = claim_submit(
        user=personas.state,
        nomination=seat_before,
        mode="rail",
        travel_class="sleeper",
        distance_km=D("900"),
        outward_on=datetime.date(2025, 8, 25),
        return_on=datetime.date(2025, 8, 31),
    )
    # 1,800 km × ₹2.50 = ₹4,500.00, held to ₹2,000.00; 7 days held to 6 × ₹300 = ₹1,800.
    assert claim.travel_amount == D("2000.00")
    assert claim.days == 6 and claim.daily_amount == D("1800.00")
    assert claim.total == D("3800.00")
    assert "travel is held to the ceiling of ₹2,000.00" in claim_rules(claim)


def test_overlapping_rate_tables_are_refused(personas):
    rate_table_a(personas.state)
    with pytest.raises(MoneyError, match="overlap"):
        rate_table_create(
            user=personas.state,
            name="overlapping",
            valid_from=datetime.date(2025, 9, 1),
            valid_until=None,
            km_rates={("bus", "ordinary"): D("9.99")},
            daily_rates={("elected", "Y"): D("1.00")},
        )
    assert RateTable.objects.count() == 1


def test_only_the_state_cell_or_finance_keep_rates(personas):
    with pytest.raises(MoneyError):
        rate_table_a(personas.dpro_kanpur)
    assert not RateTable.objects.exists()


@pytest.mark.parametrize(
    ("distance", "outward", "back", "message"),
    [
        (D("-5"), datetime.date(2025, 8, 26), datetime.date(2025, 8, 30), "negative"),
        (D("100"), datetime.date(2025, 8, 20), datetime.date(2025, 8, 30), "Journey dates"),
        (D("100"), datetime.date(2025, 8, 26), datetime.date(2025, 9, 5), "Journey dates"),
    ],
)
def test_a_negative_distance_or_a_day_outside_the_batch_is_refused(
    world, distance, outward, back, message
):
    personas, _before, _after, seat_before, _seat_after = world
    rate_table_a(personas.state)
    with pytest.raises(MoneyError, match=message):
        claim_submit(
            user=personas.dpro_kanpur,
            nomination=seat_before,
            mode="bus",
            travel_class="ordinary",
            distance_km=distance,
            outward_on=outward,
            return_on=back,
        )
    assert not Claim.objects.exists()


def test_a_ticket_that_is_not_an_image_is_refused_and_a_photo_is_kept(world):
    personas, _before, _after, seat_before, _seat_after = world
    rate_table_a(personas.state)
    common = {
        "user": personas.dpro_kanpur,
        "nomination": seat_before,
        "mode": "bus",
        "travel_class": "ordinary",
        "distance_km": D("50"),
        "outward_on": datetime.date(2025, 8, 26),
        "return_on": datetime.date(2025, 8, 30),
    }
    fake = SimpleUploadedFile("ticket.jpg", b"%PDF-1.4 not a photo", content_type="image/jpeg")
    with pytest.raises(MoneyError, match="photo"):
        claim_submit(**common, ticket=fake)
    assert not Claim.objects.exists()
    photo = SimpleUploadedFile("ticket.jpg", jpeg_bytes(), content_type="image/jpeg")
    claim = claim_submit(**common, ticket=photo)
    with claim.ticket.open("rb") as stored:
        assert stored.read(3) == b"\xff\xd8\xff"


def test_a_second_live_claim_for_one_seat_is_refused(world):
    personas, _before, _after, seat_before, _seat_after = world
    rate_table_a(personas.state)
    common = {
        "nomination": seat_before,
        "mode": "bus",
        "travel_class": "ordinary",
        "distance_km": D("50"),
        "outward_on": datetime.date(2025, 8, 26),
        "return_on": datetime.date(2025, 8, 30),
    }
    claim_submit(user=personas.dpro_kanpur, **common)
    with pytest.raises(MoneyError, match="already"):
        claim_submit(user=personas.state, **common)
    assert Claim.objects.count() == 1


def test_another_district_officer_may_not_enter_a_claim(world):
    personas, _before, _after, seat_before, _seat_after = world
    rate_table_a(personas.state)
    with pytest.raises(MoneyError):
        claim_submit(
            user=personas.dpro_lucknow,
            nomination=seat_before,
            mode="bus",
            travel_class="ordinary",
            distance_km=D("50"),
            outward_on=datetime.date(2025, 8, 26),
            return_on=datetime.date(2025, 8, 30),
        )
