"""Taking a test: starting an attempt, saving and submitting answers, reopening, and marking
short answers by hand. Every write is atomic, checks who acts, and is audited. Scores are worked
out in `scoring.py`, timed-out attempts end in `expiry.py`, and the question bank and a test's
times are in `services.py`."""

import random

from auditlog.context import set_actor
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sashakt.assessments import rules
from sashakt.assessments.expiry import SAVE_GRACE, attempt_lock_expired
from sashakt.assessments.expiry import attempts_expire as attempts_expire  # its old address
from sashakt.assessments.models import Answer, Assessment, Attempt, Question, QuestionKind
from sashakt.assessments.scoring import attempt_score, choice_marks
from sashakt.assessments.services import AssessmentError, assessment_questions, attempt_deadline
from sashakt.core.text import typed_id
from sashakt.nominations.models import Nomination


@transaction.atomic
def attempt_start(
    *, user, assessment: Assessment, nomination: Nomination, assisted: bool = False, now=None
) -> Attempt:
    """The attempt to show: a new one, with its own shuffled order, or the one under way."""
    now = now or timezone.now()
    assessment = Assessment.objects.select_related("batch").get(pk=assessment.pk)  # fresh times
    if nomination.batch_id != assessment.batch_id:
        raise AssessmentError(_("This person is not in this batch."))
    allowed = (
        rules.may_assist(user, assessment.batch) and nomination.status in rules.TAKING_STATUSES
        if assisted
        else rules.may_take(user, nomination)
    )
    if not allowed:
        raise AssessmentError(_("You cannot take this test."))
    attempt = Attempt.objects.select_for_update().filter(
        assessment=assessment, nomination=nomination
    )
    attempt = attempt.first()
    if attempt and attempt.submitted_at:
        raise AssessmentError(_("This test has already been submitted."))
    if attempt and attempt.assisted != assisted:
        # One attempt, one way: a helper does not take over a test begun on the person's own
        # phone, nor the person a test being recorded with help.
        if assisted:
            raise AssessmentError(_("This person has started the test on their own phone."))
        raise AssessmentError(_("This test is being recorded with help."))
    if attempt:
        return attempt
    if not assessment.is_open(now):
        raise AssessmentError(_("This test is not open now."))
    questions = list(assessment_questions(assessment))
    if not questions:
        raise AssessmentError(_("This test has no questions yet."))
    shuffle = random.SystemRandom()
    shuffle.shuffle(questions)
    option_order = {}
    for question in questions:
        ids = [option.pk for option in question.options.all()]
        shuffle.shuffle(ids)
        option_order[str(question.pk)] = ids
    with set_actor(user):
        return Attempt.objects.create(
            assessment=assessment,
            nomination=nomination,
            started_at=now,
            deadline=attempt_deadline(assessment, now),
            question_order=[q.pk for q in questions],
            option_order=option_order,
            max_score=len(questions),
            assisted=assisted,
            recorded_by=user if assisted else None,
        )


_UNREAD = object()  # `_check_writable` reads the close time itself


def _check_writable(user, attempt: Attempt, now, *, closes_at=_UNREAD) -> None:
    """Refuse a write to `attempt`. `closes_at` is the test's close time read with the
    attempt's lock; without it, it is read now."""
    if not rules.may_write_attempt(user, attempt):
        raise AssessmentError(_("You cannot answer this test."))
    if attempt.submitted_at:
        raise AssessmentError(_("This test has already been submitted."))
    # The test's times as they are now, not as they were when the attempt began: a test
    # closed (or shortened) by editing its times closes every attempt already started.
    if closes_at is _UNREAD:
        closes_at = Assessment.objects.values_list("closes_at", flat=True).get(
            pk=attempt.assessment_id
        )
    deadline = min(filter(None, [attempt.deadline, closes_at]), default=None)
    if deadline and now > deadline + SAVE_GRACE:
        raise AssessmentError(_("The time for this test is over."))


def _clean_answer(attempt: Attempt, question: Question, option_ids, text: str) -> tuple:
    if question.pk not in attempt.question_order:
        raise AssessmentError(_("This question is not part of your test."))
    if question.kind == QuestionKind.SHORT:
        return [], (text or "").strip()[:2000]
    allowed = set(attempt.option_order.get(str(question.pk), []))
    chosen = sorted({number for o in option_ids if (number := typed_id(str(o))) is not None})
    if not set(chosen) <= allowed:
        raise AssessmentError(_("That option does not belong to this question."))
    if question.kind == QuestionKind.SINGLE and len(chosen) > 1:
        raise AssessmentError(_("Choose one option only."))
    return chosen, ""


