"""The SMS gateway's delivery reports: signed, idempotent, never backwards, never inventing
a message; and the numbers whose messages keep failing."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from sashakt.notifications.channels import callback_signature
from sashakt.notifications.models import Channel, DeliveryStatus, Message, MessageStatus
from sashakt.notifications.selectors import failing_numbers

URL = reverse("notifications:delivery_report")
SECRET = "a-shared-secret-of-the-gateway"


@pytest.fixture
def secret(settings):
    settings.SMS_CALLBACK_SECRET = SECRET
    return SECRET


def _message(provider_id="gw-1", recipient="9839012345", **fields) -> Message:
    fields.setdefault("status", MessageStatus.SENT)
    return Message.objects.create(
        channel=Channel.SMS,
        recipient=recipient,
        purpose_key=f"seat-offered:{provider_id}:{recipient}:{Message.objects.count()}",
        body="x",
        provider_message_id=provider_id,
        **fields,
    )


def _post(client, report, *, secret=SECRET, signature=None, raw=None):
    body = raw if raw is not None else json.dumps(report).encode()
    if signature is None:
        signature = callback_signature(body, secret)
    return client.post(
        URL, data=body, content_type="application/json", HTTP_X_SASHAKT_SIGNATURE=signature
    )


@pytest.mark.django_db
def test_a_signed_report_records_the_delivery_and_its_time(client, secret):
    message = _message()
    response = _post(
        client, {"message_id": "gw-1", "status": "delivered", "time": "2027-01-05T10:15:00+05:30"}
    )
    assert response.status_code == 200 and response.json() == {"ok": True, "changed": True}
    message.refresh_from_db()
    assert message.delivery_status == DeliveryStatus.DELIVERED
    assert message.delivered_at == datetime.datetime(2027, 1, 5, 4, 45, tzinfo=datetime.UTC)


@pytest.mark.django_db
def test_a_time_without_a_zone_is_indian_and_a_missing_one_is_now(client, secret):
    first, second = _message("gw-1"), _message("gw-2")
    assert _post(client, {"message_id": "gw-1", "status": "failed", "time": "2027-01-05 10:15"})
    first.refresh_from_db()
    assert first.delivered_at == datetime.datetime(2027, 1, 5, 4, 45, tzinfo=datetime.UTC)
    before = timezone.now()
    assert _post(client, {"message_id": "gw-2", "status": "expired"}).status_code == 200
    second.refresh_from_db()
    assert second.delivery_status == "expired" and second.delivered_at >= before


@pytest.mark.django_db
def test_a_repeated_report_answers_200_and_changes_nothing(client, secret):
    message = _message()
    report = {"message_id": "gw-1", "status": "delivered", "time": "2027-01-05T10:15:00+05:30"}
    assert _post(client, report).json()["changed"] is True
    again = dict(report, time="2027-01-05T11:00:00+05:30")
    response = _post(client, again)
    assert response.status_code == 200 and response.json() == {"ok": True, "changed": False}
    message.refresh_from_db()
    assert message.delivered_at == datetime.datetime(2027, 1, 5, 4, 45, tzinfo=datetime.UTC)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("first", "then", "kept"),
    [
        ("delivered", "failed", "delivered"),  # a late failure never undoes a delivery
        ("delivered", "expired", "delivered"),
        ("failed", "expired", "failed"),  # both final: the first stands
        ("expired", "failed", "expired"),
        ("failed", "delivered", "delivered"),  # the operator's own retry got through
        ("expired", "delivered", "delivered"),
    ],
)
def test_a_report_never_moves_a_message_backwards(client, secret, first, then, kept):
    message = _message()
    assert _post(client, {"message_id": "gw-1", "status": first}).status_code == 200
    assert _post(client, {"message_id": "gw-1", "status": then}).status_code == 200
    message.refresh_from_db()
    assert message.delivery_status == kept


@pytest.mark.django_db
def test_an_unknown_message_id_is_refused_and_creates_nothing(client, secret):
    _message("gw-1")
    response = _post(client, {"message_id": "gw-404", "status": "delivered"})
    assert response.status_code == 404 and response.json() == {"error": "unknown message_id"}
    assert Message.objects.count() == 1
    assert Message.objects.get().delivery_status == ""
    # A message never accepted by the gateway has no provider id: "" matches nothing.
    _message("")
    assert _post(client, {"message_id": " ", "status": "delivered"}).status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize(
    "signature",
    [
        "",
        "sha256=" + "0" * 64,
        callback_signature(b'{"message_id": "gw-1", "status": "failed"}', SECRET),  # another body
        callback_signature(b'{"message_id": "gw-1", "status": "delivered"}', "wrong-secret"),
        "sha1=abc",
    ],
)
def test_a_bad_signature_is_refused(client, secret, signature):
    message = _message()
    response = _post(client, {"message_id": "gw-1", "status": "delivered"}, signature=signature)
    assert response.status_code == 403 and response.json() == {"error": "bad signature"}
    message.refresh_from_db()
    assert message.delivery_status == ""


@pytest.mark.django_db
def test_the_signature_covers_the_raw_body_byte_for_byte(client, secret):
    message = _message()
    raw = b'{"status":"delivered",  "message_id":"gw-1"}'
    assert _post(client, None, raw=raw).status_code == 200
    message.refresh_from_db()
    assert message.delivery_status == "delivered"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "raw",
    [
        b"not json",
        b"[1, 2]",
        b'{"status": "delivered"}',
        b'{"message_id": "gw-1", "status": "read"}',
        b'{"message_id": "gw-1", "status": "delivered", "time": "yesterday"}',
        b'{"message_id": "gw-1", "status": "delivered", "time": 5}',
    ],
)
def test_a_body_it_cannot_read_is_refused_with_400(client, secret, raw):
    _message()
    response = _post(client, None, raw=raw)
    assert response.status_code == 400 and "error" in response.json()
    assert Message.objects.get().delivery_status == ""


@pytest.mark.django_db
def test_without_a_secret_the_endpoint_does_not_exist(client, settings):
    settings.SMS_CALLBACK_SECRET = ""
    _message()
    response = _post(client, {"message_id": "gw-1", "status": "delivered"}, secret="")
    assert response.status_code == 404
    assert Message.objects.get().delivery_status == ""


@pytest.mark.django_db
def test_only_post_and_no_csrf_token_needed(client, secret):
    from django.test import Client

    _message()
    strict = Client(enforce_csrf_checks=True)
    assert _post(strict, {"message_id": "gw-1", "status": "delivered"}).status_code == 200
    assert client.get(URL).status_code == 405


def test_only_the_delivery_endpoints_are_csrf_exempt():
    # Machine callbacks, each authenticated by an HMAC signature instead: the SMS gateway's
    # and Meta's WhatsApp webhook.
    from django.urls import get_resolver

    exempt = []
    for pattern in get_resolver().url_patterns:
        if getattr(pattern, "namespace", None) == "notifications":
            exempt += [
                p.name for p in pattern.url_patterns if getattr(p.callback, "csrf_exempt", False)
            ]
    assert exempt == ["delivery_report", "whatsapp_webhook"]


@pytest.mark.django_db
def test_the_outbox_shows_the_delivery_report(personas, client, secret):
    message = _message()
    _post(client, {"message_id": "gw-1", "status": "expired"})
    client.force_login(personas.state)
    page = client.get(message.get_absolute_url()).content.decode()
    assert 'data-testid="delivery"' in page


@pytest.mark.django_db
def test_failing_numbers_are_those_whose_last_messages_all_failed():
    days = iter(range(1, 100))

    def sent(recipient, *, status=MessageStatus.SENT, delivery=""):
        message = _message(
            f"gw-{next(days)}", recipient=recipient, status=status, delivery_status=delivery
        )
        # created_at is auto_now_add: spread the rows in time, oldest first.
        Message.objects.filter(pk=message.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=100 - message.pk)
        )

    # 9800000001: delivered once, then three failures (outbox gave up, failed, expired).
    sent("9800000001", delivery="delivered")
    sent("9800000001", status=MessageStatus.FAILED)
    sent("9800000001", delivery="failed")
    sent("9800000001", delivery="expired")
    # 9800000002: two failures, then a delivery: it reaches the phone again.
    sent("9800000002", delivery="failed")
    sent("9800000002", delivery="failed")
    sent("9800000002", delivery="failed")
    sent("9800000002", delivery="delivered")
    # 9800000003: only two failures so far, and one still on its way (no report).
    sent("9800000003", delivery="failed")
    sent("9800000003", delivery="failed")
    sent("9800000003")
    sent("9800000003", status=MessageStatus.QUEUED)

    assert failing_numbers() == {"9800000001"}
    assert failing_numbers(last=2) == {"9800000001", "9800000003"}
    assert failing_numbers(mobiles=["9800000003"], last=2) == {"9800000003"}
    assert failing_numbers(mobiles=[]) == set()
