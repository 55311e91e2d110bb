"""The retention schedule: only what is past its period is erased, by a job, audited; an
erased person's certificates still verify by number, with the name removed."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from sashakt.certificates.selectors import certificate_verify
from sashakt.core.models import Job
from sashakt.nominations.services import nomination_create
from sashakt.notifications.models import Channel, Message
from sashakt.people.models import LeftOffice, Person
from sashakt.privacy.models import CorrectionRequest, CorrectionStatus, Erasure
from sashakt.privacy.selectors import people_past_retention
from sashakt.test import batch_make, person_make

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _short_schedule(settings):
    settings.PRIVACY_RETENTION_DAYS = {
        **settings.PRIVACY_RETENTION_DAYS,
        "person": 90,
        "correction_request": 60,
        "message": 30,
    }


def _left_office(person, days_ago: int) -> None:
    Person.objects.filter(pk=person.pk).update(
        left_office_on=TODAY - datetime.timedelta(days=days_ago),
        left_office_why=LeftOffice.TERM_ENDED,
    )


def test_only_people_past_the_period_are_picked(personas, trained):
    _left_office(trained["person"], 200)  # her batch ended in 2025: past the 90 days
    recently_left = person_make(name="हाल में गए", name_alt="", mobile="9415000071")
    _left_office(recently_left, 30)
    # Left long ago, but nominated to a batch still ahead: the period runs from it.
    ahead = batch_make(trained["batch"].programme, start=TODAY + datetime.timedelta(days=20))
    nomination_create(user=personas.dpro_kanpur, person=personas.kanpur_person, batch=ahead)
    _left_office(personas.kanpur_person, 400)
    # personas.lucknow_person is in office: never picked.
    assert list(people_past_retention()) == [trained["person"]]


def test_a_person_trained_within_the_period_is_kept(personas, trained, settings):
    _left_office(trained["person"], 200)
    settings.PRIVACY_RETENTION_DAYS = {**settings.PRIVACY_RETENTION_DAYS, "person": 2000}
    assert list(people_past_retention()) == []


def test_the_job_erases_audits_and_leaves_the_certificate_verifiable(
    client, personas, trained, hindi_client
):
    person = trained["person"]
    certificate = trained["certificate"]
    _left_office(person, 200)
    call_command("enforce_retention")
    job = Job.objects.get(kind="privacy.retention_enforce")
    assert job.status == Job.Status.SUCCEEDED
    assert job.result["people_erased"] == 1
    person.refresh_from_db()
    assert (person.name, person.name_alt, person.mobile, person.gram_panchayat) == (
        "",
        "",
        None,
        None,
    )
    assert person.district.lgd_code == 157 and person.designation  # counts stay true
    erasure = Erasure.objects.get(person=person)
    assert LogEntry.objects.get_for_object(erasure).exists()  # the erasure is audited
    # No audit entry keeps the old name or mobile.
    for entry in LogEntry.objects.get_for_object(person):
        text = f"{entry.changes} {entry.changes_text} {entry.object_repr} {entry.additional_data}"
        assert "गीता" not in text and "9415000002" not in text and "Geeta" not in text
    certificate.refresh_from_db()
    assert (certificate.name_hi, certificate.name_en) == ("", "")
    for entry in LogEntry.objects.get_for_object(certificate):
        assert "गीता" not in str(entry.changes) and "गीता" not in entry.object_repr
    assert certificate_verify(certificate.number).outcome == "valid"
    page = hindi_client.get(f"/verify/{certificate.number}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-outcome="valid"' in text and "गीता" not in text
    assert "मिटा दिया गया" in text  # "removed: erased after the retention period"
    # The message to her and her account are gone too.
    assert not Message.objects.filter(recipient="9415000002").exists()
    account = get_user_model().objects.get(pk=personas.participant.pk)
    assert not account.is_active and account.mobile is None
    # Run again: nothing more to do, nothing erased twice.
    call_command("enforce_retention")
    assert (
        Job.objects.filter(kind="privacy.retention_enforce")
        .latest("created_at")
        .result["people_erased"]
        == 0
    )


def test_old_decided_corrections_and_old_messages_go_new_ones_stay(personas):
    person = personas.participant.person
    long_ago = timezone.now() - datetime.timedelta(days=100)
    old, new, waiting = (
        CorrectionRequest.objects.create(
            person=person,
            district_id=person.district_id,
            field="mobile",
            requested_value="9415000090",
            reason="x",
            status=status,
            decided_at=decided_at,
            decision_reason="नहीं",
        )
        for status, decided_at in (
            (CorrectionStatus.REFUSED, long_ago),
            (CorrectionStatus.REFUSED, timezone.now()),
            (CorrectionStatus.PENDING, None),
        )
    )
    old_message = Message.objects.create(
        channel=Channel.SMS, recipient="9415000055", purpose_key="old", body="पुराना"
    )
    Message.objects.filter(pk=old_message.pk).update(created_at=long_ago)
    new_message = Message.objects.create(
        channel=Channel.SMS, recipient="9415000056", purpose_key="new", body="नया"
    )
    call_command("enforce_retention")
    remaining = set(CorrectionRequest.objects.values_list("pk", flat=True))
    assert remaining == {new.pk, waiting.pk} and old.pk not in remaining
    old_message.refresh_from_db()
    new_message.refresh_from_db()
    assert (old_message.recipient, old_message.body) == ("", "")
    assert (new_message.recipient, new_message.body) == ("9415000056", "नया")
    assert Person.objects.filter(pk=person.pk, name="गीता पाल").exists()  # in office: kept


def test_erasing_a_person_drops_their_kept_joining_letter(
    personas, django_capture_on_commit_callbacks
):
    from django.core.cache import caches

    from sashakt.nominations.letters import LETTER_CACHE, joining_letter_for
    from sashakt.nominations.services import nomination_approve
    from sashakt.privacy.services import person_erase
    from sashakt.test import programme_make

    batch = batch_make(programme_make(personas.iitk_institute))
    person = person_make(name="मिटाई जाने वाली", name_alt="", mobile="9415000072")
    seated = nomination_approve(
        user=personas.state,
        nomination=nomination_create(user=personas.dpro_kanpur, person=person, batch=batch),
    )
    joining_letter_for(seated)
    key = f"joining-letter:{seated.pk}"
    assert caches[LETTER_CACHE].get(key) is not None
    with django_capture_on_commit_callbacks(execute=True):
        person_erase(person=person, rule="test")
    assert caches[LETTER_CACHE].get(key) is None
