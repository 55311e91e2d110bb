from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from sashakt.core.jobs import job_run
from sashakt.core.roles import Role
from sashakt.reports.dashboards.monthly import previous_month
from sashakt.reports.jobs import monthly_report_jobs


class Command(BaseCommand):
    help = (
        "Make the monthly progress report (.xlsx and PDF) for the state cell; for cron on the "
        "1st of each month. The files are listed on the Jobs page."
    )

    def add_arguments(self, parser):
        parser.add_argument("--as-user", required=True, help="a state programme cell username")
        parser.add_argument("--month", help="YYYY-MM (default: the month that just ended)")

    def handle(self, *args, as_user, month=None, **options):
        user = get_user_model().objects.filter(username=as_user, is_active=True).first()
        if user is None or user.role != Role.STATE:
            raise CommandError(f"{as_user!r} is not an active state programme cell account")
        month = month or previous_month(timezone.localdate())
        try:
            with transaction.atomic():
                jobs = monthly_report_jobs(user=user, month=month)
        except ValueError:
            raise CommandError(f"--month must be YYYY-MM, not {month!r}") from None
        # Run here, so cron's run does the work even when no worker is up.
        for job in jobs:
            job = job_run(job.pk)
            self.stdout.write(f"{job.status}: {job.output_name or job.error}")
