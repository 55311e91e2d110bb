"""The periodic job of the calendar's messages (issue 25): the Monday digest to each district
officer, the job's wiring (Celery beat, `manage.py send_messages`), and two workers running
it at once sending each message exactly once."""

import datetime
import threading
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from sashakt.nominations.models import NominationStatus
from sashakt.nominations.services import nomination_approve, nomination_confirm, nomination_create
from sashakt.notifications.models import Message, MessageStatus
from sashakt.people.models import Designation, Person
from sashakt.reports.digest import weekly_digest_due
from sashakt.reports.messages_due import messages_due
from sashakt.reports.tasks import messages_due_task
from sashakt.test import batch_make, person_make, personas_make, programme_make

INDIA = ZoneInfo("Asia/Kolkata")


def _monday_at(hour: int) -> datetime.datetime:
    today = timezone.localdate()
    monday = today + datetime.timedelta(days=(7 - today.weekday()) % 7)
    return datetime.datetime.combine(monday, datetime.time(hour), tzinfo=INDIA)


@pytest.mark.django_db
def test_each_district_officer_gets_the_digest_on_monday_once(personas):
    Person.objects.filter(pk=personas.kanpur_person.pk).update(needs_place_review=True)
    monday = _monday_at(10)
    assert weekly_digest_due(monday + datetime.timedelta(days=1)) == 0  # a Tuesday
    for _ in range(2):
        weekly_digest_due(monday)
    messages = {
        m.recipient[-10:]: m
        for m in Message.objects.filter(purpose_key__startswith="weekly-digest:")
    }
    kanpur = messages[personas.dpro_kanpur.mobile]
    year, week, _day = monday.date().isocalendar()
    assert kanpur.purpose_key == f"weekly-digest:{personas.dpro_kanpur.pk}:{year}-W{week:02d}"
    assert "स्थान समीक्षा बाकी 1" in kanpur.body and "सीट उत्तर बाकी 0" in kanpur.body
    assert not personas.dpro_lucknow.mobile  # an officer without a mobile is not told
    assert len(messages) == 1
    assert len(messages) == Message.objects.filter(purpose_key__startswith="weekly-digest:").count()
    # Next Monday: a new digest.
    weekly_digest_due(monday + datetime.timedelta(days=7))
    assert (
        Message.objects.filter(
            recipient__endswith=personas.dpro_kanpur.mobile,
            purpose_key__startswith="weekly-digest:",
        ).count()
        == 2
    )


def test_beat_runs_the_job_every_messages_tick():
    entry = settings.CELERY_BEAT_SCHEDULE["messages-due"]
    assert entry["task"] == messages_due_task.name == "sashakt.reports.messages_due"
    assert entry["schedule"] == settings.MESSAGES_TICK_SECONDS


@pytest.mark.django_db
def test_send_messages_queues_what_is_due_then_sends_it(personas, settings):
    settings.NOTIFICATIONS_CHANNEL = "console"
    # No officer to send a digest to: on a Monday the weekly digest would be due.
    personas.dpro_kanpur.mobile = None
    personas.dpro_kanpur.save(update_fields=["mobile"])
    out = StringIO()
    call_command("send_messages", "--once", stdout=out)
    assert "due: 0 reminded" in out.getvalue() and "messages: 0 sent" in out.getvalue()
    out = StringIO()
    call_command("send_messages", "--every", "0.01", "--rounds", "2", stdout=out)
    assert out.getvalue().count("due: ") == 2


def _seated_world(people: int = 4):
    personas = personas_make()
    start = timezone.localdate() + datetime.timedelta(days=30)
    batch = batch_make(programme_make(personas.iitk_institute), capacity=people, start=start)
    for n in range(people):
        person = person_make(
            name=f"प्रतिभागी {n}",
            mobile=f"98390003{n:02d}",
            designation=Designation.KP_PRAMUKH,
        )
        nomination = nomination_create(user=personas.dpro_kanpur, person=person, batch=batch)
        nomination = nomination_approve(user=personas.state, nomination=nomination)
        nomination_confirm(user=personas.state, nomination=nomination)
    return personas, batch


def _reminders_per_person() -> dict[str, int]:
    counts: dict[str, int] = {}
    for recipient in Message.objects.filter(purpose_key__startswith="reminder-3-days:").values_list(
        "recipient", flat=True
    ):
        counts[recipient] = counts.get(recipient, 0) + 1
    return counts


@pytest.mark.django_db(transaction=True)
def test_two_workers_running_the_job_at_once_remind_each_person_exactly_once():
    _personas, batch = _seated_world()
    now = datetime.datetime.combine(
        batch.start_date - datetime.timedelta(days=3), datetime.time(10), tzinfo=INDIA
    )
    messages_due(now)  # one run ...
    messages_due(now)  # ... and another: nothing new
    assert set(_reminders_per_person().values()) == {1}
    Message.objects.filter(purpose_key__startswith="reminder-").delete()

    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            start.wait()
            messages_due(now)
        except BaseException as error:  # noqa: BLE001 — any failure is the test's finding
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    counts = _reminders_per_person()
    assert len(counts) == 4 and set(counts.values()) == {1}
    assert not Message.objects.filter(
        purpose_key__startswith="reminder-", status=MessageStatus.FAILED
    ).exists()
    assert batch.nominations.filter(status=NominationStatus.CONFIRMED).count() == 4
