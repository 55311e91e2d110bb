"""Celery beat's entry: attempts whose time ran out are submitted as they stand.

The pages already show them ended (`expiry.attempt_as_ended`) and write nothing; this tick
writes them, so that what counts saved attempts only (dashboards, the completion rule) follows
within JOBS_TICK_SECONDS. Without Celery (the embedded mode) they are written when the
attempt or its test is next changed.
"""

from celery import shared_task

from sashakt.assessments.expiry import attempts_expire_due


@shared_task(name="sashakt.assessments.attempts_expire", ignore_result=True)
def attempts_expire_task() -> None:
    attempts_expire_due()
