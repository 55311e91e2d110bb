"""The SMS channel against a real local HTTP gateway: 2xx, 5xx, timeouts, 4xx."""

import datetime

import pytest

from sashakt.notifications.models import Message, MessageStatus
from sashakt.notifications.services import message_send, messages_send_due
from sashakt.notifications.tests.fake_gateway import Answer

pytestmark = pytest.mark.django_db


def _otp(n: int = 1) -> Message:
    return message_send(
        purpose_key=f"otp:login:7:{n}",
        to_mobile="+91 98390 12345",
        body="सशक्त: आपका एक-बार का कोड 482913 है।",
    )


def _retry_when_due(message: Message) -> Message:
    """Run the sender as cron would, at the moment the message's next attempt is due."""
    message.refresh_from_db()
    messages_send_due(now=message.next_attempt_at)
    message.refresh_from_db()
    return message


def test_a_2xx_answer_sends_the_message_with_the_dlt_fields(gateway_factory):
    gateway = gateway_factory([Answer(200, {"status": "accepted", "message_id": "gw-77"})])
    message = _otp()
    message.refresh_from_db()

    assert message.status == MessageStatus.SENT and message.attempts == 1
    assert message.provider_message_id == "gw-77" and "gw-77" in message.provider_answer
    assert message.sent_at is not None and message.last_error == ""
    (request,) = gateway.received
    assert request.headers["Authorization"] == "Bearer test-key"
    assert request.payload == {
        "sender": "UPPRDS",
        "dlt_template_id": "1107170000000000001",
        "to": "919839012345",
        "text": "सशक्त: आपका एक-बार का कोड 482913 है।",
        "reference": str(message.pk),
    }


def test_a_5xx_answer_is_retried_after_a_wait_and_then_sent(gateway_factory):
    gateway = gateway_factory([Answer(503, "busy"), Answer(200, {"id": "gw-2"})])
    before = datetime.datetime.now(datetime.UTC)
    message = _otp()
    message.refresh_from_db()

    assert message.status == MessageStatus.QUEUED and message.attempts == 1
    assert message.last_error.startswith("HTTP 503") and message.provider_answer == "busy"
    wait = (message.next_attempt_at - before).total_seconds()
    assert 30 <= wait < 40  # NOTIFICATIONS_RETRY_SECONDS
    assert messages_send_due().sent == 0  # not due yet: nothing is sent early
    assert len(gateway.received) == 1

    message = _retry_when_due(message)
    assert message.status == MessageStatus.SENT and message.attempts == 2
    assert message.provider_message_id == "gw-2"
    assert len(gateway.received) == 2


def test_the_wait_doubles_and_the_message_fails_after_the_last_attempt(gateway_factory):
    gateway = gateway_factory([Answer(500, "down")])
    message = _otp()
    message.refresh_from_db()
    waits = []
    while message.status == MessageStatus.QUEUED:
        waits.append((message.next_attempt_at - message.last_attempt_at).total_seconds())
        message = _retry_when_due(message)

    assert [round(w) for w in waits] == [30, 60]  # then the third attempt is the last
    assert message.status == MessageStatus.FAILED and message.attempts == 3
    assert message.last_error.startswith("HTTP 500") and message.sent_at is None
    assert len(gateway.received) == 3


def test_a_gateway_slower_than_the_timeout_is_retried(gateway_factory):
    gateway = gateway_factory([Answer(200, delay=2.0), Answer(200, {"message_id": "late"})])
    message = _otp()
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED
    assert message.last_error == "timeout after 0.5 s"

    message = _retry_when_due(message)
    assert message.status == MessageStatus.SENT and message.provider_message_id == "late"
    assert len(gateway.received) == 2


def test_a_4xx_answer_fails_at_once_without_retrying(gateway_factory):
    gateway = gateway_factory([Answer(400, {"error": "template does not match DLT"})])
    message = _otp()
    message.refresh_from_db()

    assert message.status == MessageStatus.FAILED and message.attempts == 1
    assert "template does not match DLT" in message.provider_answer
    assert message.last_error.startswith("HTTP 400")
    assert messages_send_due(now=message.next_attempt_at + datetime.timedelta(days=1)).sent == 0
    assert len(gateway.received) == 1


def test_a_gateway_that_cannot_be_reached_is_retried(gateway_factory):
    gateway = gateway_factory([Answer(200)])
    gateway.__exit__(None, None, None)  # nothing listens on that port any more
    message = _otp()
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED
    assert message.last_error.startswith("gateway unreachable")


def test_the_sending_job_waits_for_a_short_retry_itself(gateway_factory, sms_settings):
    sms_settings.NOTIFICATIONS_RETRY_SECONDS = 0.2
    sms_settings.NOTIFICATIONS_RETRY_WAIT_MAX_SECONDS = 5
    gateway = gateway_factory([Answer(502), Answer(200, {"message_id": "again"})])
    message = _otp()
    message.refresh_from_db()

    assert message.status == MessageStatus.SENT and message.attempts == 2
    assert len(gateway.received) == 2
