"""The weekly digest counts each district officer's overdue follow-up calls (issue 26), and
the calendar's periodic job sends the action plans' check-in SMS."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from sashakt.followup.tests.world import plan_make, world_make
from sashakt.notifications.models import Message
from sashakt.reports.digest import weekly_digest_due
from sashakt.reports.messages_due import messages_due

pytestmark = pytest.mark.django_db
INDIA = ZoneInfo("Asia/Kolkata")


def test_the_digest_counts_overdue_followup_calls_in_the_officers_district(personas):
    world = world_make(personas, ended_days_ago=50)  # the 30-day check-in is overdue
    plan_make(world.kanpur, personas.state)
    plan_make(world.own, personas.state)  # also Kanpur Nagar
    plan_make(world.lucknow, personas.state)
    today = timezone.localdate()
    monday = today + datetime.timedelta(days=(7 - today.weekday()) % 7)
    weekly_digest_due(datetime.datetime.combine(monday, datetime.time(9), tzinfo=INDIA))
    kanpur = Message.objects.get(
        purpose_key__startswith=f"weekly-digest:{personas.dpro_kanpur.pk}:"
    )
    assert "फ़ॉलो-अप कॉल बाकी 2" in kanpur.body


def test_the_periodic_job_sends_the_checkin_sms(personas):
    world = world_make(personas, ended_days_ago=30)
    plan = plan_make(world.own, personas.participant)
    assert messages_due()["checkins"] == 1
    assert Message.objects.filter(purpose_key=f"checkin-due:{plan.pk}:30").exists()
