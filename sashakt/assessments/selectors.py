"""Reads for assessments: what a user may see, whether the post-test was taken (for the
completion rule), and a batch's results — per participant, per module, per question."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    Avg,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    QuerySet,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from sashakt.assessments import rules
from sashakt.assessments.expiry import attempt_as_ended, ended_q
from sashakt.assessments.models import (
    Answer,
    Assessment,
    AssessmentKind,
    Attempt,
    Education,
    EducationLevel,
    Question,
)
from sashakt.assessments.statistics import (
    ItemStatistics,
    PairedComparison,
    gain,
    item_analysis,
    normalised_gain,
    paired_comparison,
)
from sashakt.core.permissions import scope_queryset
from sashakt.core.roles import Role
from sashakt.nominations.models import Nomination
from sashakt.programmes.models import Batch, BatchSession, Module, Programme

INSTITUTE_PATH = "assessment__batch__programme__mou__institute"


# --- For the completion rule (combined with attendance at merge) ---------------------------


def post_test_taken(*, nomination: Nomination) -> bool:
    """Whether this person submitted their batch's post-test."""
    return Attempt.objects.filter(
        nomination=nomination,
        assessment__batch_id=nomination.batch_id,
        assessment__kind=AssessmentKind.POST,
        submitted_at__isnull=False,
    ).exists()


def post_test_taken_in_batch(*, batch: Batch) -> dict[int, bool]:
    """Nomination id -> whether the post-test was taken (submitted, or its time ran out and
    what was saved counts), for every nomination of the batch. Timed-out attempts count before
    the expiry tick saves them: the embedded mode has no tick, and reading writes nothing."""
    taken = set(
        Attempt.objects.filter(
            ended_q(timezone.now()),
            assessment__batch=batch,
            assessment__kind=AssessmentKind.POST,
        ).values_list("nomination_id", flat=True)
    )
    return {pk: pk in taken for pk in batch.nominations.values_list("pk", flat=True)}


# --- Scope ---------------------------------------------------------------------------------


def attempts_for_user(user) -> QuerySet:
    """Attempts with names and scores: participants their own, institutes theirs, district
    officers their district's people; trainers none (they see question analysis only)."""
    return scope_queryset(
        user,
        Attempt.objects.select_related("assessment__batch", "nomination__person"),
        institute=INSTITUTE_PATH,
        district="nomination__district",
        person="nomination__person",
    )


def my_tests(user, *, now=None) -> list[dict]:
    """A participant's tests: each batch test of their seats, with its attempt if any."""
    now = now or timezone.now()
    nominations = list(
        Nomination.objects.filter(
            person_id=user.person_id, status__in=rules.TAKING_STATUSES, batch__isnull=False
        ).select_related("batch__programme")
    )
    # Three queries whatever the number of seats: this is the page a whole hall opens when the
    # trainer says "start the post-test".
    attempts = {
        (a.assessment_id, a.nomination_id): a
        for a in Attempt.objects.filter(nomination__in=[n.pk for n in nominations])
    }
    tests_of_batch: dict[int | None, list[Assessment]] = {}
    for assessment in Assessment.objects.filter(batch_id__in={n.batch_id for n in nominations}):
        tests_of_batch.setdefault(assessment.batch_id, []).append(assessment)
    rows = []
    for nomination in nominations:
        for assessment in tests_of_batch.get(nomination.batch_id, []):
            attempt = attempts.get((assessment.pk, nomination.pk))
            rows.append(
                {
                    "assessment": assessment,
                    "nomination": nomination,
                    "attempt": attempt,
                    "open": assessment.is_open(now),
                    "can_start": assessment.is_open(now) and not (attempt and attempt.submitted_at),
                }
            )
    return rows


