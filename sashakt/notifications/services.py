"""Writes to the outbox: queue a message once per purpose, and send what is due.

    message_send(purpose_key="otp:login:42:3", to_mobile="9839012345", body=...)

`message_send` writes the row and, after the caller's transaction commits, starts a
background job that sends it. The sender claims a row (queued -> sending) before it talks
to a provider, so two workers never send the same row; a temporary failure puts the row
back in the queue with a growing wait, up to NOTIFICATIONS_MAX_ATTEMPTS attempts.

Quiet hours: a message that is not essential (see `events`) queued, or due for a retry,
between 21:00 and 08:00 India time waits until 08:00 (its next attempt); the sender picks it
up then. Sign-in codes and the other essential messages go at any hour.
"""

import datetime
import logging
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias
from zoneinfo import ZoneInfo

from auditlog.context import set_actor
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Field, Model
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sashakt.core.jobs import job_enqueue
from sashakt.core.models import Job
from sashakt.core.text import normalise_mobile
from sashakt.core.users import User
from sashakt.notifications.channels import (
    SENDERS,
    Outcome,
    Result,
    retry_wait,
    sms_batch_size,
    sms_send_batch,
    whatsapp_or_sms,
    whatsapp_template_data,
)
from sashakt.notifications.events import EVENTS, purpose_is_essential
from sashakt.notifications.models import (
    DELIVERY_RANK,
    PROVIDER_ANSWER_MAX,
    Channel,
    Message,
    MessageStatus,
    MessageTemplate,
    OptOut,
)
from sashakt.notifications.templating import (
    PLACEHOLDER,
    _substitute,
    placeholders_in,
    template_render,
)

logger = logging.getLogger("sashakt.notifications")

SEND_JOB_KIND = "notifications.send"
# One job that sends whatever is due, in batches: what a bulk send enqueues (never one job
# per message).
SEND_DUE_JOB_KIND = "notifications.send-due"
BULK_CHUNK = 1000
# One recipient of a bulk send: (key, language, values, address).
BulkRecipient: TypeAlias = tuple[str, str, Mapping[str, object], str | None]
# The parameters of one row of a prepared statement, as the database adapter takes them.
_Row: TypeAlias = tuple[Any, ...]


def _column(model: type[Model], name: str) -> "Field[Any, Any]":
    """The field of `model` stored in the column `name` (get_field also answers relations)."""
    field = model._meta.get_field(name)
    if not isinstance(field, Field):
        raise TypeError(f"{model.__name__}.{name} is not a column")
    return field


def _max_length(model: type[Model], name: str) -> int:
    length = _column(model, name).max_length
    if length is None:
        raise TypeError(f"{model.__name__}.{name} has no max_length")
    return length


PURPOSE_KEY_MAX = _max_length(Message, "purpose_key")
# Messages sent one by one have their outcomes recorded this many at a time.
RECORD_EVERY = 50

INDIA = ZoneInfo("Asia/Kolkata")
QUIET_FROM = datetime.time(21, 0)
QUIET_UNTIL = datetime.time(8, 0)


def quiet_hours_end(moment: datetime.datetime) -> datetime.datetime | None:
    """08:00 India time after `moment` if `moment` falls in the quiet hours (21:00 to 08:00),
    else None."""
    local = moment.astimezone(INDIA)
    if QUIET_UNTIL <= local.time() < QUIET_FROM:
        return None
    day = local.date() + datetime.timedelta(days=1 if local.time() >= QUIET_FROM else 0)
    return datetime.datetime.combine(day, QUIET_UNTIL, tzinfo=INDIA)


def _first_attempt_at(purpose_key: str, moment: datetime.datetime) -> datetime.datetime:
    if purpose_is_essential(purpose_key):
        return moment
    return quiet_hours_end(moment) or moment


