"""`manage.py send_messages`: this command takes the place of the outbox's own command of
the same name (Django runs the command of the app listed first in INSTALLED_APPS, and
`reports` comes before `notifications`), because queueing the calendar's messages reads
every app and the outbox may call none of them. Each round does both halves: queue what the
calendar makes due (`messages_due`), then send what the outbox holds (the outbox's round)."""

import time

from django.core.management.base import CommandParser

from sashakt.notifications.management.commands import send_messages as outbox
from sashakt.reports.messages_due import messages_due


class Command(outbox.Command):
    help = (
        "Queue the messages the calendar makes due (reminders 3 days and 1 day before a "
        "batch, seats still unanswered, tests opened by their schedule, the Monday digest), "
        "each once however often it runs, then send the outbox's due messages (retries, and "
        "any left queued by a stopped process). Without Celery (the embedded default) run it "
        "with --every 60 to keep running, or from cron every minute; with Celery, beat "
        "queues the calendar's messages itself (MESSAGES_TICK_SECONDS) and the workers send "
        "them. --once runs one round (the default without --every); --rounds N stops after N "
        "rounds."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
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
                "{tests_opened} tests opened, {digests} digests".format(**due)
            )
            super().handle(limit=limit, every=0)
            done += 1
            if once or not every or (rounds and done >= rounds):
                return
            time.sleep(every)
