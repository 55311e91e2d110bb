"""A batch runs from its first day and is completed once its last session has ended; the
database holds the same line by the day."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from sashakt.programmes.models import Batch, BatchStatus
from sashakt.programmes.services import BatchError, batch_set_status
from sashakt.test import batch_make, programme_make

pytestmark = pytest.mark.django_db


def test_a_batch_cannot_run_before_its_first_day(personas):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    batch = batch_make(programme_make(personas.iitk_institute), start=tomorrow, status="locked")
    with translation.override("en"), pytest.raises(BatchError, match="before its first day"):
        batch_set_status(user=personas.state, batch=batch, status=BatchStatus.RUNNING)
    with translation.override("hi"), pytest.raises(BatchError, match="पहले दिन से पहले"):
        batch_set_status(user=personas.state, batch=batch, status=BatchStatus.RUNNING)
    batch.refresh_from_db()
    assert (batch.status, batch.started_on) == ("locked", None)


def test_a_batch_without_a_timetable_completes_after_its_last_day(personas):
    today = timezone.localdate()
    batch = batch_make(programme_make(personas.iitk_institute), start=today, status="locked")
    batch_set_status(user=personas.state, batch=batch, status=BatchStatus.RUNNING)
    with translation.override("en"), pytest.raises(BatchError, match="cannot be completed"):
        batch_set_status(user=personas.state, batch=batch, status=BatchStatus.COMPLETED)
    assert Batch.objects.get(pk=batch.pk).status == BatchStatus.RUNNING


def test_the_database_refuses_dates_out_of_time(personas):
    batch = batch_make(programme_make(personas.iitk_institute), start=datetime.date(2026, 12, 8))
    with pytest.raises(IntegrityError), transaction.atomic():
        Batch.objects.filter(pk=batch.pk).update(
            status="running", started_on=datetime.date(2026, 12, 6)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Batch.objects.filter(pk=batch.pk).update(
            status="completed", completed_on=datetime.date(2026, 12, 6)
        )
