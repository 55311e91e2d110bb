"""Background jobs of the reports: the monthly progress report (.xlsx and PDF) and the
recount of the dashboard's tallies. At the top of `reports` because `core` finds every app's
`jobs` module by that name (as Celery finds `tasks`); the work itself is in `dashboards/`."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from sashakt.core.jobs import JobContext, JobError, job_enqueue, job_function
from sashakt.core.models import Job
from sashakt.core.roles import Role
from sashakt.reports.dashboards import tallies
from sashakt.reports.dashboards.monthly import month_bounds, monthly_pdf, monthly_xlsx

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
