"""Writes for assessments: the question bank, a test's times, attempts, answers, marking.
Every write is atomic, checks who acts, and (for tests, attempts and answers) is audited."""

import datetime
import random

from auditlog.context import set_actor
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sashakt.assessments import rules
from sashakt.assessments.models import (
    Answer,
    Assessment,
    AssessmentKind,
    Attempt,
    Education,
    EducationLevel,
    Option,
    Question,
    QuestionKind,
)
from sashakt.nominations.models import Nomination
from sashakt.people.models import Person
from sashakt.programmes.models import Batch, Module

# Answers that were typed before the deadline may reach the server a little later when the
# connection drops; they are still accepted within this grace.
SAVE_GRACE = datetime.timedelta(minutes=5)


class AssessmentError(Exception):
    """A refused action; the message is for the user."""


# --- Question bank -----------------------------------------------------------------------


def question_check(*, kind: str, text_hi: str, text_en: str, options: list[dict]) -> list[str]:
    """The problems of a question as it would be written (shared by the form and the import)."""
    problems = []
    if not (text_hi.strip() or text_en.strip()):
        problems.append(_("Write the question in Hindi or English."))
    if kind not in QuestionKind.values:
        problems.append(_("Choose single choice, multiple choice or short text."))
        return problems
    if kind == QuestionKind.SHORT:
        return problems
    options = [o for o in options if (o.get("text_hi") or o.get("text_en") or "").strip()]
    correct = sum(1 for o in options if o.get("is_correct"))
    if len(options) < 2:
        problems.append(_("A choice question needs at least two options."))
    if kind == QuestionKind.SINGLE and correct != 1:
        problems.append(_("A single-choice question needs exactly one correct option."))
    if kind == QuestionKind.MULTIPLE and correct < 1:
        problems.append(_("Mark at least one option as correct."))
    return problems


@transaction.atomic
def question_create(
    *, user, module: Module, kind: str, text_hi: str, text_en: str, options: list[dict], audio=None
) -> Question:
    if not rules.may_edit_bank(user, module.programme.mou.institute_id):
        raise AssessmentError(_("You cannot change this question bank."))
    problems = question_check(kind=kind, text_hi=text_hi, text_en=text_en, options=options)
    if problems:
        raise AssessmentError(" ".join(problems))
    order = module.questions.count() + 1
    question = Question(
        module=module, kind=kind, text_hi=text_hi.strip(), text_en=text_en.strip(), order=order
    )
    if audio:
        question.audio = audio
    question.full_clean()
    question.save()
    if kind != QuestionKind.SHORT:
        position = 0
        for option in options:
            if not (option.get("text_hi") or option.get("text_en") or "").strip():
                continue
            position += 1
            Option.objects.create(
                question=question,
                text_hi=(option.get("text_hi") or "").strip(),
                text_en=(option.get("text_en") or "").strip(),
                is_correct=bool(option.get("is_correct")),
                order=position,
            )
    return question


@transaction.atomic
def question_update(
    *, user, question: Question, text_hi: str, text_en: str, options: list[dict], active: bool
) -> Question:
    """Fix a question the item analysis flagged: its texts, which options are right, or take it
    out of use (tests already started keep their questions). When the right answers change,
    every submitted attempt that had the question is scored again."""
    if not rules.may_edit_bank(user, question.module.programme.mou.institute_id):
        raise AssessmentError(_("You cannot change this question bank."))
    existing = {option.pk: option for option in question.options.all()}
    problems = question_check(kind=question.kind, text_hi=text_hi, text_en=text_en, options=options)
    if problems:
        raise AssessmentError(" ".join(problems))
    before = {pk for pk, option in existing.items() if option.is_correct}
    question.text_hi, question.text_en, question.active = text_hi.strip(), text_en.strip(), active
    question.full_clean()
    question.save()
    for values in options:
        option = existing.get(values.get("pk"))
        if option is None:
            continue
        option.text_hi = (values.get("text_hi") or "").strip()
        option.text_en = (values.get("text_en") or "").strip()
        option.is_correct = bool(values.get("is_correct"))
        option.save()
    after = {pk for pk, option in existing.items() if option.is_correct}
    if before != after:
        with set_actor(user):
            ids = Answer.objects.filter(
                question=question, attempt__submitted_at__isnull=False
            ).values_list("attempt_id", flat=True)
            for attempt in Attempt.objects.filter(pk__in=list(ids)).select_for_update():
                attempt_score(attempt)
                attempt.save()
    return question


