"""Gateways that misbehave, for every HTTP channel (the SMS gateway and the WhatsApp Cloud
API): 429 with and without Retry-After, 5xx, garbage, a server that accepts and never
answers, one that refuses connections. Each is retried with a growing, jittered wait up to
NOTIFICATIONS_MAX_ATTEMPTS, then recorded failed with the reason; web requests only queue."""

import ast
import datetime
import socket
from pathlib import Path
from typing import TypeAlias

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from sashakt.notifications.channels import RETRY_WAIT_MAX, retry_after_seconds
from sashakt.notifications.models import Message, MessageStatus
from sashakt.notifications.services import (
    event_message_send,
    message_send,
    messages_send_due,
)
from sashakt.notifications.tests.fake_gateway import Answer, FakeGateway
from sashakt.notifications.tests.fake_whatsapp import API_VERSION, FakeCloudApi, Fault
from sashakt.notifications.tests.silent_server import SilentServer

pytestmark = pytest.mark.django_db

CHANNELS = ["sms", "whatsapp"]
SEAT = {
    "name": "सुनीता देवी",
    "programme": "ग्राम पंचायत विकास योजना",
    "batch": "IITK-2027-014",
    "start": "12/01/2027",
    "end": "16/01/2027",
    "venue": "आईआईटी कानपुर",
    "answer_by": "05/01/2027",
    "link": "https://sk.up.gov.in/a/Ab3x9Q",
    "phone": "0512-2590000",
}


@pytest.fixture
def channel_settings(sms_settings, daytime):
    sms_settings.WHATSAPP_API_VERSION = API_VERSION
    sms_settings.WHATSAPP_PHONE_NUMBER_ID = "1098765"
    sms_settings.WHATSAPP_ACCESS_TOKEN = "token"
    sms_settings.WHATSAPP_TIMEOUT_SECONDS = 0.5
    sms_settings.WHATSAPP_TEMPLATES = {"seat-offered": "seat_offer_v2"}
    return sms_settings


# A provider's answer: (status, body, headers).
Reply: TypeAlias = tuple[int, dict | str, dict[str, str]]


class Provider:
    """One channel's fake provider: `faults` first, one per request, then success."""

    server: FakeGateway | FakeCloudApi

    def __init__(self, channel: str, settings, faults: list[Reply]):
        self.channel = channel
        settings.NOTIFICATIONS_CHANNEL = channel
        if channel == "sms":
            answers = [Answer(status, body, headers=headers) for status, body, headers in faults]
            self.server = FakeGateway([*answers, Answer(200, {"message_id": "gw-ok"})])
            settings.SMS_GATEWAY_URL = self.server.url
        else:
            script = [Fault(status, body, headers) for status, body, headers in faults]
            self.server = FakeCloudApi(phone_number_id="1098765", token="token", script=script)
            settings.WHATSAPP_API_URL = self.server.url
        self.server.__enter__()

    @property
    def requests(self) -> int:
        return len(self.server.received)

    def close(self) -> None:
        self.server.__exit__(None, None, None)


@pytest.fixture
def provider(channel_settings):
    started: list[Provider] = []

    def start(channel: str, *faults: Reply) -> Provider:
        started.append(Provider(channel, channel_settings, list(faults)))
        return started[-1]

    yield start
    for each in started:
        each.close()


def _queue(channel: str, n: int = 1) -> Message:
    """A message through `channel`, tried once at once (the job runs inside the test)."""
    if channel == "sms":
        message = message_send(
            purpose_key=f"otp:login:7:{n}", to_mobile="9839012345", body="सशक्त: कोड 482913"
        )
    else:
        message = event_message_send(
            event="seat-offered", key=str(n), language="hi", values=SEAT, to_mobile="9839012345"
        )
    message.refresh_from_db()
    return message


def _wait_of(message: Message) -> float:
    assert message.last_attempt_at is not None
    return (message.next_attempt_at - message.last_attempt_at).total_seconds()


def _retry_when_due(message: Message) -> Message:
    messages_send_due(now=message.next_attempt_at)
    message.refresh_from_db()
    return message


@pytest.mark.parametrize("channel", CHANNELS)
def test_a_429_with_retry_after_waits_as_long_as_asked_then_sends(channel, provider):
    gateway = provider(channel, (429, "slow down", {"Retry-After": "120"}))
    message = _queue(channel)

    assert message.status == MessageStatus.QUEUED and message.attempts == 1
    assert message.last_error.startswith("HTTP 429")
    assert _wait_of(message) == 120  # not the 30 s the count alone would give
    message = _retry_when_due(message)
    assert message.status == MessageStatus.SENT and gateway.requests == 2


@pytest.mark.parametrize("channel", CHANNELS)
def test_a_429_without_retry_after_waits_the_doubling_wait(channel, provider):
    provider(channel, (429, "", {}), (429, "", {}))
    message = _queue(channel)
    first = _wait_of(message)
    message = _retry_when_due(message)

    assert (first, _wait_of(message)) == (30, 60)


@pytest.mark.parametrize("channel", CHANNELS)
def test_a_retry_after_of_days_is_held_to_the_longest_wait(channel, provider):
    provider(channel, (503, "maintenance", {"Retry-After": str(9 * 24 * 3600)}))
    message = _queue(channel)

    assert message.status == MessageStatus.QUEUED
    assert _wait_of(message) == RETRY_WAIT_MAX.total_seconds()


