"""Meta's status webhook for WhatsApp template messages: the subscription check, the
signature, and statuses matched to the outbox by the wamid the Cloud API answered."""

import hashlib
import hmac
import json

import pytest
from django.test import Client
from django.urls import reverse

from sashakt.notifications.models import Message, MessageStatus
from sashakt.notifications.services import event_message_send
from sashakt.notifications.tests.fake_whatsapp import API_VERSION, FakeCloudApi

pytestmark = pytest.mark.django_db

URL = reverse("notifications:whatsapp_webhook")
APP_SECRET = "meta-app-secret"
VALUES = {"name": "सुनीता", "number": "UP-2027-1", "link": "https://sk.up.gov.in/c/1"}


@pytest.fixture
def webhook_settings(sms_settings, daytime):
    sms_settings.NOTIFICATIONS_CHANNEL = "whatsapp"
    sms_settings.WHATSAPP_API_VERSION = API_VERSION
    sms_settings.WHATSAPP_PHONE_NUMBER_ID = "1098765"
    sms_settings.WHATSAPP_ACCESS_TOKEN = "token"
    sms_settings.WHATSAPP_TEMPLATES = {"certificate-ready": "certificate_ready"}
    sms_settings.WHATSAPP_APP_SECRET = APP_SECRET
    sms_settings.WHATSAPP_WEBHOOK_VERIFY_TOKEN = "verify-me"
    return sms_settings


@pytest.fixture
def sent(webhook_settings) -> Message:
    """A certificate message sent through the Cloud API stand-in: its wamid is known."""
    with FakeCloudApi(phone_number_id="1098765", token="token") as api:
        webhook_settings.WHATSAPP_API_URL = api.url
        message = event_message_send(
            event="certificate-ready", key="9", language="hi", values=VALUES, to_mobile="9839012345"
        )
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT and message.provider_message_id.startswith("wamid")
    return message


def _body(*statuses: dict) -> bytes:
    return json.dumps(
        {
            "object": "whatsapp_business_account",
            "entry": [
                {
                    "id": "WABA-1",
                    "changes": [
                        {
                            "field": "messages",
                            "value": {
                                "messaging_product": "whatsapp",
                                "metadata": {"phone_number_id": "1098765"},
                                "statuses": list(statuses),
                            },
                        }
                    ],
                }
            ],
        }
    ).encode()


def _status(wamid: str, status: str, timestamp: str = "1799999999") -> dict:
    return {"id": wamid, "status": status, "timestamp": timestamp, "recipient_id": "919839012345"}


def _post(body: bytes, secret: str = APP_SECRET):
    signature = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return Client().post(
        URL, body, content_type="application/json", HTTP_X_HUB_SIGNATURE_256=signature
    )


def test_meta_subscription_check_echoes_the_challenge_only_for_our_token(webhook_settings):
    good = Client().get(
        URL, {"hub.mode": "subscribe", "hub.verify_token": "verify-me", "hub.challenge": "1158"}
    )
    bad = Client().get(
        URL, {"hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "1158"}
    )

    assert good.status_code == 200 and good.content == b"1158"
    assert bad.status_code == 403


def test_delivered_then_read_record_delivery_once(sent):
    first = _post(_body(_status(sent.provider_message_id, "delivered")))
    again = _post(_body(_status(sent.provider_message_id, "read", "1800000100")))

    assert first.json() == {"ok": True, "recorded": 1, "unchanged": 0, "unknown": 0, "ignored": 0}
    assert again.json()["unchanged"] == 1
    sent.refresh_from_db()
    assert sent.delivery_status == "delivered"
    assert int(sent.delivered_at.timestamp()) == 1799999999  # the first report's time


def test_a_failed_status_records_not_delivered_and_sent_changes_nothing(sent):
    response = _post(
        _body(
            _status(sent.provider_message_id, "sent"),
            {**_status(sent.provider_message_id, "failed"), "errors": [{"code": 131026}]},
        )
    )

    assert response.json()["recorded"] == 1 and response.json()["ignored"] == 1
    sent.refresh_from_db()
    assert sent.delivery_status == "failed"


def test_an_unknown_wamid_is_counted_and_skipped_never_created(sent):
    response = _post(_body(_status("wamid.NOT-OURS", "delivered")))

    assert response.status_code == 200 and response.json()["unknown"] == 1
    assert Message.objects.count() == 1 and Message.objects.get().delivery_status == ""


def test_a_bad_signature_or_body_is_refused(sent):
    body = _body(_status(sent.provider_message_id, "delivered"))

    assert _post(body, secret="not-the-secret").status_code == 403
    assert _post(b"<xml/>").status_code == 400
    sent.refresh_from_db()
    assert sent.delivery_status == ""


def test_without_an_app_secret_the_webhook_is_not_there(webhook_settings):
    webhook_settings.WHATSAPP_APP_SECRET = ""

    assert _post(_body(), secret="").status_code == 404
    assert Client().get(URL, {"hub.mode": "subscribe"}).status_code == 404
