"""Small factories for the money tests: seats made through the real nomination services and
the two dated rate tables the hand-computed cases use."""

import datetime
from decimal import Decimal

from sashakt.logistics.services_money import rate_table_create
from sashakt.nominations.services import nomination_approve, nomination_confirm, nomination_create
from sashakt.test import batch_make, programme_make

D = Decimal


def seat_make(personas, person, batch):
    """`person` nominated, approved and confirmed into `batch` by the state cell."""
    nomination = nomination_create(user=personas.state, person=person, batch=batch)
    nomination = nomination_approve(user=personas.state, nomination=nomination)
    return nomination_confirm(user=personas.state, nomination=nomination)


def batches_make(personas):
    """IIT Kanpur's programme (MoU budget ₹10,00,000) with a batch before the rate change
    (26–30 August 2025) and one after it (10–14 November 2025)."""
    programme = programme_make(personas.iitk_institute)
    mou = programme.mou
    mou.title_hi = "पंचायत प्रतिनिधियों का क्षमता विकास"
    mou.budget = D("1000000.00")
    mou.cost_per_participant = D("20000.00")
    mou.cost_per_participant_day = D("4000.00")
    mou.save()
    before = batch_make(programme, start=datetime.date(2025, 8, 26))
    after = batch_make(programme, start=datetime.date(2025, 11, 10))
    return programme, before, after


def rates_make(user):
    """Table A (April–September 2025) and table B (from October 2025): the state's rate
    change."""
    return rate_table_a(user), rate_table_b(user)


def rate_table_a(user):
    """April–September 2025, with a travel ceiling of ₹2,000 and a ceiling of 6 days."""
    return rate_table_create(
        user=user,
        name="TA/DA rates 2025 (A)",
        name_hi="टीए/डीए दरें 2025 (क)",
        valid_from=datetime.date(2025, 4, 1),
        valid_until=datetime.date(2025, 9, 30),
        km_rates={("bus", "ordinary"): D("1.50"), ("rail", "sleeper"): D("2.50")},
        daily_rates={
            ("elected", "Y"): D("300.00"),
            ("official", "Y"): D("400.00"),
            ("elected", "Z"): D("250.00"),
        },
        travel_ceiling=D("2000.00"),
        days_ceiling=6,
    )


def rate_table_b(user):
    """From October 2025, open-ended."""
    return rate_table_create(
        user=user,
        name="TA/DA rates 2025 (B)",
        name_hi="टीए/डीए दरें 2025 (ख)",
        valid_from=datetime.date(2025, 10, 1),
        valid_until=None,
        km_rates={("bus", "ordinary"): D("2.00"), ("rail", "sleeper"): D("2.75")},
        daily_rates={("elected", "Y"): D("350.00"), ("official", "Y"): D("450.00")},
    )
