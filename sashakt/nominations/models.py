from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sashakt.core.models import TimeStampedModel
from sashakt.geography.models import District
from sashakt.people.models import Designation, Gender, Person, SocialCategory
from sashakt.programmes.models import Batch, Programme


class NominationStatus(models.TextChoices):
    NOMINATED = "nominated", _("Awaiting approval")
    APPROVED = "approved", _("Seat offered")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("Waitlisted")
    REJECTED = "rejected", _("Rejected")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    SUBSTITUTED = "substituted", _("Replaced by a substitute")
    # Set by the attendance app when a batch is completed: by the programme's completion
    # rule over the marks of every session, never by the batch's status alone.
    ATTENDED = "attended", _("Completed the batch")
    NOT_COMPLETED = "incomplete", _("Did not complete the batch")


# A person holds a seat of the batch in these states (the seat number is set).
SEAT_HOLDING = (NominationStatus.APPROVED, NominationStatus.CONFIRMED)
# Still in play: a person has at most one of these per programme.
ACTIVE = (NominationStatus.NOMINATED, NominationStatus.WAITLISTED, *SEAT_HOLDING)


# Columns a nomination's own save() never writes once it exists (see `Nomination.save`).
KEPT_ELSEWHERE = ("gender", "social_category", "attended_a_session")


class Nomination(TimeStampedModel):
    """A district officer's proposal of a person for a programme, and what became of it.

    `batch` is the batch asked for (or allocated); empty while the nomination waits for the
    automatic allocation. `seat` is set exactly while the person holds a seat, and a batch's
    seat numbers are unique, so the database itself refuses two people on one seat.
    """

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    batch = models.ForeignKey(
        Batch,
        verbose_name=_("batch"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="nominations"
    )
    # Copied from the person when nominated: the quota and the district officer's scope
    # follow the district the person was nominated from.
    district = models.ForeignKey(District, verbose_name=_("district"), on_delete=models.PROTECT)
    designation = models.CharField(_("designation"), max_length=20, choices=Designation.choices)
    # The person's gender and social category, kept in step with the person (unlike district
    # and designation, which stay as nominated): the dashboards group nominations by them,
    # and reading them here spares every statewide figure a join with the whole registry.
    # Copied when the nomination is created and whenever the person changes
    # (`services.nominations_follow_people`).
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    social_category = models.CharField(
        _("social category"), max_length=3, choices=SocialCategory.choices, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=NominationStatus.choices,
        default=NominationStatus.NOMINATED,
    )
    seat = models.PositiveSmallIntegerField(_("seat"), null=True, blank=True)
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    previously_trained = models.BooleanField(_("already completed this programme"), default=False)
    unavailable_weeks = models.JSONField(
        _("weeks the person cannot come"),
        default=list,
        blank=True,
        help_text=_("Mondays (YYYY-MM-DD) of the weeks the person cannot attend."),
    )
    substitute_for = models.OneToOneField(
        "self",
        verbose_name=_("substitute for"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="substituted_by",
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # Marked present (or late, or leaving early) at one session or more: the dashboards'
    # "attended" column. Kept by the attendance app whenever a mark is written or removed
    # (`attendance.attended_flag.nominations_attended_refresh`), so that a statewide figure
    # reads one flag instead of searching ten million marks.
    attended_a_session = models.BooleanField(_("attended a session"), default=False)
    # Confirmed (or seated as a substitute) at the door of the hall by the coordinator.
    confirmed_in_hall_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed in the hall by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_in_hall_at = models.DateTimeField(
        _("confirmed in the hall at"), null=True, blank=True
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        indexes = [
            models.Index(fields=["batch", "status"]),
            models.Index(fields=["programme", "status"]),
            models.Index(fields=["district", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "seat"],
                condition=Q(seat__isnull=False),
                name="one_person_per_seat",
            ),
            models.UniqueConstraint(
                fields=["programme", "person"],
                condition=Q(status__in=ACTIVE),
                name="one_active_nomination_per_programme",
            ),
            models.CheckConstraint(
                condition=Q(status__in=SEAT_HOLDING, seat__isnull=False, batch__isnull=False)
                | (~Q(status__in=SEAT_HOLDING) & Q(seat__isnull=True)),
                name="seat_exactly_while_holding",
            ),
            models.CheckConstraint(
                condition=~Q(status=NominationStatus.REJECTED) | ~Q(reason=""),
                name="rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(seat__gte=1) | Q(seat__isnull=True), name="seat_from_one"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.batch or self.programme}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding and self.person_id is not None:
            # From the database, not from `self.person`, which may have been read before
            # the person last changed.
            self.gender, self.social_category = (
                Person.objects.filter(pk=self.person_id)
                .values_list("gender", "social_category")
                .get()
            )
        elif not self._state.adding and not args and kwargs.get("update_fields") is None:
            # The copies are kept by their own UPDATEs (a person saved, a mark written):
            # saving a nomination read before one of those must not put the old value back.
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name not in KEPT_ELSEWHERE
            ]
        super().save(*args, **kwargs)

    @property
    def is_in_play(self) -> bool:
        return self.status in ACTIVE


class AllocationProposal(TimeStampedModel):
    """An automatic allocation of a programme's waiting nominees to its open batches, for the
    state cell to review, adjust and apply."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Proposal")
        APPLIED = "applied", _("Applied")
        DISCARDED = "discarded", _("Replaced by a newer proposal")

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="allocation_proposals",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # nomination id (as text, JSON keys are text) -> batch id
    assignments = models.JSONField(default=dict)
    first_come = models.JSONField(default=dict)
    figures = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("allocation proposal")
        verbose_name_plural = _("allocation proposals")

    def __str__(self) -> str:
        return f"{self.programme} — {self.get_status_display()} ({self.created_at:%Y-%m-%d})"
