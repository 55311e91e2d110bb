"""Writes of the money part: travel, rate tables, TA/DA claims and their approval, bank
details, batch costs, instalments and invoices. Every function is atomic, takes the acting
user and refuses with `MoneyError`; django-auditlog records every row it changes."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Model, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from sashakt.core.permissions import has_role
from sashakt.core.refusals import Refused
from sashakt.core.roles import Role
from sashakt.core.scans import ScanRejected, scan_image_clean
from sashakt.core.spreadsheets import UnreadableFile, read_table, uploaded_copy
from sashakt.core.users import User
from sashakt.logistics import rules_money as rules
from sashakt.logistics.models_money import (
    ZERO,
    BankAccount,
    BatchCost,
    Claim,
    ClaimStatus,
    CostHead,
    DailyRate,
    Instalment,
    Invoice,
    KilometreRate,
    RateTable,
    Travel,
)
from sashakt.logistics.rules_money import PAISA, rupees
from sashakt.nominations.models import SEAT_HOLDING, Nomination, NominationStatus
from sashakt.people.models import Person
from sashakt.programmes.models import Batch, MoU

# A seat whose holder may travel and claim: holding it, or done with the batch.
CLAIMING_STATUSES = (*SEAT_HOLDING, NominationStatus.ATTENDED, NominationStatus.NOT_COMPLETED)
IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")
# A journey may start the day before the batch and end the day after it; no other day.
TRAVEL_DAYS_AROUND = datetime.timedelta(days=1)


class MoneyError(Refused):
    """Refused by a rule of travel, claims, costs or the MoU's money."""


def _full_clean(instance: Model) -> None:
    try:
        instance.full_clean()
    except ValidationError as error:
        raise MoneyError(" ".join(error.messages)) from error


# --- Travel -------------------------------------------------------------------------------


def travel_distance_computed(nomination: Nomination) -> Decimal | None:
    """District headquarters (the district's centroid) to the venue, great circle × road
    factor; None when either place has no coordinates."""
    district = nomination.district
    venue = nomination.batch.venue if nomination.batch is not None else None
    if venue is None:
        return None
    lat1, lon1 = district.centroid_lat, district.centroid_lon
    lat2, lon2 = venue.latitude, venue.longitude
    if lat1 is None or lon1 is None or lat2 is None or lon2 is None:
        return None
    straight = rules.great_circle_km(lat1, lon1, lat2, lon2)
    return rules.road_km(straight)


@transaction.atomic
def travel_set(
    *,
    user: User,
    nomination: Nomination,
    mode: str,
    travel_class: str,
    distance_km: Decimal | None = None,
    override_reason: str = "",
) -> Travel:
    """A seated person's travel; the distance is the computed one unless overridden, and an
    override needs its reason."""
    if not rules.may_set_travel(user, nomination):
        raise MoneyError(_("You may not set this person's travel."))
    if nomination.status not in CLAIMING_STATUSES or nomination.batch_id is None:
        raise MoneyError(_("Only a person with a seat in a batch travels to it."))
    computed = travel_distance_computed(nomination)
    override_reason = override_reason.strip()
    if distance_km is None:
        if computed is None:
            raise MoneyError(_("The distance cannot be computed here; enter it with a reason."))
        distance_km = computed
    if distance_km < 0:
        raise MoneyError(_("A distance cannot be negative."))
    if distance_km != computed and not override_reason:
        raise MoneyError(_("Say why the distance differs from the computed one."))
    # One save, so the audit trail has one entry per change.
    travel = Travel.objects.select_for_update().filter(nomination=nomination).first()
    travel = travel or Travel(nomination=nomination)
    travel.mode, travel.travel_class = mode, travel_class
    travel.computed_km, travel.distance_km = computed, distance_km
    travel.override_reason = override_reason if distance_km != computed else ""
    travel.updated_by = user
    _full_clean(travel)
    travel.save()
    return travel


# --- Rate tables --------------------------------------------------------------------------


