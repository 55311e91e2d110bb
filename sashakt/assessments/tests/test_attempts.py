"""Attempts: who may start one, shuffled order kept, one attempt unless reopened, time limits,
answers saved as they go, scoring."""

import datetime

import pytest
from django.utils import timezone

from sashakt.assessments import attempts, expiry, services
from sashakt.assessments.models import Answer, Assessment, AssessmentKind
from sashakt.assessments.selectors import post_test_taken, post_test_taken_in_batch
from sashakt.assessments.services import AssessmentError
from sashakt.assessments.tests.factories import batch_with_tests

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(personas):
    batch, bank, nominations = batch_with_tests(personas)
    pre = batch.assessments.get(kind=AssessmentKind.PRE)
    post = batch.assessments.get(kind=AssessmentKind.POST)
    return personas, batch, bank, nominations, pre, post


def correct_ids(question):
    return [o.pk for o in question.options.all() if o.is_correct]


def test_each_person_gets_the_questions_and_options_in_an_order_kept_for_them(setup):
    personas, batch, bank, nominations, pre, _post = setup
    attempt = attempts.attempt_start(
        user=personas.participant, assessment=pre, nomination=nominations[0]
    )
    _module, single, multiple, short = bank
    assert sorted(attempt.question_order) == sorted([single.pk, multiple.pk, short.pk])
    assert sorted(attempt.option_order[str(single.pk)]) == sorted(
        single.options.values_list("pk", flat=True)
    )
    assert attempt.option_order[str(short.pk)] == []
    again = attempts.attempt_start(
        user=personas.participant, assessment=pre, nomination=nominations[0]
    )
    assert again.pk == attempt.pk and again.question_order == attempt.question_order


def test_shuffling_differs_between_people(setup, personas):
    _p, batch, bank, nominations, pre, _post = setup
    orders = set()
    for nomination in nominations:
        attempt = attempts.attempt_start(
            user=personas.iitk, assessment=pre, nomination=nomination, assisted=True
        )
        orders.add(tuple(attempt.question_order))
        orders.add(tuple(attempt.option_order[str(bank[1].pk)]))
    # Three people, two permutations each over 3 items: all identical has chance (1/6)^5.
    assert len(orders) > 1


def test_a_participant_cannot_take_someone_elses_test(setup):
    personas, batch, bank, nominations, pre, _post = setup
    with pytest.raises(AssessmentError):
        attempts.attempt_start(user=personas.participant, assessment=pre, nomination=nominations[1])
    with pytest.raises(AssessmentError):  # a district officer is no volunteer of the batch
        attempts.attempt_start(
            user=personas.dpro_kanpur, assessment=pre, nomination=nominations[1], assisted=True
        )


def test_a_closed_test_cannot_be_started(setup):
    personas, batch, bank, nominations, pre, _post = setup
    services.assessment_close_now(user=personas.iitk, assessment=pre)
    with pytest.raises(AssessmentError, match="not open"):
        attempts.attempt_start(user=personas.participant, assessment=pre, nomination=nominations[0])


def test_only_the_batchs_institute_sets_the_times(setup):
    personas, batch, *_ = setup
    with pytest.raises(AssessmentError):
        services.assessment_open_now(user=personas.iiml, batch=batch, kind=AssessmentKind.PRE)
    with pytest.raises(AssessmentError, match="close after"):
        now = timezone.now()
        services.assessment_schedule(
            user=personas.iitk,
            batch=batch,
            kind="pre",
            opens_at=now,
            closes_at=now,
            time_limit_minutes=None,
        )


