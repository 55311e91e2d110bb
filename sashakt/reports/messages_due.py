"""The periodic job that makes the calendar's messages due (issue 25), in one place because
it reads every app: reminders and unanswered seats (nominations), tests opening by their
schedule (assessments), action plans' check-ins (followup) and the weekly digest (here). It
only queues them in the outbox, once per purpose key; the outbox's sender sends them (at
08:00 India time for a message computed in the quiet hours).

Run by Celery beat (`tasks.messages_due_task`, every MESSAGES_TICK_SECONDS) or, in the
embedded default, by `manage.py send_messages --every 60` (or cron). Two runs at once are
safe: the unique purpose key decides which of them writes a message.
"""

import datetime

from django.utils import timezone

from sashakt.assessments.opening import assessments_opened_due
from sashakt.followup.checkin_messages import followup_messages_due
from sashakt.nominations.reminders import reminders_due, seats_unanswered_due
from sashakt.reports.digest import weekly_digest_due


def messages_due(now: datetime.datetime | None = None) -> dict[str, int]:
    """Queue every message due at `now`; answer how many people, offers, tests and officers
    each part looked at (those told before count too, and get nothing new)."""
    now = now or timezone.now()
    return {
        "reminders": reminders_due(now),
        "seats_unanswered": seats_unanswered_due(now),
        "tests_opened": assessments_opened_due(now),
        "digests": weekly_digest_due(now),
        "checkins": followup_messages_due(now),
    }
