from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from sashakt.certificates.numbers import number_display
from sashakt.core.models import TimeStampedModel
from sashakt.core.site import public_url
from sashakt.geography.models import District
from sashakt.nominations.models import Nomination
from sashakt.people.models import Designation, Person
from sashakt.programmes.models import Batch, Institute, Programme

colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as # and six hexadecimal digits, e.g. #1e4c8c.")
)


class CertificateStatus(models.TextChoices):
    VALID = "valid", pgettext_lazy("certificate", "Valid")
    REVOKED = "revoked", pgettext_lazy("certificate", "Revoked")
    REPLACED = "replaced", pgettext_lazy("certificate", "Replaced")


class Certificate(models.Model):
    """A certificate of completion as it was printed: the name, place and hours are copied
    when it is issued, so a later change to the registry never changes an issued
    certificate; a correction is a re-issue under a new number that replaces this one."""

    number = models.CharField(_("certificate number"), max_length=10, unique=True)
    nomination = models.ForeignKey(
        Nomination,
        verbose_name=_("nomination"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="certificates"
    )
    batch = models.ForeignKey(
        Batch, verbose_name=_("batch"), on_delete=models.PROTECT, related_name="certificates"
    )
    # Copied from the batch and the nomination: scope (institute, district) and the MoU
    # ledger read them without joins.
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="+"
    )
    institute = models.ForeignKey(
        Institute, verbose_name=_("institute"), on_delete=models.PROTECT, related_name="+"
    )
    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="+"
    )
    name_hi = models.CharField(_("name (Devanagari)"), max_length=150)
    name_en = models.CharField(_("name (Latin script)"), max_length=150)
    designation = models.CharField(_("designation"), max_length=20, choices=Designation.choices)
    place_hi = models.CharField(_("place (Hindi)"), max_length=300)
    place_en = models.CharField(_("place (English)"), max_length=300)
    hours = models.PositiveSmallIntegerField(_("hours"))
    status = models.CharField(
        _("status"), max_length=10, choices=CertificateStatus.choices, default="valid"
    )
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    # When the batch's last session ended, copied at issue: the database refuses a
    # certificate dated before the training it certifies was over.
    batch_ended_at = models.DateTimeField(_("batch ended"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    # A re-issue points at the certificate it replaces (whose status becomes "replaced").
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
    )

    class Meta:
        ordering = ["-issued_at", "pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        indexes = [
            models.Index(fields=["batch", "status"]),
            models.Index(fields=["district", "status"]),
            models.Index(fields=["institute", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["nomination"],
                condition=Q(status="valid"),
                name="one_valid_certificate_per_nomination",
            ),
            models.CheckConstraint(
                condition=~Q(status="revoked") | (~Q(reason="") & Q(revoked_at__isnull=False)),
                name="revocation_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(batch_ended_at__isnull=True) | Q(issued_at__gte=F("batch_ended_at")),
                name="certificate_not_before_batch_end",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_number} {self.name_en or self.name_hi}"

    def get_absolute_url(self) -> str:
        return reverse("certificates:detail", args=[self.number])

    @property
    def display_number(self) -> str:
        return number_display(self.number)

    @property
    def name(self) -> str:
        return self.name_hi if get_language() == "hi" and self.name_hi else self.name_en

    @property
    def is_valid(self) -> bool:
        return self.status == CertificateStatus.VALID

    @property
    def replacement(self) -> "Certificate | None":
        try:
            return self.replaced_by
        except Certificate.DoesNotExist:
            return None

    @property
    def verification_url(self) -> str:
        return f"{public_url()}/verify/{self.display_number}/"


class CertificateTemplate(TimeStampedModel):
    """How an institute's certificates look: logo, colours, wording in both languages and
    signatories, edited by the institute's coordinator without touching code."""

    institute = models.OneToOneField(
        Institute,
        verbose_name=_("institute"),
        on_delete=models.CASCADE,
        related_name="certificate_template",
    )
    logo = models.FileField(_("logo"), upload_to="certificates/logos/", blank=True)
    logo_kind = models.CharField(max_length=3, blank=True)  # "png" or "svg", after checking
    primary_colour = models.CharField(
        _("main colour"), max_length=7, default="#1e4c8c", validators=[colour_validator]
    )
    accent_colour = models.CharField(
        _("accent colour"), max_length=7, default="#c8962d", validators=[colour_validator]
    )
    wording_hi = models.TextField(
        _("wording (Hindi)"),
        blank=True,
        help_text=_(
            "Empty: the standard wording. You may use {programme}, {institute}, {start}, {end} "
            "and {hours}."
        ),
    )
    wording_en = models.TextField(_("wording (English)"), blank=True)

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")

    def __str__(self) -> str:
        return str(self.institute)


class Signatory(models.Model):
    """Someone whose name, designation and signature the certificate prints."""

    template = models.ForeignKey(
        CertificateTemplate, on_delete=models.CASCADE, related_name="signatories"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    name_hi = models.CharField(_("name (Hindi)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    designation_hi = models.CharField(_("designation (Hindi)"), max_length=200)
    designation_en = models.CharField(_("designation (English)"), max_length=200)
    signature = models.FileField(
        _("signature image"), upload_to="certificates/signatures/", blank=True
    )

    class Meta:
        ordering = ["template", "order", "pk"]
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")

    def __str__(self) -> str:
        return self.name_en
