"""Reads of the money part, each scoped to the acting user: institute coordinators their own
MoUs and batches, district officers their district's claims, participants their own, the
state cell and finance everything."""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import QuerySet, Sum
from django.utils.translation import gettext as _

from sashakt.core.permissions import has_role, scope_queryset
from sashakt.core.roles import Role
from sashakt.core.users import User
from sashakt.logistics import rules_money as rules
from sashakt.logistics.models_money import (
    ZERO,
    BatchCost,
    Claim,
    ClaimStatus,
    CostHead,
    Instalment,
    Invoice,
)
from sashakt.logistics.rules_money import PAISA, rupees
from sashakt.logistics.services_money import CLAIMING_STATUSES, claim_rules
from sashakt.nominations.models import Nomination
from sashakt.programmes.models import Batch, MoU


def claims_for_user(user: User) -> QuerySet[Any]:
    claims = Claim.objects.select_related(
        "nomination__person", "nomination__district", "nomination__batch__programme", "rate_table"
    )
    if rules.sees_all_money(user):
        return claims
    return scope_queryset(
        user, claims, district="nomination__district", person="nomination__person"
    )


def batches_for_user(user: User) -> QuerySet[Any]:
    batches = Batch.objects.select_related("programme__mou__institute", "venue")
    if rules.sees_all_money(user):
        return batches
    return scope_queryset(user, batches, institute="programme__mou__institute")


def mous_for_user(user: User) -> QuerySet[Any]:
    mous = MoU.objects.select_related("institute")
    if rules.sees_all_money(user):
        return mous
    return scope_queryset(user, mous, institute="institute")


def seated_nominations(batch: Batch) -> QuerySet[Nomination]:
    return (
        Nomination.objects.filter(batch=batch, status__in=CLAIMING_STATUSES)
        .select_related("person", "district", "travel")
        .order_by("district__name_en", "person__name")
    )


def claimable_nominations_for_user(user: User) -> QuerySet[Any]:
    """Seats for which the user may enter a claim (own, or own district's; all for state)."""
    nominations = Nomination.objects.filter(
        status__in=CLAIMING_STATUSES, batch__isnull=False
    ).select_related("person", "batch__programme", "district")
    if has_role(user, Role.STATE):
        return nominations
    return scope_queryset(user, nominations, district="district", person="person")


@dataclass
class CostSummary:
    lines: list[BatchCost]
    by_head: list[tuple[str, Decimal]]
    total: Decimal
    participants: int
    days: int
    per_participant: Decimal | None
    per_participant_day: Decimal | None
    agreed_per_participant: Decimal | None
    agreed_per_participant_day: Decimal | None
    over_per_participant: bool
    over_per_participant_day: bool
    rules: list[str] = field(default_factory=list)


def _per(total: Decimal, count: int) -> Decimal | None:
    return (total / count).quantize(PAISA, ROUND_HALF_UP) if count else None


def batch_cost_summary(batch: Batch) -> CostSummary:
    """What a batch cost, per participant and per participant-day, against the MoU's rates."""
    lines = list(BatchCost.objects.filter(batch=batch).order_by("head", "pk"))
    sums = dict.fromkeys(CostHead.values, ZERO)
    for line in lines:
        sums[line.head] += line.amount
    total = sum(sums.values(), ZERO)
    participants = seated_nominations(batch).count()
    days = (batch.end_date - batch.start_date).days + 1
    per_participant = _per(total, participants)
    per_day = _per(total, participants * days)
    mou = batch.programme.mou
    summary = CostSummary(
        lines=lines,
        by_head=[(str(CostHead(head).label), amount) for head, amount in sums.items()],
        total=total,
        participants=participants,
        days=days,
        per_participant=per_participant,
        per_participant_day=per_day,
        agreed_per_participant=mou.cost_per_participant,
        agreed_per_participant_day=mou.cost_per_participant_day,
        over_per_participant=bool(
            per_participant is not None
            and mou.cost_per_participant is not None
            and per_participant > mou.cost_per_participant
        ),
        over_per_participant_day=bool(
            per_day is not None
            and mou.cost_per_participant_day is not None
            and per_day > mou.cost_per_participant_day
        ),
    )
    if per_participant is not None and per_day is not None:
        summary.rules = [
            _("%(total)s ÷ %(people)s participants = %(each)s")
            % {"total": rupees(total), "people": participants, "each": rupees(per_participant)},
            _("%(total)s ÷ (%(people)s participants × %(days)s days) = %(each)s")
            % {
                "total": rupees(total),
                "people": participants,
                "days": days,
                "each": rupees(per_day),
            },
        ]
    return summary


