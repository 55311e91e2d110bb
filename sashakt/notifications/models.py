"""The outbox: one row per message, whatever the channel.

A row is written before anything is sent, so the outbox is the record of what the
programme told whom, when, through which channel and what the provider answered.
`purpose_key` is unique: a caller that asks twice for the same purpose gets the same row,
and the row is sent at most once.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-mail")
    CONSOLE = "console", _("Console (server log)")


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


PROVIDER_ANSWER_MAX = 2000
# The first part of a purpose key names the kind of message (see the callers of message_send).
PURPOSE_LABELS = {
    "otp": _("Sign-in code"),
    "certificate-ready": _("Certificate ready"),
    "import-clash": _("Import: people registered in another district"),
}


class Message(models.Model):
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    recipient = models.CharField(_("recipient"), max_length=254)
    purpose_key = models.CharField(_("purpose"), max_length=200, unique=True)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    dlt_template_id = models.CharField(_("DLT template id"), max_length=50, blank=True)
    body = models.TextField(_("text"))
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

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The sender's query: queued rows whose next attempt is due, oldest first.
            models.Index(fields=["status", "next_attempt_at"], name="notif_msg_due"),
            models.Index(fields=["-created_at"], name="notif_msg_created"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__in=Channel.values), name="notif_msg_channel_known"
            ),
            models.CheckConstraint(
                condition=Q(status__in=MessageStatus.values), name="notif_msg_status_known"
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
