"""Writes for assessments: the question bank, a test's times, a person's declared education.
Taking a test (attempts, answers, scoring, marking) is in `attempts.py`. Every write is atomic,
checks who acts, and (for tests) is audited."""

import datetime

from auditlog.context import set_actor
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sashakt.assessments import rules
from sashakt.assessments.expiry import attempts_expire
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
from sashakt.assessments.scoring import attempt_score
from sashakt.core.refusals import Refused
from sashakt.core.site import public_url
from sashakt.nominations.models import SEAT_HOLDING, NominationStatus
from sashakt.nominations.telling import tell_nomination
from sashakt.people.models import Person
from sashakt.programmes.models import Batch, Module


class AssessmentError(Refused):
    """Refused by the assessment rules (question bank, tests, attempts, marks)."""


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


def attempt_deadline(assessment: Assessment, started: datetime.datetime):
    """When an attempt begun at `started` must end: its time limit, and the test's close."""
    ends = []
    if assessment.time_limit_minutes:
        ends.append(started + datetime.timedelta(minutes=assessment.time_limit_minutes))
    if assessment.closes_at:
        ends.append(assessment.closes_at)
    return min(ends) if ends else None


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
        # Attempts whose time already ran out end as they stand (as the page showed them),
        # before the new times could give them more.
        attempts_expire(assessment=assessment)
        # Attempts under way end by the new times too (their countdown, and the expiry job
        # that submits what was saved, read the stored deadline).
        for attempt in assessment.attempts.filter(submitted_at__isnull=True):
            if attempt.times_reopened:  # its time limit counts from the reopening: keep it
                ends = [attempt.deadline, assessment.closes_at]
                deadline = min(filter(None, ends), default=None)
            else:
                deadline = attempt_deadline(assessment, attempt.started_at)
            if deadline != attempt.deadline:
                attempt.deadline = deadline
                attempt.save(update_fields=["deadline"])
    return assessment


def assessment_open_now(*, user, batch: Batch, kind: str, now=None) -> Assessment:
    now = now or timezone.now()
    assessment = Assessment.objects.filter(batch=batch, kind=kind).first()
    closes_at = assessment.closes_at if assessment else None
    if closes_at and closes_at <= now:
        closes_at = None
    with transaction.atomic():
        assessment = assessment_schedule(
            user=user,
            batch=batch,
            kind=kind,
            opens_at=now,
            closes_at=closes_at,
            time_limit_minutes=assessment.time_limit_minutes if assessment else None,
        )
        tell_test_open(assessment)
    return assessment


def tell_test_open(assessment: Assessment) -> None:
    """Tell the people of the batch, once per test, after commit, that it is open: the
    pre-test to everyone seated, the post-test (and feedback) to everyone who attended."""
    batch = assessment.batch
    if assessment.kind == AssessmentKind.PRE:
        event, people = "pre-test-open", batch.nominations.filter(status__in=SEAT_HOLDING)
    else:
        event = "post-test-open"
        people = batch.nominations.filter(
            status__in=(*SEAT_HOLDING, NominationStatus.ATTENDED), attended_a_session=True
        )
    link = public_url() + reverse("assessments:my_tests")
    for nomination in people.order_by("pk"):
        tell_nomination(
            event=event,
            key=f"{assessment.pk}:nomination:{nomination.pk}",
            nomination=nomination,
            extra=lambda _nomination, _language: {"link": link},
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


# --- Education ---------------------------------------------------------------------------


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
