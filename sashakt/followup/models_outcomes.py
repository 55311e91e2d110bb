"""Outcome indicators: per-GP figures (the Panchayat Advancement Index and whatever else the
department measures) in rounds, imported from spreadsheets keyed by LGD code.

A value is one figure of one gram panchayat in one round. A GP absent from a round has no
value there, never a zero: the follow-up report counts it as missing."""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sashakt.core.models import Job, TimeStampedModel, bilingual
from sashakt.followup.themes import LsdgTheme
from sashakt.geography.models import GramPanchayat


class Grade(models.TextChoices):
    A_PLUS = "A+", "A+"
    A = "A", "A"
    B = "B", "B"
    C = "C", "C"
    D = "D", "D"


class Indicator(TimeStampedModel):
    """A per-GP figure the department follows: a PAI score, own-source revenue, ..."""

    class Kind(models.TextChoices):
        NUMBER = "number", _("Number")
        GRADE = "grade", _("Grade")  # A+, A, B, C or D

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_hi = models.CharField(_("name (Hindi)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    unit_hi = models.CharField(_("unit (Hindi)"), max_length=40, blank=True)
    unit_en = models.CharField(_("unit (English)"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NUMBER)
    theme = models.CharField(_("LSDG theme"), max_length=20, choices=LsdgTheme.choices, blank=True)
    minimum = models.DecimalField(
        _("lowest possible value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    maximum = models.DecimalField(
        _("highest possible value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    # Other column headings that mean this indicator, one a line (a sheet's own wording).
    aliases = models.TextField(_("other column headings"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    name = bilingual("name")
    unit = bilingual("unit")

    def __str__(self) -> str:
        return str(self.name)


class IndicatorRound(TimeStampedModel):
    """One measurement of the indicators (PAI 2022-23, PAI 2023-24, ...). `measured_on` is
    the date the figures describe: a GP counts as trained for this round when a person of
    it completed a programme before that date."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_hi = models.CharField(_("name (Hindi)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    measured_on = models.DateField(_("figures as of"))
    is_demo = models.BooleanField(_("demo record"), default=False)

    class Meta:
        ordering = ["measured_on", "code"]
        verbose_name = _("indicator round")
        verbose_name_plural = _("indicator rounds")

    name = bilingual("name")

    def __str__(self) -> str:
        return str(self.name)


class IndicatorImport(TimeStampedModel):
    """One uploaded sheet of one round, its row report and what became of it."""

    class Status(models.TextChoices):
        CHECKING = "checking", _("Being checked")
        REFUSED = "refused", _("Refused: nothing was written")
        NEEDS_CONFIRMATION = "confirm", _("Changes figures already imported: confirm")
        APPLIED = "applied", _("Imported")
        UNCHANGED = "unchanged", _("Already imported: nothing changed")

    round = models.ForeignKey(
        IndicatorRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="imports"
    )
    file = models.FileField(_("file"), upload_to="followup/indicators/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.CHECKING
    )
    report = models.JSONField(_("row report"), default=dict, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    job = models.ForeignKey(Job, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("indicator import")
        verbose_name_plural = _("indicator imports")

    def __str__(self) -> str:
        return f"{self.round.code}: {self.original_name}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse  # noqa: PLC0415 - URLs are loaded after models

        return reverse("followup:indicator_import_detail", args=[self.pk])


class IndicatorValue(models.Model):
    """One GP's figure for one indicator in one round: a number, or a grade."""

    round = models.ForeignKey(IndicatorRound, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    gram_panchayat = models.ForeignKey(
        GramPanchayat, on_delete=models.PROTECT, related_name="indicator_values"
    )
    value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    grade = models.CharField(max_length=2, choices=Grade.choices, blank=True)
    imported_by = models.ForeignKey(
        IndicatorImport, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "indicator", "gram_panchayat"], name="one_value_per_gp_round"
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=False, grade="") | Q(value__isnull=True) & ~Q(grade=""),
                name="value_is_a_number_or_a_grade",
            ),
        ]
        indexes = [models.Index(fields=["indicator", "round"])]

    def __str__(self) -> str:
        return f"{self.gram_panchayat_id} {self.indicator_id} {self.round_id}"


# Values are written in bulk by an import (one audited import row stands for its thousands
# of figures); the imports, indicators and rounds themselves are audited.
# Codes are identifiers, named in the audit by the record's name.
auditlog.register(Indicator, exclude_fields=["code"])
auditlog.register(IndicatorRound, exclude_fields=["code"])
auditlog.register(IndicatorImport, exclude_fields=["report", "file", "job"])
