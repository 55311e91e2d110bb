"""The sender against a real local gateway: batches, 503s, garbage, hangs, two workers."""

import datetime
import threading

import pytest
from django.db import connection
from django.db.models import QuerySet

from sashakt.notifications.models import Message, MessageStatus
from sashakt.notifications.services import messages_send_due, retry_delay
from sashakt.notifications.tests.fake_gateway import Answer, accept_all

BODY = "याद रखें: प्रशिक्षण 12/01/2027 को 09:30 बजे"


def _queue(count: int, *, prefix: str = "otp:bulk") -> list[int]:
    Message.objects.bulk_create(
        Message(channel="sms", recipient=f"98{n:08d}", purpose_key=f"{prefix}:{n}", body=BODY)
        for n in range(count)
    )
    return list(Message.objects.order_by("pk").values_list("pk", flat=True))


def _first(messages: QuerySet[Message]) -> Message:
    message = messages.first()
    assert message is not None
    return message


def _wait_of(message: Message) -> datetime.timedelta:
    """How long the message waits for its next attempt, from its last one."""
    assert message.next_attempt_at is not None and message.last_attempt_at is not None
    return message.next_attempt_at - message.last_attempt_at


def _statuses() -> dict[str, int]:
    counts: dict[str, int] = {}
    for status in Message.objects.values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


@pytest.fixture
def batches(sms_settings, daytime):
    sms_settings.SMS_GATEWAY_BATCH_SIZE = 10
    return sms_settings


@pytest.mark.django_db
def test_a_batch_goes_in_one_request_and_each_message_keeps_its_own_id(batches, gateway_factory):
    gateway = gateway_factory([Answer(200, accept_all)])
    ids = _queue(25)

    summary = messages_send_due(limit=100)

    assert summary.sent == 25
    assert [len(r.payload) for r in gateway.received] == [10, 10, 5]
    first = gateway.received[0].payload[0]
    assert first["sender"] == "UPPRDS" and first["to"].startswith("9198")
    assert first["dlt_template_id"] == "1107170000000000001"
    message = Message.objects.get(pk=ids[0])
    assert message.status == MessageStatus.SENT and message.attempts == 1
    assert message.provider_message_id == f"gw-{ids[0]}"
    assert f"gw-{ids[0]}" in message.provider_answer and str(ids[1]) not in message.provider_answer


@pytest.mark.django_db
def test_a_503_puts_that_batch_back_with_a_growing_wait_and_it_goes_later(batches, gateway_factory):
    gateway_factory([Answer(200, accept_all), Answer(503, "busy"), Answer(200, accept_all)])
    _queue(30)

    first = messages_send_due(limit=100)
    assert (first.sent, first.retrying) == (20, 10)
    waiting = Message.objects.filter(status=MessageStatus.QUEUED)
    assert waiting.count() == 10
    message = _first(waiting)
    assert message.attempts == 1 and "HTTP 503" in message.last_error
    assert _wait_of(message) == retry_delay(1)
    assert messages_send_due(limit=100).message_ids == []  # not due yet

    later = messages_send_due(limit=100, now=message.next_attempt_at)
    assert later.sent == 10
    assert _statuses() == {MessageStatus.SENT: 30}
    message.refresh_from_db()
    assert message.attempts == 2


@pytest.mark.django_db
def test_the_wait_grows_and_the_attempts_are_counted_until_they_run_out(batches, gateway_factory):
    gateway_factory([Answer(429, "slow down")])
    _queue(3)
    waits, now = [], None
    for _ in range(3):
        messages_send_due(limit=100, now=now)
        message = _first(Message.objects.all())
        if message.status != MessageStatus.QUEUED:
            break
        waits.append(_wait_of(message))
        now = message.next_attempt_at
    assert waits == [retry_delay(1), retry_delay(2)] and waits[1] == 2 * waits[0]
    # NOTIFICATIONS_MAX_ATTEMPTS = 3: failed, recorded, not lost.
    assert _statuses() == {MessageStatus.FAILED: 3}
    assert set(Message.objects.values_list("attempts", flat=True)) == {3}