def message_send(
    *,
    purpose_key: str,
    channel: str | None = None,
    to_mobile: str | None = None,
    to_email: str | None = None,
    body: str,
    dlt_template_id: str = "",
    sender_id: str = "",
    subject: str = "",
    template_data: dict[str, object] | None = None,
) -> Message:
    """The outbox row for `purpose_key`, created and queued for sending if it is new.

    The same `purpose_key` always answers the row written the first time, unchanged and
    never sent again. The unique constraint on it decides a race between two callers.
    `channel` defaults to NOTIFICATIONS_CHANNEL; when that is SMS and the caller gave only
    an e-mail address, the message goes by e-mail.
    """
    existing = Message.objects.filter(purpose_key=purpose_key).first()
    if existing is not None:
        return existing
    channel = whatsapp_or_sms(
        _channel_for(channel, to_mobile=to_mobile, to_email=to_email), purpose_key
    )
    opted_out = not purpose_is_essential(purpose_key) and _opted_out(to_mobile)
    message = Message(
        channel=channel,
        recipient=_recipient_for(channel, to_mobile=to_mobile, to_email=to_email),
        purpose_key=purpose_key,
        subject=subject[:200],
        dlt_template_id=dlt_template_id
        or (settings.SMS_DLT_TEMPLATE_ID if channel == Channel.SMS else ""),
        sender_id=sender_id if channel == Channel.SMS else "",
        body=body,
        template_data=template_data if channel == Channel.WHATSAPP else None,
        next_attempt_at=_first_attempt_at(purpose_key, timezone.now()),
    )
    if opted_out:
        # Kept in the outbox as the record that the person was not told, and why.
        message.status = MessageStatus.OPTED_OUT
    message.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        # Another caller wrote the same purpose between our read and our write.
        return Message.objects.get(purpose_key=purpose_key)
    if opted_out:
        return message
    job_enqueue(kind=SEND_JOB_KIND, title=_("Send a message"), params={"message_id": message.pk})
    return message


def event_message_send(
    *,
    event: str,
    key: str,
    language: str,
    values: Mapping[str, object],
    to_mobile: str | None = None,
    to_email: str | None = None,
    channel: str | None = None,
) -> Message:
    """Tell one person about `event` in their language ("en", else Hindi), once per `key`.

    The text is the event's template (the state cell's, else the catalogue's default) filled
    from `values`; the template's DLT template and sender ids go with it. The purpose key is
    "<event>:<key>", so a caller that runs again (a retried job, a second worker) gets the
    row written the first time. Quiet hours and opt-outs apply as for `message_send`.

        event_message_send(event="seat-offered", key=f"{nomination.pk}", language="hi",
                           values={...}, to_mobile=person.mobile)
    """
    purpose_key = f"{event}:{key}"
    existing = Message.objects.filter(purpose_key=purpose_key).first()
    if existing is not None:
        return existing
    template = MessageTemplate.objects.filter(event=event).first()
    body = template_render(event, language, values)
    with translation.override("en" if language == "en" else "hi"):
        subject = str(EVENTS[event].label)
    return message_send(
        purpose_key=purpose_key,
        channel=channel,
        to_mobile=to_mobile,
        to_email=to_email,
        body=body,
        dlt_template_id=template.dlt_template_id if template else "",
        sender_id=template.sender_id if template else "",
        subject=subject,
        template_data=whatsapp_template_data(event, language, values),
    )


@dataclass
class BulkSummary:
    """What `event_messages_send_bulk` did: rows queued, rows that were already there (an
    earlier run's), rows recorded as not sent because the number opted out, and recipients
    skipped for want of a usable mobile or e-mail address."""

    queued: int = 0
    already: int = 0
    opted_out: int = 0
    no_address: int = 0
    job_id: uuid.UUID | None = None

    @property
    def total(self) -> int:
        return self.queued + self.already + self.opted_out + self.no_address


