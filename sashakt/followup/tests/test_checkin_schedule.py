"""The 30/90/180-day check-ins: due days from each batch's current end date (a moved batch
moves them), the SMS sent once on the due day through the outbox, and what is overdue."""

import datetime

import pytest
from django.utils import timezone

from sashakt.followup.checkin_messages import followup_messages_due
from sashakt.followup.models import CommitmentStatus, Stage
from sashakt.followup.schedule import (
    OVERDUE_AFTER_DAYS,
    checkin_due_on,
    checkin_schedule,
    checkin_window_closes,
)
from sashakt.followup.selectors import checkins_due, overdue_checkins_count
from sashakt.followup.services import checkin_by_phone
from sashakt.followup.tests.world import batch_end_move, plan_make, world_make
from sashakt.notifications.models import Message

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def _noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 0)))


def test_the_schedule_is_30_90_and_180_days_after_the_last_day():
    end = datetime.date(2026, 1, 16)
    assert checkin_schedule(end) == [
        (30, datetime.date(2026, 2, 15)),
        (90, datetime.date(2026, 4, 16)),
        (180, datetime.date(2026, 7, 15)),
    ]
    # Each window closes the day before the next check-in falls due; the last one 60 days on.
    assert checkin_window_closes(end, 30) == datetime.date(2026, 4, 15)
    assert checkin_window_closes(end, 90) == datetime.date(2026, 7, 14)
    assert checkin_window_closes(end, 180) == datetime.date(2026, 9, 12)


def test_each_checkin_sms_goes_once_on_its_day_with_a_link(personas):
    world = world_make(personas)
    plan = plan_make(world.own, personas.participant)
    end = world.batch.end_date
    assert followup_messages_due(_noon(end + 29 * DAY)) == 0
    for stage in Stage.values:
        due = checkin_due_on(end, stage)
        assert followup_messages_due(_noon(due)) == 1
        followup_messages_due(_noon(due))  # the job again: nothing new
        message = Message.objects.get(purpose_key=f"checkin-due:{plan.pk}:{stage}")
        assert message.recipient.endswith(personas.participant.person.mobile)
        assert "/c/" in message.body and str(stage) in message.body
    assert Message.objects.filter(purpose_key__startswith="checkin-due:").count() == 3


def test_a_moved_batch_is_asked_from_its_new_last_day(personas):
    world = world_make(personas)
    plan = plan_make(world.own, personas.participant)
    old_end = world.batch.end_date
    batch_end_move(world.batch, 10)
    # On the old 30th day nothing goes; on the new one the SMS goes.
    followup_messages_due(_noon(old_end + 30 * DAY))
    assert not Message.objects.filter(purpose_key__startswith="checkin-due:").exists()
    followup_messages_due(_noon(old_end + 40 * DAY))
    assert Message.objects.filter(purpose_key=f"checkin-due:{plan.pk}:30").exists()
    # And the due list counts from the new end date too.
    due = checkins_due(personas.state, today=old_end + 40 * DAY)
    assert [(d.plan, d.stage, d.due_on) for d in due] == [(plan, 30, old_end + 40 * DAY)]


def test_a_missed_day_is_caught_up_within_a_week_and_never_after(personas):
    world = world_make(personas)
    plan_make(world.own, personas.participant)
    end = world.batch.end_date
    assert followup_messages_due(_noon(end + 36 * DAY)) == 1
    Message.objects.all().delete()
    assert followup_messages_due(_noon(end + 37 * DAY)) == 0


def test_an_answered_checkin_gets_no_sms(personas):
    world = world_make(personas)
    plan = plan_make(world.kanpur, personas.state)
    end = world.batch.end_date
    commitment = plan.commitments.get()
    checkin_by_phone(
        plan=plan,
        stage=30,
        statuses={commitment.pk: "done"},
        by=personas.dpro_kanpur,
        today=end + 30 * DAY,
    )
    assert followup_messages_due(_noon(end + 31 * DAY)) == 0
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.DONE


def test_overdue_is_14_days_after_due_unanswered_and_only_while_the_window_is_open(personas):
    world = world_make(personas)
    kanpur = plan_make(world.kanpur, personas.state)
    plan_make(world.lucknow, personas.state)
    end = world.batch.end_date
    officer = personas.dpro_kanpur
    day_30 = end + 30 * DAY
    due = checkins_due(officer, today=day_30)
    assert [(d.plan, d.stage, d.overdue) for d in due] == [(kanpur, 30, False)]  # own district
    assert overdue_checkins_count(officer, today=day_30) == 0
    late = day_30 + OVERDUE_AFTER_DAYS * DAY
    assert overdue_checkins_count(officer, today=late - DAY) == 0
    assert overdue_checkins_count(officer, today=late) == 1
    assert [d.overdue for d in checkins_due(officer, today=late)] == [True]
    assert overdue_checkins_count(personas.state, today=late) == 2
    # When the 90-day check-in falls due, the 30-day one's window has closed: only 90 owes.
    day_90 = end + 90 * DAY
    assert [d.stage for d in checkins_due(officer, today=day_90)] == [90]
    # Answered, it leaves the list.
    checkin_by_phone(
        plan=kanpur,
        stage=90,
        statuses={c.pk: "stuck" for c in kanpur.commitments.all()},
        by=officer,
        today=day_90,
    )
    assert checkins_due(officer, today=day_90) == []
    assert overdue_checkins_count(personas.dpro_lucknow, today=day_90 + 14 * DAY) == 1
