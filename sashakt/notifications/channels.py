"""How a message leaves the building: one function per channel, each answering an Outcome.

An outcome is SENT (with the provider's answer), RETRY (a temporary failure: the gateway
was down, slow or overloaded) or FAILED (the provider refused this message; sending it
again would be refused again).
"""

import hashlib
import hmac
import json
import logging
import smtplib
import urllib.error
import urllib.request
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.core.mail import EmailMessage

from sashakt.notifications.models import Message

logger = logging.getLogger("sashakt.notifications")


class Result(StrEnum):
    SENT = "sent"
    RETRY = "retry"
    FAILED = "failed"


@dataclass(frozen=True)
class Outcome:
    result: Result
    answer: str = ""
    provider_message_id: str = ""
    error: str = ""


# HTTP answers that mean "try again later" although they are not 5xx.
_RETRY_STATUSES = {408, 425, 429}


def sms_send(message: Message) -> Outcome:
    """POST the message to the configured SMS gateway (a JSON body, the key as a bearer token).

    The fields follow what Indian gateways ask for under TRAI's DLT rules: the registered
    sender id (header) and the registered template id with the text that matches it.
    `reference` is the outbox row's id, so a gateway that de-duplicates on it does not send
    a retried message twice after a timeout.
    """
    if not settings.SMS_GATEWAY_URL:
        return Outcome(Result.FAILED, error="SMS_GATEWAY_URL is not set")
    answer, failure = _gateway_post(_sms_payload(message))
    if failure is not None:
        return failure
    return Outcome(Result.SENT, answer=answer, provider_message_id=_message_id(answer))


def sms_batch_size() -> int:
    """How many messages go in one request: SMS_GATEWAY_BATCH_SIZE (1, one by one, when the
    gateway takes one message per request)."""
    return max(settings.SMS_GATEWAY_BATCH_SIZE, 1)


def sms_send_batch(messages: list[Message]) -> list[Outcome]:
    """POST several messages in one request, for gateways that take a JSON list: the same
    objects as `sms_send`'s, one per message. The answer is a JSON list (or an object whose
    "messages" is one) naming each accepted message by its `reference`, with the gateway's
    id for it; an item with an "error", or a status "rejected"/"failed", is refused.

    A message the answer does not name, and every message of a request answered 429 or 5xx,
    with garbage, or not in time, is to be retried (the gateway de-duplicates on
    `reference`). A 4xx refusing the whole request (one bad item) sends the messages one by
    one, so only the bad one fails.
    """
    if not settings.SMS_GATEWAY_URL:
        return [Outcome(Result.FAILED, error="SMS_GATEWAY_URL is not set")] * len(messages)
    answer, failure = _gateway_post(
        [_sms_payload(message) for message in messages],
        # Room for a long answer about each message: a cut one would read as garbage.
        read_max=PROVIDER_READ_MAX + 4096 * len(messages),
    )
    if failure is not None:
        if failure.result == Result.FAILED and len(messages) > 1:
            return [sms_send(message) for message in messages]
        return [failure] * len(messages)
    items = _batch_items(answer)
    if items is None:
        error = f"the gateway's answer is not a list of messages: {answer[:200]!r}"
        return [Outcome(Result.RETRY, answer=answer, error=error)] * len(messages)
    outcomes = []
    for message in messages:
        item = items.get(str(message.pk))
        if item is None:
            outcomes.append(
                Outcome(Result.RETRY, error="the gateway's answer did not name this message")
            )
            continue
        text = json.dumps(item, ensure_ascii=False)
        status = str(item.get("status", "")).lower()
        if item.get("error") or status in {"rejected", "failed", "error"}:
            error = str(item.get("error") or status)
            outcomes.append(Outcome(Result.FAILED, answer=text, error=f"refused: {error[:200]}"))
        else:
            outcomes.append(
                Outcome(Result.SENT, answer=text, provider_message_id=_item_message_id(item))
            )
    return outcomes


def _sms_payload(message: Message) -> dict[str, object]:
    return {
        "sender": message.sender_id or settings.SMS_SENDER_ID,
        "dlt_template_id": message.dlt_template_id or settings.SMS_DLT_TEMPLATE_ID,
        "to": f"91{message.recipient}",
        "text": message.body,
        "reference": str(message.pk),
    }


