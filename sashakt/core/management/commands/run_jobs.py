from django.core.management.base import BaseCommand

from sashakt.core.jobs import dispatch, jobs_recover_stale, jobs_run_queued


class Command(BaseCommand):
    help = (
        "Recover jobs whose process died (failed, or queued again when safe to repeat), then "
        "run queued background jobs in this process until none are left. With Celery, run "
        "it from cron with --recover-only: re-queued jobs then go back to the workers."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=None)
        parser.add_argument(
            "--recover-only",
            action="store_true",
            help="only recover lost jobs; hand re-queued ones to the configured workers",
        )

    def handle(self, *args, limit=None, recover_only=False, **options):
        failed, requeued = jobs_recover_stale()
        if recover_only:
            for job_id in requeued:
                dispatch(job_id)
            ran = 0
        else:
            ran = jobs_run_queued(limit=limit)
        self.stdout.write(
            f"jobs: {len(failed)} lost and marked failed, {len(requeued)} queued again, {ran} run"
        )
