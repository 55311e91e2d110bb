"""The background jobs that send the outbox: one message (`message_send`'s), or whatever is
due, in batches (a bulk send's: one job for all its messages).

A retry due within NOTIFICATIONS_RETRY_WAIT_MAX_SECONDS is waited for here; a later one is
left queued for `python manage.py send_messages` (run it from cron, or with --every).
"""

import time

from django.conf import settings
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from sashakt.core.jobs import JobContext, job_function
from sashakt.notifications.models import Message, MessageStatus
from sashakt.notifications.services import (
    SEND_DUE_JOB_KIND,
    SEND_JOB_KIND,
    message_deliver,
    messages_send_due,
)

_WAIT_SLICE_SECONDS = 5.0
# The sending job claims this many rows at a time; it stops after MAX_ROUNDS rounds (a
# later job or `send_messages` goes on), so it always ends.
DUE_ROUND = 500
MAX_ROUNDS = 10_000


@job_function(SEND_JOB_KIND)
def message_send_job(ctx: JobContext, *, message_id: int) -> dict:
    message = message_deliver(message_id)
    while message.status == MessageStatus.QUEUED:
        wait = (message.next_attempt_at - timezone.now()).total_seconds()
        if wait > settings.NOTIFICATIONS_RETRY_WAIT_MAX_SECONDS:
            break
        _wait(ctx, wait, attempts=message.attempts)
        message = message_deliver(message_id)
    return {"status": message.status, "attempts": message.attempts}


def _wait(ctx: JobContext, seconds: float, *, attempts: int) -> None:
    # Sleep in slices that record progress, so the job shows it is alive while it waits.
    deadline = time.monotonic() + max(seconds, 0)
    while (left := deadline - time.monotonic()) > 0:
        ctx.progress(attempts, message=_("Retrying in %(seconds)s s") % {"seconds": round(left)})
        time.sleep(min(left, _WAIT_SLICE_SECONDS))


@job_function(SEND_DUE_JOB_KIND, repeatable=True)
def messages_send_due_job(ctx: JobContext, *, total: int = 0) -> dict[str, int]:
    """Send what is due until nothing is, waiting for retries due soon. Safe to run twice:
    each row is claimed before it is sent."""
    sent = failed = 0
    for _round in range(MAX_ROUNDS):
        summary = messages_send_due(limit=DUE_ROUND)
        sent, failed = sent + summary.sent, failed + summary.failed
        if summary.message_ids:
            ctx.progress(
                min(sent + failed, total) if total else sent + failed,
                total or None,
                message=_("%(sent)s sent, %(failed)s failed") % {"sent": sent, "failed": failed},
            )
            continue
        soonest = Message.objects.filter(status=MessageStatus.QUEUED).aggregate(
            at=Min("next_attempt_at")
        )["at"]
        if soonest is None:
            break
        wait = (soonest - timezone.now()).total_seconds()
        if wait > settings.NOTIFICATIONS_RETRY_WAIT_MAX_SECONDS:
            break
        # Due rows another worker holds (nothing claimed, yet due): look again shortly.
        _wait(ctx, max(wait, 0.2), attempts=sent + failed)
    left = Message.objects.filter(status=MessageStatus.QUEUED).count()
    return {"sent": sent, "failed": failed, "queued": left}
