"""The calendar's messages of a nomination (issue 25): reminders 3 days and 1 day before
the batch to everyone confirmed, and the seat still unanswered to the district officer;
each once however often the job runs, again when the batch moves, held in the quiet hours."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from sashakt.nominations.models import Nomination
from sashakt.nominations.reminders import reminders_due, seats_unanswered_due
from sashakt.nominations.services import nomination_approve, nomination_confirm, nomination_create
from sashakt.notifications.models import Message, MessageStatus
from sashakt.programmes.models import Batch, BatchSession
from sashakt.test import batch_make, programme_make

pytestmark = pytest.mark.django_db

INDIA = ZoneInfo("Asia/Kolkata")


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=INDIA)


@pytest.fixture
def batch(personas):
    start = timezone.localdate() + datetime.timedelta(days=30)
    batch = batch_make(programme_make(personas.iitk_institute), capacity=5, start=start)
    venue = batch.venue
    venue.latitude, venue.longitude = 26.51234, 80.23456
    venue.save()
    return batch


def _seat(personas, batch, person, officer, *, confirm: bool = True) -> Nomination:
    nomination = nomination_create(user=officer, person=person, batch=batch)
    nomination = nomination_approve(user=personas.state, nomination=nomination)
    if confirm:
        nomination = nomination_confirm(user=personas.state, nomination=nomination)
    return nomination


def _messages(prefix: str) -> list[Message]:
    return list(Message.objects.filter(purpose_key__startswith=prefix).order_by("pk"))


def test_everyone_confirmed_is_reminded_3_days_and_1_day_before_once(personas, batch):
    confirmed = _seat(personas, batch, personas.kanpur_person, personas.dpro_kanpur)
    _seat(personas, batch, personas.lucknow_person, personas.dpro_lucknow, confirm=False)
    three_days_before = at(batch.start_date - datetime.timedelta(days=3), 10)
    for _ in range(2):  # the job runs twice: told once
        reminders_due(three_days_before)
    [message] = _messages("reminder-3-days:")
    start = f"{batch.start_date:%Y%m%d}"
    assert message.purpose_key == f"reminder-3-days:{confirmed.pk}:{batch.pk}:{start}"
    assert personas.kanpur_person.mobile in message.recipient
    assert batch.start_date.strftime("%d/%m/%Y") in message.body
    assert "09:00" in message.body and personas.dpro_kanpur.mobile in message.body
    assert not _messages("reminder-1-day:")

    reminders_due(at(batch.start_date - datetime.timedelta(days=1), 10))
    [tomorrow] = _messages("reminder-1-day:")
    assert tomorrow.purpose_key == f"reminder-1-day:{confirmed.pk}:{batch.pk}:{start}"
    assert "कल 09:00 बजे" in tomorrow.body
    assert "mlat=26.51234&mlon=80.23456" in tomorrow.body  # the venue has coordinates
    assert len(_messages("reminder-3-days:")) == 1


def test_reminders_are_in_english_for_those_who_chose_it_with_the_first_session_time(
    personas, batch
):
    user = personas.participant
    user.language = "en"
    user.save(update_fields=["language"])
    _seat(personas, batch, user.person, personas.state)
    BatchSession.objects.create(
        batch=batch,
        date=batch.start_date,
        starts_at=datetime.time(8, 30),
        title_en="Opening",
        method="lecture",
    )
    reminders_due(at(batch.start_date - datetime.timedelta(days=2), 10))
    [message] = _messages("reminder-3-days:")
    assert message.body.startswith("Reminder: your training starts on")
    assert "report at 08:30" in message.body and "What to bring: http" in message.body


def test_a_batch_moved_reminds_again_and_a_day_missed_is_caught_up(personas, batch):
    _seat(personas, batch, personas.kanpur_person, personas.dpro_kanpur)
    # The job did not run 3 days before: 2 days before still sends the 3-day reminder.
    reminders_due(at(batch.start_date - datetime.timedelta(days=2), 10))
    assert len(_messages("reminder-3-days:")) == 1
    new_start = batch.start_date + datetime.timedelta(days=7)
    Batch.objects.filter(pk=batch.pk).update(
        start_date=new_start, end_date=new_start + datetime.timedelta(days=4)
    )
    reminders_due(at(new_start - datetime.timedelta(days=3), 10))
    assert len(_messages("reminder-3-days:")) == 2
    # Long before the batch, and once it has begun, nothing.
    reminders_due(at(new_start - datetime.timedelta(days=10), 10))
    reminders_due(at(new_start, 10))
    assert len(_messages("reminder-")) == 2


def test_a_reminder_computed_at_22_00_india_time_waits_until_08_00(personas, batch, monkeypatch):
    _seat(personas, batch, personas.kanpur_person, personas.dpro_kanpur)
    evening = at(batch.start_date - datetime.timedelta(days=3), 22)
    # The outbox reads the clock itself when it queues.
    monkeypatch.setattr(timezone, "now", lambda: evening)
    reminders_due(evening)
    [message] = _messages("reminder-3-days:")
    assert message.status == MessageStatus.QUEUED
    assert message.next_attempt_at == at(batch.start_date - datetime.timedelta(days=2), 8)


def test_an_unanswered_seat_is_told_to_the_district_officer_2_days_before_the_answer_by_date(
    personas, batch, settings
):
    settings.SEAT_ANSWER_DAYS_BEFORE_BATCH = 3
    offered = _seat(personas, batch, personas.kanpur_person, personas.dpro_kanpur, confirm=False)
    _seat(personas, batch, personas.lucknow_person, personas.dpro_lucknow)  # answered
    answer_by = batch.start_date - datetime.timedelta(days=3)
    seats_unanswered_due(at(answer_by - datetime.timedelta(days=3), 10))  # too early
    assert not _messages("seat-unanswered:")
    for _ in range(2):
        seats_unanswered_due(at(answer_by - datetime.timedelta(days=2), 10))
    [message] = _messages("seat-unanswered:")
    assert message.purpose_key.startswith(f"seat-unanswered:{offered.pk}:{batch.pk}:")
    assert personas.dpro_kanpur.mobile in message.recipient
    assert answer_by.strftime("%d/%m/%Y") in message.body
    assert personas.kanpur_person.mobile in message.body
    # The next day it is not told again.
    seats_unanswered_due(at(answer_by - datetime.timedelta(days=1), 10))
    assert len(_messages("seat-unanswered:")) == 1


def test_nobody_without_a_mobile_or_in_a_cancelled_batch_is_reminded(personas, batch):
    _seat(personas, batch, personas.kanpur_person, personas.dpro_kanpur)
    lucknow = personas.lucknow_person
    _seat(personas, batch, lucknow, personas.dpro_lucknow)
    lucknow.mobile = None
    lucknow.save()
    three_days_before = at(batch.start_date - datetime.timedelta(days=3), 10)
    assert reminders_due(three_days_before) == 2  # both looked at ...
    assert len(_messages("reminder-3-days:")) == 1  # ... one told
    Message.objects.all().delete()
    Batch.objects.filter(pk=batch.pk).update(status="cancelled", cancel_reason="बाढ़")
    assert reminders_due(three_days_before) == 0
    assert not _messages("reminder-")
