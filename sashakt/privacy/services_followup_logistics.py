"""Erasure and retention for what the follow-up and logistics apps hold about a person.

Called by `services.person_erase` and `services.retention_enforce` (privacy may import both
apps; people, below them, may not). Files are deleted from storage right after their row is
blanked, inside the caller's transaction: should that transaction roll back, a row names a
file that is gone (the next run blanks it again), never the reverse, a file nobody can find
any more kept for a person who was erased.
"""

import datetime

from auditlog.context import set_actor
from django.db.models import Model
from django.db.models.fields.files import FieldFile

from sashakt.core.audit_redact import ERASED, audit_redact
from sashakt.followup.models import ActionPlan, CheckIn, CheckInAnswer, Commitment
from sashakt.logistics.models import BankAccount, Claim, RoomMove, RoomNeed, Stay, Travel
from sashakt.people.models import Person
from sashakt.privacy.selectors_followup_logistics import (
    checkin_files_past_retention,
    claim_tickets_past_retention,
    plan_voice_notes_past_retention,
    shared_story_commitments,
)

# What names the person, or was said by them, in each record; the rest stays for the counts
# (commitments by theme and status) and for the accounts (every amount, rate and approval:
# financial records follow the government's own accounting retention, not this schedule).
COMMITMENT_PERSONAL_FIELDS = ("what", "for_whom", "consent_at", "consent_by")
ANSWER_PERSONAL_FIELDS = ("comment",)
BANK_FIELDS = ("holder_name", "account_number", "ifsc", "bank_name")
ROOM_NEED_PERSONAL_FIELDS = ("note", "accessible_room")
ROOM_MOVE_PERSONAL_FIELDS = ("reason",)
CLAIM_PERSONAL_FIELDS = ("ticket",)


def _file_delete(field: FieldFile) -> bool:
    """Delete the stored file and blank the field (the caller saves the row)."""
    name = field.name or ""
    if not name:
        return False
    field.storage.delete(name)
    field.name = ""
    return True


def _saved(instance: Model, fields: list[str]) -> None:
    with set_actor(None):
        instance.save(update_fields=fields)


def followup_erase(person: Person) -> int:
    """Delete the voice notes and photos of `person`'s action plans and check-ins, blank what
    they wrote (commitments, comments), and withdraw their consent to share a story: a case
    study of theirs no longer shows (nor could it: no name, no photo, no words left). The
    theme, status and dates stay, so the follow-up report's counts stay true. Returns how
    many files were deleted."""
    files = 0
    plans = ActionPlan.objects.filter(nomination__person=person)
    for plan in plans:
        if _file_delete(plan.voice_note):
            files += 1
            _saved(plan, ["voice_note"])
        audit_redact(plan, ())  # its entries were named after the person
    for commitment in Commitment.objects.filter(plan__in=plans):
        commitment.what = commitment.for_whom = ""
        commitment.consent_at = None
        commitment.consent_by = None
        _saved(commitment, list(COMMITMENT_PERSONAL_FIELDS))
        audit_redact(commitment, COMMITMENT_PERSONAL_FIELDS)
    for answer in CheckInAnswer.objects.filter(checkin__plan__in=plans):
        changed = ["comment"]
        for field in (answer.voice_note, answer.photo):
            if _file_delete(field):
                files += 1
        changed += ["voice_note", "photo"]
        answer.comment = ""
        _saved(answer, changed)
        audit_redact(answer, ANSWER_PERSONAL_FIELDS)
    for checkin in CheckIn.objects.filter(plan__in=plans):
        audit_redact(checkin, ())
    return files


def logistics_erase(person: Person) -> int:
    """Remove `person`'s bank account and declared room need, delete their tickets' photos,
    blank the reasons written when they were moved; every claim keeps its amounts,
    rates, status and approvals. Returns how many files were deleted."""
    files = 0
    for account in BankAccount.objects.filter(person=person):
        pk = account.pk
        with set_actor(None):
            account.delete()
        # The deletion's own entry lists the values it removed (half masked): those are
        # erased with the earlier entries' (delete() forgot the key; it finds the entries).
        account.pk = pk
        audit_redact(account, BANK_FIELDS)
    for claim in Claim.objects.filter(nomination__person=person):
        if _file_delete(claim.ticket):
            files += 1
            _saved(claim, ["ticket"])
        audit_redact(claim, CLAIM_PERSONAL_FIELDS)
    # The declared need goes whole, note and flag, like the declared education: a disability
    # tied to a record that district and designation can still single out (one Zila Panchayat
    # Adhyaksh per district) is not anonymous, and no later batch will seat an erased person.
    for need in RoomNeed.objects.filter(person=person):
        pk = need.pk
        with set_actor(None):
            need.delete()
        need.pk = pk
        audit_redact(need, ROOM_NEED_PERSONAL_FIELDS)
    for move in RoomMove.objects.filter(stay__nomination__person=person):
        move.reason = ERASED  # a move keeps a reason (the database requires one)
        _saved(move, ["reason"])
        audit_redact(move, ROOM_MOVE_PERSONAL_FIELDS)
    for travel in Travel.objects.filter(nomination__person=person):
        audit_redact(travel, ())  # named after the person
    for stay in Stay.objects.filter(nomination__person=person):
        audit_redact(stay, ())
    return files


def files_past_retention_delete(
    *, claim_ticket_cutoff: datetime.date, followup_media_cutoff: datetime.date
) -> dict[str, int]:
    """The retention schedule's files: tickets of claims settled before the first cutoff,
    voice notes and photos of plans and check-ins made before the second (a shared good
    practice's photo stays while the consent stands)."""
    tickets = 0
    for claim in claim_tickets_past_retention(claim_ticket_cutoff):
        if _file_delete(claim.ticket):
            _saved(claim, ["ticket"])
            tickets += 1
    shared = set(shared_story_commitments().values_list("pk", flat=True))
    media = 0
    for answer in checkin_files_past_retention(followup_media_cutoff):
        deleted = _file_delete(answer.voice_note)
        if answer.commitment_id not in shared:
            deleted = _file_delete(answer.photo) or deleted
        if deleted:
            _saved(answer, ["voice_note", "photo"])
            media += 1
    for plan in plan_voice_notes_past_retention(followup_media_cutoff):
        if _file_delete(plan.voice_note):
            _saved(plan, ["voice_note"])
            media += 1
    return {"claim_tickets_deleted": tickets, "followup_files_deleted": media}