def test_scoring_single_multiple_and_short_text(setup):
    personas, batch, bank, nominations, pre, _post = setup
    _module, single, multiple, short = bank
    user = personas.participant
    attempt = attempts.attempt_start(user=user, assessment=pre, nomination=nominations[0])
    attempts.answer_save(
        user=user, attempt=attempt, question=single, option_ids=correct_ids(single)
    )
    # Only one of the two correct options: no part marks.
    attempts.answer_save(
        user=user, attempt=attempt, question=multiple, option_ids=correct_ids(multiple)[:1]
    )
    attempts.answer_save(user=user, attempt=attempt, question=short, text="  an online portal ")
    attempt = attempts.attempt_submit(user=user, attempt=attempt)
    assert attempt.score == 1 and attempt.max_score == 3
    assert attempt.awaiting_marking
    answer = Answer.objects.get(attempt=attempt, question=short)
    assert answer.text == "an online portal"
    attempts.answer_mark(user=personas.iitk, answer=answer, marks=0.5)
    attempt.refresh_from_db()
    assert attempt.score == 1.5 and not attempt.awaiting_marking
    assert attempt.percent == pytest.approx(50)


def test_answers_sent_with_the_final_form_are_kept(setup):
    """What did not reach the server while the connection was down arrives with submit."""
    personas, batch, bank, nominations, pre, _post = setup
    _module, single, multiple, short = bank
    user = personas.participant
    attempt = attempts.attempt_start(user=user, assessment=pre, nomination=nominations[0])
    attempts.answer_save(
        user=user, attempt=attempt, question=single, option_ids=correct_ids(single)
    )
    attempt = attempts.attempt_submit(
        user=user, attempt=attempt, answers={multiple.pk: (correct_ids(multiple), "")}
    )
    assert attempt.score == 2


def test_one_attempt_unless_reopened(setup):
    personas, batch, bank, nominations, pre, _post = setup
    user = personas.participant
    attempt = attempts.attempt_start(user=user, assessment=pre, nomination=nominations[0])
    attempts.attempt_submit(user=user, attempt=attempt)
    with pytest.raises(AssessmentError, match="already been submitted"):
        attempts.attempt_start(user=user, assessment=pre, nomination=nominations[0])
    with pytest.raises(AssessmentError):
        attempts.answer_save(user=user, attempt=attempt, question=bank[1], option_ids=[])
    with pytest.raises(AssessmentError):
        attempts.attempt_reopen(user=personas.iiml, attempt=attempt)
    attempts.attempt_reopen(user=personas.iitk, attempt=attempt)
    again = attempts.attempt_start(user=user, assessment=pre, nomination=nominations[0])
    assert again.pk == attempt.pk and again.times_reopened == 1


def test_the_time_limit_stops_saving_after_a_grace(setup):
    personas, batch, bank, nominations, pre, _post = setup
    pre.time_limit_minutes = 10
    pre.save()
    user = personas.participant
    start = timezone.now()
    attempt = attempts.attempt_start(
        user=user, assessment=pre, nomination=nominations[0], now=start
    )
    assert attempt.deadline == start + datetime.timedelta(minutes=10)
    single = bank[1]
    # Typed in time, arrived three minutes late after a dropped connection: kept.
    attempts.answer_save(
        user=user,
        attempt=attempt,
        question=single,
        option_ids=correct_ids(single),
        now=start + datetime.timedelta(minutes=13),
    )
    with pytest.raises(AssessmentError, match="time"):
        attempts.attempt_submit(
            user=user, attempt=attempt, now=start + datetime.timedelta(minutes=16)
        )


def test_an_option_of_another_question_is_refused(setup):
    personas, batch, bank, nominations, pre, _post = setup
    _module, single, multiple, _short = bank
    user = personas.participant
    attempt = attempts.attempt_start(user=user, assessment=pre, nomination=nominations[0])
    with pytest.raises(AssessmentError):
        attempts.answer_save(
            user=user, attempt=attempt, question=single, option_ids=correct_ids(multiple)
        )
    with pytest.raises(AssessmentError, match="one option"):
        attempts.answer_save(
            user=user,
            attempt=attempt,
            question=single,
            option_ids=list(single.options.values_list("pk", flat=True)),
        )