def event_messages_send_bulk(
    *,
    event: str,
    recipients: Iterable[BulkRecipient],
    channel: str | None = None,
    user: User | None = None,
    chunk_size: int = BULK_CHUNK,
    texts: Mapping[str, str] | None = None,
    on_chunk: Callable[["BulkSummary"], None] | None = None,
) -> BulkSummary:
    """Tell many people about `event` at once, each once per key, and start ONE sending job.

        event_messages_send_bulk(event="reminder-3-days", recipients=[
            (f"{nomination.pk}", "hi", {...}, person.mobile), ...])

    Each recipient is (key, language, values, address): the address a mobile, or an e-mail
    address (it has an "@"). The same rules as `event_message_send`, in bulk: the purpose key
    is "<event>:<key>" and a key already in the outbox is left as it is (a second run sends
    nothing twice); the template is read once per language; a non-essential message to an
    opted-out number is recorded as not sent; quiet hours delay the first attempt. Rows are
    written `chunk_size` at a time with INSERT ... ON CONFLICT DO NOTHING, so a concurrent
    writer of the same keys cannot make a second row (a row it wrote meanwhile counts as
    already there).

    `texts` ({"hi": ..., "en": ...}) replaces the event's template for this send (a bulk
    message written on its page; the caller has checked it with `templating.text_check`).
    `on_chunk(summary)` is called after each chunk is written (a job's progress bar).
    """
    plan = _BulkPlan.for_event(event, channel, texts=texts)
    summary = BulkSummary()
    chunk: list[BulkRecipient] = []
    for recipient in recipients:
        chunk.append(recipient)
        if len(chunk) >= chunk_size:
            _bulk_chunk_write(plan, chunk, summary)
            chunk = []
            if on_chunk is not None:
                on_chunk(summary)
    if chunk:
        _bulk_chunk_write(plan, chunk, summary)
        if on_chunk is not None:
            on_chunk(summary)
    if summary.queued:
        job = job_enqueue(
            kind=SEND_DUE_JOB_KIND,
            title=ngettext(
                "Send %(count)s message: %(event)s",
                "Send %(count)s messages: %(event)s",
                summary.queued,
            )
            % {"count": summary.queued, "event": EVENTS[event].label},
            user=user,
            params={"total": summary.queued},
        )
        summary.job_id = job.pk
    return summary


@dataclass(frozen=True)
class _BulkPlan:
    """What every message of one bulk send shares, read once."""

    event: str
    channel: str | None
    essential: bool
    texts: dict[str, str]
    subjects: dict[str, str]
    needed: dict[str, list[str]]
    next_attempt_at: datetime.datetime
    dlt_template_id: str
    sender_id: str
    # Texts whose only braces are placeholders (all that text_check lets through) are
    # filled with str.format_map, several times faster than the regular expression.
    plain: frozenset[str] = frozenset()

    def render(self, language: str, values: Mapping[str, object]) -> str:
        text = self.texts[language]
        if language in self.plain:
            return text.format_map(values)
        return _substitute(text, values)

    @classmethod
    def for_event(
        cls, event: str, channel: str | None, *, texts: Mapping[str, str] | None = None
    ) -> "_BulkPlan":
        if event not in EVENTS:
            raise ValueError(f"unknown event {event!r}")
        if channel is not None and channel not in Channel.values:
            raise ValidationError(_("Unknown channel."))
        spec = EVENTS[event]
        template = MessageTemplate.objects.filter(event=event).first()
        chosen: dict[str, str] = (
            {"hi": texts["hi"], "en": texts["en"]}
            if texts is not None
            else {
                "hi": template.text_hi if template else spec.default_hi,
                "en": template.text_en if template else spec.default_en,
            }
        )
        subjects = {}
        for language in chosen:
            with translation.override(language):
                subjects[language] = str(spec.label)[:200]
        return cls(
            event=event,
            channel=channel,
            essential=spec.essential,
            texts=chosen,
            subjects=subjects,
            needed={language: placeholders_in(text) for language, text in chosen.items()},
            next_attempt_at=_first_attempt_at(f"{event}:", timezone.now()),
            dlt_template_id=(template.dlt_template_id if template else "")
            or settings.SMS_DLT_TEMPLATE_ID,
            sender_id=template.sender_id if template else "",
            plain=frozenset(
                language
                for language, text in chosen.items()
                if "{" not in PLACEHOLDER.sub("", text) and "}" not in PLACEHOLDER.sub("", text)
            ),
        )


