"""How a message leaves the building: one function per channel, each answering an Outcome.

An outcome is SENT (with the provider's answer), RETRY (a temporary failure: the gateway
was down, slow, overloaded or answered garbage) or FAILED (the provider refused this
message; sending it again would be refused again). A RETRY may carry the wait the provider
asked for (HTTP Retry-After); `retry_wait` turns it and the attempt count into the wait.

Channels: the SMS gateway (JSON over HTTP, DLT fields), e-mail (Django's SMTP backend),
WhatsApp Business Cloud API template messages, and the console (the embedded default).
Every channel runs in a job or worker, never in a web request: `message_send` only queues.
"""

import datetime
import email.utils
import hashlib
import hmac
import json
import logging
import random
import smtplib
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.core.mail import EmailMessage

from sashakt.notifications.events import EVENTS
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
    # Seconds the provider asked us to wait (Retry-After), if it said.
    retry_after: float | None = None


# The longest wait between two attempts, whatever the count or the provider asks.
RETRY_WAIT_MAX = datetime.timedelta(hours=6)


def retry_wait(base: datetime.timedelta, outcome: Outcome) -> datetime.timedelta:
    """The wait before the next attempt: the doubling `base` stretched by a random part of
    up to NOTIFICATIONS_RETRY_JITTER_PERCENT, so that messages failed together by one outage
    do not all come back in the same second; never shorter than the provider's Retry-After
    and never longer than RETRY_WAIT_MAX."""
    jitter = random.uniform(0, max(settings.NOTIFICATIONS_RETRY_JITTER_PERCENT, 0) / 100)
    wait = base * (1 + jitter)
    if outcome.retry_after is not None:
        wait = max(wait, datetime.timedelta(seconds=outcome.retry_after))
    return min(wait, RETRY_WAIT_MAX)


def retry_after_seconds(
    header: str | None, *, now: datetime.datetime | None = None
) -> float | None:
    """An HTTP Retry-After value in seconds: "120" or an HTTP date; None if absent or unreadable."""
    if not header:
        return None
    header = header.strip()
    if header.isdigit():
        return float(header)
    try:
        moment = email.utils.parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    now = now or datetime.datetime.now(datetime.UTC)
    return max((moment - now).total_seconds(), 0.0)


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
    if not isinstance(_json_or_none(answer), dict):
        # Not the gateway speaking (a proxy's error page, a cut answer): whether it took the
        # message is unknown, so it is sent again; the gateway de-duplicates on `reference`.
        error = f"the gateway's answer is not a JSON object: {answer[:200]!r}"
        return Outcome(Result.RETRY, answer=answer, error=error)
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
    """POST `payload` to the SMS gateway (see `_post_json`)."""
    return _post_json(
        settings.SMS_GATEWAY_URL,
        payload,
        token=settings.SMS_GATEWAY_KEY,
        timeout=settings.SMS_TIMEOUT_SECONDS,
        read_max=read_max,
    )


