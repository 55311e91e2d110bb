"""Reads for data rights: everything held about one person, correction requests in scope,
and the records whose retention period is over."""

import datetime
import re
from typing import Any

from auditlog.models import LogEntry
from django.conf import settings
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from sashakt.assessments.models import Attempt, EducationLevel
from sashakt.attendance.models import Mark
from sashakt.certificates.models import Certificate
from sashakt.core.permissions import scope_queryset
from sashakt.core.text import localized
from sashakt.core.users import User
from sashakt.nominations.models import Nomination
from sashakt.notifications.models import Message
from sashakt.people.models import Person
from sashakt.privacy import selectors_followup_logistics as after_training
from sashakt.privacy.models import (
    CorrectionRequest,
    CorrectionStatus,
    Erasure,
    NoticeAcknowledgement,
)

# One-time sign-in codes in a message's text are never handed out again, even to their owner.
_CODE = re.compile(r"\b\d{4,8}\b")
_HIDDEN_CODE = "••••••"


def notice_acknowledged(user: User) -> bool:
    """Whether `user` read the privacy notice as it now stands."""
    return NoticeAcknowledgement.objects.filter(
        user=user, version=settings.PRIVACY_NOTICE_VERSION
    ).exists()


def grievance_officer() -> dict[str, str]:
    return {
        "name": localized(
            settings.PRIVACY_GRIEVANCE_OFFICER_NAME_HI, settings.PRIVACY_GRIEVANCE_OFFICER_NAME_EN
        ),
        "email": settings.PRIVACY_GRIEVANCE_OFFICER_EMAIL,
        "phone": settings.PRIVACY_GRIEVANCE_OFFICER_PHONE,
        "address": localized(
            settings.PRIVACY_GRIEVANCE_OFFICER_ADDRESS_HI,
            settings.PRIVACY_GRIEVANCE_OFFICER_ADDRESS_EN,
        ),
    }


def corrections_for_user(user: User) -> QuerySet[CorrectionRequest]:
    """Requests `user` may see: a participant their own, a district officer their district's,
    the state cell all."""
    queryset = CorrectionRequest.objects.select_related("person", "district")
    return scope_queryset(user, queryset, district="district", person="person")


def corrections_waiting(user: User) -> QuerySet[CorrectionRequest]:
    return corrections_for_user(user).filter(status=CorrectionStatus.PENDING)


