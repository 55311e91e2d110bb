import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from sashakt.core.jobs import job_outputs_purge
from sashakt.people.services import import_files_purge


class Command(BaseCommand):
    help = (
        "Delete job output files (exports, reports, certificate bundles) and the uploads of "
        "failed or finished imports older than FILES_RETENTION_DAYS. Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="override the setting")

    def handle(self, *args, days=None, **options):
        days = settings.FILES_RETENTION_DAYS if days is None else days
        older_than = timezone.now() - datetime.timedelta(days=days)
        jobs = job_outputs_purge(older_than=older_than)
        imports = import_files_purge(older_than=older_than)
        self.stdout.write(f"files older than {days} days: {jobs} job outputs, {imports} uploads")
