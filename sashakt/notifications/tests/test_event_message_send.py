"""event_message_send: the foundation the events' triggers call — the template in the
person's language, its DLT ids, once per purpose."""

import pytest

from sashakt.core.models import Job
from sashakt.notifications.events import EVENTS
from sashakt.notifications.models import Message, MessageStatus, MessageTemplate
from sashakt.notifications.services import event_message_send, opt_out_record
from sashakt.notifications.tests.fake_gateway import Answer

SEAT = {
    "name": "Sunita Devi",
    "programme": "GPDP",
    "batch": "IITK-2027-014",
    "start": "12/01/2027",
    "end": "16/01/2027",
    "venue": "IIT Kanpur",
    "answer_by": "05/01/2027",
    "link": "https://x.in/s/1",
    "phone": "9839012345",
}


@pytest.mark.django_db
def test_the_persons_language_and_the_templates_dlt_ids_go_to_the_gateway(gateway_factory, daytime):
    MessageTemplate.objects.update_or_create(
        event="seat-offered",
        defaults={
            "text_hi": EVENTS["seat-offered"].default_hi,
            "text_en": EVENTS["seat-offered"].default_en,
            "dlt_template_id": "1107170000000000777",
            "sender_id": "UPSEAT",
        },
    )
    gateway = gateway_factory([Answer(200, {"message_id": "a"}), Answer(200, {"message_id": "b"})])
    hindi = event_message_send(
        event="seat-offered", key="812", language="hi", values=SEAT, to_mobile="9839012345"
    )
    english = event_message_send(
        event="seat-offered", key="813", language="en", values=SEAT, to_mobile="9415000009"
    )
    first, second = (r.payload for r in gateway.received)
    assert first["text"].startswith("बैच IITK-2027-014 (12/01/2027 से, IIT Kanpur)")
    assert second["text"].startswith("Dear Sunita Devi, you have a seat in batch IITK-2027-014")
    assert first["dlt_template_id"] == second["dlt_template_id"] == "1107170000000000777"
    assert first["sender"] == second["sender"] == "UPSEAT"
    assert hindi.purpose_key == "seat-offered:812" and english.purpose_key == "seat-offered:813"


@pytest.mark.django_db
def test_without_template_ids_the_settings_defaults_are_used(gateway_factory, daytime):
    gateway = gateway_factory([Answer(200, {"message_id": "a"})])
    event_message_send(
        event="certificate-ready",
        key="IITK/1",
        language="",
        values={"number": "IITK/1", "link": "https://x.in/c/1", "name": "x"},
        to_mobile="9839012345",
    )
    (request,) = gateway.received
    assert request.payload["sender"] == "UPPRDS"
    assert request.payload["dlt_template_id"] == "1107170000000000001"
    assert request.payload["text"] == "आपका प्रशिक्षण प्रमाण-पत्र IITK/1 तैयार है। जाँचें: https://x.in/c/1"


@pytest.mark.django_db
def test_the_same_event_and_key_twice_sends_once(settings, daytime):
    settings.NOTIFICATIONS_CHANNEL, settings.JOBS_BACKEND = "console", "immediate"
    first = event_message_send(
        event="seat-offered", key="812", language="hi", values=SEAT, to_mobile="9839012345"
    )
    again = event_message_send(
        event="seat-offered", key="812", language="en", values={}, to_mobile="9839012345"
    )
    assert again.pk == first.pk and Message.objects.count() == 1
    assert Job.objects.filter(kind="notifications.send").count() == 1


@pytest.mark.django_db
def test_a_missing_value_writes_nothing(settings):
    settings.NOTIFICATIONS_CHANNEL = "console"
    with pytest.raises(ValueError, match="answer_by"):
        event_message_send(
            event="seat-offered",
            key="1",
            language="hi",
            values={k: v for k, v in SEAT.items() if k != "answer_by"},
            to_mobile="9839012345",
        )
    assert not Message.objects.exists()


def test_opt_outs_and_email_subjects_apply(personas, settings, daytime):
    settings.NOTIFICATIONS_CHANNEL, settings.JOBS_BACKEND = "console", "immediate"
    opt_out_record(user=personas.state, mobile="9839012345")
    held = event_message_send(
        event="pre-test-open",
        key="5:7",
        language="hi",
        values={"name": "x", "batch": "b", "programme": "p", "link": "l"},
        to_mobile="9839012345",
    )
    assert held.status == MessageStatus.OPTED_OUT
    email = event_message_send(
        event="pre-test-open",
        key="5:8",
        language="en",
        values={"name": "x", "batch": "b", "programme": "p", "link": "l"},
        to_email="pradhan@example.org",
        channel="email",
    )
    assert email.subject == "Pre-test open"