def _bulk_chunk_write(plan: _BulkPlan, chunk: list[BulkRecipient], summary: BulkSummary) -> None:
    keys = [f"{plan.event}:{item[0]}" for item in chunk]
    too_long = next((key for key in keys if len(key) > PURPOSE_KEY_MAX), None)
    if too_long:
        raise ValueError(f"purpose key longer than {PURPOSE_KEY_MAX} characters: {too_long!r}")
    existing = _values_among(Message, "purpose_key", keys)
    # (purpose key, channel, recipient, language, values, mobile) of each new message.
    new, default_channel = (
        [],
        whatsapp_or_sms(plan.channel or settings.NOTIFICATIONS_CHANNEL, f"{plan.event}:"),
    )
    for purpose_key, (_key, language, values, address) in zip(keys, chunk, strict=True):
        if purpose_key in existing:
            summary.already += 1
            continue
        language = "en" if language == "en" else "hi"
        email = address if address and "@" in address else None
        if email is None and default_channel != Channel.EMAIL:
            # The common case, quickly: a mobile through SMS (or the console).
            channel, to = default_channel, normalise_mobile(address) if address else None
        else:
            try:
                channel = _channel_for(plan.channel, to_mobile=None, to_email=email)
                to = _recipient_for(channel, to_mobile=None, to_email=email)
            except ValidationError:
                to = None
        if to is None:
            summary.no_address += 1
            continue
        missing = [name for name in plan.needed[language] if name not in values]
        if missing:
            raise ValueError(f"{plan.event}: no value for {', '.join(missing)}")
        existing.add(purpose_key)  # the same key twice in one send: the first one counts
        new.append((purpose_key, channel, to, language, values, None if email else to))
    if not new:
        return
    opted: set[str] = set()
    if not plan.essential:
        opted = _values_among(OptOut, "mobile", list({item[5] for item in new if item[5]}))
    prepare = connection.ops.adapt_datetimefield_value
    next_attempt_at, now = prepare(plan.next_attempt_at), prepare(timezone.now())
    rows, opted_out = [], 0
    for purpose_key, channel, to, language, values, mobile in new:
        status = MessageStatus.QUEUED.value
        if mobile in opted:
            # Kept in the outbox as the record that the person was not told, and why.
            status = MessageStatus.OPTED_OUT.value
            opted_out += 1
        sms = channel == Channel.SMS
        rows.append(
            (
                channel,
                to,
                purpose_key,
                plan.subjects[language],
                plan.dlt_template_id if sms else "",
                plan.sender_id if sms else "",
                plan.render(language, values),
                _column(Message, "template_data").get_db_prep_save(
                    whatsapp_template_data(plan.event, language, values), connection
                )
                if channel == Channel.WHATSAPP
                else None,
                status,
                next_attempt_at,
                now,
            )
        )
    inserted = _insert_new(rows)
    # Rows another writer inserted between our look-up and our insert: already there.
    raced = len(rows) - inserted
    summary.already += raced
    summary.opted_out += opted_out
    summary.queued += len(rows) - opted_out - raced


def _values_among(model: type[Model], name: str, values: list[str]) -> set[str]:
    """Which of `values` the (unique, indexed) column `name` of `model` holds: one plain
    query per chunk (the ORM's IN lookup prepares each of a thousand values in Python)."""
    if not values:
        return set()
    quote = connection.ops.quote_name
    column = quote(_column(model, name).column)
    found: set[str] = set()
    with connection.cursor() as cursor:
        for start in range(0, len(values), _MAX_PARAMS):
            part = values[start : start + _MAX_PARAMS]
            cursor.execute(
                f"SELECT {column} FROM {quote(model._meta.db_table)} "
                f"WHERE {column} IN ({', '.join(['%s'] * len(part))})",
                part,
            )
            found.update(row[0] for row in cursor.fetchall())
    return found


def _insert_new(rows: list[_Row]) -> int:
    """INSERT the rows (values of _INSERT_COLUMNS), skipping a purpose key already in the
    outbox (ON CONFLICT DO NOTHING, on SQLite and PostgreSQL alike): the number inserted.
    One prepared statement run for many rows: the ORM's bulk_create prepares each field of
    each row and is several times slower here. The other columns take their defaults."""
    quote = connection.ops.quote_name
    fields = [_column(Message, name) for name in _INSERT_COLUMNS]
    constant = {
        field.column: field.get_db_prep_save(value, connection)
        for field, value in (
            (_column(Message, name), value) for name, value in _INSERT_CONSTANTS.items()
        )
    }
    columns = [field.column for field in fields] + list(constant)
    placeholders = ["%s"] * len(fields) + ["%s"] * len(constant)
    sql = (
        f"INSERT INTO {quote(Message._meta.db_table)} ({', '.join(map(quote, columns))}) "
        f"VALUES ({', '.join(placeholders)}) ON CONFLICT ({quote('purpose_key')}) DO NOTHING"
    )
    tail = tuple(constant.values())
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, [row + tail for row in rows])
        inserted: int | None = cursor.rowcount
    # A driver that does not sum the rows of executemany: count them (the keys are indexed).
    if inserted is None or inserted < 0 or inserted > len(rows):
        inserted = len(rows)
    return inserted


