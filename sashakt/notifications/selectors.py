"""Reads for the outbox page.

Who sees what: the outbox belongs to the state programme cell only (every other role gets
nothing). Mobiles and e-mail addresses are personal data: anyone else who is ever shown a
row sees them masked (98******45). Message texts are shown to the state cell only; the text
of a secret event (a sign-in code) only while DEBUG or the console channel is on — the
embedded mode, where the outbox page is how the pilot's operator reads the codes.
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from sashakt.core.permissions import has_role
from sashakt.core.roles import Role
from sashakt.notifications.channels import mask_recipient
from sashakt.notifications.events import purpose_event
from sashakt.notifications.models import Channel, DeliveryStatus, Message, MessageStatus


def outbox_for_user(user, *, status: str = "", channel: str = "") -> QuerySet[Message]:
    if not has_role(user, Role.STATE):
        return Message.objects.none()
    messages = Message.objects.all()
    if status in MessageStatus.values:
        messages = messages.filter(status=status)
    if channel in Channel.values:
        messages = messages.filter(channel=channel)
    return messages


def outbox_counts_by_status(user) -> dict[str, int]:
    rows = outbox_for_user(user).order_by().values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


def body_visible() -> bool:
    return settings.DEBUG or settings.NOTIFICATIONS_CHANNEL == Channel.CONSOLE


def recipient_for_user(user, message: Message) -> str:
    return message.recipient if has_role(user, Role.STATE) else mask_recipient(message.recipient)


def body_for_user(user, message: Message) -> str | None:
    """The text as sent, or None when it must stay hidden."""
    if not has_role(user, Role.STATE):
        return None
    event = purpose_event(message.purpose_key)
    secret = event is None or event.secret  # a purpose outside the catalogue: assume secret
    return message.body if body_visible() or not secret else None


FAILURE = Q(status=MessageStatus.FAILED) | Q(
    delivery_status__in=[DeliveryStatus.FAILED, DeliveryStatus.EXPIRED]
)
KNOWN_OUTCOME = FAILURE | Q(delivery_status=DeliveryStatus.DELIVERED)


def failing_numbers(
    *, mobiles: Iterable[str | None] | QuerySet[Any, Any] | None = None, last: int = 3
) -> set[str]:
    """Mobiles whose last `last` SMS with a known outcome all failed: the outbox gave up, or
    the gateway reported them failed or expired. Messages still on their way (queued, or sent
    with no report yet) do not count either way; a number with fewer outcomes is not listed.

    `mobiles` narrows the search (a district officer's people: notifications knows no
    districts). For the to-do item "SMS not reaching this number"."""
    messages = Message.objects.filter(KNOWN_OUTCOME, channel=Channel.SMS)
    if mobiles is not None:
        # A queryset stays a subquery (a district's people), anything else is listed.
        messages = messages.filter(
            recipient__in=mobiles if isinstance(mobiles, QuerySet) else list(mobiles)
        )
    recent = (
        messages.annotate(
            recency=Window(
                RowNumber(),
                partition_by=[F("recipient")],
                order_by=[F("created_at").desc(), F("pk").desc()],
            )
        )
        .filter(recency__lte=last)
        .values_list("recipient", "status", "delivery_status")
    )
    outcomes: dict[str, list[bool]] = {}
    for recipient, status, delivery in recent:
        failed = delivery != DeliveryStatus.DELIVERED and (
            status == MessageStatus.FAILED
            or delivery in (DeliveryStatus.FAILED, DeliveryStatus.EXPIRED)
        )
        outcomes.setdefault(recipient, []).append(failed)
    return {mobile for mobile, failed in outcomes.items() if len(failed) == last and all(failed)}
