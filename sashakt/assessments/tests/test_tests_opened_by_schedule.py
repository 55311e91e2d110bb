"""A test whose scheduled opening time has passed tells the batch's people through the
periodic job (issue 25), with the same keys as "Open now": told once either way."""

import datetime

import pytest
from django.utils import timezone

from sashakt.assessments import services
from sashakt.assessments.models import Assessment, AssessmentKind
from sashakt.assessments.opening import assessments_opened_due
from sashakt.assessments.tests.factories import batch_with_tests
from sashakt.notifications.models import Message

pytestmark = pytest.mark.django_db


def _count(prefix: str) -> int:
    return Message.objects.filter(purpose_key__startswith=prefix).count()


def test_a_test_opened_by_its_schedule_tells_everyone_once(
    personas, django_capture_on_commit_callbacks
):
    batch, _bank, nominations = batch_with_tests(personas)
    for _ in range(2):  # the job runs twice
        with django_capture_on_commit_callbacks(execute=True):
            assessments_opened_due(timezone.now())
    assert _count("pre-test-open:") == len(nominations) == 3
    assert _count("post-test-open:") == 0  # nobody attended a session yet
    # "Open now" afterwards uses the same keys: nothing new.
    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_open_now(user=personas.iitk, batch=batch, kind=AssessmentKind.PRE)
    assert _count("pre-test-open:") == 3


def test_a_test_not_yet_open_closed_or_long_opened_tells_nobody(
    personas, django_capture_on_commit_callbacks
):
    batch_with_tests(personas)
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assessments_opened_due(now - datetime.timedelta(hours=2))  # before it opened
        assessments_opened_due(now + datetime.timedelta(hours=6))  # after it closed
    Assessment.objects.update(closes_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        assessments_opened_due(now + datetime.timedelta(days=2))  # opened too long ago
    assert _count("pre-test-open:") == 0
