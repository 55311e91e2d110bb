"""Writes: issue, revoke and re-issue certificates; every one atomic, checked and audited
(django-auditlog records each row change with the acting user)."""

import datetime
import logging

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from sashakt.certificates.models import Certificate, CertificateStatus
from sashakt.certificates.numbers import number_new
from sashakt.certificates.pdf import certificate_pdf
from sashakt.certificates.printable import Look, Signature, demo_printable, rgb
from sashakt.certificates.rules import may_edit_template, may_issue
from sashakt.certificates.selectors import batch_hours, eligible_nominations
from sashakt.core.refusals import Refused
from sashakt.core.text import clean_text, contains_devanagari, name_in_script
from sashakt.core.text.translit import other_script
from sashakt.nominations.models import Nomination
from sashakt.nominations.telling import person_language
from sashakt.notifications.services import event_message_send
from sashakt.people.models import Person
from sashakt.programmes.models import Batch, BatchStatus
from sashakt.programmes.timing import batch_ends_at

logger = logging.getLogger(__name__)
_NUMBER_TRIES = 5
_PRINTED_RELATIONS = (
    "batch__programme__mou",
    "person__district",
    "person__block",
    "person__gram_panchayat",
    "district",
)
_RELATED = ["nomination", "person", "batch", "programme", "institute", "district"]


class CertificateError(Refused):
    """Refused by the certificate rules (issuing, revoking, re-issuing, templates)."""


def names_in_both_scripts(person: Person) -> tuple[str, str]:
    """(Devanagari, Latin) for the person's name: the registry keeps the name as written and
    its rendering in the other script; the rules fill in a missing one."""
    written, other = clean_text(person.name), clean_text(person.name_alt)
    if contains_devanagari(written):
        return written, other or other_script(written)
    return other or other_script(written), written


def place_lines(person: Person) -> tuple[str, str]:
    """Gram panchayat / block and district, as far as the person's designation reaches."""
    hindi, english = [], []
    if person.gram_panchayat_id:
        gp = person.gram_panchayat
        hindi.append(gp.name_hi or gp.name_en)
        english.append(gp.name_en)
    elif person.gram_panchayat_name:
        hindi.append(person.gram_panchayat_name)
        english.append(person.gram_panchayat_name)
    if person.block_id:
        hindi.append(person.block.name_hi or person.block.name_en)
        english.append(person.block.name_en)
    hindi.append(person.district.name_hi or person.district.name_en)
    english.append(person.district.name_en)
    return ", ".join(hindi), ", ".join(english)


def _create_with_new_number(**fields) -> Certificate:
    """Insert with a fresh random number; a collision (about one in 10**13 per pair) takes
    another, inside a savepoint so the surrounding transaction survives it."""
    for _attempt in range(_NUMBER_TRIES):
        certificate = Certificate(number=number_new(), **fields)
        # Related rows come from the database already; the constraints are the database's.
        certificate.full_clean(exclude=_RELATED, validate_unique=False, validate_constraints=False)
        try:
            with transaction.atomic():
                certificate.save()
        except IntegrityError:
            if Certificate.objects.filter(number=certificate.number).exists():
                continue
            raise
        return certificate
    raise CertificateError(_("Could not find a free certificate number; please try again."))


def _snapshot(
    nomination: Nomination, *, name_hi: str = "", name_en: str = "", hours: int | None = None
) -> dict:
    person, batch = nomination.person, nomination.batch
    default_hi, default_en = names_in_both_scripts(person)
    place_hi, place_en = place_lines(person)
    return {
        "nomination": nomination,
        "person": person,
        "batch": batch,
        "programme": batch.programme,
        "institute": batch.programme.mou.institute,
        "district": nomination.district,
        # Where the rules cannot write the name in the other script, it prints as written.
        "name_hi": clean_text(name_hi) or default_hi or default_en,
        "name_en": clean_text(name_en) or default_en or default_hi,
        "designation": nomination.designation,
        "place_hi": place_hi,
        "place_en": place_en,
        "hours": batch_hours(batch) if hours is None else hours,
    }


def _check_may_issue(user, batch: Batch) -> None:
    if not may_issue(user, batch.programme):
        raise CertificateError(_("You may not issue certificates for this programme."))


