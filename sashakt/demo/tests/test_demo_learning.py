"""The demo's completed batches carry tests with a realistic gain and feedback."""

import pytest
from django.core.management import call_command

from sashakt.accounts.models import User
from sashakt.assessments.models import Attempt
from sashakt.assessments.selectors import batch_results
from sashakt.feedback.models import FeedbackResponse
from sashakt.feedback.selectors import trainer_sessions
from sashakt.programmes.models import Batch, BatchStatus

pytestmark = pytest.mark.django_db


def test_completed_batches_show_living_numbers_and_load_once():
    call_command("load_demo")
    counts = (Attempt.objects.count(), FeedbackResponse.objects.count())
    call_command("load_demo")
    assert (Attempt.objects.count(), FeedbackResponse.objects.count()) == counts
    coordinator = User.objects.get(username="iitk.coordinator")
    done = Batch.objects.filter(
        status=BatchStatus.COMPLETED, programme__mou__institute=coordinator.institute
    )
    assert done.count() == 3
    for batch in done:
        overall = batch_results(user=coordinator, batch=batch).overall
        assert overall.n >= 5
        assert 10 < overall.mean_gain < 45 and 0.1 < overall.class_g < 0.8
    trainer = User.objects.get(username="trainer.demo")
    # Sessions of the completed batches carry feedback; the coming ones have none yet.
    rated = [
        summary
        for session, summary in trainer_sessions(trainer)
        if session.batch.status == BatchStatus.COMPLETED
    ]
    assert rated and all(summary.enough for summary in rated)


def test_the_demo_pages_show_results_feedback_and_the_coming_pre_test(client):
    from django.urls import reverse

    call_command("load_demo")
    batch = Batch.objects.filter(status=BatchStatus.COMPLETED).order_by("start_date").first()
    client.force_login(User.objects.get(username="iitk.coordinator"))
    for url in (
        reverse("assessments:batch_results", args=[batch.pk]),
        reverse("assessments:batch_tests", args=[batch.pk]),
        reverse("assessments:bank", args=[batch.programme_id]),
        reverse("feedback:batch", args=[batch.pk]),
        reverse("feedback:trends", args=[batch.programme_id]),
    ):
        page = client.get(url)
        assert page.status_code == 200, url
        assert len(page.content) < 200_000, url
    results = client.get(reverse("assessments:batch_results", args=[batch.pk])).content.decode()
    assert "विलकॉक्सन" in results and "हेक का g" in results
    client.force_login(User.objects.get(username="trainer.demo"))
    mine = client.get(reverse("feedback:mine")).content.decode()
    assert "औसत (1–5)" in mine
    client.force_login(User.objects.get(username="participant.demo"))
    tests = client.get(reverse("assessments:my_tests")).content.decode()
    assert "पूर्व-परीक्षा" in tests and "को खुलेगी" in tests
