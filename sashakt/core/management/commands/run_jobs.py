from django.core.management.base import BaseCommand

from sashakt.core.jobs import jobs_recover_stale, jobs_run_queued


class Command(BaseCommand):
    help = (
        "Recover jobs whose process died (failed, or queued again when safe to repeat), then "
        "run queued background jobs in this process until none are left."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=None)

    def handle(self, *args, limit=None, **options):
        failed, requeued = jobs_recover_stale()
        ran = jobs_run_queued(limit=limit)
        self.stdout.write(
            f"jobs: {len(failed)} lost and marked failed, {len(requeued)} queued again, {ran} run"
        )