def test_post_test_taken_for_the_completion_rule(setup):
    personas, batch, bank, nominations, pre, post = setup
    assert not post_test_taken(nomination=nominations[0])
    attempt = attempts.attempt_start(
        user=personas.participant, assessment=post, nomination=nominations[0]
    )
    assert not post_test_taken(nomination=nominations[0])  # started is not taken
    attempts.attempt_submit(user=personas.participant, attempt=attempt)
    assert post_test_taken(nomination=nominations[0])
    assert post_test_taken_in_batch(batch=batch) == {
        nominations[0].pk: True,
        nominations[1].pk: False,
        nominations[2].pk: False,
    }


def test_the_question_bank_refuses_a_single_choice_question_with_two_right_answers(setup):
    personas, batch, bank, *_ = setup
    with pytest.raises(AssessmentError, match="exactly one"):
        services.question_create(
            user=personas.iitk,
            module=bank[0],
            kind="single",
            text_hi="प्रश्न",
            text_en="",
            options=[{"text_hi": "क", "is_correct": True}, {"text_hi": "ख", "is_correct": True}],
        )
    with pytest.raises(AssessmentError):
        services.question_create(
            user=personas.iiml, module=bank[0], kind="short", text_hi="प्रश्न", text_en="", options=[]
        )


def test_an_attempt_left_open_is_submitted_as_it_stands_when_time_runs_out(setup):
    personas, batch, bank, nominations, pre, _post = setup
    pre.time_limit_minutes = 10
    pre.save()
    user = personas.participant
    start = timezone.now() - datetime.timedelta(minutes=30)
    attempt = attempts.attempt_start(
        user=user, assessment=pre, nomination=nominations[0], now=start
    )
    single = bank[1]
    attempts.answer_save(
        user=user,
        attempt=attempt,
        question=single,
        option_ids=correct_ids(single),
        now=start + datetime.timedelta(minutes=2),
    )
    assert attempts.attempts_expire(assessment=pre) == 1
    attempt.refresh_from_db()
    assert attempt.submitted_at == attempt.deadline and attempt.score == 1


def test_closing_a_test_ends_the_open_attempts_after_the_grace(setup):
    personas, batch, bank, nominations, pre, _post = setup
    attempt = attempts.attempt_start(
        user=personas.participant, assessment=pre, nomination=nominations[0]
    )
    now = timezone.now()
    services.assessment_close_now(user=personas.iitk, assessment=pre, now=now)
    attempt.refresh_from_db()
    assert attempt.deadline == now and not attempt.submitted_at
    later = now + expiry.SAVE_GRACE + datetime.timedelta(seconds=1)
    assert attempts.attempts_expire(assessment=pre, now=later) == 1


def test_declared_education_is_recorded_by_the_institute_only(setup, client):
    from django.urls import reverse

    from sashakt.assessments.models import EducationLevel

    personas, batch, bank, nominations, pre, _post = setup
    url = reverse("assessments:education_set", args=[batch.pk, nominations[1].pk])
    client.force_login(personas.iitk)
    client.post(url, {f"e{nominations[1].pk}-level": "primary"})
    assert EducationLevel.objects.get(person=nominations[1].person).level == "primary"
    with pytest.raises(AssessmentError):
        services.education_declare(
            user=personas.trainer, person=nominations[1].person, level="none"
        )
    page = client.get(reverse("assessments:batch_tests", args=[batch.pk]))
    assert b'value="primary" selected' in page.content


def test_one_attempt_one_way_own_phone_or_with_help(setup):
    personas, batch, bank, nominations, pre, post = setup
    attempts.attempt_start(user=personas.participant, assessment=pre, nomination=nominations[0])
    with pytest.raises(AssessmentError, match="own phone"):
        attempts.attempt_start(
            user=personas.iitk, assessment=pre, nomination=nominations[0], assisted=True
        )
    attempts.attempt_start(
        user=personas.iitk, assessment=post, nomination=nominations[0], assisted=True
    )
    with pytest.raises(AssessmentError, match="with help"):
        attempts.attempt_start(
            user=personas.participant, assessment=post, nomination=nominations[0]
        )