def recording_set(*, user, thing: Question | Option, audio) -> None:
    """Attach the recording made in the hall to a question or an option."""
    question = thing if isinstance(thing, Question) else thing.question
    if not rules.may_edit_bank(user, question.module.programme.mou.institute_id):
        raise AssessmentError(_("You cannot change this question bank."))
    thing.audio = audio
    thing.save(update_fields=["audio"])


# --- Tests (pre / post) --------------------------------------------------------------------


@transaction.atomic
def assessment_schedule(
    *,
    user,
    batch: Batch,
    kind: str,
    opens_at: datetime.datetime | None,
    closes_at: datetime.datetime | None,
    time_limit_minutes: int | None,
) -> Assessment:
    if not rules.may_manage(user, batch):
        raise AssessmentError(_("You cannot manage the tests of this batch."))
    if kind not in AssessmentKind.values:
        raise ValueError(kind)
    if opens_at and closes_at and closes_at <= opens_at:
        raise AssessmentError(_("The test must close after it opens."))
    with set_actor(user):
        assessment, _created = Assessment.objects.get_or_create(batch=batch, kind=kind)
        assessment.opens_at, assessment.closes_at = opens_at, closes_at
        assessment.time_limit_minutes = time_limit_minutes
        assessment.full_clean()
        assessment.save()
    return assessment


def assessment_open_now(*, user, batch: Batch, kind: str, now=None) -> Assessment:
    now = now or timezone.now()
    assessment = Assessment.objects.filter(batch=batch, kind=kind).first()
    closes_at = assessment.closes_at if assessment else None
    if closes_at and closes_at <= now:
        closes_at = None
    return assessment_schedule(
        user=user,
        batch=batch,
        kind=kind,
        opens_at=now,
        closes_at=closes_at,
        time_limit_minutes=assessment.time_limit_minutes if assessment else None,
    )


def assessment_close_now(*, user, assessment: Assessment, now=None) -> Assessment:
    """Close the test now; attempts still open are submitted as they stand after the grace
    for answers still on their way."""
    now = now or timezone.now()
    opens_at = assessment.opens_at if assessment.opens_at and assessment.opens_at < now else None
    assessment = assessment_schedule(
        user=user,
        batch=assessment.batch,
        kind=assessment.kind,
        opens_at=opens_at or now - datetime.timedelta(seconds=1),
        closes_at=now,
        time_limit_minutes=assessment.time_limit_minutes,
    )
    assessment.attempts.filter(submitted_at__isnull=True).filter(
        Q(deadline__isnull=True) | Q(deadline__gt=now)
    ).update(deadline=now)
    return assessment


def assessment_questions(assessment: Assessment):
    return Question.objects.filter(
        module__programme_id=assessment.batch.programme_id, active=True
    ).prefetch_related("options")


# --- Attempts ------------------------------------------------------------------------------


def _deadline(assessment: Assessment, started: datetime.datetime):
    ends = []
    if assessment.time_limit_minutes:
        ends.append(started + datetime.timedelta(minutes=assessment.time_limit_minutes))
    if assessment.closes_at:
        ends.append(assessment.closes_at)
    return min(ends) if ends else None


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
            deadline=_deadline(assessment, now),
            question_order=[q.pk for q in questions],
            option_order=option_order,
            max_score=len(questions),
            assisted=assisted,
            recorded_by=user if assisted else None,
        )


def _check_writable(user, attempt: Attempt, now) -> None:
    if not rules.may_write_attempt(user, attempt):
        raise AssessmentError(_("You cannot answer this test."))
    if attempt.submitted_at:
        raise AssessmentError(_("This test has already been submitted."))
    if attempt.deadline and now > attempt.deadline + SAVE_GRACE:
        raise AssessmentError(_("The time for this test is over."))


def _clean_answer(attempt: Attempt, question: Question, option_ids, text: str) -> tuple:
    if question.pk not in attempt.question_order:
        raise AssessmentError(_("This question is not part of your test."))
    if question.kind == QuestionKind.SHORT:
        return [], (text or "").strip()[:2000]
    allowed = set(attempt.option_order.get(str(question.pk), []))
    chosen = sorted({int(o) for o in option_ids if str(o).isdigit()})
    if not set(chosen) <= allowed:
        raise AssessmentError(_("That option does not belong to this question."))
    if question.kind == QuestionKind.SINGLE and len(chosen) > 1:
        raise AssessmentError(_("Choose one option only."))
    return chosen, ""