# The columns a bulk send fills, in the order of its rows; then those all rows share.
_INSERT_COLUMNS = (
    "channel",
    "recipient",
    "purpose_key",
    "subject",
    "dlt_template_id",
    "sender_id",
    "body",
    "template_data",
    "status",
    "next_attempt_at",
    "created_at",
)
# Below SQLite's oldest limit on the parameters of one statement (999): safe everywhere.
_MAX_PARAMS = 990
_INSERT_CONSTANTS = {
    "attempts": 0,
    "last_attempt_at": None,
    "last_error": "",
    "provider_answer": "",
    "provider_message_id": "",
    "sent_at": None,
    "delivery_status": "",
    "delivered_at": None,
}


class _Undo(Exception):
    pass


def message_send_rehearsed(
    *, purpose_key: str, to_mobile: str | None = None, to_email: str | None = None, body: str
) -> None:
    """The database work of `message_send` for a message that must not go, undone: the same
    look-up, checks and inserts (outbox row and its job) in a savepoint rolled back, so its
    job is never dispatched. For callers whose answer time must not tell whether a message
    was sent (a sign-in code for a number that reaches no account)."""
    try:
        with transaction.atomic():
            Message.objects.filter(purpose_key=purpose_key).first()
            channel = _channel_for(None, to_mobile=to_mobile, to_email=to_email)
            message = Message(
                channel=channel,
                recipient=_recipient_for(channel, to_mobile=to_mobile, to_email=to_email),
                purpose_key=purpose_key,
                dlt_template_id=settings.SMS_DLT_TEMPLATE_ID if channel == Channel.SMS else "",
                body=body,
            )
            message.full_clean(validate_unique=False)
            with transaction.atomic():
                message.save()
            Job.objects.create(
                kind=SEND_JOB_KIND, title=_("Send a message"), params={"message_id": message.pk}
            )
            raise _Undo
    except _Undo:
        pass


def _opted_out(to_mobile: str | None) -> bool:
    mobile = normalise_mobile(to_mobile) if to_mobile else None
    return mobile is not None and OptOut.objects.filter(mobile=mobile).exists()


def _channel_for(channel: str | None, *, to_mobile, to_email) -> str:
    if channel is None:
        channel = settings.NOTIFICATIONS_CHANNEL
        if channel in (Channel.SMS, Channel.WHATSAPP) and not to_mobile and to_email:
            channel = Channel.EMAIL
    if channel not in Channel.values:
        raise ValidationError(_("Unknown channel."))
    return channel


def _recipient_for(channel: str, *, to_mobile, to_email) -> str:
    if channel == Channel.EMAIL or (channel == Channel.CONSOLE and not to_mobile):
        if not to_email:
            raise ValidationError(_("An e-mail address is needed for this message."))
        validate_email(to_email)
        return to_email.strip()
    mobile = normalise_mobile(to_mobile)
    if mobile is None:
        raise ValidationError(_("A valid 10-digit mobile number is needed for this message."))
    return mobile


@dataclass
class SendSummary:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    message_ids: list[int] = field(default_factory=list)

    def add(self, status: str) -> None:
        if status == MessageStatus.SENT:
            self.sent += 1
        elif status == MessageStatus.FAILED:
            self.failed += 1
        else:
            self.retrying += 1


def messages_send_due(
    *, limit: int = 100, now: datetime.datetime | None = None, batch_size: int | None = None
) -> SendSummary:
    """Claim up to `limit` due messages and send them (the cron path, the bulk sending job
    and the recovery path).

    SMS go `batch_size` to a request (default SMS_GATEWAY_BATCH_SIZE) when the gateway takes
    batches, one by one otherwise; the outcomes of a batch are recorded in one transaction.
    """
    summary = SendSummary()
    claimed = _claim(limit=limit, now=now)
    size = batch_size or sms_batch_size()
    sms = [message for message in claimed if message.channel == Channel.SMS] if size > 1 else []
    for start in range(0, len(sms), size):
        batch = sms[start : start + size]
        try:
            outcomes = sms_send_batch(batch)
        except Exception as error:  # a bug in the channel must not leave rows 'sending'
            logger.exception("a batch of %s messages: the SMS channel crashed", len(batch))
            outcomes = [Outcome(Result.RETRY, error=f"{type(error).__name__}: {error}")] * len(
                batch
            )
        _record_batch(batch, outcomes)
    batched = {message.pk for message in sms}
    single = [message for message in claimed if message.pk not in batched]
    for start in range(0, len(single), RECORD_EVERY):
        # One request each; their outcomes recorded together, a few dozen at a time.
        group = single[start : start + RECORD_EVERY]
        _record_batch(group, [_attempt(message) for message in group])
    for message in claimed:
        summary.message_ids.append(message.pk)
        summary.add(message.status)
    return summary