def _post_json(
    url: str,
    payload: object,
    *,
    token: str,
    timeout: float,
    read_max: int | None = None,
    retry_statuses: frozenset[int] = frozenset(),
) -> tuple[str, Outcome | None]:
    """POST `payload` as JSON with a bearer token: (the answer, None) on 2xx, else ("", the
    outcome to record). 5xx, 408/425/429 (and `retry_statuses`), timeouts (to connect or to
    read: `timeout` bounds each) and broken connections are RETRY, with the Retry-After the
    answer carried; any other 4xx is FAILED."""
    request = urllib.request.Request(
        url,
        data=json.dumps(payload, ensure_ascii=False).encode(),
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "Accept": "application/json",
            "Authorization": f"Bearer {token}",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            answer = response.read(read_max or PROVIDER_READ_MAX)
            return answer.decode("utf-8", "replace"), None
    except urllib.error.HTTPError as error:
        answer = _read_quietly(error)
        temporary = (
            error.code >= 500 or error.code in _RETRY_STATUSES or error.code in retry_statuses
        )
        return "", Outcome(
            Result.RETRY if temporary else Result.FAILED,
            answer=answer,
            error=f"HTTP {error.code}: {answer[:200]}",
            retry_after=retry_after_seconds(error.headers.get("Retry-After"))
            if temporary
            else None,
        )
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


def _json_or_none(answer: str) -> object:
    try:
        return json.loads(answer)
    except ValueError:
        return None


def _message_id(answer: str) -> str:
    """The provider's id for the message, if its answer is JSON that names one."""
    data = _json_or_none(answer)
    if not isinstance(data, dict):
        return ""
    return _item_message_id(data)


def _item_message_id(data: dict[str, object]) -> str:
    for key in ("message_id", "messageId", "id", "request_id", "requestId"):
        if data.get(key) not in (None, ""):
            return str(data[key])[:100]
    return ""


def email_send(message: Message) -> Outcome:
    """Through Django's e-mail backend: SMTP (EMAIL_HOST, EMAIL_PORT, ...) in production.

    The server's own word decides: a 5xx answer refuses this message (FAILED), a 4xx one or
    a server that cannot be reached or does not answer within EMAIL_TIMEOUT is RETRY.
    """
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
        codes = [code for code, _text in error.recipients.values()]
        refused = f"recipient refused: {error.recipients}"
        if codes and all(400 <= code < 500 for code in codes):
            return Outcome(Result.RETRY, error=refused)
        return Outcome(Result.FAILED, error=refused)
    except smtplib.SMTPResponseException as error:
        # SMTPSenderRefused, SMTPDataError, SMTPAuthenticationError and the like.
        text = (
            error.smtp_error.decode("utf-8", "replace")
            if isinstance(error.smtp_error, bytes)
            else str(error.smtp_error)
        )
        result = Result.RETRY if error.smtp_code < 500 else Result.FAILED
        return Outcome(result, error=f"SMTP {error.smtp_code}: {text[:200]}")
    except (smtplib.SMTPException, OSError) as error:  # unreachable, timed out, cut off
        return Outcome(Result.RETRY, error=f"{type(error).__name__}: {error}")
    return Outcome(Result.SENT, answer="accepted by the e-mail server")


# --- WhatsApp Business Cloud API -------------------------------------------------------
# Meta's error codes that mean "too much, too fast" although they may come with a 400:
# throughput (130429), spam rate limit (131048), pair rate limit (131056), app rate (4, 80007).
_WHATSAPP_RATE_CODES = {4, 80007, 130429, 131048, 131056}


def whatsapp_send(message: Message) -> Outcome:
    """Send the message as a WhatsApp template message through the Cloud API:
    POST {WHATSAPP_API_URL}/{WHATSAPP_API_VERSION}/{WHATSAPP_PHONE_NUMBER_ID}/messages.

    WhatsApp sends only templates Meta approved: the event's template name comes from
    WHATSAPP_TEMPLATES, its language (hi / en) and body parameters from the row's
    `template_data` (the values the text was filled with, in the order of the event's
    placeholders, which is the order of the approved template's {{1}}, {{2}}, ...). The
    answer's messages[0].id is kept as the provider's id, the one Meta's status webhooks
    name.
    """
    if not (settings.WHATSAPP_PHONE_NUMBER_ID and settings.WHATSAPP_ACCESS_TOKEN):
        return Outcome(
            Result.FAILED, error="WHATSAPP_PHONE_NUMBER_ID or WHATSAPP_ACCESS_TOKEN is not set"
        )
    event = message.purpose_key.split(":", 1)[0]
    name = settings.WHATSAPP_TEMPLATES.get(event)
    if not name:
        return Outcome(
            Result.FAILED, error=f"no WhatsApp template for {event!r} (WHATSAPP_TEMPLATES)"
        )
    data = message.template_data or {}
    if not isinstance(data, dict) or "values" not in data:
        return Outcome(Result.FAILED, error="the message has no template values for WhatsApp")
    answer, failure = _post_json(
        whatsapp_messages_url(),
        whatsapp_payload(
            to=message.recipient,
            template=name,
            language=str(data.get("language") or "hi"),
            parameters=[str(value) for value in data["values"]],
            reference=str(message.pk),
        ),
        token=settings.WHATSAPP_ACCESS_TOKEN,
        timeout=settings.WHATSAPP_TIMEOUT_SECONDS,
    )
    if failure is not None:
        return _whatsapp_failure(failure)
    provider_id = _whatsapp_message_id(_json_or_none(answer))
    if not provider_id:
        error = f"the Cloud API's answer names no message: {answer[:200]!r}"
        return Outcome(Result.RETRY, answer=answer, error=error)
    return Outcome(Result.SENT, answer=answer, provider_message_id=provider_id)


def whatsapp_or_sms(channel: str, purpose_key: str) -> str:
    """The channel a message really takes: WhatsApp sends only Meta-approved templates, so
    a message whose event has none in WHATSAPP_TEMPLATES (sign-in codes, import clashes, an
    event not approved yet) goes by SMS when an SMS gateway is configured. Without one it
    stays WhatsApp and is recorded failed, with the reason."""
    event = purpose_key.split(":", 1)[0]
    if (
        channel == "whatsapp"
        and event not in settings.WHATSAPP_TEMPLATES
        and settings.SMS_GATEWAY_URL
    ):
        return "sms"
    return channel


def whatsapp_messages_url() -> str:
    base = settings.WHATSAPP_API_URL.rstrip("/")
    return f"{base}/{settings.WHATSAPP_API_VERSION}/{settings.WHATSAPP_PHONE_NUMBER_ID}/messages"


def whatsapp_payload(
    *, to: str, template: str, language: str, parameters: list[str], reference: str
) -> dict[str, object]:
    """The Cloud API's template message. `to` is a 10-digit Indian mobile. The API has no
    de-duplication key; `biz_opaque_callback_data` ("sashakt:<outbox id>") comes back in
    Meta's status webhooks, so a message sent twice after a lost answer can be told."""
    template_object: dict[str, object] = {"name": template, "language": {"code": language}}
    if parameters:
        template_object["components"] = [
            {
                "type": "body",
                "parameters": [
                    {"type": "text", "text": _whatsapp_parameter(value)} for value in parameters
                ],
            }
        ]
    return {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": f"91{to}",
        "type": "template",
        "template": template_object,
        "biz_opaque_callback_data": f"sashakt:{reference}",
    }


def _whatsapp_parameter(value: str) -> str:
    # The Cloud API refuses a parameter that is empty or holds a new line, a tab or four
    # spaces in a row (error 132018): one line, and a dash for a value we do not have.
    return " ".join(value.split()) or "-"


def whatsapp_template_data(
    event: str, language: str, values: Mapping[str, object]
) -> dict[str, object] | None:
    """What `whatsapp_send` needs of a message of `event`, kept on its row when it is queued:
    its language and the values of the event's placeholders, in the catalogue's order."""
    spec = EVENTS.get(event)
    if spec is None:
        return None
    return {
        "language": "en" if language == "en" else "hi",
        "values": [str(values.get(name, "")) for name in spec.placeholders],
    }


def _whatsapp_message_id(data: object) -> str:
    if not isinstance(data, dict):
        return ""
    messages = data.get("messages")
    if not isinstance(messages, list) or not messages or not isinstance(messages[0], dict):
        return ""
    return str(messages[0].get("id") or "")[:100]


def _whatsapp_failure(failure: Outcome) -> Outcome:
    """A 4xx whose error code is one of Meta's rate limits is a wait, not a refusal."""
    if failure.result != Result.FAILED:
        return failure
    data = _json_or_none(failure.answer)
    error = data.get("error") if isinstance(data, dict) else None
    code = error.get("code") if isinstance(error, dict) else None
    if code in _WHATSAPP_RATE_CODES:
        return Outcome(Result.RETRY, answer=failure.answer, error=failure.error)
    return failure


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


SENDERS = {
    "sms": sms_send,
    "email": email_send,
    "whatsapp": whatsapp_send,
    "console": console_send,
}
