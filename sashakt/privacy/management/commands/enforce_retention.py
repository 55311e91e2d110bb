from django.core.management.base import BaseCommand
from django.db import transaction

from sashakt.core.jobs import job_run
from sashakt.privacy.jobs import retention_job_enqueue


class Command(BaseCommand):
    help = (
        "Enforce the retention schedule (PRIVACY_RETENTION_DAYS): erase the personal data of "
        "people past their period (certificates stay verifiable, the name removed), delete "
        "old decided correction requests, blank old messages, delete settled claims' ticket "
        "photos and old check-in voice notes and photos. Audited; a job on the Jobs page. "
        "Run it daily from cron when Celery beat is not running."
    )

    def handle(self, *args: object, **options: object) -> None:
        with transaction.atomic():
            job = retention_job_enqueue()
        job = job_run(job.pk)  # here, so cron's run does the work even when no worker is up
        self.stdout.write(f"{job.status}: {job.result or job.error}")