@transaction.atomic
def rate_table_create(
    *,
    user: User,
    name: str,
    name_hi: str = "",
    valid_from: datetime.date,
    valid_until: datetime.date | None,
    km_rates: dict[tuple[str, str], Decimal],
    daily_rates: dict[tuple[str, str], Decimal],
    travel_ceiling: Decimal | None = None,
    days_ceiling: int | None = None,
) -> RateTable:
    """A new table of the state's rates; refused when its period overlaps another's."""
    if not has_role(user, Role.STATE, Role.FINANCE):
        raise MoneyError(_("Only the state cell or finance keeps the rates."))
    # Every table is locked while the periods are compared: two tables entered at once
    # are compared one after the other.
    existing = list(RateTable.objects.select_for_update().order_by("valid_from"))
    table = RateTable(
        name_en=name,
        name_hi=name_hi,
        valid_from=valid_from,
        valid_until=valid_until,
        travel_ceiling=travel_ceiling,
        days_ceiling=days_ceiling,
    )
    _full_clean(table)
    for other in existing:
        if _periods_overlap(table, other):
            raise MoneyError(
                _("These dates overlap the rate table “%(name)s” (%(start)s to %(end)s).")
                % {
                    "name": other.name,
                    "start": other.valid_from.isoformat(),
                    "end": other.valid_until.isoformat() if other.valid_until else "…",
                }
            )
    table.save()
    for (mode, travel_class), rate in km_rates.items():
        KilometreRate.objects.create(table=table, mode=mode, travel_class=travel_class, rate=rate)
    for (category, city_class), rate in daily_rates.items():
        DailyRate.objects.create(table=table, category=category, city_class=city_class, rate=rate)
    return table


def _periods_overlap(one: RateTable, other: RateTable) -> bool:
    far = datetime.date.max
    return one.valid_from <= (other.valid_until or far) and other.valid_from <= (
        one.valid_until or far
    )


def rate_table_in_force(day: datetime.date) -> RateTable | None:
    return (
        RateTable.objects.filter(valid_from__lte=day)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        .first()
    )


# --- Claim arithmetic ---------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimAmounts:
    km_rate: Decimal
    daily_rate: Decimal
    days: int
    travel_amount: Decimal
    daily_amount: Decimal
    total: Decimal
    rules: list[str]


def claim_amounts(
    *,
    table: RateTable,
    mode: str,
    travel_class: str,
    category: str,
    city_class: str,
    distance_km: Decimal,
    outward_on: datetime.date,
    return_on: datetime.date,
) -> ClaimAmounts:
    """The amounts of a claim from `table`, each with its rule written out. The journey is
    there and back: twice the one-way distance."""
    km_rate = table.km_rates.filter(mode=mode, travel_class=travel_class).first()
    if km_rate is None:
        raise MoneyError(
            _("The rate table “%(name)s” has no rate for this mode and class.")
            % {"name": table.name}
        )
    daily_rate = table.daily_rates.filter(category=category, city_class=city_class).first()
    if daily_rate is None:
        raise MoneyError(
            _("The rate table “%(name)s” has no daily allowance for this category and city.")
            % {"name": table.name}
        )
    travel = (distance_km * 2 * km_rate.rate).quantize(PAISA, ROUND_HALF_UP)
    if table.travel_ceiling is not None and travel > table.travel_ceiling:
        travel = table.travel_ceiling
    days_asked = (return_on - outward_on).days + 1
    days = days_asked
    if table.days_ceiling is not None and days > table.days_ceiling:
        days = table.days_ceiling
    daily = (daily_rate.rate * days).quantize(PAISA, ROUND_HALF_UP)
    total = travel + daily
    lines = rule_lines(
        distance_km=distance_km,
        km_rate=km_rate.rate,
        travel_amount=travel,
        days_asked=days_asked,
        days=days,
        daily_rate=daily_rate.rate,
    )
    return ClaimAmounts(
        km_rate=km_rate.rate,
        daily_rate=daily_rate.rate,
        days=days,
        travel_amount=travel,
        daily_amount=daily,
        total=total,
        rules=lines,
    )


