"""Background jobs of the reports: the monthly progress report (.xlsx and PDF) and the
recount of the dashboard's tallies. At the top of `reports` because `core` finds every app's
`jobs` module by that name (as Celery finds `tasks`); the work itself is in `dashboards/`."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _

from sashakt.core.jobs import JobContext, JobError, job_enqueue, job_function
from sashakt.core.models import Job
from sashakt.core.roles import Role
from sashakt.notifications.services import BulkSummary
from sashakt.reports.bulk.services import BULK_JOB_KIND, bulk_message_queue
from sashakt.reports.dashboards import tallies
from sashakt.reports.dashboards.monthly import month_bounds, monthly_pdf, monthly_xlsx
from sashakt.reports.models import BulkMessage

MONTHLY_KIND = "reports.monthly_report"
FORMATS = ("xlsx", "pdf")


@job_function(MONTHLY_KIND)
def monthly_report_job(ctx: JobContext, *, user_id: int, month: str, file_format: str) -> dict:
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or user.role != Role.STATE:
        raise JobError(_("The monthly report is made for an active state programme cell account."))
    month_bounds(month)
    ctx.progress(0, 1, _("Counting"))
    content = monthly_pdf(user, month) if file_format == "pdf" else monthly_xlsx(user, month)
    ctx.save_output(f"sashakt-monthly-report-{month}.{file_format}", content)
    ctx.progress(1, 1)
    return {"month": month, "format": file_format}


def monthly_report_jobs(*, user, month: str) -> list[Job]:
    """Queue the month's report in both formats; the Jobs page lists them for download."""
    month_bounds(month)  # ValueError before anything is queued
    return [
        job_enqueue(
            kind=MONTHLY_KIND,
            title=_("Monthly progress report %(month)s (%(format)s)")
            % {"month": month, "format": file_format},
            user=user,
            params={"user_id": user.pk, "month": month, "file_format": file_format},
        )
        for file_format in FORMATS
    ]


@job_function(tallies.FOLD_JOB, repeatable=True)
def tally_fold_job(ctx: JobContext) -> dict:
    """Recount the people waiting (queued by the state dashboard when too many were waiting
    for a page to do it). Safe to run twice: a recount of a person already recounted changes
    nothing."""
    waiting = tallies.pending_count()
    ctx.progress(0, waiting, _("Counting"))
    done = tallies.fold(progress=lambda n: ctx.progress(min(n, waiting), waiting))
    return {"recounted": done}


@job_function(BULK_JOB_KIND, repeatable=True)
def bulk_message_job(ctx: JobContext, *, bulk_message_id: int) -> dict[str, object]:
    """Queue one bulk message for its audience (safe to run again: nothing is queued twice),
    its progress shown per thousand people; the outbox's one sending job sends them."""
    message = BulkMessage.objects.select_related(
        "created_by", "batch", "programme", "district"
    ).get(pk=bulk_message_id)
    total = message.people - message.no_mobile

    def progress(summary: BulkSummary) -> None:
        ctx.progress(
            min(summary.total, total),
            total,
            _("%(queued)s queued, %(opted_out)s opted out")
            % {"queued": summary.queued, "opted_out": summary.opted_out},
        )

    ctx.progress(0, total)
    summary = bulk_message_queue(message, progress=progress)
    ctx.progress(total, total)
    return {
        "queued": summary.queued,
        "already": summary.already,
        "opted_out": summary.opted_out,
        "no_mobile": message.no_mobile,
        "next_url": reverse("reports:bulk_message_detail", args=[message.pk]),
    }
