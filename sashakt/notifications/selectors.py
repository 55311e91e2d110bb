"""Reads for the outbox page.

Who sees what: the outbox belongs to the state programme cell only (every other role gets
nothing). Mobiles and e-mail addresses are personal data: anyone else who is ever shown a
row sees them masked (98******45). A message's text may hold a one-time code, so it is
shown only while DEBUG or the console channel is on — the embedded mode, where the outbox
page is how the pilot's operator reads the codes — and is masked otherwise.
"""

from django.conf import settings
from django.db.models import Count, QuerySet

from sashakt.core.permissions import has_role
from sashakt.core.roles import Role
from sashakt.notifications.channels import mask_recipient
from sashakt.notifications.models import Channel, Message, MessageStatus


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
    return message.body if has_role(user, Role.STATE) and body_visible() else None
