"""The demo's follow-up: plans for the completed batches, check-ins at every stage the
calendar has reached (by link and by phone, some with a photo, some owed), a case study; and
loading again changes nothing."""

import pytest
from django.core.management import call_command

from sashakt.followup.models import ActionPlan, CheckIn, CheckInAnswer, Commitment
from sashakt.followup.selectors import case_studies
from sashakt.nominations.models import Nomination, NominationStatus

pytestmark = pytest.mark.django_db


def test_the_demo_has_plans_and_checkins_at_every_stage_once(capsys):
    call_command("load_demo")
    counts = (
        ActionPlan.objects.count(),
        Commitment.objects.count(),
        CheckIn.objects.count(),
        CheckInAnswer.objects.count(),
    )
    assert counts[0] > 10
    attended = Nomination.objects.filter(status=NominationStatus.ATTENDED, batch__isnull=False)
    assert attended.filter(action_plan__isnull=True).exists()  # a few never wrote one
    stages = set(CheckIn.objects.values_list("stage", flat=True))
    assert stages == {30, 90, 180}
    assert set(CheckIn.objects.values_list("channel", flat=True)) == {"link", "phone"}
    assert CheckInAnswer.objects.exclude(photo="").exists()
    assert set(Commitment.objects.values_list("status", flat=True)) >= {
        "done",
        "in_progress",
        "stuck",
    }
    assert case_studies().count() == 1
    # Some check-ins were never answered (by now their windows have closed).
    assert CheckIn.objects.count() < 3 * counts[0]
    call_command("load_demo")
    assert (
        ActionPlan.objects.count(),
        Commitment.objects.count(),
        CheckIn.objects.count(),
        CheckInAnswer.objects.count(),
    ) == counts
