"""A person's own data held by the follow-up (action plans, check-ins, consent to share a
story) and by logistics (rooms, the declared room need, travel, TA/DA claims, the bank
account), as plain JSON values for `selectors.own_data`; and the files whose retention
period (PRIVACY_RETENTION_DAYS) is over."""

import datetime
import os
from typing import Any

from auditlog.models import LogEntry
from django.db.models import Q, QuerySet
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from sashakt.followup.models import ActionPlan, CheckIn, CheckInAnswer, Commitment
from sashakt.logistics.models import (
    BankAccount,
    Claim,
    ClaimStatus,
    RoomNeed,
    Stay,
    Travel,
)
from sashakt.logistics.services_money import claim_rules
from sashakt.people.models import Person

# An account number in one's own download is shown as its last four digits only. DPDP s. 11
# gives the person a summary of what is held and how it is used, which the last four digits
# and the IFSC answer ("is it my account?"); the full number they already have on their
# passbook. A download kept on a phone that a family or the panchayat office shares must not
# become a way to read the number in full: a wrong number is corrected through the district
# officer (who sees it in full on the finance pages), never by reading it back from here.
SHOWN_DIGITS = 4
MASK = "•"


def account_number_masked(number: str) -> str:
    if len(number) <= SHOWN_DIGITS:
        return MASK * len(number)
    return MASK * (len(number) - SHOWN_DIGITS) + number[-SHOWN_DIGITS:]


