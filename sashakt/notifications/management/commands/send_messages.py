import time

from django.core.management.base import BaseCommand

from sashakt.notifications.services import messages_fail_stuck, messages_send_due


class Command(BaseCommand):
    help = (
        "Send outbox messages that are due (retries, and any left queued by a stopped "
        "process). Run from cron, or with --every SECONDS to keep running."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500, help="most messages per round")
        parser.add_argument("--every", type=float, default=0, help="repeat every N seconds")

    def handle(self, *args, limit=500, every=0, **options):
        while True:
            stuck = messages_fail_stuck()
            summary = messages_send_due(limit=limit)
            self.stdout.write(
                f"messages: {summary.sent} sent, {summary.retrying} to retry, "
                f"{summary.failed} failed, {stuck} stuck marked failed"
            )
            if not every:
                return
            time.sleep(every)