def attempt_questions(attempt: Attempt) -> list[dict]:
    """The attempt's questions in its own order, options in its own order, with answers."""
    questions = {
        q.pk: q
        for q in Question.objects.filter(pk__in=attempt.question_order).prefetch_related("options")
    }
    answers = {a.question_id: a for a in attempt.answers.all()}
    rows = []
    for number, pk in enumerate(attempt.question_order, start=1):
        question = questions.get(pk)
        if question is None:
            continue
        options = {o.pk: o for o in question.options.all()}
        ordered = [options[i] for i in attempt.option_order.get(str(pk), []) if i in options]
        answer = answers.get(pk)
        rows.append(
            {
                "number": number,
                "question": question,
                "options": ordered,
                "chosen": set(answer.option_ids) if answer else set(),
                "text": answer.text if answer else "",
            }
        )
    return rows


# --- Results -------------------------------------------------------------------------------


@dataclass
class PersonResult:
    nomination: Nomination
    pre: float | None = None
    post: float | None = None
    pre_assisted: bool = False
    post_assisted: bool = False
    education: str = ""

    @property
    def education_label(self) -> str:
        return Education(self.education).label if self.education else ""

    @property
    def gain(self) -> float | None:
        if self.pre is None or self.post is None:
            return None
        return gain(self.pre, self.post)

    @property
    def normalised_gain(self) -> float | None:
        if self.pre is None or self.post is None:
            return None
        return normalised_gain(self.pre, self.post)


@dataclass
class QuestionResult:
    question: Question
    pre: ItemStatistics | None = None
    post: ItemStatistics | None = None


@dataclass
class BatchResults:
    people: list[PersonResult] = field(default_factory=list)
    overall: PairedComparison | None = None
    unassisted: PairedComparison | None = None
    assisted: PairedComparison | None = None
    by_module: list[tuple] = field(default_factory=list)
    by_question: list[QuestionResult] = field(default_factory=list)
    by_education: list[tuple] = field(default_factory=list)


def _submitted(batch_ids: list[int], attempts: QuerySet) -> dict[str, dict[int, Attempt]]:
    """Submitted attempts by kind and nomination; a timed-out one counts as submitted as it
    stands (scored in memory: a page writes nothing)."""
    by_kind: dict[str, dict[int, Attempt]] = {AssessmentKind.PRE: {}, AssessmentKind.POST: {}}
    now = timezone.now()
    for attempt in attempts.filter(ended_q(now), assessment__batch__in=batch_ids):
        by_kind[attempt.assessment.kind][attempt.nomination_id] = attempt_as_ended(attempt, now)
    return by_kind


def _paired(people: list[PersonResult]) -> PairedComparison:
    both = [p for p in people if p.pre is not None and p.post is not None]
    return paired_comparison([p.pre for p in both], [p.post for p in both])


def _marks_by_attempt(attempts: list[Attempt]) -> dict[int, dict[int, float]]:
    marks: dict[int, dict[int, float]] = defaultdict(dict)
    for attempt in attempts:
        for answer in attempt.answers.all():
            marks[attempt.pk][answer.question_id] = answer.marks or 0.0
    return marks


def batch_results(*, user, batch: Batch, with_people: bool = True) -> BatchResults:
    """Everything the results page shows, from the attempts `user` may see (trainers: every
    attempt of the batch, but only aggregated by question)."""
    return _results(
        user=user, programme_id=batch.programme_id, batch_ids=[batch.pk], with_people=with_people
    )


def programme_results(*, user, programme: Programme) -> BatchResults:
    """The same across every batch of a programme: item analysis on all who took the tests,
    so that a weak question shows up even when each batch is small."""
    batch_ids = list(programme.batches.values_list("pk", flat=True))
    return _results(user=user, programme_id=programme.pk, batch_ids=batch_ids, with_people=True)


