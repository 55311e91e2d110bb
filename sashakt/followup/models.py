"""After the training (issue 26): each participant's action plan (1–3 commitments, each for one
of the Ministry's nine LSDG themes), its check-ins at 30, 90 and 180 days after the batch, and
the good practices the state cell picks from the achieved commitments.

A check-in's due day is never stored: it is the batch's current last day plus the stage's days
(`selectors.checkin_due_on`), so a batch moved to other dates moves its check-ins with it. A
`CheckIn` row exists only once a check-in is answered (by the participant from the SMS link or
by the district officer from a phone call).
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sashakt.core.models import TimeStampedModel
from sashakt.followup.themes import LsdgTheme
from sashakt.nominations.models import Nomination
from sashakt.programmes.models import Module

MAX_COMMITMENTS = 3


class CommitmentStatus(models.TextChoices):
    PLANNED = "planned", _("Not yet asked")
    DONE = "done", _("Done")
    IN_PROGRESS = "in_progress", _("In progress")
    STUCK = "stuck", _("Stuck")
    DROPPED = "dropped", _("Dropped")


# What a check-in may answer (a commitment is "planned" only until its first check-in).
ANSWERED_STATUSES = [s for s in CommitmentStatus if s != CommitmentStatus.PLANNED]


class Factor(models.TextChoices):
    """What helped or blocked a commitment: one tap, then a comment or voice note."""

    TRAINING = "training", _("What I learnt in the training")
    GRAM_SABHA = "gram_sabha", _("The Gram Sabha and the people")
    OFFICIALS = "officials", _("Officials and the block office")
    FUNDS = "funds", _("Funds")
    TIME = "time", _("Time")
    RULES = "rules", _("Rules and approvals")
    OTHER = "other", _("Something else")


class Stage(models.IntegerChoices):
    """Days after the batch's last day."""

    DAY_30 = 30, _("30 days")
    DAY_90 = 90, _("90 days")
    DAY_180 = 180, _("180 days")


class Channel(models.TextChoices):
    LINK = "link", _("By the participant, from the SMS link")
    PHONE = "phone", _("By the district officer, on a phone call")


class ActionPlan(TimeStampedModel):
    """A participant's plan for after the batch, written on its last day."""

    nomination = models.OneToOneField(
        Nomination,
        verbose_name=_("nomination"),
        on_delete=models.PROTECT,
        related_name="action_plan",
    )
    voice_note = models.FileField(
        _("voice note"), upload_to="followup/plans/%Y/%m/", blank=True, max_length=200
    )
    # Typed by a facilitator, trainer or coordinator for the participant ("assisted").
    assisted = models.BooleanField(_("entered with help"), default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")

    def __str__(self) -> str:
        return f"{self.nomination.person} · {self.nomination.batch}"

    @property
    def batch_end(self) -> datetime.date:
        """The batch's current last day, from which the check-ins are counted."""
        batch = self.nomination.batch
        if batch is None:
            raise ValueError("A plan's nomination always has its batch.")
        return batch.end_date


class Commitment(models.Model):
    plan = models.ForeignKey(
        ActionPlan,
        verbose_name=_("action plan"),
        on_delete=models.CASCADE,
        related_name="commitments",
    )
    order = models.PositiveSmallIntegerField(_("number"))
    what = models.TextField(_("what I will do"), max_length=500, blank=True)
    for_whom = models.CharField(_("for whom in my Panchayat"), max_length=200, blank=True)
    by_when = models.DateField(_("by when"))
    theme = models.CharField(_("LSDG theme"), max_length=20, choices=LsdgTheme.choices)
    # The module of the programme the commitment draws on, when the person names one: the
    # department asks which modules lead to action. A module removed from the programme later
    # leaves the commitment standing, counted under "no module named".
    module = models.ForeignKey(
        Module,
        verbose_name=_("module it draws on"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
    )
    # The last check-in's answer, kept here so the department's counts are one GROUP BY.
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.PLANNED,
    )
    good_practice_at = models.DateTimeField(_("marked a good practice"), null=True, blank=True)
    good_practice_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The person's consent to show the story to later batches: when and who recorded it.
    consent_at = models.DateTimeField(_("consent recorded"), null=True, blank=True)
    consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consent recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.UniqueConstraint(fields=["plan", "order"], name="commitment_order_once"),
            models.CheckConstraint(
                condition=Q(order__gte=1) & Q(order__lte=MAX_COMMITMENTS),
                name="commitment_one_to_three",
            ),
        ]
        indexes = [models.Index(fields=["theme", "status"], name="commitment_theme_status")]

    def __str__(self) -> str:
        return self.what[:60] or self.get_theme_display()


class CheckIn(TimeStampedModel):
    """One answered check-in of a plan (30, 90 or 180 days after the batch)."""

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="checkins"
    )
    stage = models.PositiveSmallIntegerField(_("check-in"), choices=Stage.choices)
    channel = models.CharField(_("answered"), max_length=8, choices=Channel.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["plan", "stage"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [models.UniqueConstraint(fields=["plan", "stage"], name="checkin_stage_once")]

    def __str__(self) -> str:
        return f"{self.plan} · {self.get_stage_display()}"


class CheckInAnswer(models.Model):
    """What a check-in says about one commitment."""

    checkin = models.ForeignKey(
        CheckIn, verbose_name=_("check-in"), on_delete=models.CASCADE, related_name="answers"
    )
    commitment = models.ForeignKey(
        Commitment, verbose_name=_("commitment"), on_delete=models.CASCADE, related_name="answers"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=[(s.value, s.label) for s in ANSWERED_STATUSES],
    )
    factor = models.CharField(
        _("what helped or blocked"), max_length=12, choices=Factor.choices, blank=True
    )
    comment = models.TextField(_("comment"), max_length=1000, blank=True)
    voice_note = models.FileField(
        _("voice note"), upload_to="followup/checkins/%Y/%m/", blank=True, max_length=200
    )
    photo = models.FileField(
        _("photo"), upload_to="followup/photos/%Y/%m/", blank=True, max_length=200
    )

    class Meta:
        ordering = ["checkin", "commitment__order"]
        verbose_name = _("check-in answer")
        verbose_name_plural = _("check-in answers")
        constraints = [
            models.UniqueConstraint(
                fields=["checkin", "commitment"], name="checkin_answer_once_per_commitment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.commitment} · {self.get_status_display()}"


# The outcomes and the library keep their models in their own modules (one file per part).
from sashakt.followup.models_library import Material, MaterialKind  # noqa: E402, F401
from sashakt.followup.models_outcomes import (  # noqa: E402, F401
    Grade,
    Indicator,
    IndicatorImport,
    IndicatorRound,
    IndicatorValue,
)
