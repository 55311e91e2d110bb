"""Quiet hours: from 21:00 to 08:00 India time only essential messages go; the others wait
for 08:00, whether queued at night or due for a retry at night."""

import datetime

import pytest

from sashakt.notifications.models import MessageStatus
from sashakt.notifications.services import (
    INDIA,
    message_send,
    messages_send_due,
    quiet_hours_end,
)
from sashakt.notifications.tests.fake_gateway import Answer


def _at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=INDIA)


@pytest.mark.parametrize(
    ("moment", "held_until"),
    [
        ("2027-01-05 20:59:59", None),
        ("2027-01-05 21:00:00", "2027-01-06 08:00"),
        ("2027-01-05 23:59:59", "2027-01-06 08:00"),
        ("2027-01-06 00:00:00", "2027-01-06 08:00"),
        ("2027-01-06 07:59:59", "2027-01-06 08:00"),
        ("2027-01-06 08:00:00", None),
        ("2027-01-06 12:00:00", None),
    ],
)
def test_the_quiet_hours_run_from_21_to_08_india_time(moment, held_until):
    assert quiet_hours_end(_at(moment)) == (_at(held_until) if held_until else None)


def test_the_boundaries_hold_whatever_the_zone_of_the_clock():
    utc = datetime.UTC
    # 15:29 UTC is 20:59 IST; 15:30 UTC is 21:00 IST; 02:30 UTC is 08:00 IST.
    assert quiet_hours_end(datetime.datetime(2027, 1, 5, 15, 29, tzinfo=utc)) is None
    assert quiet_hours_end(datetime.datetime(2027, 1, 5, 15, 30, tzinfo=utc)) == _at(
        "2027-01-06 08:00"
    )
    assert quiet_hours_end(datetime.datetime(2027, 1, 6, 2, 30, tzinfo=utc)) is None


@pytest.fixture
def console(settings):
    settings.NOTIFICATIONS_CHANNEL = "console"
    settings.JOBS_BACKEND = "immediate"
    settings.NOTIFICATIONS_RETRY_WAIT_MAX_SECONDS = 0
    return settings


@pytest.mark.django_db
@pytest.mark.parametrize("moment", ["2027-01-05 21:00", "2027-01-05 23:30", "2027-01-06 07:59"])
def test_a_reminder_queued_at_night_waits_for_eight_and_then_goes(console, clock, moment):
    clock(moment)
    message = message_send(purpose_key="reminder-1-day:9", to_mobile="9839012345", body="कल")
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED and message.attempts == 0
    assert message.next_attempt_at == _at("2027-01-06 08:00")

    assert messages_send_due(now=_at("2027-01-06 07:59:59")).sent == 0
    assert messages_send_due(now=_at("2027-01-06 08:00")).sent == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT


@pytest.mark.django_db
@pytest.mark.parametrize("moment", ["2027-01-05 08:00", "2027-01-05 20:59"])
def test_a_reminder_queued_by_day_goes_at_once(console, clock, moment):
    clock(moment)
    message = message_send(purpose_key="reminder-1-day:9", to_mobile="9839012345", body="कल")
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT and message.next_attempt_at == _at(moment)


@pytest.mark.django_db
@pytest.mark.parametrize("purpose", ["otp:7:1", "seat-offered:12", "batch-cancelled:3:officer:4"])
def test_essential_messages_go_at_night(console, clock, purpose):
    clock("2027-01-05 23:30")
    message = message_send(purpose_key=purpose, to_mobile="9839012345", body="कोड 482913")
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT


@pytest.mark.django_db
def test_a_retry_that_falls_in_the_night_waits_for_eight(gateway_factory, clock):
    gateway_factory([Answer(503)])
    clock("2027-01-05 20:59:50")  # the retry (30 s later) would fall after 21:00
    message = message_send(purpose_key="pre-test-open:5", to_mobile="9839012345", body="x")
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED and message.attempts == 1
    assert message.next_attempt_at == _at("2027-01-06 08:00")


@pytest.mark.django_db
def test_an_essential_retry_is_not_held(gateway_factory, clock):
    gateway_factory([Answer(503)])
    clock("2027-01-05 20:59:50")
    message = message_send(purpose_key="otp:7:2", to_mobile="9839012345", body="x")
    message.refresh_from_db()
    assert message.next_attempt_at == _at("2027-01-05 21:00:20")
