"""The retention schedule's daily job (Celery beat's `privacy.retention_enforce`, or
`manage.py enforce_retention` from cron)."""

from django.utils.translation import gettext as _

from sashakt.core.jobs import JobContext, job_enqueue, job_function
from sashakt.core.models import Job
from sashakt.privacy.services import retention_enforce

RETENTION_JOB = "privacy.retention_enforce"


# Repeatable: each person's erasure is a transaction of its own and an erased person is
# never picked again, so a run lost half-way is simply run again.
@job_function(RETENTION_JOB, repeatable=True)
def retention_enforce_job(ctx: JobContext) -> dict[str, int]:
    counts = retention_enforce(
        progress=lambda done, total: ctx.progress(done, total, _("Erasing personal data"))
    )
    ctx.progress(1, 1, _("Done"))
    return counts


def retention_job_enqueue() -> Job:
    return job_enqueue(kind=RETENTION_JOB, title=_("Retention schedule: erase expired data"))
