"""Celery application: workers run `celery -A sashakt worker` with REDIS_URL set."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sashakt.settings")

app = Celery("sashakt")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(
    ["sashakt.core", "sashakt.assessments", "sashakt.reports", "sashakt.privacy"]
)
