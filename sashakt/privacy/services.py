"""Writes for data rights: acknowledging the notice, asking for and deciding corrections,
erasure after the retention period. Views, commands and jobs call these, nothing else."""

import datetime
from collections.abc import Callable

from auditlog.context import set_actor
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sashakt.assessments.models import EducationLevel
from sashakt.certificates.models import Certificate
from sashakt.core.audit_redact import audit_redact
from sashakt.core.refusals import Refused
from sashakt.core.roles import Role
from sashakt.core.users import User
from sashakt.nominations.letters import joining_letter_forget
from sashakt.nominations.models import Nomination
from sashakt.notifications.models import Message
from sashakt.people.by_hand import person_correct, person_name_correct
from sashakt.people.models import Person
from sashakt.people.rules import may_edit_person
from sashakt.people.services import person_personal_data_erase
from sashakt.privacy.models import (
    CorrectionField,
    CorrectionRequest,
    CorrectionStatus,
    Erasure,
    NoticeAcknowledgement,
)
from sashakt.privacy.selectors import (
    corrections_past_retention,
    messages_past_retention,
    people_past_retention,
    retention_cutoff,
)
from sashakt.privacy.services_followup_logistics import (
    files_past_retention_delete,
    followup_erase,
    logistics_erase,
)


class PrivacyRefused(Refused):
    """A data-rights request the rules do not allow."""


def notice_acknowledge(*, user: User, language: str) -> NoticeAcknowledgement:
    """`user` read the notice as it now stands; recorded once, with the time."""
    acknowledgement, _created = NoticeAcknowledgement.objects.get_or_create(
        user=user,
        version=settings.PRIVACY_NOTICE_VERSION,
        defaults={"language": language[:5]},
    )
    return acknowledgement


# --- Corrections -----------------------------------------------------------------------


def _value_as_held(person: Person, field: str) -> str:
    if field == CorrectionField.DESIGNATION:
        return str(person.get_designation_display())
    if field == CorrectionField.BLOCK:
        return person.block.name_en if person.block else ""
    if field == CorrectionField.GRAM_PANCHAYAT:
        if person.gram_panchayat:
            return person.gram_panchayat.name_en
        return person.gram_panchayat_name
    if field == CorrectionField.MOBILE:
        return person.mobile or ""
    return person.name


def correction_request_create(
    *, user: User, field: str, requested_value: str, reason: str
) -> CorrectionRequest:
    """A participant asks to correct one field of their own record, saying why."""
    if user.role != Role.PARTICIPANT or not user.person_id:
        raise PermissionDenied
    if field not in CorrectionField.values:
        raise PrivacyRefused(gettext_lazy("Choose what to correct from the list."))
    requested_value = " ".join((requested_value or "").split())[:150]
    reason = (reason or "").strip()[:500]
    if not requested_value:
        raise PrivacyRefused(gettext_lazy("Write the correct value."))
    if not reason:
        raise PrivacyRefused(gettext_lazy("Write why it should be corrected."))
    person = Person.objects.select_related("block", "gram_panchayat").get(pk=user.person_id)
    with transaction.atomic():
        waiting = CorrectionRequest.objects.select_for_update().filter(
            person=person, field=field, status=CorrectionStatus.PENDING
        )
        if waiting.exists():
            raise PrivacyRefused(
                gettext_lazy(
                    "You have already asked to correct this. Wait for your district officer's "
                    "answer."
                )
            )
        with set_actor(user):
            return CorrectionRequest.objects.create(
                person=person,
                district_id=person.district_id,
                field=field,
                current_value=_value_as_held(person, field)[:150],
                requested_value=requested_value,
                reason=reason,
                requested_by=user,
            )


def _locked_pending(correction: CorrectionRequest, user: User) -> CorrectionRequest:
    locked = (
        CorrectionRequest.objects.select_for_update().select_related("person").get(pk=correction.pk)
    )
    if not may_edit_person(user, locked.person) or (
        user.role == Role.DISTRICT and locked.district_id != user.district_id
    ):
        raise PermissionDenied
    if locked.status != CorrectionStatus.PENDING:
        raise PrivacyRefused(gettext_lazy("This request has already been decided."))
    return locked


def _apply(correction: CorrectionRequest, *, user: User, reason: str) -> None:
    person, value = correction.person, correction.requested_value
    if correction.field == CorrectionField.NAME:
        person_name_correct(user=user, person=person, name=value, reason=reason)
        return
    person_correct(user=user, person=person, changes={correction.field: value}, reason=reason)


def correction_accept(*, user: User, correction: CorrectionRequest) -> CorrectionRequest:
    """The district officer (own district) or the state cell accepts: the change is made
    through the registry's own correction (cleaned as an import row, audited with the
    person's reason). A value the registry refuses is refused here, nothing changed."""
    with transaction.atomic():
        locked = _locked_pending(correction, user)
        why = _("Correction asked by the person: %(reason)s") % {"reason": locked.reason}
        try:
            _apply(locked, user=user, reason=why)
        except ValidationError as error:
            raise PrivacyRefused(" ".join(error.messages)) from error
        locked.status = CorrectionStatus.ACCEPTED
        locked.decided_by = user
        locked.decided_at = timezone.now()
        with set_actor(user):
            locked.save(update_fields=["status", "decided_by", "decided_at"])
    return locked


