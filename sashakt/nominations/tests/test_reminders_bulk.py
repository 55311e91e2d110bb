"""The scheduler's reminders go through the outbox's bulk queueing: one sending job for a
tick's reminders (never one per person), and still once per purpose key."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from sashakt.core.models import Job
from sashakt.nominations.reminders import reminders_due
from sashakt.nominations.services import nomination_approve, nomination_confirm, nomination_create
from sashakt.notifications.models import Message
from sashakt.notifications.services import SEND_DUE_JOB_KIND, SEND_JOB_KIND
from sashakt.test import batch_make, person_make, programme_make

pytestmark = pytest.mark.django_db


def test_a_ticks_reminders_are_queued_at_once_with_one_job_and_never_twice(personas, settings):
    settings.JOBS_BACKEND = "inprocess"  # the jobs wait for a commit that never comes
    start = timezone.localdate() + datetime.timedelta(days=30)
    batch = batch_make(programme_make(personas.iitk_institute), capacity=10, start=start)
    people = [personas.kanpur_person, personas.participant.person]
    people.append(person_make(name="मोबाइल नहीं", name_alt="", mobile=None))
    for person in people:
        nomination = nomination_create(user=personas.dpro_kanpur, person=person, batch=batch)
        nomination = nomination_approve(user=personas.state, nomination=nomination)
        nomination_confirm(user=personas.state, nomination=nomination)
    Message.objects.all().delete()
    Job.objects.all().delete()
    now = datetime.datetime.combine(
        start - datetime.timedelta(days=3), datetime.time(10), tzinfo=ZoneInfo("Asia/Kolkata")
    )

    assert reminders_due(now) == 3  # looked at three; the one without a mobile is not told
    assert Message.objects.filter(purpose_key__startswith="reminder-3-days:").count() == 2
    assert list(Job.objects.values_list("kind", flat=True)) == [SEND_DUE_JOB_KIND]
    assert Job.objects.get().params == {"total": 2}

    reminders_due(now)  # the next tick: nothing new, no new job
    assert Message.objects.count() == 2
    assert Job.objects.count() == 1
    assert not Job.objects.filter(kind=SEND_JOB_KIND).exists()