def test_a_test_closed_by_editing_its_times_stops_every_attempt_already_started(setup):
    # Issue 23, item 30: the close time was copied into each attempt when it began, so moving
    # the close earlier left attempts under way answering until the old close.
    personas, batch, bank, nominations, pre, _post = setup
    user = personas.participant
    start = timezone.now() - datetime.timedelta(minutes=30)
    attempt = attempts.attempt_start(
        user=user, assessment=pre, nomination=nominations[0], now=start
    )
    closed = start + datetime.timedelta(minutes=10)
    services.assessment_schedule(
        user=personas.iitk,
        batch=batch,
        kind="pre",
        opens_at=pre.opens_at,
        closes_at=closed,
        time_limit_minutes=None,
    )
    single = bank[1]
    with pytest.raises(AssessmentError, match="time for this test is over"):
        attempts.answer_save(
            user=user, attempt=attempt, question=single, option_ids=correct_ids(single)
        )
    with pytest.raises(AssessmentError, match="time for this test is over"):
        attempts.attempt_submit(user=user, attempt=attempt)
    attempt.refresh_from_db()
    assert attempt.deadline == closed  # the countdown and the expiry job see it too
    assert attempts.attempts_expire(assessment=pre) == 1


def test_a_close_time_changed_behind_the_services_back_still_stops_answers(setup):
    personas, batch, bank, nominations, pre, _post = setup
    user = personas.participant
    attempt = attempts.attempt_start(user=user, assessment=pre, nomination=nominations[0])
    Assessment.objects.filter(pk=pre.pk).update(
        closes_at=timezone.now() - datetime.timedelta(hours=1)
    )  # the admin, a shell, a data fix
    with pytest.raises(AssessmentError, match="time for this test is over"):
        attempts.answer_save(
            user=user, attempt=attempt, question=bank[1], option_ids=correct_ids(bank[1])
        )


def test_answers_are_marked_as_saved_and_submission_rewrites_only_what_changed(setup):
    """The hall's 250 people submit within a minute: each answer is marked in the audited
    write that saves it, so a submission writes no answer again, except one whose question's
    right option was corrected meanwhile (re-marked, and that change audited too)."""
    from auditlog.models import LogEntry

    from sashakt.assessments.models import Option

    personas, batch, bank, nominations, pre, _post = setup
    _module, single, multiple, _short = bank
    user = personas.participant
    attempt = attempts.attempt_start(user=user, assessment=pre, nomination=nominations[0])
    wrong = [o.pk for o in single.options.all() if not o.is_correct][:1]
    attempts.answer_save(user=user, attempt=attempt, question=single, option_ids=wrong)
    attempts.answer_save(
        user=user, attempt=attempt, question=multiple, option_ids=correct_ids(multiple)
    )
    saved = {a.question_id: a.marks for a in Answer.objects.filter(attempt=attempt)}
    assert saved == {single.pk: 0.0, multiple.pk: 1.0}
    # The institute finds the single-choice key was wrong: the chosen option is the right one.
    Option.objects.filter(question=single).update(is_correct=False)
    Option.objects.filter(pk=wrong[0]).update(is_correct=True)
    before = LogEntry.objects.get_for_objects(Answer.objects.filter(attempt=attempt)).count()
    attempt = attempts.attempt_submit(user=user, attempt=attempt)
    assert attempt.score == 2
    after = LogEntry.objects.get_for_objects(Answer.objects.filter(attempt=attempt))
    assert after.count() == before + 1  # the corrected one only
    assert after.order_by("-pk").first().object_id == Answer.objects.get(question=single).pk
