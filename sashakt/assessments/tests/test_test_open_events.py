"""Opening a test tells the batch's people by the outbox (issue 25): the pre-test everyone
seated, the post-test and feedback everyone who attended; once per test and person, in
their language, after commit."""

import pytest

from sashakt.assessments import services
from sashakt.assessments.models import AssessmentKind
from sashakt.assessments.tests.factories import batch_with_tests
from sashakt.nominations.models import Nomination
from sashakt.notifications.models import Message

pytestmark = pytest.mark.django_db


def test_opening_the_pre_test_tells_everyone_seated_once(
    personas, django_capture_on_commit_callbacks
):
    batch, _bank, nominations = batch_with_tests(personas)
    participant = personas.participant
    participant.language = "en"
    participant.save(update_fields=["language"])
    for _ in range(2):  # opened twice: told once
        with django_capture_on_commit_callbacks(execute=True):
            services.assessment_open_now(user=personas.iitk, batch=batch, kind=AssessmentKind.PRE)
    messages = list(Message.objects.filter(purpose_key__startswith="pre-test-open:"))
    assert len(messages) == len(nominations) == 3
    by_mobile = {m.recipient[-10:]: m.body for m in messages}
    english = by_mobile[participant.person.mobile]
    assert english.startswith("Dear Geeta Pal, the pre-test of") and "/assessments/mine/" in english
    hindi = by_mobile[nominations[1].person.mobile]
    assert "व्यक्ति 1 जी" in hindi and "प्रारंभिक परीक्षा" in hindi


def test_the_post_test_goes_to_those_who_attended(personas, django_capture_on_commit_callbacks):
    batch, _bank, nominations = batch_with_tests(personas)
    Nomination.objects.filter(pk=nominations[0].pk).update(attended_a_session=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_open_now(user=personas.iitk, batch=batch, kind=AssessmentKind.POST)
    [message] = Message.objects.filter(purpose_key__startswith="post-test-open:")
    assert personas.participant.person.mobile in message.recipient
    assert "फ़ीडबैक" in message.body
