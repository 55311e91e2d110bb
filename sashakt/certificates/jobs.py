"""Bulk issue and print: a batch of 50 or a whole programme, as a background job with
progress, giving a zip of single PDFs and one merged PDF for printing."""

import io
import logging
import re
import zipfile

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.translation import gettext as _

from sashakt.certificates.models import Certificate, CertificateStatus
from sashakt.certificates.pdf import certificate_pdf, certificates_pdf
from sashakt.certificates.printable import look_of, printable_of
from sashakt.certificates.rules import may_issue
from sashakt.certificates.selectors import certificates_for_printing
from sashakt.certificates.services import CertificateError, certificates_issue_for_batch
from sashakt.core.jobs import JobContext, JobError, job_function
from sashakt.core.site import public_url_from
from sashakt.programmes.models import Batch

logger = logging.getLogger(__name__)
_UNSAFE = re.compile(r"[^A-Za-z0-9]+")


def printable_items(certificates) -> list:
    """(Printable, Look) pairs; each institute's template is read once."""
    looks: dict[int, object] = {}
    items = []
    for certificate in certificates:
        if certificate.institute_id not in looks:
            template = getattr(certificate.institute, "certificate_template", None)
            looks[certificate.institute_id] = look_of(template)
        items.append((printable_of(certificate), looks[certificate.institute_id]))
    return items


def _file_name(certificate: Certificate) -> str:
    name = _UNSAFE.sub("-", certificate.name_en).strip("-").lower() or "certificate"
    return f"{certificate.display_number}-{name}.pdf"


@job_function("certificates.bulk")
def certificates_bulk(
    ctx: JobContext, *, batch_id: int | None = None, programme_id=None, public_url: str = ""
):
    """Issue and print; certificates carry the address of the request that started the job
    (stored in its params) unless SASHAKT_PUBLIC_URL says otherwise."""
    with public_url_from(public_url):
        return _certificates_bulk(ctx, batch_id=batch_id, programme_id=programme_id)


def _certificates_bulk(ctx: JobContext, *, batch_id, programme_id):
    user = ctx.job.created_by
    batches = Batch.objects.select_related("programme__mou").order_by("start_date", "number")
    batches = list(
        batches.filter(pk=batch_id) if batch_id else batches.filter(programme_id=programme_id)
    )
    if not batches or not all(may_issue(user, batch.programme) for batch in batches):
        raise JobError(_("You may not issue certificates for this programme."))
    ctx.progress(0, message=_("Issuing certificates"))
    issued = 0
    try:
        for batch in batches:
            issued += len(certificates_issue_for_batch(user=user, batch=batch))
    except CertificateError as error:
        raise JobError(str(error)) from error
    certificates = list(
        certificates_for_printing(
            Certificate.objects.filter(batch__in=batches, status=CertificateStatus.VALID)
        ).order_by("batch__start_date", "name_en", "pk")
    )
    if not certificates:
        raise JobError(_("Nobody here has completed the programme yet: no certificate to print."))
    items = printable_items(certificates)
    total = 2 * len(items)
    buffer = io.BytesIO()
    printed, failed = [], []
    # PDFs are compressed already: store them as they are.
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for done, (certificate, (printable, look)) in enumerate(
            zip(certificates, items, strict=True), start=1
        ):
            try:
                pdf = certificate_pdf(printable, look)
            except Exception:  # one certificate that cannot be drawn never fails the rest
                logger.exception("certificate %s could not be drawn", certificate.pk)
                failed.append(
                    {
                        "number": certificate.display_number,
                        "name_hi": certificate.name_hi,
                        "name_en": certificate.name_en,
                        "url": certificate.get_absolute_url(),
                    }
                )
            else:
                archive.writestr(_file_name(certificate), pdf)
                printed.append((printable, look))
            if done % 10 == 0:
                ctx.progress(done, total, _("Single certificates"))
    if not printed:
        numbers = ", ".join(item["number"] for item in failed[:10])
        raise JobError(
            _("None of the certificates could be drawn: %(numbers)s.")
            % {"numbers": numbers + (" …" if len(failed) > 10 else "")}
        )
    ctx.progress(len(items), total, _("Merged file for printing"))

    def merged_progress(done: int) -> None:
        if done % 25 == 0:
            ctx.progress(len(items) + done, total, _("Merged file for printing"))

    merged = certificates_pdf(printed, progress=merged_progress)
    merged_name = default_storage.save(
        f"jobs/certificates/{ctx.job.pk}/certificates-print.pdf", ContentFile(merged)
    )
    ctx.save_output("certificates.zip", buffer.getvalue())
    return {
        "issued": issued,
        "certificates": len(printed),
        "failed": failed,
        "merged": merged_name,
        "next_url": reverse("certificates:bulk_result", args=[ctx.job.pk]),
    }
