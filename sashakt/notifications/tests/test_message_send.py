"""message_send: one row and one send per purpose, channels chosen from settings."""

import datetime
import logging
import threading
import time

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from sashakt.core.models import Job
from sashakt.notifications.models import Channel, Message, MessageStatus
from sashakt.notifications.services import message_send, messages_fail_stuck
from sashakt.notifications.tests.fake_gateway import Answer, FakeGateway


@pytest.fixture
def console(settings):
    settings.NOTIFICATIONS_CHANNEL = "console"
    settings.JOBS_BACKEND = "immediate"
    return settings


@pytest.mark.django_db
def test_the_same_purpose_twice_writes_one_row_and_sends_once(console, caplog):
    caplog.set_level(logging.INFO, logger="sashakt.notifications")
    first = message_send(purpose_key="otp:login:7:1", to_mobile="9839012345", body="कोड 111111")
    again = message_send(purpose_key="otp:login:7:1", to_mobile="9839012345", body="कोड 222222")

    assert again.pk == first.pk and Message.objects.count() == 1
    again.refresh_from_db()
    assert again.body == "कोड 111111" and again.status == MessageStatus.SENT
    assert again.attempts == 1
    assert Job.objects.filter(kind="notifications.send").count() == 1
    sent_lines = [r.getMessage() for r in caplog.records if "otp:login:7:1" in r.getMessage()]
    assert len(sent_lines) == 1


@pytest.mark.django_db
def test_the_console_channel_logs_the_text_with_a_masked_mobile(console, caplog):
    caplog.set_level(logging.INFO, logger="sashakt.notifications")
    message = message_send(
        purpose_key="otp:login:9:1", to_mobile="09839012345", body="आपका कोड 482913 है"
    )
    message.refresh_from_db()

    assert message.channel == Channel.CONSOLE and message.recipient == "9839012345"
    assert message.status == MessageStatus.SENT and message.provider_answer
    (line,) = [r.getMessage() for r in caplog.records if "482913" in r.getMessage()]
    assert "98******45" in line and "9839012345" not in line


@pytest.mark.django_db
def test_the_email_channel_sends_through_djangos_mail_backend(console, daytime):
    message = message_send(
        purpose_key="certificate-ready:IITK-2025-0001",
        channel="email",
        to_email="pradhan@example.org",
        subject="प्रमाणपत्र तैयार है",
        body="आपका प्रमाणपत्र तैयार है।",
    )
    message.refresh_from_db()

    assert message.status == MessageStatus.SENT
    (email,) = mail.outbox
    assert email.to == ["pradhan@example.org"] and email.subject == "प्रमाणपत्र तैयार है"
    assert email.body == "आपका प्रमाणपत्र तैयार है।"
    assert email.extra_headers["X-Sashakt-Message"] == str(message.pk)


@pytest.mark.django_db
def test_an_unreachable_mail_server_is_retried(console, settings, daytime):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    settings.NOTIFICATIONS_RETRY_WAIT_MAX_SECONDS = 0
    message = message_send(
        purpose_key="certificate-ready:X", channel="email", to_email="a@example.org", body="b"
    )
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED and message.attempts == 1
    assert "Connection" in message.last_error or "refused" in message.last_error


@pytest.mark.django_db
def test_sms_is_the_default_once_a_gateway_is_configured_and_email_only_needs_an_address(
    settings,
):
    settings.NOTIFICATIONS_CHANNEL = "sms"
    settings.JOBS_BACKEND = "inprocess"  # queued after commit; the test never commits
    sms = message_send(purpose_key="p1", to_mobile="9839012345", body="x", dlt_template_id="T9")
    email = message_send(purpose_key="p2", to_email="dpro@example.org", body="x")
    assert (sms.channel, sms.dlt_template_id) == (Channel.SMS, "T9")
    assert email.channel == Channel.EMAIL and email.recipient == "dpro@example.org"


@pytest.mark.django_db
def test_a_message_without_a_usable_recipient_is_refused(console):
    with pytest.raises(ValidationError):
        message_send(purpose_key="p", to_mobile="12345", body="x")
    with pytest.raises(ValidationError):
        message_send(purpose_key="p", channel="email", to_email="not-an-address", body="x")
    with pytest.raises(ValidationError):
        message_send(purpose_key="p", channel="fax", to_mobile="9839012345", body="x")
    assert Message.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_two_callers_racing_for_one_purpose_get_one_row(settings):
    settings.NOTIFICATIONS_CHANNEL = "console"
    settings.JOBS_BACKEND = "immediate"
    barrier = threading.Barrier(2)
    answers, errors = [], []

    def call():
        try:
            barrier.wait(timeout=10)
            answers.append(
                message_send(purpose_key="otp:race:1", to_mobile="9839012345", body="x").pk
            )
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=call) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == [] and len(answers) == 2 and answers[0] == answers[1]
    assert Message.objects.count() == 1
    assert Job.objects.filter(kind="notifications.send").count() == 1


def _wait_for(message: Message, status: str, seconds: float = 30) -> Message:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        message.refresh_from_db()
        if message.status == status:
            return message
        time.sleep(0.05)
    raise AssertionError(f"message still {message.status} after {seconds} s")


@pytest.mark.django_db(transaction=True)
def test_a_message_is_sent_by_the_in_process_worker_after_the_caller_commits(settings):
    settings.JOBS_BACKEND = "inprocess"
    settings.NOTIFICATIONS_CHANNEL = "sms"
    settings.SMS_TIMEOUT_SECONDS = 5
    settings.NOTIFICATIONS_RETRY_SECONDS = 0.1
    settings.NOTIFICATIONS_RETRY_WAIT_MAX_SECONDS = 5
    with FakeGateway([Answer(503), Answer(200, {"message_id": "bg-1"})]) as gateway:
        settings.SMS_GATEWAY_URL = gateway.url
        with transaction.atomic():
            message = message_send(purpose_key="otp:bg:1", to_mobile="9839012345", body="x")
            time.sleep(0.3)
            assert gateway.received == []  # nothing leaves before the caller commits
        message = _wait_for(message, MessageStatus.SENT)
    assert message.attempts == 2 and message.provider_message_id == "bg-1"
    job = Job.objects.get(kind="notifications.send")
    for _ in range(100):
        job.refresh_from_db()
        if job.is_finished:
            break
        time.sleep(0.05)
    assert job.status == Job.Status.SUCCEEDED and job.result == {"status": "sent", "attempts": 2}


@pytest.mark.django_db
def test_send_messages_sends_what_was_left_queued_and_fails_what_was_left_sending(settings):
    settings.NOTIFICATIONS_CHANNEL = "console"
    left = Message.objects.create(
        channel=Channel.CONSOLE, recipient="9839012345", purpose_key="left", body="x"
    )
    stuck = Message.objects.create(
        channel=Channel.CONSOLE,
        recipient="9839012345",
        purpose_key="stuck",
        body="x",
        status=MessageStatus.SENDING,
        attempts=1,
        last_attempt_at=timezone.now() - datetime.timedelta(hours=1),
    )
    call_command("send_messages")
    left.refresh_from_db()
    stuck.refresh_from_db()
    assert left.status == MessageStatus.SENT
    assert stuck.status == MessageStatus.FAILED and "never sent twice" in stuck.last_error
    assert messages_fail_stuck() == 0
