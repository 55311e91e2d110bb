"""Celery beat's entry (production): the retention schedule, daily (settings.py)."""

from celery import shared_task

from sashakt.privacy.jobs import retention_job_enqueue


@shared_task(name="sashakt.privacy.retention_enforce", ignore_result=True)
def retention_enforce_task() -> None:
    retention_job_enqueue()
