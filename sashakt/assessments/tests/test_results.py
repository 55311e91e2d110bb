"""A batch's results from real attempts, against values worked out by hand; and who sees them."""

import math

import pytest

from sashakt.assessments import attempts, services
from sashakt.assessments.models import Answer, AssessmentKind, Education
from sashakt.assessments.selectors import attempts_for_user, batch_results
from sashakt.assessments.tests.factories import batch_with_tests

pytestmark = pytest.mark.django_db


def right(question, *, only_first=False):
    ids = [o.pk for o in question.options.all() if o.is_correct]
    return ids[:1] if only_first else ids


def wrong(question):
    return [o.pk for o in question.options.all() if not o.is_correct][:1]


def take(user, assessment, nomination, answers, *, assisted=False, short_marks=None, marker=None):
    attempt = attempts.attempt_start(
        user=user, assessment=assessment, nomination=nomination, assisted=assisted
    )
    for question, value in answers.items():
        if isinstance(value, str):
            attempts.answer_save(user=user, attempt=attempt, question=question, text=value)
        else:
            attempts.answer_save(user=user, attempt=attempt, question=question, option_ids=value)
    attempts.attempt_submit(user=user, attempt=attempt)
    if short_marks is not None:
        answer = Answer.objects.get(attempt=attempt, question__kind="short")
        attempts.answer_mark(user=marker, answer=answer, marks=short_marks)


@pytest.fixture
def results_batch(personas):
    batch, bank, (p1, p2, p3) = batch_with_tests(personas)
    _module, s, m, t = bank
    pre = batch.assessments.get(kind=AssessmentKind.PRE)
    post = batch.assessments.get(kind=AssessmentKind.POST)
    iitk, me = personas.iitk, personas.participant
    # Pre:  P1 0/3, P2 1/3, P3 2/3.   Post: P1 3/3, P2 1.5/3, P3 2/3.
    take(me, pre, p1, {s: wrong(s), m: wrong(m)})
    take(iitk, pre, p2, {s: right(s), m: wrong(m)}, assisted=True)
    take(iitk, pre, p3, {s: right(s), m: right(m)}, assisted=True)
    take(me, post, p1, {s: right(s), m: right(m), t: "portal"}, short_marks=1, marker=iitk)
    take(
        iitk,
        post,
        p2,
        {s: right(s), m: right(m, only_first=True), t: "x"},
        assisted=True,
        short_marks=0.5,
        marker=iitk,
    )
    take(
        iitk,
        post,
        p3,
        {s: right(s), m: right(m), t: "y"},
        assisted=True,
        short_marks=0,
        marker=iitk,
    )
    services.education_declare(user=iitk, person=p2.person, level=Education.PRIMARY)
    return batch, bank, (p1, p2, p3)


def test_per_participant_pre_post_gain_and_g(results_batch, personas):
    batch, bank, (p1, p2, p3) = results_batch
    results = batch_results(user=personas.iitk, batch=batch)
    rows = {row.nomination.pk: row for row in results.people}
    assert rows[p1.pk].pre == 0 and rows[p1.pk].post == 100
    assert rows[p1.pk].gain == 100 and rows[p1.pk].normalised_gain == 1
    assert rows[p2.pk].pre == pytest.approx(100 / 3) and rows[p2.pk].post == pytest.approx(50)
    # g = (50 - 33.33) / (100 - 33.33) = 16.67 / 66.67 = 0.25
    assert rows[p2.pk].normalised_gain == pytest.approx(0.25)
    assert rows[p3.pk].gain == pytest.approx(0)
    assert rows[p2.pk].pre_assisted and not rows[p1.pk].pre_assisted
    assert rows[p2.pk].education == Education.PRIMARY


def test_the_batch_paired_test_matches_the_hand_computation(results_batch, personas):
    batch, *_ = results_batch
    overall = batch_results(user=personas.iitk, batch=batch).overall
    differences = [100, 50 / 3, 0]
    mean = sum(differences) / 3  # 38.89
    sd = math.sqrt(sum((d - mean) ** 2 for d in differences) / 2)  # 53.58
    assert overall.n == 3 and overall.mean_gain == pytest.approx(mean)
    assert overall.t_statistic == pytest.approx(mean / (sd / math.sqrt(3)))  # 1.257
    # Wilcoxon drops the zero difference: two positive differences, W- = 0, exact p = 2/4.
    assert overall.wilcoxon_statistic == 0 and overall.wilcoxon_p_value == pytest.approx(0.5)
    # Hake's class g: mean pre 33.33, mean post 72.22 -> 38.89 / 66.67.
    assert overall.class_g == pytest.approx((mean) / (100 - 100 / 3))


def test_with_and_without_help_are_compared(results_batch, personas):
    batch, *_ = results_batch
    results = batch_results(user=personas.iitk, batch=batch)
    assert results.unassisted.n == 1 and results.unassisted.mean_gain == 100
    assert results.assisted.n == 2


def test_item_analysis_per_question(results_batch, personas):
    batch, (module, s, m, t), _ = results_batch
    results = batch_results(user=personas.iitk, batch=batch)
    items = {row.question.pk: row for row in results.by_question}
    # Post marks: s 1 1 1, m 1 0 1, t 1 0.5 0.
    assert items[s.pk].post.difficulty == 1 and items[s.pk].post.discrimination is None
    assert items[m.pk].post.difficulty == pytest.approx(2 / 3)
    # m against the rest (s + t): 2, 1.5, 1 -> pearson(1 0 1; 2 1.5 1) = 0 by symmetry.
    assert items[m.pk].post.discrimination == pytest.approx(0, abs=1e-12)
    # Pre marks: s 0 1 1, m 0 0 1.  s against rest m: pearson(0 1 1; 0 0 1) = 0.5.
    assert items[s.pk].pre.discrimination == pytest.approx(0.5)
    [(only_module, by_module)] = results.by_module
    assert only_module == module and by_module.mean_gain == pytest.approx(results.overall.mean_gain)