@pytest.mark.django_db
def test_garbage_from_the_gateway_is_retried_not_taken_as_sent(batches, gateway_factory):
    gateway_factory([Answer(200, "<html>Service Unavailable</html>"), Answer(200, accept_all)])
    _queue(4)

    assert messages_send_due(limit=100).retrying == 4
    message = _first(Message.objects.all())
    assert message.status == MessageStatus.QUEUED and "not a list" in message.last_error
    assert messages_send_due(limit=100, now=message.next_attempt_at).sent == 4


@pytest.mark.django_db
def test_a_message_the_answer_does_not_name_is_retried_and_a_refused_one_fails(
    batches, gateway_factory
):
    ids = _queue(3)

    def partly(payload):
        return [
            {"reference": payload[0]["reference"], "message_id": "m-0"},
            {"reference": payload[1]["reference"], "status": "rejected", "error": "DND"},
        ]

    gateway_factory([Answer(200, partly)])
    messages_send_due(limit=100)
    sent, refused, unnamed = (Message.objects.get(pk=pk) for pk in ids)
    assert sent.status == MessageStatus.SENT and sent.provider_message_id == "m-0"
    assert refused.status == MessageStatus.FAILED and "DND" in refused.last_error
    assert unnamed.status == MessageStatus.QUEUED and "did not name" in unnamed.last_error


@pytest.mark.django_db
def test_a_hanging_gateway_times_out_and_the_batch_is_retried(batches, gateway_factory):
    gateway_factory([Answer(200, accept_all, delay=2), Answer(200, accept_all)])
    _queue(5)

    started = datetime.datetime.now()
    assert messages_send_due(limit=100).retrying == 5
    assert (datetime.datetime.now() - started).total_seconds() < 1.5  # SMS_TIMEOUT_SECONDS
    message = _first(Message.objects.all())
    assert "timeout" in message.last_error and message.status == MessageStatus.QUEUED
    assert messages_send_due(limit=100, now=message.next_attempt_at).sent == 5


@pytest.mark.django_db
def test_a_4xx_for_the_whole_batch_sends_one_by_one_so_only_the_bad_one_fails(
    batches, gateway_factory
):
    gateway = gateway_factory(
        [Answer(400, "bad item"), Answer(200), Answer(400, "bad number"), Answer(200)]
    )
    ids = _queue(3)
    messages_send_due(limit=100)
    assert [type(r.payload).__name__ for r in gateway.received] == ["list", "dict", "dict", "dict"]
    assert [Message.objects.get(pk=pk).status for pk in ids] == ["sent", "failed", "sent"]


@pytest.mark.django_db
def test_without_batches_each_message_is_one_request(sms_settings, daytime, gateway_factory):
    gateway = gateway_factory([Answer(200, accept_all)])
    _queue(4)
    assert messages_send_due(limit=100).sent == 4
    assert [type(r.payload).__name__ for r in gateway.received] == ["dict"] * 4


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("batch_size", [1, 7])
def test_two_senders_at_once_send_each_message_exactly_once(
    sms_settings, daytime, gateway_factory, batch_size
):
    sms_settings.SMS_GATEWAY_BATCH_SIZE = batch_size
    gateway = gateway_factory([Answer(200, accept_all)])
    ids = _queue(120)
    start = threading.Barrier(2)
    errors = []

    def sender():
        try:
            start.wait()
            for _ in range(200):  # bounded: each round claims up to 9
                if not messages_send_due(limit=9).message_ids:
                    break
        except Exception as error:  # noqa: BLE001 — any failure is the test's finding
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    references = [
        item["reference"]
        for request in gateway.received
        for item in (request.payload if isinstance(request.payload, list) else [request.payload])
    ]
    assert sorted(references, key=int) == [str(pk) for pk in ids]  # each once, none missing
    assert _statuses() == {MessageStatus.SENT: 120}