def _gateway_post(payload: object, *, read_max: int | None = None) -> tuple[str, Outcome | None]:
    """POST `payload` as JSON: (the answer, None) on 2xx, else ("", the outcome to record)."""
    request = urllib.request.Request(
        settings.SMS_GATEWAY_URL,
        data=json.dumps(payload, ensure_ascii=False).encode(),
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "Accept": "application/json",
            "Authorization": f"Bearer {settings.SMS_GATEWAY_KEY}",
        },
    )
    timeout = settings.SMS_TIMEOUT_SECONDS
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            answer = response.read(read_max or PROVIDER_READ_MAX)
            return answer.decode("utf-8", "replace"), None
    except urllib.error.HTTPError as error:
        answer = _read_quietly(error)
        result = (
            Result.RETRY if error.code >= 500 or error.code in _RETRY_STATUSES else Result.FAILED
        )
        return "", Outcome(result, answer=answer, error=f"HTTP {error.code}: {answer[:200]}")
    except TimeoutError:
        return "", Outcome(Result.RETRY, error=f"timeout after {timeout} s")
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            return "", Outcome(Result.RETRY, error=f"timeout after {timeout} s")
        return "", Outcome(Result.RETRY, error=f"gateway unreachable: {error.reason}")
    except OSError as error:  # connection reset while reading, and the like
        return "", Outcome(Result.RETRY, error=f"gateway connection failed: {error}")


def _batch_items(answer: str) -> dict[str, dict[str, object]] | None:
    """The answer's items by reference, or None if it is not a list of objects."""
    try:
        data = json.loads(answer)
    except ValueError:
        return None
    if isinstance(data, dict):
        data = data.get("messages")
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        return None
    return {str(item.get("reference")): item for item in data if item.get("reference")}


PROVIDER_READ_MAX = 64 * 1024


def _read_quietly(error: urllib.error.HTTPError) -> str:
    try:
        return error.read(PROVIDER_READ_MAX).decode("utf-8", "replace")
    except OSError:
        return ""


def _message_id(answer: str) -> str:
    """The provider's id for the message, if its answer is JSON that names one."""
    try:
        data = json.loads(answer)
    except ValueError:
        return ""
    if not isinstance(data, dict):
        return ""
    return _item_message_id(data)


def _item_message_id(data: dict[str, object]) -> str:
    for key in ("message_id", "messageId", "id", "request_id", "requestId"):
        if data.get(key) not in (None, ""):
            return str(data[key])[:100]
    return ""


def email_send(message: Message) -> Outcome:
    """Through Django's e-mail backend (SMTP in production, locmem in tests)."""
    email = EmailMessage(
        subject=message.subject or settings.NOTIFICATIONS_EMAIL_SUBJECT,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient],
        headers={"X-Sashakt-Message": str(message.pk)},
    )
    try:
        email.send(fail_silently=False)
    except smtplib.SMTPRecipientsRefused as error:
        return Outcome(Result.FAILED, error=f"recipient refused: {error.recipients}")
    except (smtplib.SMTPException, OSError) as error:
        return Outcome(Result.RETRY, error=f"{type(error).__name__}: {error}")
    return Outcome(Result.SENT, answer="accepted by the e-mail server")


def console_send(message: Message) -> Outcome:
    """The embedded default: write the message to the server log (and keep it in the outbox)."""
    logger.info(
        "message %s to %s (%s): %s",
        message.pk,
        mask_recipient(message.recipient),
        message.purpose_key,
        message.body,
    )
    return Outcome(Result.SENT, answer="written to the server log")


def mask_recipient(recipient: str) -> str:
    """9839012345 -> 98******45; ram@example.org -> r**@example.org."""
    if "@" in recipient:
        local, _, domain = recipient.partition("@")
        return f"{local[:1]}{'*' * max(len(local) - 1, 2)}@{domain}"
    if len(recipient) <= 4:
        return "*" * len(recipient)
    return f"{recipient[:2]}{'*' * (len(recipient) - 4)}{recipient[-2:]}"


def callback_signature(body: bytes, secret: str) -> str:
    """The signature a delivery report carries in its X-Sashakt-Signature header:
    "sha256=" and the hex HMAC-SHA256 of the raw body under SMS_CALLBACK_SECRET."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def callback_signature_valid(body: bytes, header: str, secret: str) -> bool:
    # compare_digest: the time taken does not tell how much of a forged signature was right.
    return bool(secret) and hmac.compare_digest(
        callback_signature(body, secret).encode(), (header or "").strip().encode()
    )


SENDERS = {"sms": sms_send, "email": email_send, "console": console_send}
