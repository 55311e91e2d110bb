"""`manage.py send_messages`: this command takes the place of the outbox's own command of
the same name (Django runs the command of the app listed first in INSTALLED_APPS, and
`reports` comes before `notifications`), because queueing the calendar's messages reads
every app and the outbox may call none of them. Each round does both halves: queue what the
calendar makes due (`messages_due`), then the outbox's round (mark rows left "sending" by a
stopped process failed, send what is due)."""

import time

from django.core.management.base import BaseCommand, CommandParser

from sashakt.notifications.services import messages_fail_stuck, messages_send_due
from sashakt.reports.messages_due import messages_due


class Command(BaseCommand):
    help = (
        "Queue the messages the calendar makes due (reminders 3 days and 1 day before a "
        "batch, seats still unanswered, tests opened by their schedule, the Monday digest), "
        "each once however often it runs, then send the outbox's due messages (retries, and "
        "any left queued by a stopped process). Without Celery (the embedded default) run it "
        "with --every 60 to keep running until interrupted, or from cron every minute with "
        "--once; with Celery, beat queues the calendar's messages itself "
        "(MESSAGES_TICK_SECONDS) and the workers send them. --rounds N stops after N rounds."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=500, help="most messages per round")
        parser.add_argument("--every", type=float, default=0, help="repeat every N seconds")
        parser.add_argument("--once", action="store_true", help="one round, then stop")
        parser.add_argument(
            "--rounds", type=int, default=0, help="with --every: stop after N rounds (0: never)"
        )

    def handle(
        self,
        *args: object,
        limit: int = 500,
        every: float = 0,
        once: bool = False,
        rounds: int = 0,
        **options: object,
    ) -> None:
        done = 0
        while True:
            due = messages_due()
            self.stdout.write(
                "due: {reminders} reminded, {seats_unanswered} unanswered seats, "
                "{tests_opened} tests opened, {digests} digests, {checkins} check-ins".format(**due)
            )
            stuck = messages_fail_stuck()
            summary = messages_send_due(limit=limit)
            self.stdout.write(
                f"messages: {summary.sent} sent, {summary.retrying} to retry, "
                f"{summary.failed} failed, {stuck} stuck marked failed"
            )
            done += 1
            if once or not every or (rounds and done >= rounds):
                return
            time.sleep(every)