def check_batch_over(batch: Batch) -> datetime.datetime:
    """Certificates follow the training: only for a completed batch, and never dated before
    its last session ended. Returns when it ended."""
    # As it is now: the caller's copy may predate the batch's completion.
    batch.status = Batch.objects.values_list("status", flat=True).get(pk=batch.pk)
    if batch.status not in (BatchStatus.COMPLETED, BatchStatus.CLOSED):
        raise CertificateError(
            _("Certificates are issued once the batch is completed; it is “%(status)s”.")
            % {"status": batch.get_status_display()}
        )
    ended = batch_ends_at(batch)
    if timezone.now() < ended:
        raise CertificateError(
            _("The batch's last session ends at %(when)s; no certificate can be dated before.")
            % {"when": formats.date_format(timezone.localtime(ended), "SHORT_DATETIME_FORMAT")}
        )
    return ended


@transaction.atomic
def certificate_issue(
    *, user, nomination: Nomination, hours: int | None = None, ended=None
) -> Certificate:
    """Issue the certificate of one person who completed the batch (`hours`, `ended`: the
    batch's hours and end, when the caller already knows them)."""
    nomination = (
        Nomination.objects.select_for_update(of=("self",))
        .select_related(*_PRINTED_RELATIONS)
        .get(pk=nomination.pk)
    )
    batch = nomination.batch
    if batch is None or not eligible_nominations(batch).filter(pk=nomination.pk).exists():
        raise CertificateError(
            _("%(name)s has not met the completion rule of this batch.")
            % {"name": nomination.person.name}
        )
    _check_may_issue(user, batch)
    ended = check_batch_over(batch) if ended is None else ended
    if nomination.certificates.exists():
        raise CertificateError(
            _("%(name)s already has a certificate for this batch.")
            % {"name": nomination.person.name}
        )
    certificate = _create_with_new_number(
        **_snapshot(nomination, hours=hours),
        issued_by=user,
        issued_at=timezone.now(),
        batch_ended_at=ended,
    )
    transaction.on_commit(lambda: certificate_ready_notify(certificate=certificate))
    return certificate


def certificates_issue_for_batch(*, user, batch: Batch) -> list[Certificate]:
    """Issue to everyone of the batch who completed and has no certificate yet (a revoked
    certificate is not issued again: re-issue is a decision about one person)."""
    _check_may_issue(user, batch)
    ended = check_batch_over(batch)
    waiting = (
        eligible_nominations(batch)
        .filter(certificates__isnull=True)
        .select_related("person__district", "person__block", "person__gram_panchayat", "district")
        .order_by("pk")
    )
    issued = []
    hours = batch_hours(batch)
    with transaction.atomic():
        for nomination in waiting:
            issued.append(
                certificate_issue(user=user, nomination=nomination, hours=hours, ended=ended)
            )
    return issued


@transaction.atomic
def certificate_revoke(*, user, certificate: Certificate, reason: str) -> Certificate:
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    _check_may_issue(user, certificate.batch)
    reason = clean_text(reason)
    if not reason:
        raise CertificateError(_("Give the reason for revoking; the public page shows it."))
    if certificate.status != CertificateStatus.VALID:
        raise CertificateError(_("Only a valid certificate can be revoked."))
    certificate.status = CertificateStatus.REVOKED
    certificate.reason = reason
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = user
    certificate.save()
    return certificate


@transaction.atomic
def certificate_reissue(
    *, user, certificate: Certificate, reason: str, name_hi: str = "", name_en: str = ""
) -> Certificate:
    """A corrected certificate under a new number; the old one stays, marked "replaced by"
    the new one, so both numbers keep telling the truth."""
    old = Certificate.objects.select_for_update().get(pk=certificate.pk)
    _check_may_issue(user, old.batch)
    reason = clean_text(reason)
    if not reason:
        raise CertificateError(_("Give the reason for re-issuing."))
    if old.status != CertificateStatus.VALID:
        raise CertificateError(_("Only a valid certificate can be re-issued."))
    old.status = CertificateStatus.REPLACED
    old.reason = reason
    old.save()
    nomination = Nomination.objects.select_related(*_PRINTED_RELATIONS).get(pk=old.nomination_id)
    new = _create_with_new_number(
        **_snapshot(nomination, name_hi=name_hi or old.name_hi, name_en=name_en or old.name_en),
        replaces=old,
        issued_by=user,
        issued_at=timezone.now(),
        batch_ended_at=old.batch_ended_at or check_batch_over(old.batch),
    )
    transaction.on_commit(lambda: certificate_ready_notify(certificate=new))
    return new


