"""The pilot's money: the state's TA/DA rates before and after a revision, IIT Kanpur's
instalments, each completed batch's costs and invoice, the travel of every seated person and
claims at each stage of approval. Made through the logistics services and loaded once: a
second run finds every record and writes nothing."""

from decimal import Decimal

from sashakt.core.users import User
from sashakt.demo.pilot import D
from sashakt.logistics.models_money import BatchCost, Claim, Instalment, Invoice, RateTable, Travel
from sashakt.logistics.selectors_money import seated_nominations
from sashakt.logistics.services_money import (
    bank_account_set,
    batch_cost_add,
    claim_approve,
    claim_submit,
    instalment_add,
    invoice_add,
    rate_table_create,
    travel_distance_computed,
    travel_set,
)
from sashakt.nominations.models import Nomination
from sashakt.programmes.models import Batch, BatchStatus, MoU

CLAIMS_PER_BATCH = 6


def money_demo_load(
    *,
    state_user: User,
    finance_user: User,
    coordinator: User,
    district_officers: dict[int, User],
    participant: User,
) -> None:
    """`district_officers`: {district id: the demo's officer of that district}."""
    _rates_load(state_user)
    mou = MoU.objects.filter(institute=coordinator.institute).order_by("signed_on").first()
    if mou is None:
        return
    if mou.cost_per_participant_day is None:
        mou.cost_per_participant_day = Decimal("5000.00")
        mou.save(update_fields=["cost_per_participant_day"])
    for reference, day, amount in (
        ("PR-3/2025/118", D(2025, 8, 1), "2500000.00"),
        ("PR-3/2026/042", D(2026, 1, 15), "1500000.00"),
    ):
        if not Instalment.objects.filter(mou=mou, sanction_reference=reference).exists():
            instalment_add(
                user=finance_user,
                mou=mou,
                sanction_reference=reference,
                released_on=day,
                amount=Decimal(amount),
            )
    batches = Batch.objects.filter(programme__mou=mou).order_by("start_date")
    for batch in batches:
        seats = list(seated_nominations(batch))
        for seat in seats:
            if not Travel.objects.filter(nomination=seat).exists() and travel_distance_computed(
                seat
            ):
                travel_set(user=coordinator, nomination=seat, mode="bus", travel_class="ordinary")
        if batch.status != BatchStatus.COMPLETED or not seats:
            continue
        _costs_and_invoice(batch, mou, coordinator, len(seats))
        _claims(batch, seats, state_user, finance_user, district_officers, participant.person_id)


def _rates_load(state_user: User) -> None:
    if RateTable.objects.exists():
        return
    rate_table_create(
        user=state_user,
        name="State TA/DA rates 2024",
        name_hi="राज्य टीए/डीए दरें 2024",
        valid_from=D(2024, 4, 1),
        valid_until=D(2025, 9, 30),
        km_rates={
            ("bus", "ordinary"): Decimal("1.50"),
            ("bus", "ac"): Decimal("2.00"),
            ("rail", "sleeper"): Decimal("1.20"),
            ("rail", "ac"): Decimal("2.50"),
            ("car", "ordinary"): Decimal("8.00"),
        },
        daily_rates={
            ("elected", "X"): Decimal("500.00"),
            ("elected", "Y"): Decimal("400.00"),
            ("elected", "Z"): Decimal("300.00"),
            ("official", "X"): Decimal("600.00"),
            ("official", "Y"): Decimal("500.00"),
            ("official", "Z"): Decimal("400.00"),
        },
        travel_ceiling=Decimal("3000.00"),
        days_ceiling=7,
    )
    rate_table_create(
        user=state_user,
        name="State TA/DA rates 2025 (revised)",
        name_hi="राज्य टीए/डीए दरें 2025 (संशोधित)",
        valid_from=D(2025, 10, 1),
        valid_until=None,
        km_rates={
            ("bus", "ordinary"): Decimal("1.80"),
            ("bus", "ac"): Decimal("2.40"),
            ("rail", "sleeper"): Decimal("1.40"),
            ("rail", "ac"): Decimal("2.90"),
            ("car", "ordinary"): Decimal("9.00"),
        },
        daily_rates={
            ("elected", "X"): Decimal("600.00"),
            ("elected", "Y"): Decimal("480.00"),
            ("elected", "Z"): Decimal("360.00"),
            ("official", "X"): Decimal("700.00"),
            ("official", "Y"): Decimal("580.00"),
            ("official", "Z"): Decimal("460.00"),
        },
        travel_ceiling=Decimal("3500.00"),
        days_ceiling=7,
    )


def _costs_and_invoice(batch: Batch, mou: MoU, coordinator: User, participants: int) -> None:
    if not BatchCost.objects.filter(batch=batch).exists():
        days = (batch.end_date - batch.start_date).days + 1
        for head, amount, description in (
            ("venue", Decimal("150000.00"), "आउटरीच सेंटर का सभागार, 5 दिन"),
            ("boarding", Decimal("1800.00") * participants * days, "₹1,800 प्रति प्रतिभागी-दिवस"),
            ("honoraria", Decimal("120000.00"), "संकाय और अतिथि वक्ता"),
            ("materials", Decimal("750.00") * participants, "किट और मुद्रित मॉड्यूल"),
        ):
            batch_cost_add(
                user=coordinator, batch=batch, head=head, amount=amount, description=description
            )
    number = f"IITK/PR/{batch.number:02d}"
    if not Invoice.objects.filter(mou=mou, number=number).exists():
        total = sum((c.amount for c in BatchCost.objects.filter(batch=batch)), Decimal("0"))
        invoice_add(
            user=coordinator,
            mou=mou,
            number=number,
            invoiced_on=batch.end_date + (D(2025, 1, 8) - D(2025, 1, 1)),
            amount=total,
            batch=batch,
        )


def _claims(
    batch: Batch,
    seats: list[Nomination],
    state_user: User,
    finance_user: User,
    district_officers: dict[int, User],
    participant_id: int | None,
) -> None:
    entered = 0
    for seat in seats:
        if entered >= CLAIMS_PER_BATCH or seat.person_id == participant_id:
            continue
        entered += 1
        if Claim.objects.filter(nomination=seat).exists():
            continue
        distance = travel_distance_computed(seat)
        if distance is None:
            continue
        bank_account_set(
            user=finance_user,
            person=seat.person,
            holder_name=seat.person.name,
            account_number=f"3{seat.person.mobile}{seat.person_id % 10}",
            ifsc="SBIN0001234",
            bank_name="State Bank of India",
        )
        claim = claim_submit(
            user=state_user,
            nomination=seat,
            mode="bus",
            travel_class="ordinary",
            distance_km=distance,
            outward_on=batch.start_date,
            return_on=batch.end_date,
        )
        officer = district_officers.get(seat.district_id)
        # Some claims wait for the district officer, some for the state cell, some are done.
        if officer is not None and entered % 3 != 1:
            claim = claim_approve(user=officer, claim=claim)
            if entered % 3 == 0:
                claim_approve(user=state_user, claim=claim)