def test_district_officers_see_their_own_districts_people_only(results_batch, personas):
    batch, *_ = results_batch
    assert len(batch_results(user=personas.dpro_kanpur, batch=batch).people) == 3
    assert batch_results(user=personas.dpro_lucknow, batch=batch).people == []
    assert attempts_for_user(personas.iiml).count() == 0
    assert attempts_for_user(personas.trainer).count() == 0
    mine = attempts_for_user(personas.participant)
    assert mine.count() == 2 and {a.nomination.person_id for a in mine} == {
        personas.participant.person_id
    }


def test_education_is_never_in_results_for_a_district_officer(results_batch, personas):
    batch, *_ = results_batch
    results = batch_results(user=personas.dpro_kanpur, batch=batch)
    assert all(row.education == "" for row in results.people)
    assert results.by_education == []


def test_fixing_a_questions_right_answer_rescores_every_submitted_test(results_batch, personas):
    batch, (module, s, m, t), (p1, p2, p3) = results_batch
    before = batch_results(user=personas.iitk, batch=batch)
    # The bank had the multiple-choice answer wrong: only "Finance Commission" is right.
    options = [
        {"pk": o.pk, "text_hi": o.text_hi, "text_en": o.text_en, "is_correct": n == 0}
        for n, o in enumerate(m.options.all())
    ]
    services.question_update(
        user=personas.iitk,
        question=m,
        text_hi=m.text_hi,
        text_en=m.text_en,
        options=options,
        active=True,
    )
    after = {r.nomination.pk: r for r in batch_results(user=personas.iitk, batch=batch).people}
    # P2's post answer (only the first option) is now right: 1.5 + 1 of 3.
    assert after[p2.pk].post == pytest.approx(250 / 3)
    # P1 and P3 chose both options: now wrong.
    assert after[p1.pk].post == pytest.approx(200 / 3)
    assert before.overall.n == 3
    with pytest.raises(services.AssessmentError):
        services.question_update(
            user=personas.iiml, question=m, text_hi="x", text_en="", options=options, active=True
        )


def test_programme_results_pool_every_batch(results_batch, personas, client):
    from django.urls import reverse

    from sashakt.assessments.selectors import programme_results
    from sashakt.assessments.tests.factories import seat
    from sashakt.test import batch_make, person_make

    batch, (module, s, m, t), _ = results_batch
    second = batch_make(batch.programme, status="running")
    newcomer = seat(second, person_make(name="नया", name_alt="Naya", mobile="9839099999"), 1)
    iitk = personas.iitk
    for kind in ("pre", "post"):
        services.assessment_open_now(user=iitk, batch=second, kind=kind)
    take(iitk, second.assessments.get(kind="pre"), newcomer, {s: wrong(s)}, assisted=True)
    take(iitk, second.assessments.get(kind="post"), newcomer, {s: right(s)}, assisted=True)
    pooled = programme_results(user=iitk, programme=batch.programme)
    assert pooled.overall.n == 4
    items = {row.question.pk: row for row in pooled.by_question}
    assert items[s.pk].post.n == 4 and items[s.pk].pre.difficulty == pytest.approx(2 / 4)
    client.force_login(iitk)
    url = reverse("assessments:programme_results", args=[batch.programme_id])
    page = client.get(url)
    assert page.status_code == 200 and b'data-testid="people-results"' not in page.content
    client.force_login(personas.iiml)
    assert client.get(url).status_code == 404


def _everyone_takes_both(personas, people):
    batch, bank, nominations = batch_with_tests(personas, people=people)
    _module, s, m, _t = bank
    for kind, answers in (
        (AssessmentKind.PRE, {s: wrong(s), m: right(m)}),
        (AssessmentKind.POST, {s: right(s), m: right(m)}),
    ):
        assessment = batch.assessments.get(kind=kind)
        for nomination in nominations:
            take(personas.iitk, assessment, nomination, answers, assisted=True)
    return batch


# The results page's queries, whatever the batch size (measured with 3 and with 12 people).
RESULTS_PAGE_QUERIES = 11


@pytest.mark.parametrize("people", [3, 12])
def test_the_results_page_puts_the_summary_first_folds_the_rest_and_counts_its_queries(
    personas, client, django_assert_max_num_queries, people
):
    """The slowest page of the walk (0.4–0.56 s, 11,700 px on a phone): the summary comes
    first, people and statistics are folded, and the queries do not grow with the batch."""
    from django.urls import reverse

    batch = _everyone_takes_both(personas, people)
    client.force_login(personas.iitk)
    url = reverse("assessments:batch_results", args=[batch.pk])
    client.get(url)  # the first visit closes attempts that ran out of time
    with django_assert_max_num_queries(RESULTS_PAGE_QUERIES):
        html = client.get(url).content.decode()
    assert (
        html.index('data-testid="results-summary"')
        < html.index('data-testid="people-details"')
        < html.index('data-testid="statistics"')
        < html.index('data-testid="question-details"')
    )
    assert '<details class="card" data-testid="people-details">' in html
    assert '<details class="card" data-testid="statistics">' in html
    assert f'data-testid="summary-n">{people}<' in html