def _when(value: datetime.date | datetime.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return str(timezone.localtime(value).isoformat())
    return str(value.isoformat())


def _place(place: Any) -> dict[str, Any] | None:
    if place is None:
        return None
    return {"lgd_code": place.lgd_code, "name_hi": place.name_hi, "name_en": place.name_en}


def _message_body(text: str) -> str:
    return _CODE.sub(_HIDDEN_CODE, text)


_ACTIONS = {
    LogEntry.Action.CREATE: "created",
    LogEntry.Action.UPDATE: "changed",
    LogEntry.Action.DELETE: "deleted",
}


def _audit(entries: QuerySet[LogEntry]) -> list[dict[str, Any]]:
    return [
        {
            "at": _when(entry.timestamp),
            "record": entry.content_type.model,
            "action": _ACTIONS.get(entry.action, str(entry.action)),
            "by": getattr(entry.actor, "display_name", "") if entry.actor_id else "",
            "changes": after_training.audit_changes_masked(entry.changes_dict),
            "reason": (entry.additional_data or {}).get("reason", ""),
        }
        for entry in entries
    ]


def own_data(person: Person, *, user: User | None = None) -> dict[str, Any]:
    """Everything Sashakt holds about `person` (DPDP Act s. 11), as plain JSON values:
    the registry record, the account, nominations, attendance marks, test scores,
    certificates, messages sent to them (codes hidden), corrections asked for, action plans
    and check-ins (files listed, not included), consent to share a story, rooms, the declared
    room need, travel, TA/DA claims with each amount's rule, the bank account (number masked
    to its last digits: see selectors_followup_logistics), and the audit trail of changes to
    their records. `user`: their account, when they have one."""
    nominations = list(
        Nomination.objects.filter(person=person)
        .select_related("programme", "batch", "district")
        .order_by("created_at", "pk")
    )
    marks = (
        Mark.objects.filter(nomination__person=person)
        .select_related("session", "session__batch")
        .order_by("session__date", "session__starts_at")
    )
    attempts = (
        Attempt.objects.filter(nomination__person=person)
        .select_related("assessment", "assessment__batch")
        .order_by("started_at")
    )
    certificates = Certificate.objects.filter(person=person).select_related("programme", "batch")
    recipients = [value for value in (person.mobile, person.email) if value]
    messages = Message.objects.filter(recipient__in=recipients).order_by("created_at", "pk")
    education = EducationLevel.objects.filter(person=person).first()
    corrections = CorrectionRequest.objects.filter(person=person).order_by("requested_at")
    audit_entries = (
        LogEntry.objects.get_for_objects(Person.objects.filter(pk=person.pk))
        | LogEntry.objects.get_for_objects(Nomination.objects.filter(person=person))
        | LogEntry.objects.get_for_objects(Certificate.objects.filter(person=person))
        | LogEntry.objects.get_for_objects(corrections)
        | after_training.audit_entries(person)
    ).select_related("actor", "content_type")
    return {
        "generated_at": _when(timezone.now()),
        "person": {
            "id": person.pk,
            "name": person.name,
            "name_other_script": person.name_alt,
            "gender": person.gender,
            "mobile": person.mobile,
            "email": person.email,
            "date_of_birth": _when(person.date_of_birth),
            "social_category": person.social_category,
            "designation": person.designation,
            "district": _place(person.district),
            "block": _place(person.block),
            "gram_panchayat": _place(person.gram_panchayat),
            "gram_panchayat_as_typed": person.gram_panchayat_name,
            "date_of_election_or_joining": _when(person.term_start),
            "left_office_on": _when(person.left_office_on),
            "left_office_why": person.left_office_why,
            "education": education.level if education else "",
            "created_at": _when(person.created_at),
            "updated_at": _when(person.updated_at),
        },
        "account": {
            "username": user.username,
            "language": user.language,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
        }
        if user is not None
        else None,
        "privacy_notice": [
            {"version": ack.version, "acknowledged_at": _when(ack.acknowledged_at)}
            for ack in (NoticeAcknowledgement.objects.filter(user=user) if user is not None else [])
        ],
        "nominations": [
            {
                "id": nomination.pk,
                "programme_hi": nomination.programme.title_hi,
                "programme_en": nomination.programme.title_en,
                "batch": nomination.batch.number if nomination.batch else None,
                "batch_dates": [
                    _when(nomination.batch.start_date),
                    _when(nomination.batch.end_date),
                ]
                if nomination.batch
                else None,
                "status": nomination.status,
                "seat": nomination.seat,
                "reason": nomination.reason,
                "created_at": _when(nomination.created_at),
            }
            for nomination in nominations
        ],
        "attendance": [
            {
                "batch": mark.session.batch.number,
                "date": _when(mark.session.date),
                "starts_at": mark.session.starts_at.isoformat(timespec="minutes"),
                "session_hi": mark.session.title_hi,
                "session_en": mark.session.title_en,
                "status": mark.status,
                "method": mark.method,
                "marked_at": _when(mark.marked_at),
            }
            for mark in marks
        ],
        "tests": [
            {
                "batch": attempt.assessment.batch.number,
                "kind": attempt.assessment.kind,
                "started_at": _when(attempt.started_at),
                "submitted_at": _when(attempt.submitted_at),
                "score": attempt.score,
                "max_score": attempt.max_score,
            }
            for attempt in attempts
        ],
        "certificates": [
            {
                "number": certificate.display_number,
                "name_hi": certificate.name_hi,
                "name_en": certificate.name_en,
                "programme_hi": certificate.programme.title_hi,
                "programme_en": certificate.programme.title_en,
                "batch": certificate.batch.number,
                "hours": certificate.hours,
                "status": certificate.status,
                "issued_at": _when(certificate.issued_at),
            }
            for certificate in certificates
        ],
        "messages": [
            {
                "channel": message.channel,
                "created_at": _when(message.created_at),
                "sent_at": _when(message.sent_at),
                "status": message.status,
                "text": _message_body(message.body),
            }
            for message in messages
        ],
        "corrections": [
            {
                "field": correction.field,
                "as_held": correction.current_value,
                "asked_for": correction.requested_value,
                "reason": correction.reason,
                "status": correction.status,
                "asked_on": _when(correction.requested_at),
                "decided_on": _when(correction.decided_at),
                "decision_reason": correction.decision_reason,
            }
            for correction in corrections
        ],
        "action_plans": after_training.action_plans(person),
        "consents": after_training.consents(person),
        "stays": after_training.stays(person),
        "room_need": after_training.room_need(person),
        "travel": after_training.travel(person),
        "claims": after_training.claims(person),
        "bank_account": after_training.bank_account(person),
        "audit": _audit(audit_entries.order_by("timestamp", "pk")),
    }


# --- Retention -------------------------------------------------------------------------


def retention_cutoff(kind: str, *, today: datetime.date | None = None) -> datetime.date:
    days = settings.PRIVACY_RETENTION_DAYS[kind]
    return (today or timezone.localdate()) - datetime.timedelta(days=days)


def people_past_retention(*, today: datetime.date | None = None) -> QuerySet[Person]:
    """People to erase: left office before the cutoff, no nomination to a batch ending after
    it (nor a nomination without a batch made after it), and not erased yet."""
    cutoff = retention_cutoff("person", today=today)
    # Spelled as "before the cutoff or none", never as exclude(>=): NULL compares unknown.
    batches_over = Q(last_batch_end__lt=cutoff) | Q(last_batch_end=None)
    unbatched_old = Q(last_unbatched__date__lt=cutoff) | Q(last_unbatched=None)
    return (
        Person.objects.filter(left_office_on__lt=cutoff)
        .exclude(pk__in=Erasure.objects.values("person_id"))
        .annotate(
            last_batch_end=Max("nominations__batch__end_date"),
            last_unbatched=Max(
                "nominations__created_at", filter=Q(nominations__batch__isnull=True)
            ),
        )
        .filter(batches_over & unbatched_old)
        .order_by("pk")
    )


def corrections_past_retention(
    *, today: datetime.date | None = None
) -> QuerySet[CorrectionRequest]:
    cutoff = retention_cutoff("correction_request", today=today)
    return CorrectionRequest.objects.exclude(status=CorrectionStatus.PENDING).filter(
        decided_at__date__lt=cutoff
    )


def messages_past_retention(*, today: datetime.date | None = None) -> QuerySet[Message]:
    cutoff = retention_cutoff("message", today=today)
    return Message.objects.filter(created_at__date__lt=cutoff).exclude(recipient="")
