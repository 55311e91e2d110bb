"""Data rights (DPDP Act 2023): the notice a participant acknowledged, the corrections they
asked for, and the erasures done after the retention period."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sashakt.geography.models import District
from sashakt.people.models import Person


class NoticeAcknowledgement(models.Model):
    """A participant read the privacy notice of `version` (shown at their first sign-in)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    version = models.CharField(_("notice version"), max_length=20)
    language = models.CharField(_("language"), max_length=5)
    acknowledged_at = models.DateTimeField(_("acknowledged"), default=timezone.now)

    class Meta:
        verbose_name = _("privacy notice acknowledgement")
        verbose_name_plural = _("privacy notice acknowledgements")
        constraints = [
            models.UniqueConstraint(fields=["user", "version"], name="privacy_notice_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.version}"


class CorrectionField(models.TextChoices):
    NAME = "name", _("Name")
    DESIGNATION = "designation", _("Designation")
    BLOCK = "block", _("Block")
    GRAM_PANCHAYAT = "gram_panchayat", _("Gram panchayat")
    MOBILE = "mobile", _("Mobile")


class CorrectionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the district officer")
    ACCEPTED = "accepted", _("Corrected")
    REFUSED = "refused", _("Refused")


class CorrectionRequest(models.Model):
    """A person asks their district officer to correct one field of their record."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    # The person's district when they asked: whose district officer decides.
    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="+"
    )
    field = models.CharField(_("what to correct"), max_length=20, choices=CorrectionField.choices)
    current_value = models.CharField(_("as held"), max_length=150, blank=True)
    requested_value = models.CharField(_("correct value"), max_length=150)
    reason = models.TextField(_("why"), max_length=500)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CorrectionStatus.choices,
        default=CorrectionStatus.PENDING,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("asked on"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("correction request")
        verbose_name_plural = _("correction requests")
        indexes = [models.Index(fields=["district", "status"], name="privacy_corr_district")]
        constraints = [
            # A refusal always says why.
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(decision_reason=""),
                name="privacy_corr_refusal_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(status="pending", decided_at=None)
                | (~Q(status="pending") & Q(decided_at__isnull=False)),
                name="privacy_corr_decided_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} · {self.field}"


class Erasure(models.Model):
    """A person's personal data was erased after the retention period (the record of it
    holds nothing personal: the row of the registry keeps its number, district and counts)."""

    person = models.OneToOneField(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    erased_at = models.DateTimeField(_("erased"), default=timezone.now)
    rule = models.CharField(_("rule"), max_length=200)

    class Meta:
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")

    def __str__(self) -> str:
        return f"{self.person_id} · {self.erased_at:%Y-%m-%d}"
