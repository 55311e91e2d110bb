"""The e-mail channel against a real SMTP server on 127.0.0.1 (aiosmtpd): what arrives, in
Hindi and UTF-8, and what a refusing or silent mail server leads to."""

import pytest
from django.utils import translation

from sashakt.notifications.events import EVENTS
from sashakt.notifications.models import Channel, Message, MessageStatus
from sashakt.notifications.services import (
    event_message_send,
    message_send,
    messages_send_due,
)
from sashakt.notifications.tests.fake_smtp import FakeSmtp
from sashakt.notifications.tests.silent_server import SilentServer

pytestmark = pytest.mark.django_db

HINDI_BODY = "नमस्ते सुनीता देवी, बैच IITK-2027-014 में आपकी सीट पक्की है। — सशक्त"
VALUES = {"name": "सुनीता देवी", "number": "UP-2027-000123", "link": "https://sk.up.gov.in/c/9Q"}


@pytest.fixture
def email_settings(sms_settings, daytime):
    sms_settings.NOTIFICATIONS_CHANNEL = "email"
    sms_settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    sms_settings.EMAIL_HOST = "127.0.0.1"
    sms_settings.EMAIL_HOST_USER = ""
    sms_settings.EMAIL_HOST_PASSWORD = ""
    sms_settings.EMAIL_USE_TLS = False
    sms_settings.EMAIL_TIMEOUT = 0.5
    sms_settings.DEFAULT_FROM_EMAIL = "sashakt@prd.up.gov.in"
    return sms_settings


@pytest.fixture
def smtp(email_settings):
    with FakeSmtp() as server:
        email_settings.EMAIL_PORT = server.port
        yield server


def _mail(n: int = 1, **fields) -> Message:
    message = message_send(
        purpose_key=f"import-clash:test:{n}",
        to_email="do.kanpur@example.org",
        body=HINDI_BODY,
        subject="सशक्त: आयात में टकराव",
        **fields,
    )
    message.refresh_from_db()
    return message


def _retry_when_due(message: Message) -> Message:
    messages_send_due(now=message.next_attempt_at)
    message.refresh_from_db()
    return message


def test_a_hindi_message_arrives_at_the_mail_server_intact(smtp):
    message = _mail()

    assert message.channel == Channel.EMAIL and message.status == MessageStatus.SENT
    (received,) = smtp.received
    # Django folds a long encoded subject onto its own line; Python's parser keeps the fold's
    # space, which mail readers drop.
    assert received["Subject"].strip() == "सशक्त: आयात में टकराव"
    assert received.get_content().strip() == HINDI_BODY
    assert received.get_content_charset() == "utf-8"
    assert received["From"] == "sashakt@prd.up.gov.in"
    assert received["To"] == "do.kanpur@example.org"
    assert received["X-Sashakt-Message"] == str(message.pk)
    assert smtp.envelopes == [("sashakt@prd.up.gov.in", ["do.kanpur@example.org"])]


def test_an_event_for_someone_with_only_an_email_address_goes_by_email_under_sms(
    smtp, email_settings
):
    email_settings.NOTIFICATIONS_CHANNEL = "sms"
    message = event_message_send(
        event="certificate-ready",
        key="77",
        language="hi",
        values=VALUES,
        to_email="sunita@example.org",
    )
    message.refresh_from_db()

    assert message.channel == Channel.EMAIL and message.status == MessageStatus.SENT
    (received,) = smtp.received
    with translation.override("hi"):
        assert received["Subject"].strip() == str(EVENTS["certificate-ready"].label)
    assert received.get_content().strip() == (
        "आपका प्रशिक्षण प्रमाण-पत्र UP-2027-000123 तैयार है। जाँचें: https://sk.up.gov.in/c/9Q"
    )


def test_whatsapp_as_the_channel_also_sends_email_only_people_an_email(smtp, email_settings):
    email_settings.NOTIFICATIONS_CHANNEL = "whatsapp"
    message = event_message_send(
        event="certificate-ready", key="78", language="en", values=VALUES, to_email="a@example.org"
    )
    message.refresh_from_db()

    assert message.channel == Channel.EMAIL and message.status == MessageStatus.SENT
    assert smtp.received[0]["Subject"].strip() == "Certificate ready"


def test_a_temporary_refusal_is_retried_and_then_sent(smtp):
    smtp.data_answer = "451 4.3.0 Mail server busy, try again later"
    message = _mail()

    assert message.status == MessageStatus.QUEUED and message.attempts == 1
    assert message.last_error.startswith("SMTP 451") and not smtp.received

    smtp.data_answer = ""
    message = _retry_when_due(message)
    assert message.status == MessageStatus.SENT and message.attempts == 2
    assert len(smtp.received) == 1


def test_a_recipient_the_server_does_not_know_fails_at_once(smtp):
    smtp.rcpt_answer = "550 5.1.1 No such user here"
    message = _mail()

    assert message.status == MessageStatus.FAILED and message.attempts == 1
    assert "recipient refused" in message.last_error and "No such user" in message.last_error


def test_a_message_the_server_rejects_fails_at_once(smtp):
    smtp.data_answer = "554 5.7.1 Message rejected as spam"
    message = _mail()

    assert message.status == MessageStatus.FAILED and message.attempts == 1
    assert message.last_error.startswith("SMTP 554")


def test_a_mail_server_that_never_answers_is_retried_then_failed(email_settings):
    with SilentServer() as server:
        email_settings.EMAIL_PORT = server.port
        message = _mail()
        assert message.status == MessageStatus.QUEUED and message.attempts == 1
        assert "timed out" in message.last_error.lower()
        while message.status == MessageStatus.QUEUED:
            message = _retry_when_due(message)

    assert message.status == MessageStatus.FAILED and message.attempts == 3  # MAX_ATTEMPTS
    assert server.accepted == 3 and message.sent_at is None
