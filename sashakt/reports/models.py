"""Tallies: the state dashboard's counts kept as rows, recounted person by person as records
change (see `tallies.py`), so the statewide page reads a few hundred rows instead of counting
a million people.

None of these rows is edited by hand or shown as it is; all of them can be rebuilt from the
records at any time (`manage.py tallies --rebuild`).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class TallyPending(models.Model):
    """A person whose share of the tallies is to be counted again. Written by database
    triggers on every change to people, nominations, certificates and batches that can move a
    figure (whatever wrote it: a form, an import, a QuerySet.update), so no path is missed."""

    person_id = models.BigIntegerField(primary_key=True)

    def __str__(self) -> str:
        return str(self.person_id)


class PersonFunnelCell(models.Model):
    """One person's share of one `FunnelTally` cell (a 0/1 per measure), kept so that a
    recount can take the old share away before adding the new one."""

    person_id = models.BigIntegerField(db_index=True)
    dimension = models.CharField(max_length=20)
    key = models.CharField(max_length=40)
    nominated = models.SmallIntegerField()
    approved = models.SmallIntegerField()
    confirmed = models.SmallIntegerField()
    completed = models.SmallIntegerField()
    attended = models.SmallIntegerField()
    certified = models.SmallIntegerField()

    def __str__(self) -> str:
        return f"{self.person_id} {self.dimension}:{self.key}"


class PersonRegistry(models.Model):
    """One person's share of the `RegistryTally` (a 0/1 per measure)."""

    person_id = models.BigIntegerField(primary_key=True)
    cell = models.CharField(max_length=40)
    district_id = models.BigIntegerField()
    elected = models.BooleanField()
    term_start = models.DateField(null=True)
    people = models.SmallIntegerField()
    trained = models.SmallIntegerField()
    oriented = models.SmallIntegerField()
    refreshed = models.SmallIntegerField()

    def __str__(self) -> str:
        return f"{self.person_id} {self.cell}"


class FunnelTally(models.Model):
    """Distinct people per measure in one group of one dimension (statewide, unfiltered)."""

    dimension = models.CharField(max_length=20)
    key = models.CharField(max_length=40)
    nominated = models.BigIntegerField(default=0)
    approved = models.BigIntegerField(default=0)
    confirmed = models.BigIntegerField(default=0)
    completed = models.BigIntegerField(default=0)
    attended = models.BigIntegerField(default=0)
    certified = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dimension", "key"], name="funnel_tally_cell"),
        ]

    def __str__(self) -> str:
        return f"{self.dimension}:{self.key}"


class RegistryTally(models.Model):
    """People of the registry per district, elected or not, and date of election (for RGSA's
    windows, which close as the days pass): how many, and how many of them trained,
    oriented within 6 months and refreshed within 2 years."""

    cell = models.CharField(max_length=40, unique=True)  # "district:elected:term_start"
    district_id = models.BigIntegerField()
    elected = models.BooleanField()
    term_start = models.DateField(null=True)
    people = models.BigIntegerField(default=0)
    trained = models.BigIntegerField(default=0)
    oriented = models.BigIntegerField(default=0)
    refreshed = models.BigIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["elected", "district_id"])]

    def __str__(self) -> str:
        return f"{self.district_id}:{self.elected}:{self.term_start}"


class BulkAudience(models.TextChoices):
    BATCH = "batch", _("A batch's seated people")
    PROGRAMME = "programme", _("A programme's seated people")
    REGISTRY = "registry", _("People of the registry")


class BulkMessage(models.Model):
    """One message written to many people on the bulk page: who wrote what to whom, and
    how many it reached. Audited; the outbox holds each person's row
    ("bulk-message:<this id>:<person id>"), so queueing it again sends nothing twice.

    The audience is kept as chosen (a batch, a programme, or the registry filtered by
    district, designation and RGSA orientation overdue) and `district` also bounds a
    district officer's message to their own district. The counts are those shown at the
    confirmation (people, no mobile, opted out); `queued` and `already` are the job's."""

    token = models.UUIDField(
        _("confirmation"),
        unique=True,
        help_text=_("Sent with the confirmation, so that a second click sends nothing twice."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    audience = models.CharField(_("audience"), max_length=10, choices=BulkAudience.choices)
    batch = models.ForeignKey(
        "programmes.Batch",
        verbose_name=_("batch"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    district = models.ForeignKey(
        "geography.District",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    designation = models.CharField(_("designation"), max_length=20, blank=True)
    overdue_only = models.BooleanField(_("RGSA orientation overdue only"), default=False)
    text_hi = models.TextField(_("text in Hindi"))
    text_en = models.TextField(_("text in English"))
    people = models.PositiveIntegerField(_("people"), default=0)
    no_mobile = models.PositiveIntegerField(_("without a mobile"), default=0)
    opted_out = models.PositiveIntegerField(_("opted out"), default=0)
    queued = models.PositiveIntegerField(_("queued"), default=0)
    already = models.PositiveIntegerField(_("queued before"), default=0)
    job = models.ForeignKey(
        "core.Job",
        verbose_name=_("job"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("bulk message")
        verbose_name_plural = _("bulk messages")

    def __str__(self) -> str:
        return f"{self.get_audience_display()} ({self.people})"

    def get_absolute_url(self) -> str:
        return reverse("reports:bulk_message_detail", args=[self.pk])
