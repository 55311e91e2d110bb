"""Celery beat's entry (production): the monthly report on the 1st of each month."""

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from sashakt.reports.dashboards.monthly import previous_month
from sashakt.reports.jobs import monthly_report_jobs


@shared_task(name="sashakt.reports.monthly_report", ignore_result=True)
def monthly_report_task() -> None:
    user = get_user_model().objects.filter(username=settings.MONTHLY_REPORT_USER).first()
    if user is not None:
        monthly_report_jobs(user=user, month=previous_month(timezone.localdate()))
