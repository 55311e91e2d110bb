"""The background job that sends one outbox message, retrying in place while the wait is short.

A retry due within NOTIFICATIONS_RETRY_WAIT_MAX_SECONDS is waited for here; a later one is
left queued for `python manage.py send_messages` (run it from cron, or with --every).
"""

import time

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from sashakt.core.jobs import JobContext, job_function
from sashakt.notifications.models import MessageStatus
from sashakt.notifications.services import SEND_JOB_KIND, message_deliver

_WAIT_SLICE_SECONDS = 5.0


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
