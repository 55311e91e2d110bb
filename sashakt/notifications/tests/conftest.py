import pytest

from sashakt.notifications.tests.fake_gateway import FakeGateway


@pytest.fixture
def sms_settings(settings):
    """SMS as the default channel, short waits, jobs run inside the test."""
    settings.NOTIFICATIONS_CHANNEL = "sms"
    settings.SMS_SENDER_ID = "UPPRDS"
    settings.SMS_DLT_TEMPLATE_ID = "1107170000000000001"
    settings.SMS_GATEWAY_KEY = "test-key"
    settings.SMS_TIMEOUT_SECONDS = 0.5
    settings.NOTIFICATIONS_RETRY_SECONDS = 30
    settings.NOTIFICATIONS_RETRY_WAIT_MAX_SECONDS = 0  # retries are driven by the test
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
    settings.NOTIFICATIONS_RETRY_JITTER_PERCENT = 0  # exact waits (test_channel_faults: with)
    settings.JOBS_BACKEND = "immediate"
    return settings


@pytest.fixture
def gateway_factory(sms_settings):
    started = []

    def start(answers):
        gateway = FakeGateway(answers).__enter__()
        started.append(gateway)
        sms_settings.SMS_GATEWAY_URL = gateway.url
        return gateway

    yield start
    for gateway in started:
        gateway.__exit__(None, None, None)


@pytest.fixture
def clock(monkeypatch):
    """Pins Django's clock: `clock("2027-01-05 22:30")` is that moment in India."""
    import datetime

    from django.utils import timezone

    from sashakt.notifications.services import INDIA

    def set_to(text: str) -> datetime.datetime:
        moment = datetime.datetime.fromisoformat(text).replace(tzinfo=INDIA)
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return set_to


@pytest.fixture
def daytime(clock):
    """Tests of sending that must not meet the quiet hours whenever they run."""
    return clock("2027-01-05 12:00")