def rule_lines(
    *,
    distance_km: Decimal,
    km_rate: Decimal,
    travel_amount: Decimal,
    days_asked: int,
    days: int,
    daily_rate: Decimal,
) -> list[str]:
    """Each amount's rule in the reader's language ("624.0 km (2 × 312 km) × ₹2.00 =
    ₹1,248.00"), from figures a claim keeps, so it reads the same whenever it is shown."""
    km = (distance_km * 2).quantize(Decimal("0.1"))
    uncapped = (km * km_rate).quantize(PAISA, ROUND_HALF_UP)
    lines = [
        _("%(km)s km (2 × %(one_way)s km) × %(rate)s = %(amount)s")
        % {"km": km, "one_way": distance_km, "rate": rupees(km_rate), "amount": rupees(uncapped)}
    ]
    if travel_amount < uncapped:
        lines.append(
            _("travel is held to the ceiling of %(ceiling)s") % {"ceiling": rupees(travel_amount)}
        )
    if days < days_asked:
        lines.append(
            _("%(days)s days are held to the ceiling of %(ceiling)s days")
            % {"days": days_asked, "ceiling": days}
        )
    daily = (daily_rate * days).quantize(PAISA, ROUND_HALF_UP)
    lines.append(
        _("%(days)s days × %(rate)s = %(amount)s")
        % {"days": days, "rate": rupees(daily_rate), "amount": rupees(daily)}
    )
    lines.append(
        _("total %(travel)s + %(daily)s = %(total)s")
        % {
            "travel": rupees(travel_amount),
            "daily": rupees(daily),
            "total": rupees(travel_amount + daily),
        }
    )
    return lines


def claim_rules(claim: Claim) -> list[str]:
    return rule_lines(
        distance_km=claim.distance_km,
        km_rate=claim.km_rate,
        travel_amount=claim.travel_amount,
        days_asked=(claim.return_on - claim.outward_on).days + 1,
        days=claim.days,
        daily_rate=claim.daily_rate,
    )