def _answer_values(question: Question, chosen: list[int], text: str) -> dict[str, object]:
    """What an answer row holds. A choice answer is marked as it is saved, in the same audited
    write: at submission `attempt_score` then finds every mark in place and writes none (250
    people submitting 20 answers each had cost 20 audited saves per submission), unless a
    question's correct options were edited since."""
    values: dict[str, object] = {"option_ids": chosen, "text": text}
    if question.kind != QuestionKind.SHORT:
        values["marks"] = choice_marks(question, chosen)
    return values


@transaction.atomic
def answer_save(
    *, user, attempt: Attempt, question: Question, option_ids=(), text: str = "", now=None
) -> Answer:
    """Save one answer as the participant gives it (replacing the previous one)."""
    now = now or timezone.now()
    # One query: the attempt locked, with the test's times as they are now and the nomination
    # the permission reads (the hall's post-test saves 250 people's answers at once).
    attempt = (
        Attempt.objects.select_for_update(of=("self",))
        .select_related("assessment__batch", "nomination")
        .get(pk=attempt.pk)
    )
    _check_writable(user, attempt, now, closes_at=attempt.assessment.closes_at)
    chosen, text = _clean_answer(attempt, question, option_ids, text)
    values = _answer_values(question, chosen, text)
    # The attempt's lock makes this attempt's writes one at a time: a plain read, then an
    # insert or an update (no savepoint and second lock of update_or_create).
    with set_actor(user):
        answer = Answer.objects.filter(attempt=attempt, question=question).first()
        if answer is None:
            return Answer.objects.create(attempt=attempt, question=question, **values)
        changed = [name for name, value in values.items() if getattr(answer, name) != value]
        if changed:
            for name in changed:
                setattr(answer, name, values[name])
            answer.save(update_fields=[*changed, "updated_at"])
    return answer


@transaction.atomic
def attempt_submit(*, user, attempt: Attempt, answers: dict | None = None, now=None) -> Attempt:
    """Submit: the answers sent with the final form are saved first (whatever did not reach
    the server while the connection was down), then the attempt is scored."""
    now = now or timezone.now()
    attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
    _check_writable(user, attempt, now)
    with set_actor(user):
        for question in Question.objects.filter(pk__in=(answers or {}).keys()):
            option_ids, text = answers[question.pk]
            chosen, text = _clean_answer(attempt, question, option_ids, text)
            Answer.objects.update_or_create(
                attempt=attempt, question=question, defaults=_answer_values(question, chosen, text)
            )
        attempt_score(attempt)
        attempt.submitted_at = now
        attempt.save()
    return attempt


@transaction.atomic
def attempt_reopen(*, user, attempt: Attempt, now=None) -> Attempt:
    """A second chance (a phone died, a wrong person answered): answers are kept."""
    now = now or timezone.now()
    attempt = attempt_lock_expired(attempt.pk, now)
    if not rules.may_manage(user, attempt.assessment.batch):
        raise AssessmentError(_("You cannot manage the tests of this batch."))
    if not attempt.submitted_at:
        raise AssessmentError(_("This attempt is still open."))
    with set_actor(user):
        attempt.submitted_at = None
        attempt.times_reopened += 1
        attempt.deadline = attempt_deadline(attempt.assessment, now)
        attempt.save()
    return attempt


@transaction.atomic
def answer_mark(*, user, answer: Answer, marks: float) -> Answer:
    """Mark a short text answer by hand (0 to 1); the attempt's score follows."""
    attempt = attempt_lock_expired(answer.attempt_id)
    if not rules.may_manage(user, attempt.assessment.batch):
        raise AssessmentError(_("You cannot manage the tests of this batch."))
    if answer.question.kind != QuestionKind.SHORT:
        raise AssessmentError(_("Only short text answers are marked by hand."))
    if not 0 <= marks <= 1:
        raise AssessmentError(_("Marks must be between 0 and 1."))
    with set_actor(user):
        answer.marks = marks
        answer.save(update_fields=["marks", "updated_at"])
        if attempt.submitted_at:
            attempt_score(attempt)
            attempt.save()
    return answer