def message_deliver(message_id: int) -> Message:
    """Send one message now if it is due and nobody else holds it; answer its state."""
    claimed = _claim(limit=1, message_id=message_id)
    if not claimed:
        return Message.objects.get(pk=message_id)
    return _deliver_claimed(claimed[0])


def messages_fail_stuck(*, older_than_seconds: int | None = None) -> int:
    """Rows left 'sending' by a stopped worker are marked failed, not sent again.

    The provider may already have the message, and sending twice is worse for a one-time
    code than not sending (the person asks for a new code).
    """
    seconds = older_than_seconds or settings.NOTIFICATIONS_STUCK_SECONDS
    cutoff = timezone.now() - datetime.timedelta(seconds=seconds)
    return Message.objects.filter(status=MessageStatus.SENDING, last_attempt_at__lt=cutoff).update(
        status=MessageStatus.FAILED,
        last_error="interrupted while sending; not retried so that it is never sent twice",
    )


def retry_delay(attempts: int) -> datetime.timedelta:
    """The wait before the next attempt, doubling after each failed one."""
    seconds = settings.NOTIFICATIONS_RETRY_SECONDS * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(seconds, 6 * 60 * 60))


def _claim(
    *, limit: int, message_id: int | None = None, now: datetime.datetime | None = None
) -> list[Message]:
    """Mark due rows 'sending' in one short transaction and answer them.

    On PostgreSQL, rows another worker is claiming are skipped (SKIP LOCKED); SQLite has no
    row locks but its IMMEDIATE transactions let one writer claim at a time. Either way the
    update re-checks the status, so a row is claimed once.
    """
    now = now or timezone.now()
    with transaction.atomic():
        due = Message.objects.filter(status=MessageStatus.QUEUED, next_attempt_at__lte=now)
        if message_id is not None:
            due = due.filter(pk=message_id)
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        ids = list(due.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit])
        if not ids:
            return []
        Message.objects.filter(pk__in=ids, status=MessageStatus.QUEUED).update(
            status=MessageStatus.SENDING, attempts=F("attempts") + 1, last_attempt_at=now
        )
        claimed = Message.objects.filter(pk__in=ids, status=MessageStatus.SENDING)
        return list(claimed.order_by("next_attempt_at", "pk"))


def _deliver_claimed(message: Message) -> Message:
    _record(message, _attempt(message))
    return message


def _attempt(message: Message) -> Outcome:
    sender = SENDERS[message.channel]
    try:
        return sender(message)
    except Exception as error:  # a bug in a channel must not leave the row 'sending'
        logger.exception("message %s: channel %s crashed", message.pk, message.channel)
        return Outcome(Result.RETRY, error=f"{type(error).__name__}: {error}")


def _record(message: Message, outcome: Outcome) -> None:
    fields = _outcome_fields(message, outcome)
    Message.objects.filter(pk=message.pk, status=MessageStatus.SENDING).update(**fields)
    for name, value in fields.items():
        setattr(message, name, value)