def _when(value: datetime.date | datetime.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return str(timezone.localtime(value).isoformat())
    return str(value.isoformat())


def _money(value: Any) -> str | None:
    return None if value is None else str(value)


def file_listed(field: FieldFile) -> dict[str, Any] | None:
    """A stored file by its name and size (never its content: the download stays small)."""
    name = field.name or ""
    if not name:
        return None
    try:
        size: int | None = field.storage.size(name)
    except OSError:
        size = None
    return {"name": os.path.basename(name), "bytes": size}


def _answer(answer: CheckInAnswer) -> dict[str, Any]:
    return {
        "commitment": answer.commitment.order,
        "status": answer.status,
        "what_helped_or_blocked": answer.factor,
        "comment": answer.comment,
        "voice_note": file_listed(answer.voice_note),
        "photo": file_listed(answer.photo),
    }


def _commitment(commitment: Commitment) -> dict[str, Any]:
    return {
        "number": commitment.order,
        "what": commitment.what,
        "for_whom": commitment.for_whom,
        "by_when": _when(commitment.by_when),
        "theme": commitment.theme,
        "module": commitment.module.title if commitment.module else None,
        "status": commitment.status,
        "good_practice_on": _when(commitment.good_practice_at),
        "consent_to_share_on": _when(commitment.consent_at),
    }


def action_plans(person: Person) -> list[dict[str, Any]]:
    plans = (
        ActionPlan.objects.filter(nomination__person=person)
        .select_related("nomination__batch")
        .prefetch_related("commitments__module", "checkins__answers__commitment")
        .order_by("created_at", "pk")
    )
    return [
        {
            "batch": plan.nomination.batch.number if plan.nomination.batch else None,
            "written_on": _when(plan.created_at),
            "entered_with_help": plan.assisted,
            "voice_note": file_listed(plan.voice_note),
            "commitments": [_commitment(c) for c in plan.commitments.all()],
            "checkins": [
                {
                    "days_after_batch": checkin.stage,
                    "answered": checkin.channel,
                    "on": _when(checkin.created_at),
                    "answers": [_answer(a) for a in checkin.answers.all()],
                }
                for checkin in plan.checkins.all()
            ],
        }
        for plan in plans
    ]


def consents(person: Person) -> list[dict[str, Any]]:
    """The person's consent to show a good practice of theirs to later batches."""
    commitments = (
        Commitment.objects.filter(plan__nomination__person=person, consent_at__isnull=False)
        .select_related("consent_by", "plan__nomination__batch")
        .order_by("consent_at", "pk")
    )
    return [
        {
            "batch": c.plan.nomination.batch.number if c.plan.nomination.batch else None,
            "commitment": c.order,
            "theme": c.theme,
            "recorded_on": _when(c.consent_at),
            "recorded_by": getattr(c.consent_by, "display_name", "") if c.consent_by else "",
        }
        for c in commitments
    ]


def stays(person: Person) -> list[dict[str, Any]]:
    rows = (
        Stay.objects.filter(nomination__person=person)
        .select_related("batch", "bed__room__block__venue")
        .order_by("batch__start_date", "pk")
    )
    return [
        {
            "batch": stay.batch.number,
            "venue": stay.bed.room.block.venue.name_en if stay.bed else None,
            "hostel_block_hi": stay.bed.room.block.name_hi if stay.bed else None,
            "hostel_block_en": stay.bed.room.block.name_en if stay.bed else None,
            "room": stay.bed.room.number if stay.bed else None,
            "bed": stay.bed.number if stay.bed else None,
            "arrived_at": _when(stay.arrived_at),
            "departed_at": _when(stay.departed_at),
        }
        for stay in rows
    ]


def room_need(person: Person) -> dict[str, Any] | None:
    need = RoomNeed.objects.filter(person=person).first()
    if need is None:
        return None
    return {
        "accessible_room": need.accessible_room,
        "note": need.note,
        "updated_at": _when(need.updated_at),
    }


def travel(person: Person) -> list[dict[str, Any]]:
    rows = (
        Travel.objects.filter(nomination__person=person)
        .select_related("nomination__batch")
        .order_by("created_at", "pk")
    )
    return [
        {
            "batch": row.nomination.batch.number if row.nomination.batch else None,
            "mode": row.mode,
            "class": row.travel_class,
            "computed_km": _money(row.computed_km),
            "distance_km": _money(row.distance_km),
            "why_the_distance_was_changed": row.override_reason,
        }
        for row in rows
    ]


def claims(person: Person) -> list[dict[str, Any]]:
    rows = (
        Claim.objects.filter(nomination__person=person)
        .select_related("nomination__batch", "rate_table")
        .order_by("created_at", "pk")
    )
    return [
        {
            "batch": claim.nomination.batch.number if claim.nomination.batch else None,
            "status": claim.status,
            "rate_table": claim.rate_table.name_en,
            "mode": claim.mode,
            "class": claim.travel_class,
            "category": claim.category,
            "city_class": claim.city_class,
            "outward_on": _when(claim.outward_on),
            "return_on": _when(claim.return_on),
            "distance_km_one_way": _money(claim.distance_km),
            "rate_per_km": _money(claim.km_rate),
            "daily_allowance": _money(claim.daily_rate),
            "days": claim.days,
            "travel_amount": _money(claim.travel_amount),
            "daily_amount": _money(claim.daily_amount),
            "total": _money(claim.total),
            "rules": [str(line) for line in claim_rules(claim)],
            "ticket_photo": file_listed(claim.ticket),
            "why_refused": claim.refusal_reason,
            "submitted_on": _when(claim.created_at),
            "district_decided_on": _when(claim.district_decided_at),
            "state_decided_on": _when(claim.state_decided_at),
        }
        for claim in rows
    ]


def bank_account(person: Person) -> dict[str, Any] | None:
    account = BankAccount.objects.filter(person=person).first()
    if account is None:
        return None
    return {
        "holder_name": account.holder_name,
        "account_number_last_digits": account_number_masked(account.account_number),
        "ifsc": account.ifsc,
        "bank": account.bank_name,
        "updated_at": _when(account.updated_at),
    }


def audit_entries(person: Person) -> QuerySet[LogEntry]:
    """The audit entries of the person's follow-up and logistics records."""
    plans = ActionPlan.objects.filter(nomination__person=person)
    entries: QuerySet[LogEntry] = (
        LogEntry.objects.get_for_objects(plans)
        | LogEntry.objects.get_for_objects(Commitment.objects.filter(plan__in=plans))
        | LogEntry.objects.get_for_objects(CheckIn.objects.filter(plan__in=plans))
        | LogEntry.objects.get_for_objects(CheckInAnswer.objects.filter(checkin__plan__in=plans))
        | LogEntry.objects.get_for_objects(Stay.objects.filter(nomination__person=person))
        | LogEntry.objects.get_for_objects(RoomNeed.objects.filter(person=person))
        | LogEntry.objects.get_for_objects(Travel.objects.filter(nomination__person=person))
        | LogEntry.objects.get_for_objects(Claim.objects.filter(nomination__person=person))
        | LogEntry.objects.get_for_objects(BankAccount.objects.filter(person=person))
    )
    return entries


def audit_changes_masked(changes: dict[str, Any]) -> dict[str, Any]:
    """An audit entry's changes with any account number down to its last digits (the trail
    keeps it half masked; the download shows no more of it than the bank section does)."""
    if "account_number" not in changes:
        return changes
    values = changes["account_number"]
    masked = {**changes}
    masked["account_number"] = [
        account_number_masked(str(v)) if v not in (None, "None") else v for v in values
    ]
    return masked


# --- Retention -------------------------------------------------------------------------


def claim_tickets_past_retention(cutoff: datetime.date) -> QuerySet[Claim]:
    """Ticket photos of claims settled (paid or refused) before `cutoff`: the photo is
    evidence until the claim is settled; the amounts and approvals stay for the accounts."""
    return (
        Claim.objects.filter(status__in=[ClaimStatus.PAID, ClaimStatus.REFUSED])
        .filter(updated_at__date__lt=cutoff)
        .exclude(ticket="")
    )


def checkin_files_past_retention(cutoff: datetime.date) -> QuerySet[CheckInAnswer]:
    """Check-in answers made before `cutoff` that still hold a voice note or a photo. The
    photo of a good practice the person agreed to share is kept while the consent stands
    (the erasure of the person removes it); its voice note is never shown, so it goes."""
    return CheckInAnswer.objects.filter(checkin__created_at__date__lt=cutoff).filter(
        ~Q(voice_note="") | ~Q(photo="")
    )


def plan_voice_notes_past_retention(cutoff: datetime.date) -> QuerySet[ActionPlan]:
    return ActionPlan.objects.filter(created_at__date__lt=cutoff).exclude(voice_note="")


def shared_story_commitments() -> QuerySet[Commitment]:
    """Commitments shown as case studies (a good practice with the person's consent)."""
    return Commitment.objects.filter(good_practice_at__isnull=False, consent_at__isnull=False)
