"""The outbox: one row per message, whatever the channel.

A row is written before anything is sent, so the outbox is the record of what the
programme told whom, when, through which channel and what the provider answered.
`purpose_key` is unique: a caller that asks twice for the same purpose gets the same row,
and the row is sent at most once.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sashakt.notifications.events import EVENTS


class Channel(models.TextChoices):
    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-mail")
    WHATSAPP = "whatsapp", _("WhatsApp")
    CONSOLE = "console", _("Console (server log)")


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    # Recorded, never sent: the number asked for no messages that are not essential.
    OPTED_OUT = "opted-out", _("Not sent: opted out")


class DeliveryStatus(models.TextChoices):
    """What the gateway's delivery report said (empty until one arrives)."""

    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Not delivered")
    EXPIRED = "expired", _("Expired undelivered")


# A report only moves a message forward: nothing < failed = expired < delivered. A phone that
# received the SMS did receive it, whatever a late or repeated report says afterwards; a
# message reported failed and then delivered (the operator's own retry) was delivered.
DELIVERY_RANK = {
    "": 0,
    DeliveryStatus.FAILED: 1,
    DeliveryStatus.EXPIRED: 1,
    DeliveryStatus.DELIVERED: 2,
}

PROVIDER_ANSWER_MAX = 2000
# The first part of a purpose key names the kind of message (see the callers of message_send).
PURPOSE_LABELS = {key: event.label for key, event in EVENTS.items()}


class Message(models.Model):
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    recipient = models.CharField(_("recipient"), max_length=254)
    purpose_key = models.CharField(_("purpose"), max_length=200, unique=True)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    dlt_template_id = models.CharField(_("DLT template id"), max_length=50, blank=True)
    # The DLT header the SMS goes out under; empty: SMS_SENDER_ID.
    sender_id = models.CharField(_("sender id"), max_length=20, blank=True)
    body = models.TextField(_("text"))
    # What a channel that sends registered templates (WhatsApp) needs besides the text:
    # {"language": "hi", "values": [...the event's placeholders' values, in order]}.
    template_data = models.JSONField(_("template values"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    provider_answer = models.TextField(_("provider's answer"), blank=True)
    provider_message_id = models.CharField(_("provider's message id"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    delivery_status = models.CharField(
        _("delivery"), max_length=10, choices=DeliveryStatus.choices, blank=True, default=""
    )
    delivered_at = models.DateTimeField(
        _("delivery reported for"),
        null=True,
        blank=True,
        help_text=_("When the gateway says the delivery status happened."),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The sender's query: queued rows whose next attempt is due, oldest first.
            models.Index(fields=["status", "next_attempt_at"], name="notif_msg_due"),
            models.Index(fields=["-created_at"], name="notif_msg_created"),
            # Delivery reports name the provider's id.
            models.Index(fields=["provider_message_id"], name="notif_msg_provider_id"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__in=Channel.values), name="notif_msg_channel_known"
            ),
            models.CheckConstraint(
                condition=Q(status__in=MessageStatus.values), name="notif_msg_status_known"
            ),
            models.CheckConstraint(
                condition=Q(delivery_status__in=["", *DeliveryStatus.values]),
                name="notif_msg_delivery_known",
            ),
        ]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.purpose_key} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("notifications:message_detail", args=[self.pk])

    @property
    def purpose_label(self) -> str:
        """What the message is for, in words ("otp:7:1" is a sign-in code); the key itself
        is for the machine and shown only beside it."""
        kind = self.purpose_key.split(":", 1)[0]
        return str(PURPOSE_LABELS.get(kind, _("Other message")))


class MessageTemplate(models.Model):
    """The state cell's wording of one event's message, in Hindi and English.

    Checked when saved (`clean`): only the event's placeholders, and at most three SMS parts
    at the longest. The DLT ids are those the operator registered for these texts.
    """

    event = models.CharField(_("event"), max_length=40, unique=True)
    text_hi = models.TextField(_("text in Hindi"))
    text_en = models.TextField(_("text in English"))
    dlt_template_id = models.CharField(
        _("DLT template id"),
        max_length=50,
        blank=True,
        help_text=_("The id under which this text is registered on the DLT platform."),
    )
    sender_id = models.CharField(
        _("sender id"),
        max_length=20,
        blank=True,
        help_text=_("The registered header the SMS comes from; empty uses the default."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["event"]
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")

    def __str__(self) -> str:
        return str(self.label)

    def get_absolute_url(self) -> str:
        return reverse("notifications:template_edit", args=[self.event])

    @property
    def label(self) -> str:
        event = EVENTS.get(self.event)
        return str(event.label) if event else self.event

    def clean(self) -> None:
        from sashakt.notifications.templating import text_check  # noqa: PLC0415 - it imports the models (a cycle)

        event = EVENTS.get(self.event)
        if event is None:
            raise ValidationError({"event": _("Unknown event.")})
        errors = {}
        for field in ("text_hi", "text_en"):
            problems = text_check(event, getattr(self, field))
            if problems:
                errors[field] = problems
        if errors:
            raise ValidationError(errors)


class OptOut(models.Model):
    """A mobile number that asked for no messages that are not essential (`events`).

    Sign-in codes, seat offers and changes to a batch still go. Withdrawing deletes the row;
    the audit log keeps who recorded and who withdrew it, and when.
    """

    mobile = models.CharField(_("mobile"), max_length=10, unique=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("opt-out")
        verbose_name_plural = _("opt-outs")

    def __str__(self) -> str:
        return self.mobile
