"""Learning assessment: a question bank per module, a batch's pre- and post-test, each
participant's attempt and answers, and the optional declared education level."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sashakt.core.models import TimeStampedModel
from sashakt.nominations.models import Nomination
from sashakt.people.models import Person
from sashakt.programmes.models import Batch, Module


def bilingual(hindi: str, english: str) -> str:
    """The current language's text, falling back to the other one."""
    if get_language() == "hi":
        return hindi or english
    return english or hindi


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    SHORT = "short", _("Short text (marked by hand)")


class Question(TimeStampedModel):
    """A question of a module's bank, in Hindi and English, with an optional recording."""

    module = models.ForeignKey(
        Module, verbose_name=_("module"), on_delete=models.CASCADE, related_name="questions"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    text_hi = models.TextField(_("question (Hindi)"), blank=True)
    text_en = models.TextField(_("question (English)"), blank=True)
    audio = models.FileField(_("recording"), upload_to="assessments/audio/", blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["module", "order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(text_hi="") | ~Q(text_en=""), name="question_has_text"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def text(self) -> str:
        return bilingual(self.text_hi, self.text_en)

    @property
    def is_choice(self) -> bool:
        return self.kind != QuestionKind.SHORT

    @property
    def audio_url(self) -> str:
        return reverse("assessments:recording", args=["question", self.pk]) if self.audio else ""


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    text_hi = models.CharField(_("option (Hindi)"), max_length=300, blank=True)
    text_en = models.CharField(_("option (English)"), max_length=300, blank=True)
    is_correct = models.BooleanField(_("correct"), default=False)
    audio = models.FileField(_("recording"), upload_to="assessments/audio/", blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=1)

    class Meta:
        ordering = ["question", "order", "pk"]
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return bilingual(self.text_hi, self.text_en)

    @property
    def audio_url(self) -> str:
        return reverse("assessments:recording", args=["option", self.pk]) if self.audio else ""


class AssessmentKind(models.TextChoices):
    PRE = "pre", _("Pre-test")
    POST = "post", _("Post-test")


class Assessment(TimeStampedModel):
    """A batch's pre-test (before the first session) or post-test (after the last): the
    active questions of the programme's modules, open between the coordinator's times."""

    batch = models.ForeignKey(
        Batch, verbose_name=_("batch"), on_delete=models.CASCADE, related_name="assessments"
    )
    kind = models.CharField(_("kind"), max_length=4, choices=AssessmentKind.choices)
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(300)],
        help_text=_("Empty means no limit."),
    )

    class Meta:
        ordering = ["batch", "kind"]
        verbose_name = _("test")
        verbose_name_plural = _("tests")
        # The periodic job reads the tests whose opening time just passed (`opening.py`).
        indexes = [models.Index(fields=["opens_at"], name="assessment_opens_at")]
        constraints = [
            models.UniqueConstraint(fields=["batch", "kind"], name="one_test_per_kind"),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=F("opens_at")),
                name="test_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.batch} — {self.get_kind_display()}"

    def is_open(self, now: datetime.datetime) -> bool:
        return (
            self.opens_at is not None
            and self.opens_at <= now
            and (self.closes_at is None or now < self.closes_at)
        )


class Attempt(TimeStampedModel):
    """A participant's one attempt at a test (reopened by the coordinator if need be). The
    order of questions and options is drawn once per person and kept."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("test"), on_delete=models.CASCADE, related_name="attempts"
    )
    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="attempts"
    )
    started_at = models.DateTimeField(_("started"))
    deadline = models.DateTimeField(_("must finish by"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    question_order = models.JSONField(_("order of the questions"), default=list)
    # question id (text) -> option ids
    option_order = models.JSONField(_("order of the options"), default=dict)
    score = models.FloatField(_("score"), null=True, blank=True)
    max_score = models.FloatField(_("maximum score"), default=0)
    awaiting_marking = models.BooleanField(_("short answers to mark"), default=False)
    assisted = models.BooleanField(_("answered with help"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    times_reopened = models.PositiveSmallIntegerField(_("times reopened"), default=0)

    class Meta:
        ordering = ["assessment", "pk"]
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "nomination"], name="one_attempt_per_test"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} — {self.nomination.person}"

    @property
    def percent(self) -> float | None:
        if self.score is None or not self.max_score:
            return None
        return 100 * self.score / self.max_score


class Answer(TimeStampedModel):
    """What was answered to one question; `marks` (0 to 1) is computed for choice questions
    and given by hand for short text."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    option_ids = models.JSONField(default=list, blank=True)
    text = models.TextField(_("answer"), blank=True)
    marks = models.FloatField(
        _("marks"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )

    class Meta:
        ordering = ["attempt", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="one_answer_each"),
            models.CheckConstraint(
                condition=Q(marks__isnull=True) | Q(marks__gte=0, marks__lte=1),
                name="marks_between_0_and_1",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id}/{self.question_id}: {self.marks}"


class Education(models.TextChoices):
    NONE = "none", _("Cannot read or write")
    PRIMARY = "primary", _("Primary school")
    JUNIOR = "junior", _("Junior high school")
    HIGH = "high", _("High school")
    INTERMEDIATE = "intermediate", _("Intermediate")
    GRADUATE = "graduate", _("Graduate or more")


class EducationLevel(TimeStampedModel):
    """The education a person declared (optional). Kept here, not on the registry record, so
    that trainers never see it; the institute and state cell see results by it."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="+")
    level = models.CharField(_("education"), max_length=12, choices=Education.choices)

    class Meta:
        verbose_name = _("declared education")
        verbose_name_plural = _("declared education")

    def __str__(self) -> str:
        return f"{self.person} · {self.get_level_display()}"
