from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from sashakt.certificates import services
from sashakt.certificates.forms import (
    IssueForm,
    ReissueForm,
    RevokeForm,
    SignatoryFormSet,
    TemplateForm,
    VerifyForm,
)
from sashakt.certificates.jobs import printable_items
from sashakt.certificates.models import CertificateStatus, CertificateTemplate
from sashakt.certificates.numbers import number_display, number_is_well_formed, number_normalise
from sashakt.certificates.pdf import certificate_pdf
from sashakt.certificates.printable import demo_printable, look_of
from sashakt.certificates.rules import may_edit_template, may_issue
from sashakt.certificates.selectors import (
    batches_to_review,
    certificate_verify,
    certificates_for_printing,
    certificates_for_user,
    completion_rows,
)
from sashakt.core.jobs import job_enqueue
from sashakt.core.models import Job
from sashakt.core.permissions import role_required
from sashakt.core.private_files import private_file_response
from sashakt.core.ratelimit import rate_limited
from sashakt.core.refusals import refused_message, refused_redirect
from sashakt.core.roles import Role
from sashakt.core.selectors import jobs_for_user
from sashakt.core.site import public_url
from sashakt.core.text import typed_id
from sashakt.programmes.models import Batch, Institute
from sashakt.programmes.selectors import batches_for_user, programmes_for_planning

SEEING_ROLES = (Role.STATE, Role.INSTITUTE, Role.DISTRICT, Role.PARTICIPANT)


# --- Public verification -----------------------------------------------------------------


