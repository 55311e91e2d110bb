"""Bulk sends: one template read, rows written in chunks, one job, nothing twice."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sashakt.core.models import Job
from sashakt.notifications.models import Message, MessageStatus, MessageTemplate, OptOut
from sashakt.notifications.services import (
    SEND_DUE_JOB_KIND,
    event_messages_send_bulk,
    messages_send_due,
)

pytestmark = pytest.mark.django_db

VALUES = {
    "name": "सुनीता देवी",
    "batch": "IITK-2027-014",
    "start": "12/01/2027",
    "time": "09:30",
    "venue": "आईआईटी कानपुर",
    "map_link": "https://maps.app.goo.gl/x7Yq2",
    "link": "https://sk.up.gov.in/s/Ab3x9Q",
    "phone": "9839012345",
}


def _recipients(count: int, *, start: int = 0) -> list[tuple]:
    return [
        (f"{n}", "en" if n % 3 == 0 else "hi", VALUES, f"98{n:08d}")
        for n in range(start, start + count)
    ]


@pytest.fixture
def console(settings):
    settings.NOTIFICATIONS_CHANNEL = "console"
    settings.JOBS_BACKEND = "inprocess"  # jobs wait for a commit that never comes: not run
    return settings


def test_a_second_run_queues_nothing_twice_and_the_counts_add_up(console, daytime):
    OptOut.objects.create(mobile="9800000004")
    recipients = _recipients(10) + [
        ("no-number", "hi", VALUES, ""),
        ("bad-number", "hi", VALUES, "12345"),
    ]

    first = event_messages_send_bulk(event="reminder-3-days", recipients=recipients, chunk_size=4)
    assert (first.queued, first.already, first.opted_out, first.no_address) == (9, 0, 1, 2)
    assert Message.objects.count() == 10
    assert Message.objects.get(purpose_key="reminder-3-days:4").status == MessageStatus.OPTED_OUT

    second = event_messages_send_bulk(
        event="reminder-3-days", recipients=recipients + _recipients(3, start=10), chunk_size=4
    )
    assert (second.queued, second.already, second.opted_out, second.no_address) == (3, 10, 0, 2)
    assert Message.objects.count() == 13
    # One job per bulk send, never one per message.
    assert Job.objects.filter(kind=SEND_DUE_JOB_KIND).count() == 2
    assert Job.objects.count() == 2
    assert first.job_id is not None
    assert Job.objects.get(pk=first.job_id).params == {"total": 9}


def test_each_person_gets_the_text_in_their_language_from_the_stored_template(console, daytime):
    MessageTemplate.objects.update_or_create(
        event="reminder-3-days",
        defaults={
            "text_hi": "याद रखें {name}: {start} {time} {venue}",
            "text_en": "Remember {name}: {start} {time} {venue}",
            "dlt_template_id": "1107000000000000099",
            "sender_id": "UPPRDS",
        },
    )
    event_messages_send_bulk(event="reminder-3-days", recipients=_recipients(3), channel="sms")

    english, hindi = (Message.objects.get(purpose_key=f"reminder-3-days:{n}") for n in (0, 1))
    assert english.body == "Remember सुनीता देवी: 12/01/2027 09:30 आईआईटी कानपुर"
    assert hindi.body.startswith("याद रखें सुनीता देवी")
    assert english.subject == "Reminder 3 days before"
    assert hindi.dlt_template_id == "1107000000000000099" and hindi.sender_id == "UPPRDS"
    assert hindi.recipient == "9800000001" and hindi.channel == "sms"


def test_the_template_is_read_once_not_once_per_message(console, daytime):
    with CaptureQueriesContext(connection) as queries:
        event_messages_send_bulk(event="reminder-3-days", recipients=_recipients(300))
    template_reads = [q for q in queries if "notifications_messagetemplate" in q["sql"]]
    assert len(template_reads) == 1
    assert len(queries) < 20  # a few per chunk of 1,000, not per message
    assert Message.objects.count() == 300


def test_non_essential_messages_wait_for_the_end_of_the_quiet_hours(console, clock):
    moment = clock("2027-01-05 22:30")
    event_messages_send_bulk(event="reminder-3-days", recipients=_recipients(2))
    message = Message.objects.get(purpose_key="reminder-3-days:0")
    assert message.next_attempt_at > moment
    assert message.next_attempt_at.astimezone(moment.tzinfo).hour == 8
    assert messages_send_due(now=moment).message_ids == []


def test_essential_messages_go_at_night_and_to_opted_out_numbers(console, clock):
    moment = clock("2027-01-05 22:30")
    OptOut.objects.create(mobile="9800000000")
    values = {
        "batch": "B-1",
        "start": "12/01/2027",
        "reason": "flood",
        "phone": "9839012345",
    }
    summary = event_messages_send_bulk(
        event="batch-cancelled", recipients=[("0", "hi", values, "9800000000")]
    )
    assert (summary.queued, summary.opted_out) == (1, 0)
    assert Message.objects.get().next_attempt_at == moment


def test_the_bulk_job_sends_everything_in_batches(settings, gateway_factory, daytime):
    from sashakt.notifications.tests.fake_gateway import Answer, accept_all

    settings.SMS_GATEWAY_BATCH_SIZE = 50
    gateway = gateway_factory([Answer(200, accept_all)])
    summary = event_messages_send_bulk(event="reminder-3-days", recipients=_recipients(120))

    assert summary.queued == 120
    assert Message.objects.filter(status=MessageStatus.SENT).count() == 120
    assert [len(r.payload) for r in gateway.received] == [50, 50, 20]
    assert summary.job_id is not None
    job = Job.objects.get(pk=summary.job_id)
    assert job.status == Job.Status.SUCCEEDED and job.result["sent"] == 120


def test_a_missing_value_and_an_unknown_event_are_refused(console):
    with pytest.raises(ValueError, match="no value for"):
        event_messages_send_bulk(
            event="reminder-3-days", recipients=[("1", "hi", {}, "9839012345")]
        )
    with pytest.raises(ValueError, match="unknown event"):
        event_messages_send_bulk(event="no-such-event", recipients=[])
    with pytest.raises(ValueError, match="longer than 200"):
        event_messages_send_bulk(
            event="reminder-3-days", recipients=[("9" * 200, "hi", VALUES, "9839012345")]
        )
    with pytest.raises(ValidationError):
        event_messages_send_bulk(event="reminder-3-days", recipients=[], channel="pigeon")
    assert Message.objects.count() == 0


def test_zero_recipients_queue_nothing_and_start_no_job(console):
    summary = event_messages_send_bulk(event="reminder-3-days", recipients=[])
    assert summary.total == 0 and summary.job_id is None
    assert Job.objects.count() == 0


def test_rows_another_writer_inserted_meanwhile_count_as_already_there(
    console, daytime, monkeypatch
):
    from sashakt.notifications import services

    event_messages_send_bulk(event="reminder-3-days", recipients=_recipients(5))
    # The other writer's rows appear after our look-up: it finds none of them.
    real = services._values_among
    monkeypatch.setattr(
        services,
        "_values_among",
        lambda model, name, values: set() if name == "purpose_key" else real(model, name, values),
    )
    summary = event_messages_send_bulk(event="reminder-3-days", recipients=_recipients(7))
    assert (summary.queued, summary.already) == (2, 5)
    assert Message.objects.count() == 7
