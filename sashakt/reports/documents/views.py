"""The batch completion report (PDF) for the state cell and the batch's institute."""

from django.http import HttpResponse

from sashakt.attendance.selectors import batches_for_user
from sashakt.core.permissions import get_scoped_or_404, role_required
from sashakt.core.roles import Role
from sashakt.reports.documents.batch_report import batch_report_pdf

REPORT_ROLES = (Role.STATE, Role.INSTITUTE)


@role_required(*REPORT_ROLES)
def batch_report(request, pk: int):
    batch = get_scoped_or_404(request.user, batches_for_user, pk)
    response = HttpResponse(
        batch_report_pdf(user=request.user, batch=batch), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="completion-report-{batch.programme_id}-{batch.number}.pdf"'
    )
    return response
