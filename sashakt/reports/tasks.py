"""Celery beat's entries (production): the monthly report on the 1st of each month, and the
calendar's messages (reminders, digests) every MESSAGES_TICK_SECONDS."""

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from sashakt.reports.dashboards.monthly import previous_month
from sashakt.reports.jobs import monthly_report_jobs
from sashakt.reports.messages_due import messages_due


@shared_task(name="sashakt.reports.monthly_report", ignore_result=True)
def monthly_report_task() -> None:
    user = get_user_model().objects.filter(username=settings.MONTHLY_REPORT_USER).first()
    if user is not None:
        monthly_report_jobs(user=user, month=previous_month(timezone.localdate()))


@shared_task(name="sashakt.reports.messages_due", ignore_result=True)
def messages_due_task() -> None:
    """Celery beat, every MESSAGES_TICK_SECONDS: queue the reminders, unanswered-seat
    notices, test openings and weekly digests that are due (`messages_due`)."""
    messages_due()
