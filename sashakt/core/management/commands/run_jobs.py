from django.core.management.base import BaseCommand

from sashakt.core.jobs import jobs_run_queued


class Command(BaseCommand):
    help = "Run queued background jobs in this process until none are left (embedded mode)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=None)

    def handle(self, *args, limit=None, **options):
        ran = jobs_run_queued(limit=limit)
        self.stdout.write(f"jobs: {ran} run")