@dataclass
class MoUMoney:
    budget: Decimal | None
    released: Decimal
    invoiced: Decimal
    remaining_budget: Decimal | None
    unspent: Decimal
    instalments: list[Instalment]
    invoices: list[Invoice]


def mou_money(mou: MoU) -> MoUMoney:
    instalments = list(Instalment.objects.filter(mou=mou))
    invoices = list(Invoice.objects.filter(mou=mou).select_related("batch"))
    released = sum((i.amount for i in instalments), ZERO)
    invoiced = sum((i.amount for i in invoices), ZERO)
    return MoUMoney(
        budget=mou.budget,
        released=released,
        invoiced=invoiced,
        remaining_budget=mou.budget - invoiced if mou.budget is not None else None,
        unspent=released - invoiced,
        instalments=instalments,
        invoices=invoices,
    )


def financial_year_of(day: datetime.date) -> int:
    """The starting year of the Indian financial year (April to March) holding `day`."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_label(start_year: int) -> str:
    return f"{start_year}-{(start_year + 1) % 100:02d}"


@dataclass
class UtilisationFigures:
    mou: MoU
    start_year: int
    period_start: datetime.date
    period_end: datetime.date
    opening_balance: Decimal  # unspent at the end of the previous years
    instalments: list[Instalment]  # released in this year
    received: Decimal
    available: Decimal
    spent: Decimal
    invoices: list[Invoice]  # what the spending is: the institute's invoices of this year
    unspent: Decimal


def utilisation_figures(mou: MoU, start_year: int) -> UtilisationFigures:
    """The utilisation certificate's figures for one financial year, all from the records:
    instalments released and invoices of the year, and the balance carried from before."""
    start = datetime.date(start_year, 4, 1)
    end = datetime.date(start_year + 1, 3, 31)

    def total(queryset: QuerySet[Any]) -> Decimal:
        value: Decimal = queryset.aggregate(total=Sum("amount"))["total"] or ZERO
        return value

    before_received = total(Instalment.objects.filter(mou=mou, released_on__lt=start))
    before_spent = total(Invoice.objects.filter(mou=mou, invoiced_on__lt=start))
    instalments = list(
        Instalment.objects.filter(mou=mou, released_on__range=(start, end)).order_by("released_on")
    )
    invoices = list(
        Invoice.objects.filter(mou=mou, invoiced_on__range=(start, end)).order_by("invoiced_on")
    )
    opening = before_received - before_spent
    received = sum((i.amount for i in instalments), ZERO)
    spent = sum((i.amount for i in invoices), ZERO)
    return UtilisationFigures(
        mou=mou,
        start_year=start_year,
        period_start=start,
        period_end=end,
        opening_balance=opening,
        instalments=instalments,
        received=received,
        available=opening + received,
        spent=spent,
        invoices=invoices,
        unspent=opening + received - spent,
    )


def financial_years_of(mou: MoU) -> list[int]:
    """The financial years in which the MoU received or spent anything, newest first."""
    days = [i.released_on for i in Instalment.objects.filter(mou=mou)] + [
        i.invoiced_on for i in Invoice.objects.filter(mou=mou)
    ]
    return sorted({financial_year_of(day) for day in days}, reverse=True)


def payment_rows(user: User, claims: QuerySet[Claim]) -> tuple[list[str], list[list[Any]]]:
    """The treasury's payment sheet of approved claims; bank details in full only for
    finance, masked for everyone else."""
    full = rules.sees_bank_details(user)
    headers = [
        _("Claim"),
        _("Name"),
        _("District"),
        _("Batch"),
        _("Account holder"),
        _("Account number"),
        _("IFSC"),
        _("Amount (₹)"),
        _("How it was computed"),
    ]
    rows = []
    for claim in claims.filter(status=ClaimStatus.APPROVED).select_related(
        "nomination__person__bank_account"
    ):
        person = claim.nomination.person
        account = getattr(person, "bank_account", None)
        number = account.account_number if account else ""
        rows.append(
            [
                claim.pk,
                person.name,
                claim.nomination.district.name_en,
                str(claim.nomination.batch),
                account.holder_name if account else "",
                number if full else rules.mask_account(number),
                account.ifsc if account else "",
                claim.total,
                "; ".join(claim_rules(claim)),
            ]
        )
    return headers, rows