@transaction.atomic
def answer_save(
    *, user, attempt: Attempt, question: Question, option_ids=(), text: str = "", now=None
) -> Answer:
    """Save one answer as the participant gives it (replacing the previous one)."""
    now = now or timezone.now()
    attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
    _check_writable(user, attempt, now)
    chosen, text = _clean_answer(attempt, question, option_ids, text)
    with set_actor(user):
        answer, _created = Answer.objects.update_or_create(
            attempt=attempt, question=question, defaults={"option_ids": chosen, "text": text}
        )
    return answer


def choice_marks(question: Question, option_ids: list[int]) -> float:
    """1 when exactly the correct options are chosen, else 0 (no part marks: guessing every
    option of a multiple-choice question must not pay)."""
    correct = {option.pk for option in question.options.all() if option.is_correct}
    return 1.0 if option_ids and set(option_ids) == correct else 0.0


def attempt_score(attempt: Attempt) -> None:
    """Score the attempt from its answers (unanswered questions count 0)."""
    questions_with_options = Question.objects.filter(pk__in=attempt.question_order)
    questions = {q.pk: q for q in questions_with_options.prefetch_related("options")}
    score, awaiting = 0.0, False
    for answer in attempt.answers.all():
        question = questions[answer.question_id]
        if question.kind != QuestionKind.SHORT:
            marks = choice_marks(question, answer.option_ids)
            if answer.marks != marks:
                answer.marks = marks
                answer.save(update_fields=["marks", "updated_at"])
        elif answer.marks is None and answer.text:
            awaiting = True
        score += answer.marks or 0.0
    attempt.score, attempt.awaiting_marking = score, awaiting
    attempt.max_score = len(attempt.question_order)


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
                attempt=attempt, question=question, defaults={"option_ids": chosen, "text": text}
            )
        attempt_score(attempt)
        attempt.submitted_at = now
        attempt.save()
    return attempt


def attempts_expire(*, assessment: Assessment, now=None) -> int:
    """Submit, as they stand, the attempts whose time ran out (the phone was switched off, the
    participant walked away): what was saved counts, and the result pages can include them."""
    now = now or timezone.now()
    expired = assessment.attempts.filter(submitted_at__isnull=True, deadline__lt=now - SAVE_GRACE)
    count = 0
    for attempt in expired:
        with transaction.atomic():
            attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
            if attempt.submitted_at:
                continue
            attempt_score(attempt)
            attempt.submitted_at = attempt.deadline
            attempt.save()
            count += 1
    return count


@transaction.atomic
def attempt_reopen(*, user, attempt: Attempt, now=None) -> Attempt:
    """A second chance (a phone died, a wrong person answered): answers are kept."""
    now = now or timezone.now()
    attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
    if not rules.may_manage(user, attempt.assessment.batch):
        raise AssessmentError(_("You cannot manage the tests of this batch."))
    if not attempt.submitted_at:
        raise AssessmentError(_("This attempt is still open."))
    with set_actor(user):
        attempt.submitted_at = None
        attempt.times_reopened += 1
        attempt.deadline = _deadline(attempt.assessment, now)
        attempt.save()
    return attempt


@transaction.atomic
def answer_mark(*, user, answer: Answer, marks: float) -> Answer:
    """Mark a short text answer by hand (0 to 1); the attempt's score follows."""
    attempt = Attempt.objects.select_for_update().get(pk=answer.attempt_id)
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


@transaction.atomic
def education_declare(*, user, person: Person, level: str) -> EducationLevel | None:
    """Record (or clear, with an empty level) the education a person declared."""
    if not rules.may_see_education(user) and not (
        user.is_authenticated and user.person_id == person.pk
    ):
        raise AssessmentError(_("You cannot record this."))
    with set_actor(user):
        if not level:
            EducationLevel.objects.filter(person=person).delete()
            return None
        if level not in Education.values:
            raise AssessmentError(_("Choose an education level from the list."))
        record, _created = EducationLevel.objects.update_or_create(
            person=person, defaults={"level": level}
        )
    return record
