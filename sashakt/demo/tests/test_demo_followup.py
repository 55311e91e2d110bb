"""The demo's follow-up: plans for the completed batches, check-ins at every stage the
calendar has reached (by link and by phone, some with a photo, some owed), a case study; and
loading again changes nothing."""

import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from sashakt.accounts.models import User
from sashakt.followup.indicators import trained_before
from sashakt.followup.models import ActionPlan, CheckIn, CheckInAnswer, Commitment
from sashakt.followup.models_outcomes import IndicatorRound
from sashakt.followup.selectors import case_studies, checkins_due, overdue_checkins_count
from sashakt.followup.tests.outcome_factories import gram_panchayats_load
from sashakt.geography.models import GramPanchayat
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.notifications.models import Message
from sashakt.people.models import Designation
from sashakt.programmes.models import Batch, BatchStatus

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


def test_iim_lucknows_pradhans_are_at_every_stage_of_the_follow_up(geography, tmp_path, client):
    """IIM Lucknow's three past batches trained Kanpur Nagar's Gram Pradhans: at the load day
    one batch's 90-day check-in is overdue, one's 30-day check-in overdue and one's due now
    (its SMS in the outbox, its link answerable); their GPs count as trained."""
    gram_panchayats_load(tmp_path, ("Kanpur Nagar",))
    call_command("load_demo")
    today = timezone.localdate()
    batches = list(
        Batch.objects.filter(
            programme__mou__institute__short_name="IIM Lucknow", status=BatchStatus.COMPLETED
        ).order_by("end_date")
    )
    ages = [(today - batch.end_date).days for batch in batches]
    assert len(ages) == 3
    assert 104 <= ages[0] < 180 and 44 <= ages[1] < 90 and 30 <= ages[2] < 44
    pradhans = Nomination.objects.filter(
        batch__in=batches,
        status=NominationStatus.ATTENDED,
        person__designation=Designation.PRADHAN,
        person__gram_panchayat__isnull=False,
    )
    assert pradhans.count() == 3  # one of Kanpur Nagar's four Pradhans in each batch

    officer = User.objects.get(username="dpro.kanpurnagar")
    due = {
        (d.plan.nomination.batch.number, d.stage, d.overdue)
        for d in checkins_due(officer, today=today)
        if d.plan.nomination.batch in batches
    }
    assert due == {(1, 90, True), (2, 30, True), (3, 30, False)}
    assert overdue_checkins_count(officer) >= 2
    client.force_login(officer)
    page = client.get("/followup/due/").content.decode()
    assert all(n.person.name in page for n in pradhans)

    recent = ActionPlan.objects.get(nomination__batch=batches[2])
    sms = Message.objects.get(purpose_key=f"checkin-due:{recent.pk}:30")
    link = re.search(r"/c/[\w.:-]+", sms.body)
    assert link is not None
    client.logout()
    answer_page = client.get(link.group(), follow=True)
    assert answer_page.status_code == 200 and b"<form" in answer_page.content  # answerable
    assert Message.objects.filter(purpose_key__startswith="checkin-due:").count() == 1

    later = IndicatorRound.objects.order_by("measured_on").last()
    assert later is not None
    trained = GramPanchayat.objects.filter(trained_before(later.measured_on))
    assert set(trained) == {n.person.gram_panchayat for n in pradhans}
    call_command("load_demo")
    assert Message.objects.filter(purpose_key__startswith="checkin-due:").count() == 1