def _results(*, user, programme_id: int, batch_ids: list[int], with_people: bool) -> BatchResults:
    if with_people:
        attempts = attempts_for_user(user)
    else:
        attempts = Attempt.objects.select_related("assessment")
    attempts = attempts.prefetch_related("answers")
    by_kind = _submitted(batch_ids, attempts)
    pre, post = by_kind[AssessmentKind.PRE], by_kind[AssessmentKind.POST]
    results = BatchResults()
    show_education = with_people and rules.may_see_education(user)
    education = {}
    nomination_ids = set(pre) | set(post)
    nominations = Nomination.objects.filter(pk__in=nomination_ids).select_related(
        "person", "district"
    )
    if show_education:
        education = dict(
            EducationLevel.objects.filter(person__nominations__in=nomination_ids).values_list(
                "person_id", "level"
            )
        )
    for nomination in sorted(nominations, key=lambda n: n.person.name):
        row = PersonResult(nomination=nomination)
        if nomination.pk in pre:
            row.pre, row.pre_assisted = pre[nomination.pk].percent, pre[nomination.pk].assisted
        if nomination.pk in post:
            row.post, row.post_assisted = post[nomination.pk].percent, post[nomination.pk].assisted
        row.education = education.get(nomination.person_id, "")
        results.people.append(row)
    results.overall = _paired(results.people)
    results.unassisted = _paired(
        [p for p in results.people if not (p.pre_assisted or p.post_assisted)]
    )
    results.assisted = _paired([p for p in results.people if p.pre_assisted or p.post_assisted])
    if show_education:
        levels = defaultdict(list)
        for person in results.people:
            if person.education:
                levels[person.education].append(person)
        results.by_education = [
            (Education(level).label, _paired(levels[level]))
            for level in Education.values
            if level in levels
        ]

    questions = list(
        Question.objects.filter(module__programme_id=programme_id)
        .select_related("module")
        .order_by("module__order", "order", "pk")
    )
    pre_marks = _marks_by_attempt(list(pre.values()))
    post_marks = _marks_by_attempt(list(post.values()))

    # Per module: each person's percentage on the module's questions, before and after.
    modules = defaultdict(list)
    for question in questions:
        modules[question.module].append(question.pk)
    paired_ids = [n for n in pre if n in post]
    for module, ids in modules.items():
        before, after = [], []
        for nomination_id in paired_ids:
            a, b = pre[nomination_id], post[nomination_id]
            asked = [q for q in ids if q in a.question_order and q in b.question_order]
            if not asked:
                continue
            before.append(100 * sum(pre_marks[a.pk].get(q, 0.0) for q in asked) / len(asked))
            after.append(100 * sum(post_marks[b.pk].get(q, 0.0) for q in asked) / len(asked))
        results.by_module.append((module, paired_comparison(before, after)))

    # Per question: item analysis on each test's matrix of marks.
    def analyse(kind_attempts: dict, marks: dict) -> dict[int, ItemStatistics]:
        asked = [
            q.pk for q in questions if any(q.pk in a.question_order for a in kind_attempts.values())
        ]
        matrix = [[marks[a.pk].get(q, 0.0) for q in asked] for a in kind_attempts.values()]
        return {asked[s.index]: s for s in item_analysis(matrix)}

    pre_items, post_items = analyse(pre, pre_marks), analyse(post, post_marks)
    for question in questions:
        if question.pk in pre_items or question.pk in post_items:
            results.by_question.append(
                QuestionResult(question, pre_items.get(question.pk), post_items.get(question.pk))
            )
    return results


def batches_with_tests_for_user(user) -> QuerySet:
    """Batches whose tests the user may manage or read results of."""
    batches = Batch.objects.select_related("programme__mou__institute", "venue")
    if user.role == Role.TRAINER:
        return batches.filter(sessions__trainer=user).distinct()
    return scope_queryset(
        user,
        batches,
        institute="programme__mou__institute",
        district="nominations__district",
    ).distinct()


# --- Means for the learning dashboard ------------------------------------------------------

# A trainer sees no individual scores: a mean over fewer people than this is not shown to them
# (the same floor as feedback's, for the same reason: with three people a mean is a guess away
# from each person's score).
TRAINER_MINIMUM_PEOPLE = 5

SCORE_DIMENSIONS = ("programme", "module", "batch")


@dataclass
class ScoreMeans:
    """Mean percentage on the pre- and post-test of one programme, module or batch."""

    key: int
    thing: object  # the Programme, Module or Batch
    pre_mean: float | None
    post_mean: float | None
    pre_people: int
    post_people: int
    hidden: bool = False  # below the trainers' floor: counts only

    @property
    def gain(self) -> float | None:
        if self.pre_mean is None or self.post_mean is None:
            return None
        return gain(self.pre_mean, self.post_mean)

    @property
    def normalised_gain(self) -> float | None:
        """Hake's g of the group's means: (post − pre) / (100 − pre)."""
        if self.pre_mean is None or self.post_mean is None:
            return None
        return normalised_gain(self.pre_mean, self.post_mean)


