"""Attempts whose time ran out: how the pages show them, and when they are written.

An attempt left open past its deadline (the phone was switched off, the participant walked
away) ends as it stands: what was saved counts. Reading a page writes nothing, so the pages
show such an attempt as ended, scored in memory (`attempt_as_ended`, `ended_q`), and the write
(`attempts_expire`) happens when the attempt or its test is next changed (marking, reopening,
new test times) and on Celery beat's tick (`assessments.tasks.attempts_expire_due`), so that
the figures counted from saved attempts only (dashboards, the completion rule) follow within
a tick.
"""

import datetime

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from sashakt.assessments.models import Assessment, Attempt
from sashakt.assessments.scoring import attempt_score

# Answers that were typed before the deadline may reach the server a little later when the
# connection drops; they are still accepted within this grace.
SAVE_GRACE = datetime.timedelta(minutes=5)


def timed_out_q(now: datetime.datetime, prefix: str = "") -> Q:
    """Open attempts past their deadline and the grace (`prefix`: the path to the attempt)."""
    return Q(**{f"{prefix}submitted_at__isnull": True, f"{prefix}deadline__lt": now - SAVE_GRACE})


def ended_q(now: datetime.datetime, prefix: str = "") -> Q:
    """Attempts submitted, or timed out and so ended as they stand."""
    return Q(**{f"{prefix}submitted_at__isnull": False}) | timed_out_q(now, prefix)


def attempt_timed_out(attempt: Attempt, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        attempt.submitted_at is None
        and attempt.deadline is not None
        and attempt.deadline < now - SAVE_GRACE
    )


def attempt_as_ended(attempt: Attempt, now: datetime.datetime | None = None) -> Attempt:
    """The attempt as a page shows it: a timed-out one as submitted at its deadline and
    scored, in memory only (nothing is saved; `attempts_expire` writes the same later)."""
    if attempt_timed_out(attempt, now):
        attempt_score(attempt, save_marks=False)
        attempt.submitted_at = attempt.deadline
    return attempt


def _submit_as_it_stands(attempt: Attempt) -> None:
    attempt_score(attempt)
    attempt.submitted_at = attempt.deadline
    attempt.save()


def attempt_lock_expired(attempt_id: int, now: datetime.datetime | None = None) -> Attempt:
    """Lock the attempt for a change (inside a transaction); a timed-out one is first
    submitted as it stands, as the pages already show it."""
    attempt = Attempt.objects.select_for_update().get(pk=attempt_id)
    if attempt_timed_out(attempt, now):
        _submit_as_it_stands(attempt)
    return attempt


def _expire(attempts: QuerySet[Attempt], now: datetime.datetime) -> int:
    count = 0
    for attempt_id in list(attempts.filter(timed_out_q(now)).values_list("pk", flat=True)):
        with transaction.atomic():
            attempt = Attempt.objects.select_for_update().get(pk=attempt_id)
            if attempt_timed_out(attempt, now):  # not submitted (or given time) meanwhile
                _submit_as_it_stands(attempt)
                count += 1
    return count


def attempts_expire(*, assessment: Assessment, now: datetime.datetime | None = None) -> int:
    """Submit, as they stand, the test's attempts whose time ran out: what was saved counts.
    Returns how many were submitted."""
    return _expire(assessment.attempts.all(), now or timezone.now())


def attempts_expire_due(*, now: datetime.datetime | None = None) -> int:
    """The same for every test (Celery beat's tick)."""
    return _expire(Attempt.objects.all(), now or timezone.now())