def correction_refuse(
    *, user: User, correction: CorrectionRequest, reason: str
) -> CorrectionRequest:
    reason = (reason or "").strip()[:500]
    if not reason:
        raise PrivacyRefused(gettext_lazy("Write why the correction is refused."))
    with transaction.atomic():
        locked = _locked_pending(correction, user)
        locked.status = CorrectionStatus.REFUSED
        locked.decided_by = user
        locked.decided_at = timezone.now()
        locked.decision_reason = reason
        with set_actor(user):
            locked.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    return locked


# --- Erasure and retention -------------------------------------------------------------

CERTIFICATE_NAME_FIELDS = ("name_hi", "name_en")
NOMINATION_PERSONAL_FIELDS = ("social_category",)
ACCOUNT_PERSONAL_FIELDS = ("username", "full_name", "mobile", "email", "first_name", "last_name")


@transaction.atomic
def person_erase(*, person: Person, rule: str) -> Erasure:
    """Erase what names or reaches `person` (after the retention period): the registry's
    personal fields, the name on their certificates (which stay verifiable by number: the
    verify page says the name was removed), the category copied on nominations, the declared
    education, messages sent to them, their correction requests, their account (closed,
    name and mobile removed), what the follow-up holds (voice notes and photos deleted, their
    words blanked, consent to share a story withdrawn) and what logistics holds (bank account
    removed, ticket photos deleted, declared room need removed; every amount stays for the
    accounts), and the joining letters kept drawn on disk. Audited: the erasure is an entry
    of its own, and the earlier entries lose the erased values."""
    recipients = [value for value in (person.mobile, person.email) if value]
    person_personal_data_erase(person=person, reason=rule)
    for certificate in Certificate.objects.filter(person=person):
        with set_actor(None):
            certificate.name_hi = ""
            certificate.name_en = ""
            certificate.save(update_fields=list(CERTIFICATE_NAME_FIELDS))
        audit_redact(certificate, CERTIFICATE_NAME_FIELDS)
    for nomination in Nomination.objects.filter(person=person).exclude(social_category=""):
        with set_actor(None):
            nomination.social_category = ""
            nomination.save(update_fields=list(NOMINATION_PERSONAL_FIELDS))
        audit_redact(nomination, NOMINATION_PERSONAL_FIELDS)
    EducationLevel.objects.filter(person=person).delete()
    if recipients:
        Message.objects.filter(recipient__in=recipients).update(recipient="", body="", subject="")
    for correction in CorrectionRequest.objects.filter(person=person):
        audit_redact(correction, ("current_value", "requested_value", "reason"))
    CorrectionRequest.objects.filter(person=person).delete()
    for account in get_user_model().objects.filter(person=person):
        with set_actor(None):
            account.username = f"erased-{account.pk}"
            account.full_name = account.first_name = account.last_name = account.email = ""
            account.mobile = None
            account.is_active = False
            account.set_unusable_password()
            account.save()
        audit_redact(account, ACCOUNT_PERSONAL_FIELDS)
    followup_erase(person)
    logistics_erase(person)
    # Joining letters kept on disk print the name: dropped once the erasure is committed.
    letters = list(Nomination.objects.filter(person=person).values_list("pk", flat=True))
    transaction.on_commit(lambda: joining_letter_forget(letters))
    return Erasure.objects.create(person=person, rule=rule[:200])


def retention_enforce(
    *,
    today: datetime.date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Erase or delete what the retention schedule (PRIVACY_RETENTION_DAYS) says is past its
    period, each person in a transaction of their own; returns counts per kind."""
    days = settings.PRIVACY_RETENTION_DAYS
    rule = (
        f"retention: {days['person']} days after leaving office and the last batch "
        "(PRIVACY_RETENTION_DAYS['person'])"
    )
    people = list(people_past_retention(today=today).values_list("pk", flat=True))
    for done, pk in enumerate(people, start=1):
        person_erase(person=Person.objects.get(pk=pk), rule=rule)
        if progress is not None:
            progress(done, len(people))
    corrections = corrections_past_retention(today=today)
    corrections_deleted = 0
    for correction in corrections:
        with transaction.atomic():
            audit_redact(correction, ("current_value", "requested_value", "reason"))
            correction.delete()
            corrections_deleted += 1
    messages = messages_past_retention(today=today).update(recipient="", body="", subject="")
    files = files_past_retention_delete(
        claim_ticket_cutoff=retention_cutoff("claim_ticket", today=today),
        followup_media_cutoff=retention_cutoff("followup_media", today=today),
    )
    return {
        "people_erased": len(people),
        "corrections_deleted": corrections_deleted,
        "messages_blanked": messages,
        **files,
    }
