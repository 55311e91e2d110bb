"""The paper side of attendance: the day's register to print and sign, the signed scan kept
as evidence, and the bulk sheet of people × sessions."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sashakt.attendance import rules, services
from sashakt.attendance.forms import EvidenceForm, SheetUploadForm
from sashakt.attendance.models import DayEvidence
from sashakt.attendance.registers import day_register_pdf
from sashakt.attendance.sheets import attendance_sheet_import, attendance_sheet_xlsx
from sashakt.attendance.views import MARK_ROLES, batch_days, batch_for
from sashakt.core.permissions import role_required
from sashakt.core.private_files import private_file_response
from sashakt.core.refusals import refused_message
from sashakt.core.spreadsheets import uploaded_copy


def _marking_batch(request, pk):
    batch = batch_for(request.user, pk)
    if not rules.may_mark(request.user, batch):
        raise PermissionDenied
    return batch


@role_required(*MARK_ROLES)
def register_pdf(request, pk, day):
    batch = _marking_batch(request, pk)
    try:
        date = datetime.date.fromisoformat(day)
    except ValueError:
        raise Http404 from None
    if not batch.start_date <= date <= batch.end_date:
        raise Http404
    response = HttpResponse(day_register_pdf(batch, date), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="register-batch-{batch.number}-{date:%Y-%m-%d}.pdf"'
    )
    return response


@require_POST
@role_required(*MARK_ROLES)
def evidence_upload(request, pk):
    batch = _marking_batch(request, pk)
    form = EvidenceForm(request.POST, request.FILES, days=batch_days(batch))
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("attendance:batch", batch.pk)
    try:
        services.evidence_upload(
            user=request.user,
            batch=batch,
            date=form.cleaned_data["date"],
            uploaded_file=form.cleaned_data["scan"],
        )
    except services.AttendanceError as error:
        refused_message(request, error)
    else:
        messages.success(request, _("The signed register is kept as evidence for that day."))
    return redirect("attendance:batch", batch.pk)


@role_required(*MARK_ROLES)
def evidence_file(request, pk):
    evidence = get_object_or_404(DayEvidence.objects.select_related("batch"), pk=pk)
    _marking_batch(request, evidence.batch_id)
    return private_file_response(
        evidence.file.name, as_attachment=True, filename=evidence.original_name
    )


@role_required(*MARK_ROLES)
def sheet_download(request, pk):
    batch = _marking_batch(request, pk)
    response = HttpResponse(
        attendance_sheet_xlsx(batch),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="attendance-batch-{batch.pk}.xlsx"'
    return response


@role_required(*MARK_ROLES)
def sheet_upload(request, pk):
    batch = _marking_batch(request, pk)
    form = SheetUploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["sheet"]
        with uploaded_copy(upload) as path:
            result = attendance_sheet_import(
                user=request.user,
                batch=batch,
                path=path,
                skip_invalid=form.cleaned_data["skip_invalid"],
                filename=upload.name[:100],
            )
    return render(
        request, "attendance/sheet_upload.html", {"batch": batch, "form": form, "result": result}
    )
