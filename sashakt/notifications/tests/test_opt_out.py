"""Opt-out: a number may ask for no messages that are not essential; essential ones still go."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from sashakt.core.models import Job
from sashakt.notifications.models import Message, MessageStatus, OptOut
from sashakt.notifications.services import message_send, opt_out_record, opt_out_withdraw


@pytest.fixture
def console(settings, daytime):
    settings.NOTIFICATIONS_CHANNEL = "console"
    settings.JOBS_BACKEND = "immediate"
    return settings


def test_recording_normalises_the_number_keeps_who_and_why_and_is_audited(personas):
    opt_out = opt_out_record(
        user=personas.dpro_kanpur, mobile="+91 98390-12345", reason="  बहुत संदेश आते हैं "
    )
    assert opt_out.mobile == "9839012345" and opt_out.reason == "बहुत संदेश आते हैं"
    assert opt_out.recorded_by == personas.dpro_kanpur and opt_out.recorded_at
    entry = LogEntry.objects.get_for_object(opt_out).get()
    assert entry.actor == personas.dpro_kanpur and entry.action == LogEntry.Action.CREATE
    again = opt_out_record(user=personas.state, mobile="09839012345", reason="other")
    assert again.pk == opt_out.pk and again.recorded_by == personas.dpro_kanpur
    assert OptOut.objects.count() == 1


def test_a_number_that_is_not_a_mobile_is_refused(personas):
    with pytest.raises(ValidationError):
        opt_out_record(user=personas.state, mobile="12345")
    assert not OptOut.objects.exists()


def test_withdrawing_is_audited_and_answers_whether_there_was_one(personas):
    opt_out = opt_out_record(user=personas.dpro_kanpur, mobile="9839012345")
    pk = opt_out.pk
    assert opt_out_withdraw(user=personas.state, mobile="+919839012345") is True
    assert not OptOut.objects.exists()
    deleted = LogEntry.objects.filter(object_pk=str(pk), action=LogEntry.Action.DELETE).get()
    assert deleted.actor == personas.state
    assert opt_out_withdraw(user=personas.state, mobile="9839012345") is False
    assert opt_out_withdraw(user=personas.state, mobile="junk") is False


@pytest.mark.django_db
def test_a_non_essential_message_to_an_opted_out_number_is_recorded_not_sent(
    personas, console, caplog
):
    opt_out_record(user=personas.state, mobile="9839012345")
    message = message_send(purpose_key="reminder-1-day:7", to_mobile="98390 12345", body="कल")
    message.refresh_from_db()
    assert message.status == MessageStatus.OPTED_OUT and message.attempts == 0
    assert message.get_status_display() == "भेजा नहीं: संदेश न भेजने का अनुरोध"
    assert not Job.objects.filter(kind="notifications.send").exists()
    assert "कल" not in caplog.text
    # The same purpose asked again answers the same record, still unsent.
    assert message_send(purpose_key="reminder-1-day:7", to_mobile="9839012345", body="x") == message
    assert Message.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("purpose", ["otp:7:1", "seat-offered:12", "venue-changed:3:7"])
def test_essential_messages_still_go_to_an_opted_out_number(personas, console, purpose):
    opt_out_record(user=personas.state, mobile="9839012345")
    message = message_send(purpose_key=purpose, to_mobile="9839012345", body="x")
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT


@pytest.mark.django_db
def test_other_numbers_and_a_withdrawn_opt_out_get_messages_again(personas, console):
    opt_out_record(user=personas.state, mobile="9839012345")
    other = message_send(purpose_key="reminder-1-day:8", to_mobile="9415000009", body="x")
    other.refresh_from_db()
    assert other.status == MessageStatus.SENT
    opt_out_withdraw(user=personas.state, mobile="9839012345")
    again = message_send(purpose_key="reminder-1-day:9", to_mobile="9839012345", body="x")
    again.refresh_from_db()
    assert again.status == MessageStatus.SENT


def test_the_outbox_counts_and_filters_opted_out_messages(personas, client, console):
    opt_out_record(user=personas.state, mobile="9839012345")
    message_send(purpose_key="weekly-digest:157:2027-02", to_mobile="9839012345", body="x")
    client.force_login(personas.state)
    page = client.get("/notifications/", {"status": "opted-out"}).content.decode()
    assert "साप्ताहिक सारांश" in page and "भेजा नहीं: संदेश न भेजने का अनुरोध: 1" in page
