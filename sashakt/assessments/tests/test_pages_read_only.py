"""Reading a page writes nothing (issue 24): a test attempt whose time ran out is shown ended,
scored in memory, and written by a change or by beat's tick, never by a GET."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sashakt.assessments import attempts, expiry, services, tasks
from sashakt.assessments.models import AssessmentKind, Attempt
from sashakt.assessments.selectors import post_test_taken_in_batch
from sashakt.assessments.tests.factories import batch_with_tests

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


def _writes(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]


@pytest.fixture
def timed_out(personas):
    """Two attempts left open past their deadline: the participant's pre-test on their phone
    (one right answer, one short text answer awaiting marks) and another person's with help."""
    batch, (module, single, multiple, short), nominations = batch_with_tests(personas)
    pre = batch.assessments.get(kind=AssessmentKind.PRE)
    post = batch.assessments.get(kind=AssessmentKind.POST)
    start = timezone.now() - datetime.timedelta(hours=1)
    own = attempts.attempt_start(
        user=personas.participant, assessment=pre, nomination=nominations[0], now=start
    )
    right = list(single.options.filter(is_correct=True).values_list("pk", flat=True))
    attempts.answer_save(
        user=personas.participant, attempt=own, question=single, option_ids=right, now=start
    )
    attempts.answer_save(
        user=personas.participant, attempt=own, question=short, text="पोर्टल", now=start
    )
    helped = attempts.attempt_start(
        user=personas.iitk, assessment=post, nomination=nominations[1], assisted=True, now=start
    )
    deadline = start + datetime.timedelta(minutes=10)
    Attempt.objects.filter(pk__in=[own.pk, helped.pk]).update(deadline=deadline)
    own.refresh_from_db()
    helped.refresh_from_db()
    return batch, own, helped


def _pages(batch, own):
    staff = [
        reverse("assessments:batch_tests", args=[batch.pk]),
        reverse("assessments:batch_results", args=[batch.pk]),
        reverse("nominations:batch_detail", args=[batch.pk]),
        reverse("attendance:batch", args=[batch.pk]),
        reverse("reports:learning"),
        # (The state cell's dashboard is left out: it brings its tallies up to date first.)
        reverse("reports:dashboard"),
    ]
    participant = [
        reverse("assessments:my_tests"),
        reverse("assessments:attempt_take", args=[own.pk]),
        reverse("assessments:attempt_done", args=[own.pk]),
    ]
    return staff, participant


def test_no_page_writes_when_attempts_have_timed_out(client, personas, timed_out):
    batch, own, helped = timed_out
    staff, participant = _pages(batch, own)
    audit_before = LogEntry.objects.count()
    for user, urls in ((personas.iitk, staff), (personas.participant, participant)):
        client.force_login(user)
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                page = client.get(url)
            assert page.status_code in (200, 302), url
            assert _writes(queries.captured_queries) == [], url
    assert LogEntry.objects.count() == audit_before
    assert not Attempt.objects.filter(submitted_at__isnull=False).exists()


def test_the_pages_show_a_timed_out_attempt_ended_and_scored(client, personas, timed_out):
    batch, own, helped = timed_out
    client.force_login(personas.participant)
    take = client.get(reverse("assessments:attempt_take", args=[own.pk]))
    assert take.url == reverse("assessments:attempt_done", args=[own.pk])
    done = client.get(take.url)
    assert done.status_code == 200 and done.context["attempt"].score == 1
    assert done.context["attempt"].submitted_at == own.deadline
    client.force_login(personas.iitk)
    page = client.get(reverse("assessments:batch_tests", args=[batch.pk]))
    reopen = reverse("assessments:attempt_reopen", args=[own.pk]).encode()
    assert reopen in page.content  # shown as submitted: it may be reopened
    assert [a.text for a in page.context["to_mark"]] == ["पोर्टल"]
    results = client.get(reverse("assessments:batch_results", args=[batch.pk]))
    (row,) = [p for p in results.context["results"].people if p.nomination == own.nomination]
    assert row.pre is not None and row.pre > 0


def test_the_first_change_writes_the_timed_out_attempt_as_the_page_showed_it(personas, timed_out):
    batch, own, helped = timed_out
    shown = expiry.attempt_as_ended(Attempt.objects.get(pk=own.pk))
    attempts.attempt_reopen(user=personas.iitk, attempt=own)
    own.refresh_from_db()
    assert own.times_reopened == 1 and own.submitted_at is None
    assert own.score == shown.score == 1


def test_beats_tick_writes_every_timed_out_attempt(personas, timed_out):
    batch, own, helped = timed_out
    tasks.attempts_expire_task()
    own.refresh_from_db()
    helped.refresh_from_db()
    assert own.submitted_at == own.deadline and own.score == 1
    assert helped.submitted_at == helped.deadline
    assert expiry.attempts_expire_due() == 0


def test_new_test_times_do_not_revive_an_attempt_whose_time_ran_out(personas, timed_out):
    batch, own, helped = timed_out
    pre = own.assessment
    services.assessment_schedule(
        user=personas.iitk,
        batch=batch,
        kind=pre.kind,
        opens_at=pre.opens_at,
        closes_at=timezone.now() + datetime.timedelta(days=1),
        time_limit_minutes=None,
    )
    own.refresh_from_db()
    assert own.submitted_at == own.deadline  # ended as it stood, not given the new close


def test_a_timed_out_post_test_counts_as_taken_before_any_tick_saves_it(personas, timed_out):
    """The completion rule may require the post-test: the embedded mode has no tick, so an
    attempt whose time ran out counts as taken as it stands, unsaved."""
    batch, own, helped = timed_out
    taken = post_test_taken_in_batch(batch=batch)
    assert taken[helped.nomination_id] is True
    assert taken[own.nomination_id] is False  # its timed-out attempt is the pre-test
    assert Attempt.objects.get(pk=helped.pk).submitted_at is None