def _record_batch(messages: list[Message], outcomes: list[Outcome]) -> None:
    """`_record` for a batch: one prepared UPDATE per kind of outcome, run for every row of
    that kind in one transaction (hundreds of ORM updates cost more than the request)."""
    groups: dict[tuple[str, ...], list[_Row]] = {}
    for message, outcome in zip(messages, outcomes, strict=True):
        fields = _outcome_fields(message, outcome)
        for name, value in fields.items():
            setattr(message, name, value)
        names = tuple(fields)
        values = [
            _column(Message, name).get_db_prep_save(value, connection)
            for name, value in fields.items()
        ]
        groups.setdefault(names, []).append((*values, message.pk, MessageStatus.SENDING.value))
    quote = connection.ops.quote_name
    table = quote(Message._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        for names, rows in groups.items():
            assignments = ", ".join(
                f"{quote(_column(Message, name).column)} = %s" for name in names
            )
            cursor.executemany(
                f"UPDATE {table} SET {assignments} WHERE {quote('id')} = %s "
                f"AND {quote('status')} = %s",
                rows,
            )


def _outcome_fields(message: Message, outcome: Outcome) -> dict[str, object]:
    """What an attempt's outcome changes in its row."""
    now = timezone.now()
    fields: dict[str, object] = {
        "provider_answer": outcome.answer[:PROVIDER_ANSWER_MAX],
        "last_error": outcome.error[:PROVIDER_ANSWER_MAX],
    }
    if outcome.result == Result.SENT:
        fields.update(
            status=MessageStatus.SENT.value,
            sent_at=now,
            provider_message_id=outcome.provider_message_id,
        )
    elif outcome.result == Result.RETRY and message.attempts < settings.NOTIFICATIONS_MAX_ATTEMPTS:
        # Counted from the attempt (a sender run for a given moment, as cron is, gets the
        # same waits as one running live).
        attempted = max(now, message.last_attempt_at or now)
        fields.update(
            status=MessageStatus.QUEUED.value,
            next_attempt_at=_first_attempt_at(
                message.purpose_key,
                attempted + retry_wait(retry_delay(message.attempts), outcome),
            ),
        )
    else:
        fields.update(status=MessageStatus.FAILED.value)
        logger.warning(
            "message %s failed after %s attempt(s): %s",
            message.pk,
            message.attempts,
            outcome.error,
        )
    return fields


@transaction.atomic
def message_template_update(
    *,
    user,
    event: str,
    text_hi: str,
    text_en: str,
    dlt_template_id: str = "",
    sender_id: str = "",
) -> MessageTemplate:
    """Store the wording of `event`'s message (checked by the model: placeholders, length);
    the audit log keeps who changed what."""
    if event not in EVENTS:
        raise ValidationError(_("Unknown event."))
    template = MessageTemplate.objects.select_for_update().filter(
        event=event
    ).first() or MessageTemplate(event=event)
    template.text_hi = text_hi
    template.text_en = text_en
    template.dlt_template_id = dlt_template_id.strip()
    template.sender_id = sender_id.strip()
    template.updated_by = user
    template.full_clean()
    with set_actor(user):
        template.save()
    return template


class UnknownMessage(Exception):
    """A delivery report for a provider message id the outbox never recorded."""


def delivery_report_record(
    *, provider_message_id: str, status: str, at: datetime.datetime | None = None
) -> tuple[int, bool]:
    """Record a gateway's delivery report: (messages with that id, whether any changed).

    Never creates a row (an unknown id raises UnknownMessage) and never moves a message
    backwards (models.DELIVERY_RANK): a repeated or late report changes nothing. One
    conditional UPDATE, so two reports arriving together cannot interleave.
    """
    if (
        not provider_message_id
        or not Message.objects.filter(provider_message_id=provider_message_id).exists()
    ):
        raise UnknownMessage(provider_message_id)
    lower = [value for value, rank in DELIVERY_RANK.items() if rank < DELIVERY_RANK[status]]
    changed = Message.objects.filter(
        provider_message_id=provider_message_id, delivery_status__in=lower
    ).update(delivery_status=status, delivered_at=at or timezone.now())
    return changed, bool(changed)


@transaction.atomic
def opt_out_record(*, user: User, mobile: str, reason: str = "") -> OptOut:
    """Record that `mobile` wants no messages that are not essential (recording it again
    keeps the first record). `user` is whoever took the request: audited."""
    normalised = normalise_mobile(mobile)
    if normalised is None:
        raise ValidationError(_("A valid 10-digit mobile number is needed."))
    existing = OptOut.objects.filter(mobile=normalised).first()
    if existing is not None:
        return existing
    opt_out = OptOut(mobile=normalised, reason=reason.strip(), recorded_by=user)
    opt_out.full_clean(validate_unique=False)
    with set_actor(user):
        try:
            with transaction.atomic():
                opt_out.save()
        except IntegrityError:  # recorded by someone else meanwhile
            return OptOut.objects.get(mobile=normalised)
    return opt_out


@transaction.atomic
def opt_out_withdraw(*, user: User, mobile: str) -> bool:
    """`mobile` gets every message again; False if it had not opted out. Audited."""
    normalised = normalise_mobile(mobile)
    opt_out = OptOut.objects.filter(mobile=normalised).first() if normalised else None
    if opt_out is None:
        return False
    with set_actor(user):
        opt_out.delete()
    return True