def ticket_clean(upload: UploadedFile) -> "ContentFile[bytes]":
    """The ticket photo, sniffed by its first bytes (never its name or declared type),
    held to the size limit and re-encoded as a JPEG (core/scans.py)."""
    if (upload.size or 0) > settings.CLAIM_TICKET_MAX_BYTES:
        raise MoneyError(
            _("The photo is larger than %(mb)s MB; take it again at a lower size.")
            % {"mb": settings.CLAIM_TICKET_MAX_BYTES // (1024 * 1024)}
        )
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(IMAGE_MAGIC):
        raise MoneyError(_("The ticket must be a photo (JPEG or PNG)."))
    try:
        picture = scan_image_clean(upload.read())
    except ScanRejected as error:
        raise MoneyError(str(error)) from error
    stem = Path(upload.name or "ticket").stem[:60] or "ticket"
    return ContentFile(picture, name=f"{stem}.jpg")


@transaction.atomic
def claim_submit(
    *,
    user: User,
    nomination: Nomination,
    mode: str,
    travel_class: str,
    distance_km: Decimal,
    outward_on: datetime.date,
    return_on: datetime.date,
    ticket: UploadedFile | None = None,
) -> Claim:
    """A TA/DA claim entered by the participant or their district officer; the amounts come
    from the rate table in force on the outward journey day and are kept with the claim."""
    if not rules.may_enter_claim(user, nomination):
        raise MoneyError(_("You may not enter a claim for this person."))
    nomination = (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("batch__venue__institute", "person")
        .get(pk=nomination.pk)
    )
    if nomination.status not in CLAIMING_STATUSES or nomination.batch_id is None:
        raise MoneyError(_("Only a person with a seat in a batch may claim travel for it."))
    if distance_km is None or distance_km < 0:
        raise MoneyError(_("A distance cannot be negative."))
    batch = nomination.batch
    assert batch is not None  # checked above
    earliest, latest = batch.start_date - TRAVEL_DAYS_AROUND, batch.end_date + TRAVEL_DAYS_AROUND
    for day in (outward_on, return_on):
        if not earliest <= day <= latest:
            raise MoneyError(
                _(
                    "Journey dates must lie between %(start)s and %(end)s (the batch and a day "
                    "either side)."
                )
                % {"start": earliest.strftime("%d.%m.%Y"), "end": latest.strftime("%d.%m.%Y")}
            )
    if return_on < outward_on:
        raise MoneyError(_("The return journey cannot come before the outward journey."))
    if Claim.objects.filter(nomination=nomination).exclude(status=ClaimStatus.REFUSED).exists():
        raise MoneyError(_("A claim for this batch is already entered."))
    table = rate_table_in_force(outward_on)
    if table is None:
        raise MoneyError(_("No TA/DA rates are in force on the journey day."))
    category = rules.category_of(nomination.designation)
    city_class = rules.city_class_of(batch.venue.institute.city)
    amounts = claim_amounts(
        table=table,
        mode=mode,
        travel_class=travel_class,
        category=category,
        city_class=city_class,
        distance_km=distance_km,
        outward_on=outward_on,
        return_on=return_on,
    )
    claim = Claim(
        nomination=nomination,
        rate_table=table,
        mode=mode,
        travel_class=travel_class,
        category=category,
        city_class=city_class,
        distance_km=distance_km,
        outward_on=outward_on,
        return_on=return_on,
        km_rate=amounts.km_rate,
        daily_rate=amounts.daily_rate,
        days=amounts.days,
        travel_amount=amounts.travel_amount,
        daily_amount=amounts.daily_amount,
        total=amounts.total,
        entered_by=user,
    )
    if ticket is not None:
        claim.ticket = ticket_clean(ticket)
    _full_clean(claim)
    try:
        with transaction.atomic():
            claim.save()
    except IntegrityError as error:  # a second claim entered at the same moment
        raise MoneyError(_("A claim for this batch is already entered.")) from error
    return claim


def _claim_locked(claim: Claim) -> Claim:
    return (
        Claim.objects.select_for_update(of=("self",)).select_related("nomination").get(pk=claim.pk)
    )


@transaction.atomic
def claim_approve(*, user: User, claim: Claim) -> Claim:
    """The district officer approves a submitted claim, then the state cell. The row is
    locked first, so two approvals at once are one approval and one refusal."""
    claim = _claim_locked(claim)
    if has_role(user, Role.DISTRICT):
        if claim.nomination.district_id != user.district_id:
            raise MoneyError(_("This claim is not of your district."))
        if claim.status != ClaimStatus.SUBMITTED:
            raise MoneyError(rules.claim_stage_message())
        claim.status = ClaimStatus.DISTRICT_APPROVED
        claim.district_decided_by, claim.district_decided_at = user, timezone.now()
    elif has_role(user, Role.STATE):
        if claim.status != ClaimStatus.DISTRICT_APPROVED:
            raise MoneyError(
                rules.claim_stage_message()
                if claim.status != ClaimStatus.SUBMITTED
                else _("The district officer approves a claim first.")
            )
        claim.status = ClaimStatus.APPROVED
        claim.state_decided_by, claim.state_decided_at = user, timezone.now()
    else:
        raise MoneyError(_("Only the district officer and then the state cell approve claims."))
    claim.save()
    return claim


@transaction.atomic
def claim_refuse(*, user: User, claim: Claim, reason: str) -> Claim:
    claim = _claim_locked(claim)
    reason = reason.strip()
    if not reason:
        raise MoneyError(_("Say why the claim is refused."))
    if has_role(user, Role.DISTRICT):
        if claim.nomination.district_id != user.district_id:
            raise MoneyError(_("This claim is not of your district."))
        if claim.status != ClaimStatus.SUBMITTED:
            raise MoneyError(rules.claim_stage_message())
        claim.district_decided_by, claim.district_decided_at = user, timezone.now()
    elif has_role(user, Role.STATE):
        if claim.status not in (ClaimStatus.SUBMITTED, ClaimStatus.DISTRICT_APPROVED):
            raise MoneyError(rules.claim_stage_message())
        claim.state_decided_by, claim.state_decided_at = user, timezone.now()
    else:
        raise MoneyError(_("Only the district officer and then the state cell decide claims."))
    claim.status, claim.refusal_reason = ClaimStatus.REFUSED, reason
    claim.save()
    return claim


# --- Bank details -------------------------------------------------------------------------


@transaction.atomic
def bank_account_set(
    *,
    user: User,
    person: Person,
    holder_name: str,
    account_number: str,
    ifsc: str,
    bank_name: str = "",
) -> BankAccount:
    if not rules.may_keep_bank_account(user, person):
        raise MoneyError(_("You may not keep this person's bank details."))
    account_number = account_number.replace(" ", "").strip()
    ifsc = ifsc.replace(" ", "").strip().upper()
    if not rules.ACCOUNT_PATTERN.match(account_number):
        raise MoneyError(_("An account number is 9 to 18 digits."))
    if not rules.IFSC_PATTERN.match(ifsc):
        raise MoneyError(
            _("An IFSC is 11 characters: four letters, a zero, six letters or digits.")
        )
    account = BankAccount.objects.select_for_update().filter(person=person).first()
    account = account or BankAccount(person=person)
    account.holder_name = holder_name.strip()
    account.account_number, account.ifsc, account.bank_name = account_number, ifsc, bank_name
    _full_clean(account)
    account.save()
    return account


# --- Costs, instalments, invoices ---------------------------------------------------------


@transaction.atomic
def batch_cost_add(
    *, user: User, batch: Batch, head: str, amount: Decimal, description: str = ""
) -> BatchCost:
    if not rules.may_keep_costs(user, batch):
        raise MoneyError(_("Only the batch's institute or the state cell enters its costs."))
    if amount is None or amount < 0:
        raise MoneyError(_("An amount cannot be negative."))
    cost = BatchCost(
        batch=batch, head=head, amount=amount, description=description.strip(), entered_by=user
    )
    _full_clean(cost)
    cost.save()
    return cost


def _head_of(text: str) -> str | None:
    text = str(text or "").strip().lower()
    for head in CostHead:
        if text in (head.value, str(head.label).lower()):
            return head.value
    return None


@transaction.atomic
def batch_costs_import(*, user: User, batch: Batch, upload: UploadedFile) -> int:
    """Cost lines from a spreadsheet (columns: head, amount, description). All or nothing:
    a file with one bad row writes no row and names every bad row."""
    if not rules.may_keep_costs(user, batch):
        raise MoneyError(_("Only the batch's institute or the state cell enters its costs."))
    try:
        with uploaded_copy(upload) as path:
            table = read_table(path)
    except UnreadableFile as error:
        raise MoneyError(str(error)) from error
    problems: list[str] = []
    lines: list[tuple[str, Decimal, str]] = []
    for number, row in enumerate(table.rows[1:], start=2):
        if not any(str(cell).strip() for cell in row):
            continue
        cells = [*row, "", "", ""][:3]
        head = _head_of(cells[0])
        try:
            amount = Decimal(str(cells[1]).replace(",", "").strip()).quantize(PAISA)
        except (InvalidOperation, ValueError):
            amount = None
        if head is None:
            problems.append(
                _("row %(row)s: unknown head “%(head)s”") % {"row": number, "head": cells[0]}
            )
        elif amount is None or amount < 0:
            problems.append(_("row %(row)s: the amount is not a rupee figure") % {"row": number})
        else:
            lines.append((head, amount, str(cells[2] or "")[:200]))
    if problems:
        raise MoneyError(
            _("Nothing was imported: %(problems)s.") % {"problems": "; ".join(problems)}
        )
    for head, amount, description in lines:
        batch_cost_add(user=user, batch=batch, head=head, amount=amount, description=description)
    return len(lines)


@transaction.atomic
def instalment_add(
    *, user: User, mou: MoU, sanction_reference: str, released_on: datetime.date, amount: Decimal
) -> Instalment:
    if not rules.may_release(user):
        raise MoneyError(_("Only the state cell or finance records instalments."))
    instalment = Instalment(
        mou=mou,
        sanction_reference=sanction_reference.strip(),
        released_on=released_on,
        amount=amount,
    )
    _full_clean(instalment)
    instalment.save()
    return instalment


@transaction.atomic
def invoice_add(
    *,
    user: User,
    mou: MoU,
    number: str,
    invoiced_on: datetime.date,
    amount: Decimal,
    batch: Batch | None = None,
) -> Invoice:
    """An institute's invoice; refused when the MoU's invoices would pass its budget. The MoU
    row is locked, so two invoices entered at once are added one after the other."""
    if not rules.may_invoice(user, mou):
        raise MoneyError(_("Only the MoU's institute or the state cell enters its invoices."))
    mou = MoU.objects.select_for_update().get(pk=mou.pk)
    if amount is None or amount <= 0:
        raise MoneyError(_("An invoice's amount must be more than zero."))
    if batch is not None and batch.programme.mou_id != mou.pk:
        raise MoneyError(_("This batch is not of this MoU."))
    invoiced = Invoice.objects.filter(mou=mou).aggregate(total=Sum("amount"))["total"] or ZERO
    if mou.budget is not None and invoiced + amount > mou.budget:
        raise MoneyError(
            _(
                "This invoice would take the MoU over its budget: %(invoiced)s invoiced + "
                "%(amount)s > %(budget)s; %(left)s remains."
            )
            % {
                "invoiced": rupees(invoiced),
                "amount": rupees(amount),
                "budget": rupees(mou.budget),
                "left": rupees(mou.budget - invoiced),
            }
        )
    if Invoice.objects.filter(mou=mou, number=number.strip()).exists():
        raise MoneyError(_("An invoice with this number is already entered."))
    invoice = Invoice(
        mou=mou,
        batch=batch,
        number=number.strip(),
        invoiced_on=invoiced_on,
        amount=amount,
        entered_by=user,
    )
    _full_clean(invoice)
    invoice.save()
    return invoice
