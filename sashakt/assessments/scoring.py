"""An attempt's score from its answers, shared by taking a test (`attempts.py`) and by editing
a question (`services.py`), which re-scores the attempts already submitted."""

from sashakt.assessments.models import Attempt, Question, QuestionKind


def choice_marks(question: Question, option_ids: list[int]) -> float:
    """1 when exactly the correct options are chosen, else 0 (no part marks: guessing every
    option of a multiple-choice question must not pay)."""
    correct = {option.pk for option in question.options.all() if option.is_correct}
    return 1.0 if option_ids and set(option_ids) == correct else 0.0


def attempt_score(attempt: Attempt, *, save_marks: bool = True) -> None:
    """Score the attempt from its answers (unanswered questions count 0). The attempt is not
    saved; the choice answers' marks are, unless `save_marks` is false (a page showing a
    timed-out attempt as ended scores it in memory: see `expiry.attempt_as_ended`)."""
    questions_with_options = Question.objects.filter(pk__in=attempt.question_order)
    questions = {q.pk: q for q in questions_with_options.prefetch_related("options")}
    score, awaiting = 0.0, False
    for answer in attempt.answers.all():
        question = questions[answer.question_id]
        if question.kind != QuestionKind.SHORT:
            marks = choice_marks(question, answer.option_ids)
            if answer.marks != marks:
                answer.marks = marks
                if save_marks:
                    answer.save(update_fields=["marks", "updated_at"])
        elif answer.marks is None and answer.text:
            awaiting = True
        score += answer.marks or 0.0
    attempt.score, attempt.awaiting_marking = score, awaiting
    attempt.max_score = len(attempt.question_order)