def scored_attempts_for_user(user) -> QuerySet:
    """Submitted, scored attempts whose figures `user` may count: the state cell all, an
    institute its own, a district officer their district's people, a trainer the batches
    they taught in (as means only); participants none."""
    attempts = Attempt.objects.filter(
        submitted_at__isnull=False, score__isnull=False, max_score__gt=0
    )
    if user.is_authenticated and user.is_active and user.role == Role.TRAINER:
        taught = BatchSession.objects.filter(batch=OuterRef("assessment__batch"), trainer=user)
        return attempts.filter(Exists(taught))
    return scope_queryset(user, attempts, institute=INSTITUTE_PATH, district="nomination__district")


def score_means_by(
    user, dimension: str, *, batch: Batch | None = None, programme: int | None = None
) -> list[ScoreMeans]:
    """Mean pre- and post-test percentage by programme, module or batch, counted by the
    database over the attempts `user` may count (`scored_attempts_for_user`).

    By programme and batch: each attempt's score as a percentage of its maximum, averaged.
    By module: the marks of the answers to the module's questions as a share of the answers
    given (1 mark a question), so an unanswered question with no saved answer is not counted.
    """
    if dimension not in SCORE_DIMENSIONS:
        raise ValueError(dimension)
    attempts = scored_attempts_for_user(user)
    if batch is not None:
        attempts = attempts.filter(assessment__batch=batch)
    if programme is not None:
        attempts = attempts.filter(assessment__batch__programme_id=programme)
    if dimension == "module":
        path = "question__module"
        rows = (
            Answer.objects.filter(attempt__in=attempts)
            .values(path, kind=F("attempt__assessment__kind"))
            .annotate(
                mean=ExpressionWrapper(
                    100.0 * Sum(Coalesce("marks", 0.0)) / Count("pk"), output_field=FloatField()
                ),
                people=Count("attempt__nomination__person", distinct=True),
            )
            .order_by()
        )
        things = Module.objects.select_related("programme__mou__institute").in_bulk(
            {row[path] for row in rows}
        )
    else:
        path = "assessment__batch" if dimension == "batch" else "assessment__batch__programme"
        percent = ExpressionWrapper(100.0 * F("score") / F("max_score"), output_field=FloatField())
        rows = (
            attempts.values(path, kind=F("assessment__kind"))
            .annotate(mean=Avg(percent), people=Count("nomination__person", distinct=True))
            .order_by()
        )
        model = Batch if dimension == "batch" else Programme
        related = (
            ["programme__mou__institute", "venue"] if dimension == "batch" else ["mou__institute"]
        )
        things = model.objects.select_related(*related).in_bulk({row[path] for row in rows})
    found: dict[int, ScoreMeans] = {}
    for row in rows:
        key = row[path]
        means = found.setdefault(key, ScoreMeans(key, things[key], None, None, 0, 0))
        if row["kind"] == AssessmentKind.PRE:
            means.pre_mean, means.pre_people = row["mean"], row["people"]
        else:
            means.post_mean, means.post_people = row["mean"], row["people"]
    result = list(found.values())
    if user.role == Role.TRAINER:
        for means in result:
            if means.pre_people < TRAINER_MINIMUM_PEOPLE and means.pre_mean is not None:
                means.pre_mean, means.hidden = None, True
            if means.post_people < TRAINER_MINIMUM_PEOPLE and means.post_mean is not None:
                means.post_mean, means.hidden = None, True
    return sorted(result, key=_score_order(dimension))


def _score_order(dimension: str):
    if dimension == "batch":
        return lambda m: (m.thing.start_date, m.thing.programme_id, m.thing.number)
    if dimension == "module":
        return lambda m: (m.thing.programme_id, m.thing.order, m.key)
    return lambda m: (m.thing.title, m.key)
