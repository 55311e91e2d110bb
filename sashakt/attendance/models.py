"""Attendance per scheduled session, the evidence behind it, and who completed a batch.

A `Mark` is the current state of one person in one session; every submission that tried to
change it is a `MarkChange` (the history), whose `client_id` is unique per phone user and
session so that a replayed or doubled submission from a phone records one change (the same id
from another user's phone is another submission). Two phones marking the same person merge
by "last writer wins" on the time the coordinator tapped (`marked_at`), and both submissions
stay in the history.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sashakt.nominations.models import Nomination
from sashakt.programmes.models import Batch, BatchSession, Programme


class MarkStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")
    LATE = "late", _("Came late")
    LEFT_EARLY = "left_early", _("Left early")


# Statuses that count as having attended the session.
ATTENDED_STATUSES = (MarkStatus.PRESENT, MarkStatus.LATE, MarkStatus.LEFT_EARLY)


class MarkMethod(models.TextChoices):
    QR = "qr", _("QR check-in")
    GRID = "grid", _("Roll-call grid")
    PAPER = "paper", _("Signed paper register")
    SHEET = "sheet", _("Bulk sheet")


class Mark(models.Model):
    """One person's attendance in one session, as it stands now."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="marks"
    )
    session = models.ForeignKey(
        BatchSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="marks"
    )
    status = models.CharField(_("status"), max_length=12, choices=MarkStatus.choices)
    arrived_at = models.TimeField(_("arrived at"), null=True, blank=True)
    left_at = models.TimeField(_("left at"), null=True, blank=True)
    method = models.CharField(_("how"), max_length=8, choices=MarkMethod.choices)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    # When the coordinator tapped, on their device: what "last writer" means.
    marked_at = models.DateTimeField(_("marked at"))
    # The submission that set the current state.
    client_id = models.CharField(max_length=64, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["session", "nomination"]
        verbose_name = _("attendance mark")
        verbose_name_plural = _("attendance marks")
        constraints = [
            models.UniqueConstraint(fields=["nomination", "session"], name="one_mark_per_session"),
            models.CheckConstraint(
                condition=Q(status="late", arrived_at__isnull=False) | ~Q(status="late"),
                name="late_has_arrival_time",
            ),
            models.CheckConstraint(
                condition=Q(status="left_early", left_at__isnull=False) | ~Q(status="left_early"),
                name="left_early_has_departure_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nomination_id}@{self.session_id}: {self.status}"

    @property
    def attended(self) -> bool:
        return self.status in ATTENDED_STATUSES


class MarkChange(models.Model):
    """Every submission for a person and session: who, when, old → new, why, and whether it
    won (a submission tapped earlier than the current mark is kept but not applied)."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(BatchSession, on_delete=models.CASCADE, related_name="+")
    # The id the phone gave this submission, unique per phone user and session (issue 23): an
    # id is the phone's own, so the same id from another institute's phone is another mark.
    client_id = models.CharField(max_length=64, null=True, blank=True)
    old_status = models.CharField(max_length=12, choices=MarkStatus.choices, blank=True)
    new_status = models.CharField(max_length=12, choices=MarkStatus.choices)
    arrived_at = models.TimeField(null=True, blank=True)
    left_at = models.TimeField(null=True, blank=True)
    method = models.CharField(max_length=8, choices=MarkMethod.choices)
    reason = models.TextField(_("reason"), blank=True)
    applied = models.BooleanField(default=False)
    # Entered days after the session (a paper register typed in later): `changed_by` and
    # `reason` say who entered it and why; the database refuses one without a reason.
    backdated = models.BooleanField(_("entered late"), default=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    marked_at = models.DateTimeField()
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attendance change")
        verbose_name_plural = _("attendance changes")
        ordering = ["received_at", "pk"]
        indexes = [models.Index(fields=["session", "nomination"])]
        constraints = [
            models.UniqueConstraint(
                fields=["changed_by", "session", "client_id"],
                name="attendance_change_client_id_per_user_session",
            ),
            models.CheckConstraint(
                condition=Q(backdated=False) | ~Q(reason=""),
                name="backdated_mark_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nomination_id}@{self.session_id}: {self.old_status} → {self.new_status}"


class CompletionRule(models.Model):
    """What completing a programme takes; a programme without a rule uses the default."""

    DEFAULT_MIN_PERCENT = 80

    programme = models.OneToOneField(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="completion_rule",
    )
    min_percent = models.PositiveSmallIntegerField(
        _("sessions attended, at least (per cent)"), default=DEFAULT_MIN_PERCENT
    )
    require_post_test = models.BooleanField(_("post-test taken"), default=False)

    class Meta:
        verbose_name = _("completion rule")
        verbose_name_plural = _("completion rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_percent__lte=100), name="completion_percent_at_most_100"
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme_id}: {self.min_percent}%"


class Completion(models.Model):
    """Whether a confirmed person completed their batch, decided when the batch completed
    (and again after a correction), with the figures behind it."""

    nomination = models.OneToOneField(
        Nomination,
        verbose_name=_("nomination"),
        on_delete=models.CASCADE,
        related_name="completion",
    )
    batch = models.ForeignKey(
        Batch, verbose_name=_("batch"), on_delete=models.CASCADE, related_name="completions"
    )
    sessions_total = models.PositiveSmallIntegerField(_("sessions in the timetable"))
    sessions_attended = models.PositiveSmallIntegerField(_("sessions attended"))
    min_percent = models.PositiveSmallIntegerField(_("sessions attended, at least (per cent)"))
    # The seat held during the batch (a completed nomination releases it).
    seat = models.PositiveSmallIntegerField(_("seat"), null=True, blank=True)
    completed = models.BooleanField(_("completed"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now=True)

    class Meta:
        ordering = ["batch", "nomination"]
        verbose_name = _("completion")
        verbose_name_plural = _("completions")
        indexes = [models.Index(fields=["batch", "completed"])]

    def __str__(self) -> str:
        outcome = _("completed") if self.completed else _("did not complete")
        return f"{self.nomination.person} · {outcome}"


def evidence_path(instance, filename: str) -> str:
    return f"attendance/evidence/{instance.batch_id}/{instance.date:%Y-%m-%d}/{filename}"


class DayEvidence(models.Model):
    """The scanned, signed paper register of one day of a batch."""

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="evidence")
    date = models.DateField(_("date"))
    file = models.FileField(_("scanned register"), upload_to=evidence_path)
    original_name = models.CharField(max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "-uploaded_at"]
        verbose_name = _("signed register scan")
        verbose_name_plural = _("signed register scans")

    def __str__(self) -> str:
        return f"{self.batch_id} {self.date}: {self.original_name}"
