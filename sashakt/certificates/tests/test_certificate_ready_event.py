"""Certificate ready is a catalogue event (issue 25): the state cell's template for it, the
person's language, the event's purpose key, and one message however often it is asked for."""

import pytest

from sashakt.certificates.services import certificate_ready_notify, certificates_issue_for_batch
from sashakt.notifications.models import Message
from sashakt.notifications.services import message_template_update

pytestmark = pytest.mark.django_db


def _issue(personas, batch, capture):
    with capture(execute=True):
        return certificates_issue_for_batch(user=personas.iitk, batch=batch)


def test_it_is_sent_once_with_the_state_cells_template_and_the_events_key(
    personas, completed_batch, django_capture_on_commit_callbacks
):
    message_template_update(
        user=personas.state,
        event="certificate-ready",
        text_hi="{name} जी, आपका प्रमाण-पत्र {number} तैयार है: {link}",
        text_en="Dear {name}, your certificate {number} is ready: {link}",
        dlt_template_id="1107170000000000077",
    )
    issued = _issue(personas, completed_batch, django_capture_on_commit_callbacks)
    kanpur = next(c for c in issued if c.person_id == personas.kanpur_person.pk)
    message = Message.objects.get(purpose_key=f"certificate-ready:{kanpur.number}")
    assert message.body == (
        f"राम कुमार जी, आपका प्रमाण-पत्र {kanpur.display_number} तैयार है: {kanpur.verification_url}"
    )
    assert message.dlt_template_id == "1107170000000000077"
    assert message.subject == "प्रमाण-पत्र तैयार"  # the event's label, in Hindi

    for _ in range(2):  # a retried job, a second call: nothing new
        certificate_ready_notify(certificate=kanpur)
    assert Message.objects.filter(purpose_key__startswith="certificate-ready:").count() == len(
        issued
    )


def test_a_person_who_reads_english_gets_the_english_text(
    personas, completed_batch, django_capture_on_commit_callbacks
):
    user = personas.participant
    user.person = personas.kanpur_person
    user.language = "en"
    user.save()
    issued = _issue(personas, completed_batch, django_capture_on_commit_callbacks)
    kanpur = next(c for c in issued if c.person_id == personas.kanpur_person.pk)
    body = Message.objects.get(purpose_key=f"certificate-ready:{kanpur.number}").body
    assert body.startswith(f"Your training certificate {kanpur.display_number} is ready")
