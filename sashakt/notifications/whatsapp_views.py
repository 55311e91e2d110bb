"""WhatsApp Cloud API status webhook: Meta tells us what became of each template message.

    GET  /notifications/whatsapp/  Meta's subscription check (hub.verify_token)
    POST /notifications/whatsapp/  status updates, signed X-Hub-Signature-256 with the app secret

A status names the message by the id the Cloud API answered our send with (the `wamid`
kept as `provider_message_id`). "delivered" and "read" record delivered, "failed" records
not delivered; "sent" changes nothing (the outbox already says sent). Unlike the SMS
callback, an unknown id is counted and skipped, not refused: one POST carries many statuses,
the business number may also be used by other systems, and Meta retries (and in the end
disables) a webhook that answers anything but 200.
"""

import datetime
import json
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from sashakt.notifications.channels import callback_signature_valid
from sashakt.notifications.models import DeliveryStatus
from sashakt.notifications.services import UnknownMessage, delivery_report_record

WHATSAPP_STATUSES = {
    "delivered": DeliveryStatus.DELIVERED,
    "read": DeliveryStatus.DELIVERED,
    "failed": DeliveryStatus.FAILED,
}


@csrf_exempt  # Meta's callback, authenticated by its HMAC signature instead
@require_http_methods(["GET", "POST"])
def whatsapp_webhook(request: HttpRequest) -> HttpResponse:
    if not (settings.WHATSAPP_APP_SECRET and settings.WHATSAPP_WEBHOOK_VERIFY_TOKEN):
        return JsonResponse({"error": "the WhatsApp webhook is not enabled"}, status=404)
    if request.method == "GET":
        return _verify_subscription(request)
    if not callback_signature_valid(
        request.body,
        request.headers.get("X-Hub-Signature-256", ""),
        settings.WHATSAPP_APP_SECRET,
    ):
        return JsonResponse({"error": "bad signature"}, status=403)
    try:
        payload = json.loads(request.body)
    except ValueError:
        return JsonResponse({"error": "the body is not JSON"}, status=400)
    counts = {"recorded": 0, "unchanged": 0, "unknown": 0, "ignored": 0}
    for status in _statuses(payload):
        delivery = WHATSAPP_STATUSES.get(str(status.get("status")))
        message_id = str(status.get("id") or "")
        if delivery is None or not message_id:
            counts["ignored"] += 1
            continue
        try:
            _matched, changed = delivery_report_record(
                provider_message_id=message_id, status=delivery, at=_status_time(status)
            )
        except UnknownMessage:
            counts["unknown"] += 1
            continue
        counts["recorded" if changed else "unchanged"] += 1
    return JsonResponse({"ok": True, **counts})


def _verify_subscription(request: HttpRequest) -> HttpResponse:
    """Meta's check when the webhook is configured: echo hub.challenge if the token is ours."""
    if request.GET.get("hub.mode") == "subscribe" and request.GET.get("hub.verify_token") == str(
        settings.WHATSAPP_WEBHOOK_VERIFY_TOKEN
    ):
        return HttpResponse(request.GET.get("hub.challenge", ""), content_type="text/plain")
    return JsonResponse({"error": "verification failed"}, status=403)


def _statuses(payload: object) -> list[dict[str, Any]]:
    """entry[].changes[].value.statuses[] of a webhook body; anything else is skipped."""
    found: list[dict[str, Any]] = []
    if not isinstance(payload, dict):
        return found
    for entry in _list(payload.get("entry")):
        for change in _list(entry.get("changes") if isinstance(entry, dict) else None):
            value = change.get("value") if isinstance(change, dict) else None
            if isinstance(value, dict):
                found.extend(
                    item for item in _list(value.get("statuses")) if isinstance(item, dict)
                )
    return found


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _status_time(status: dict[str, Any]) -> datetime.datetime | None:
    try:
        return datetime.datetime.fromtimestamp(int(status["timestamp"]), tz=datetime.UTC)
    except (KeyError, TypeError, ValueError, OverflowError, OSError):
        return None