@pytest.mark.parametrize("channel", CHANNELS)
def test_5xx_answers_are_retried_until_the_provider_recovers(channel, provider):
    gateway = provider(channel, (500, "", {}), (502, "<html>Bad gateway</html>", {}))
    message = _queue(channel)
    message = _retry_when_due(message)
    assert message.status == MessageStatus.QUEUED and message.last_error.startswith("HTTP 502")
    message = _retry_when_due(message)

    assert message.status == MessageStatus.SENT and message.attempts == 3
    assert gateway.requests == 3 and message.provider_message_id


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize(
    "garbage",
    ["<html><body>Service Unavailable</body></html>", '["not", "an", "answer"]', ""],
    ids=["html", "wrong-shape", "empty"],
)
def test_a_2xx_answer_that_is_garbage_is_retried(channel, garbage, provider):
    gateway = provider(channel, (200, garbage, {}))
    message = _queue(channel)

    assert message.status == MessageStatus.QUEUED and message.attempts == 1
    assert "answer" in message.last_error and message.provider_message_id == ""
    message = _retry_when_due(message)
    assert message.status == MessageStatus.SENT and gateway.requests == 2


def test_a_whatsapp_answer_without_a_message_id_is_retried(provider):
    provider("whatsapp", (200, {"messaging_product": "whatsapp", "contacts": []}, {}))
    message = _queue("whatsapp")

    assert message.status == MessageStatus.QUEUED
    assert "names no message" in message.last_error


@pytest.mark.parametrize("channel", CHANNELS)
def test_a_provider_that_accepts_and_never_answers_times_out_and_fails_at_the_end(
    channel, channel_settings
):
    channel_settings.NOTIFICATIONS_CHANNEL = channel
    with SilentServer() as server:
        url = f"http://127.0.0.1:{server.port}"
        channel_settings.SMS_GATEWAY_URL = f"{url}/v1/sms"
        channel_settings.WHATSAPP_API_URL = url
        message = _queue(channel)
        assert message.status == MessageStatus.QUEUED
        assert message.last_error == "timeout after 0.5 s"
        while message.status == MessageStatus.QUEUED:
            message = _retry_when_due(message)

    assert message.status == MessageStatus.FAILED and message.attempts == 3  # the limit
    assert message.last_error == "timeout after 0.5 s" and message.sent_at is None
    assert server.accepted == 3


@pytest.mark.parametrize("channel", CHANNELS)
def test_a_provider_that_refuses_connections_is_retried(channel, channel_settings):
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]  # closed when the block ends: nobody listens there
    channel_settings.NOTIFICATIONS_CHANNEL = channel
    channel_settings.SMS_GATEWAY_URL = f"http://127.0.0.1:{port}/v1/sms"
    channel_settings.WHATSAPP_API_URL = f"http://127.0.0.1:{port}"
    message = _queue(channel)

    assert message.status == MessageStatus.QUEUED and "unreachable" in message.last_error


def test_waits_are_spread_by_jitter_so_a_failed_burst_does_not_return_at_once(
    provider, channel_settings
):
    channel_settings.NOTIFICATIONS_RETRY_JITTER_PERCENT = 50
    provider("sms", *[(503, "", {})] * 20)
    waits = [_wait_of(_queue("sms", n)) for n in range(20)]

    assert all(30 <= wait <= 45 for wait in waits)  # base 30 s, up to 50 % more
    assert len(set(waits)) > 1


def test_jitter_never_cuts_a_wait_below_retry_after(provider, channel_settings):
    channel_settings.NOTIFICATIONS_RETRY_JITTER_PERCENT = 50
    provider("sms", *[(429, "", {"Retry-After": "300"})] * 5)
    waits = [_wait_of(_queue("sms", n)) for n in range(5)]

    assert all(wait == 300 for wait in waits)  # 300 is above 30 s + 50 %


def test_retry_after_is_read_as_seconds_or_as_an_http_date():
    now = datetime.datetime(2027, 1, 5, 6, 30, tzinfo=datetime.UTC)
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds("Tue, 05 Jan 2027 06:32:00 GMT", now=now) == 120
    assert retry_after_seconds("Tue, 05 Jan 2027 06:00:00 GMT", now=now) == 0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_a_web_request_only_queues_even_when_the_gateway_hangs(
    personas, channel_settings, django_capture_on_commit_callbacks
):
    """The sign-in code page writes the outbox row and hands the sending to a job after
    commit: the request never waits for the gateway."""
    channel_settings.NOTIFICATIONS_CHANNEL = "sms"
    channel_settings.JOBS_BACKEND = "inprocess"
    with SilentServer() as server:
        channel_settings.SMS_GATEWAY_URL = f"http://127.0.0.1:{server.port}/v1/sms"
        with django_capture_on_commit_callbacks(execute=False) as after_commit:
            response = Client().post(
                reverse("accounts:code_request"), {"mobile": "9415000002"}, REMOTE_ADDR="10.9.9.9"
            )
        assert server.accepted == 0

    assert response.status_code == 302
    message = Message.objects.get()
    assert message.status == MessageStatus.QUEUED and message.attempts == 0
    assert len(after_commit) >= 1  # the job's dispatch, run once the request has committed


SENDING = {
    "SENDERS",
    "sms_send",
    "sms_send_batch",
    "email_send",
    "whatsapp_send",
    "console_send",
    "message_deliver",
    "messages_send_due",
    "job_run",
}


def test_no_view_or_api_module_sends_itself():
    """Web code may queue (`message_send`, `job_enqueue`) but never call a channel or the
    sender: those run in jobs and workers."""
    root = Path(django_settings.BASE_DIR) / "sashakt"
    web_modules = [
        path
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and (
            path.name.endswith(("views.py", "urls.py"))
            or "views" in path.parts
            or "api" in path.parts
        )
    ]
    assert len(web_modules) > 10
    offenders = []
    for path in web_modules:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                names = {alias.name for alias in node.names}
                if names & SENDING:
                    offenders.append(f"{path.relative_to(root)}: {sorted(names & SENDING)}")
    assert offenders == []