def certificate_ready_notify(*, certificate: Certificate) -> None:
    """Tell the person their certificate is ready: the catalogue's `certificate-ready`
    event (its template, in the person's language), by SMS to their mobile, else by e-mail;
    nobody to reach, nothing sent. The key is the certificate's number, so a retried job or
    a second call never sends it twice (a re-issued certificate has a new number: told
    again)."""
    person = Person.objects.select_related("user").get(pk=certificate.person_id)
    if not (person.mobile or person.email):
        return
    language = person_language(person)
    with translation.override(language):
        name = name_in_script(person.name, person.name_alt)[0]
    event_message_send(
        event="certificate-ready",
        key=certificate.number,
        language=language,
        values={
            "name": name,
            "number": certificate.display_number,
            "link": certificate.verification_url,
        },
        to_mobile=person.mobile or None,
        to_email=person.email or None,
    )


# --- Institute templates ---------------------------------------------------------------


@transaction.atomic
def template_save(*, user, institute, form, formset):
    """Save an institute's certificate template from its validated form and signatory
    formset; uploaded images arrive checked and re-encoded (certificates.images)."""
    if not may_edit_template(user, institute):
        raise CertificateError(_("You may not change this institute's certificates."))
    template_try(institute=institute, look=_look_of_forms(form, formset))  # before any write
    template = form.save(commit=False)
    template.institute = institute
    if form.cleaned_data.get("logo"):
        data, kind = form.cleaned_data["logo"]
        template.logo.save(f"{institute.pk}-logo.{kind}", ContentFile(data), save=False)
        template.logo_kind = kind
    template.full_clean()
    template.save()
    for sub in formset.forms:
        if not sub.has_changed():
            continue
        if sub.cleaned_data.get("DELETE"):
            if sub.instance.pk:
                sub.instance.delete()
            continue
        signatory = sub.save(commit=False)
        signatory.template = template
        if sub.cleaned_data.get("signature"):
            data, kind = sub.cleaned_data["signature"]
            signatory.signature.save(
                f"{institute.pk}-signature.{kind}", ContentFile(data), save=False
            )
        signatory.full_clean()
        signatory.save()
    return template


def _stored(field_file) -> bytes | None:
    if not field_file:
        return None
    with field_file.open("rb") as handle:
        return handle.read()


def _look_of_forms(form, formset):
    """The Look the template will have once saved: the forms' values, new images or the
    ones already stored."""
    data = form.cleaned_data
    logo = data["logo"][0] if data.get("logo") else _stored(form.instance.logo)
    signatures = []
    for sub in sorted(formset.forms, key=lambda sub: sub.cleaned_data.get("order") or 0):
        values = sub.cleaned_data
        if not values or values.get("DELETE") or not (sub.has_changed() or sub.instance.pk):
            continue
        image = values["signature"][0] if values.get("signature") else None
        signatures.append(
            Signature(values["name_hi"], values["name_en"], values["designation_hi"],
                      values["designation_en"], image or _stored(sub.instance.signature))
        )  # fmt: skip
    return Look(
        primary=rgb(data["primary_colour"]),
        accent=rgb(data["accent_colour"]),
        logo=logo,
        wording_hi=data["wording_hi"],
        wording_en=data["wording_en"],
        signatures=signatures,
    )


def template_try(*, institute, look) -> None:
    """Draw a sample certificate with `look`: a template that cannot be drawn is refused
    when it is saved, not found out on every certificate of the institute afterwards."""
    try:
        certificate_pdf(demo_printable(institute), look)
    except Exception as error:  # whatever fails in drawing, the user gets one clear message
        logger.warning("certificate template of institute %s cannot be drawn", institute.pk,
                       exc_info=True)  # fmt: skip
        raise CertificateError(
            _(
                "A sample certificate could not be drawn with this template; nothing was "
                "saved. Check the logo, the signatures and the wording."
            )
        ) from error