def verify(request, number: str | None = None):
    """The public page a certificate's QR code opens: valid, revoked or replaced, and
    nothing personal beyond the name on the certificate."""
    form = VerifyForm(request.GET if "number" in request.GET else None)
    if number is None and form.is_bound and form.is_valid():
        typed = form.cleaned_data["number"].strip()
        if number_is_well_formed(number_normalise(typed)):
            return redirect("certificates:verify_number", number=number_normalise(typed))
        number = typed  # "a/b", "/": no address to send it to; answered here as not a number
    if number is None:
        return render(request, "certificates/verify.html", {"form": form})
    # Only a number that could exist costs a look-up, and only look-ups are limited.
    well_formed = number_is_well_formed(number_normalise(number))
    if well_formed and rate_limited(
        request, scope="verify", per_minute=settings.CERTIFICATE_VERIFY_PER_MINUTE
    ):
        return render(request, "certificates/rate_limited.html", status=429)
    result = certificate_verify(number)
    status = 404 if result.outcome in ("malformed", "unknown") else 200
    context = {
        "form": VerifyForm(initial={"number": number}),
        "result": result,
        "typed": number,
        "display": number_display(result.number) if result.outcome != "malformed" else number,
    }
    response = render(request, "certificates/verify.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


# --- Lists, details and downloads ------------------------------------------------------


@role_required(*SEEING_ROLES)
def certificate_list(request):
    certificates = certificates_for_user(request.user)
    batch_text = request.GET.get("batch", "")
    if (batch_id := typed_id(batch_text)) is not None:
        certificates = certificates.filter(batch_id=batch_id)
    elif batch_text:  # "²", a 30-digit number, a NUL byte
        messages.error(request, _("A filter in the address is not valid, so nothing is shown."))
        certificates = certificates.none()
    status = request.GET.get("status", "")
    if status in CertificateStatus.values:
        certificates = certificates.filter(status=status)
    page = Paginator(certificates.order_by("-issued_at", "pk"), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "certificates/certificate_list.html",
        {
            "page": page,
            "statuses": CertificateStatus.choices,
            "status": status,
            "is_participant": request.user.role == Role.PARTICIPANT,
            "batches_to_review": batches_to_review(request.user),
            "institute": request.user.institute if request.user.role == Role.INSTITUTE else None,
        },
    )


def _certificate_or_404(user, number: str):
    # The printed form (SSK-7KQ4M-2XDP8), as typed or copied, finds it as the compact one does.
    return get_object_or_404(certificates_for_user(user), number=number_normalise(number))


@role_required(*SEEING_ROLES)
def certificate_detail(request, number: str):
    certificate = _certificate_or_404(request.user, number)
    may_change = may_issue(request.user, certificate.programme) and certificate.is_valid
    return render(
        request,
        "certificates/certificate_detail.html",
        {
            "certificate": certificate,
            "may_change": may_change,
            "revoke_form": RevokeForm() if may_change else None,
            "reissue_form": ReissueForm(
                initial={"name_hi": certificate.name_hi, "name_en": certificate.name_en}
            )
            if may_change
            else None,
        },
    )


@role_required(*SEEING_ROLES)
@cache_control(private=True, no_store=True)
def certificate_download(request, number: str):
    certificate = _certificate_or_404(request.user, number)
    certificate = certificates_for_printing(
        certificates_for_user(request.user).filter(pk=certificate.pk)
    ).get()
    ((printable, look),) = printable_items([certificate])
    if not certificate.is_valid:
        printable.status_note = certificate.get_status_display()
    response = HttpResponse(certificate_pdf(printable, look), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="certificate-{certificate.display_number}.pdf"'
    )
    return response


@require_POST
@role_required(Role.STATE, Role.INSTITUTE)
def certificate_revoke(request, number: str):
    certificate = _certificate_or_404(request.user, number)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for revoking; the public page shows it."))
        return redirect(certificate)
    try:
        services.certificate_revoke(
            user=request.user, certificate=certificate, reason=form.cleaned_data["reason"]
        )
    except services.CertificateError as error:
        refused_message(request, error)
    else:
        messages.success(request, _("The certificate is revoked."))
    return redirect(certificate)


@require_POST
@role_required(Role.STATE, Role.INSTITUTE)
def certificate_reissue(request, number: str):
    certificate = _certificate_or_404(request.user, number)
    form = ReissueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give both names and the reason for re-issuing."))
        return redirect(certificate)
    try:
        new = services.certificate_reissue(
            user=request.user, certificate=certificate, **form.cleaned_data
        )
    except services.CertificateError as error:
        return refused_redirect(request, error, certificate)
    messages.success(
        request,
        _("Certificate %(new)s issued; %(old)s now says it was replaced.")
        % {"new": new.display_number, "old": certificate.display_number},
    )
    return redirect(new)


# --- Coordinator: review and issue -------------------------------------------------------


def _issuable_batch_or_404(user, pk: int) -> Batch:
    batch = batches_for_user(user).filter(pk=pk).first()
    if batch is None or not may_issue(user, batch.programme):
        raise Http404
    return batch


@role_required(Role.STATE, Role.INSTITUTE)
def batch_review(request, pk: int):
    batch = _issuable_batch_or_404(request.user, pk)
    form = IssueForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        job = job_enqueue(
            kind="certificates.bulk",
            title=_("Certificates: %(batch)s") % {"batch": batch},
            user=request.user,
            params={"batch_id": batch.pk, "public_url": public_url()},
        )
        return redirect(job)
    rows = completion_rows(batch)
    return render(
        request,
        "certificates/batch_review.html",
        {
            "batch": batch,
            "rows": rows,
            "form": form,
            "completed": sum(row.completed for row in rows),
            "waiting": sum(row.completed and row.certificate is None for row in rows),
        },
    )


@role_required(Role.STATE, Role.INSTITUTE)
def programme_review(request, pk: int):
    programme = get_object_or_404(programmes_for_planning(request.user), pk=pk)
    if not may_issue(request.user, programme):
        raise Http404
    form = IssueForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        job = job_enqueue(
            kind="certificates.bulk",
            title=_("Certificates: %(programme)s") % {"programme": programme},
            user=request.user,
            params={"programme_id": programme.pk, "public_url": public_url()},
        )
        return redirect(job)
    batches = (
        Batch.objects.filter(programme=programme)
        .annotate(
            completed=Count("nominations", filter=Q(nominations__status="attended")),
            certified=Count("certificates", filter=Q(certificates__status="valid")),
        )
        .order_by("start_date", "number")
    )
    return render(
        request,
        "certificates/programme_review.html",
        {"programme": programme, "batches": batches, "form": form},
    )


@role_required(Role.STATE, Role.INSTITUTE)
def bulk_result(request, job_id):
    job = get_object_or_404(jobs_for_user(request.user), pk=job_id, kind="certificates.bulk")
    return render(request, "certificates/bulk_result.html", {"job": job})


@role_required(Role.STATE, Role.INSTITUTE)
def bulk_merged(request, job_id):
    job = get_object_or_404(jobs_for_user(request.user), pk=job_id, kind="certificates.bulk")
    name = job.result.get("merged") if job.status == Job.Status.SUCCEEDED else None
    if not name:
        raise Http404
    return private_file_response(name, as_attachment=True, filename="certificates-print.pdf")


# --- Institute templates -----------------------------------------------------------------


def _editable_institute_or_404(user, pk: int) -> Institute:
    institute = get_object_or_404(Institute, pk=pk)
    if not may_edit_template(user, institute):
        raise Http404
    return institute


@role_required(Role.STATE, Role.INSTITUTE)
def template_edit(request, pk: int):
    institute = _editable_institute_or_404(request.user, pk)
    template = CertificateTemplate.objects.filter(institute=institute).first()
    instance = template or CertificateTemplate(institute=institute)
    form = TemplateForm(request.POST or None, request.FILES or None, instance=instance)
    formset = SignatoryFormSet(
        request.POST or None, request.FILES or None, instance=instance, prefix="signatories"
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.template_save(
                user=request.user, institute=institute, form=form, formset=formset
            )
        except services.CertificateError as error:
            refused_message(request, error)
        else:
            messages.success(request, _("Certificate template saved."))
            return redirect("certificates:template_edit", pk=institute.pk)
    return render(
        request,
        "certificates/template_form.html",
        {"institute": institute, "form": form, "formset": formset, "template": template},
    )


@role_required(Role.STATE, Role.INSTITUTE)
@cache_control(private=True, no_store=True)
def template_preview(request, pk: int):
    institute = _editable_institute_or_404(request.user, pk)
    template = CertificateTemplate.objects.filter(institute=institute).first()
    pdf = certificate_pdf(demo_printable(institute), look_of(template))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="certificate-preview.pdf"'
    return response
