"""Reaction feedback: participants rate each session and the whole batch on five-point faces
and may add a comment. A response is tied to its nomination only so that nobody answers twice;
no page or export for trainers ever shows who wrote what."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sashakt.core.models import TimeStampedModel
from sashakt.nominations.models import Nomination
from sashakt.programmes.models import Batch, BatchSession

# Fewer answers than this and no breakdown is shown: with three answers a trainer could
# guess who gave the one low rating.
MINIMUM_FOR_BREAKDOWN = 5


class Scale(models.IntegerChoices):
    VERY_POOR = 1, _("Very poor")
    POOR = 2, _("Poor")
    AVERAGE = 3, _("Average")
    GOOD = 4, _("Good")
    VERY_GOOD = 5, _("Very good")


# Faces are drawn (SVG mouths), not emoji: many phones' fonts lack some emoji.
FACES = {
    1: "M7 17 Q12 10 17 17",
    2: "M7.5 16.5 Q12 13 16.5 16.5",
    3: "M7.5 15 L16.5 15",
    4: "M7.5 14 Q12 17.5 16.5 14",
    5: "M7 13 Q12 20 17 13",
}


class Applies(models.TextChoices):
    SESSION = "session", _("Each session")
    BATCH = "batch", _("The whole batch")


class FeedbackItem(models.Model):
    """A statement rated on the faces (content, trainer, relevance, arrangements)."""

    code = models.SlugField(_("code"), max_length=30)
    applies_to = models.CharField(_("asked about"), max_length=10, choices=Applies.choices)
    text_hi = models.CharField(_("text (Hindi)"), max_length=300)
    text_en = models.CharField(_("text (English)"), max_length=300)
    audio = models.FileField(_("recording"), upload_to="feedback/audio/", blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["applies_to", "order"]
        verbose_name = _("feedback item")
        verbose_name_plural = _("feedback items")
        constraints = [
            models.UniqueConstraint(fields=["code", "applies_to"], name="feedback_item_once"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        if get_language() == "hi":
            return self.text_hi or self.text_en
        return self.text_en or self.text_hi

    @property
    def audio_url(self) -> str:
        return reverse("feedback:recording", args=[self.pk]) if self.audio else ""


class FeedbackResponse(TimeStampedModel):
    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="feedback")
    session = models.ForeignKey(
        BatchSession, on_delete=models.CASCADE, null=True, blank=True, related_name="feedback"
    )
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="+")
    comment = models.TextField(_("comment"), blank=True)
    assisted = models.BooleanField(_("answered with help"), default=False)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "session"],
                condition=Q(session__isnull=False),
                name="feedback_once_per_session",
            ),
            models.UniqueConstraint(
                fields=["nomination", "batch"],
                condition=Q(session__isnull=True),
                name="feedback_once_per_batch",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.batch_id}/{self.session_id or '-'}"


class Rating(models.Model):
    response = models.ForeignKey(FeedbackResponse, on_delete=models.CASCADE, related_name="ratings")
    item = models.ForeignKey(FeedbackItem, on_delete=models.PROTECT, related_name="ratings")
    value = models.PositiveSmallIntegerField(
        _("rating"),
        choices=Scale.choices,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="one_rating_per_item"),
            models.CheckConstraint(
                condition=Q(value__gte=1, value__lte=5), name="rating_from_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.value}"
