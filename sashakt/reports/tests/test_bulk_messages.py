"""The bulk page (issue 25): counts before sending (people, no mobile, opted out), a
district officer's scope, zero recipients refused, a confirmation step, one job that queues
through the outbox's bulk function and never twice, each person's language, the audit."""

import uuid

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from sashakt.core.jobs import job_run
from sashakt.core.models import Job
from sashakt.nominations.services import nomination_approve, nomination_confirm, nomination_create
from sashakt.notifications.models import Message, MessageStatus, OptOut
from sashakt.notifications.services import SEND_DUE_JOB_KIND
from sashakt.people.models import Designation
from sashakt.reports.bulk.selectors import Audience
from sashakt.reports.bulk.services import (
    BULK_JOB_KIND,
    NOBODY,
    BulkMessageRefused,
    bulk_message_queue,
    bulk_message_send,
)
from sashakt.reports.models import BulkMessage
from sashakt.stray_latin import assert_no_stray_latin
from sashakt.test import batch_make, person_make, programme_make

pytestmark = pytest.mark.django_db

URL = "/bulk-messages/new/"
TEXT_HI = "{name} जी, कल बैठक है। प्रश्न: {phone}"
TEXT_EN = "Dear {name}, there is a meeting tomorrow. Questions: {phone}"


@pytest.fixture
def world(personas, settings):
    settings.NOTIFICATIONS_CHANNEL = "console"
    settings.JOBS_BACKEND = "inprocess"  # jobs wait for a commit that never comes; run by hand
    batch = batch_make(programme_make(personas.iitk_institute), capacity=10)
    no_mobile = person_make(name="बिना मोबाइल", name_alt="", mobile=None)
    opted = person_make(name="संदेश नहीं", name_alt="", mobile="9839000777")
    OptOut.objects.create(mobile="9839000777", recorded_by=personas.state)
    english = personas.participant
    english.language = "en"
    english.save(update_fields=["language"])
    kanpur = [personas.kanpur_person, english.person, no_mobile, opted]
    for person in kanpur:
        _seat(personas, batch, person, personas.dpro_kanpur)
    _seat(personas, batch, personas.lucknow_person, personas.dpro_lucknow)
    lucknow_only = batch_make(programme_make(personas.iiml_institute), capacity=10)
    other = person_make(name="लखनऊ", name_alt="", mobile="9415000099", district_lgd=162)
    _seat(personas, lucknow_only, other, personas.dpro_lucknow)
    Message.objects.all().delete()
    Job.objects.all().delete()
    return {"batch": batch, "lucknow_only": lucknow_only}


def _seat(personas, batch, person, officer):
    nomination = nomination_create(user=officer, person=person, batch=batch)
    nomination = nomination_approve(user=personas.state, nomination=nomination)
    return nomination_confirm(user=personas.state, nomination=nomination)


def _form(batch=None, **extra) -> dict:
    data = {
        "audience": "batch",
        "batch": batch.pk if batch else "",
        "text_hi": TEXT_HI,
        "text_en": TEXT_EN,
        "designation": "",
    }
    data.update(extra)
    return data


def _as_officer(client, personas):
    client.force_login(personas.dpro_kanpur)
    return {"district": personas.dpro_kanpur.district_id}


def test_the_confirmation_counts_people_those_without_a_mobile_and_those_opted_out(
    client, personas, world
):
    mine = _as_officer(client, personas)
    page = client.post(URL, _form(world["batch"], **mine))
    assert page.templates[0].name == "reports/bulk_message_confirm.html"
    counts = page.context["counts"]
    # Kanpur's four seated people (never Lucknow's): one without a mobile, one opted out.
    assert (counts.people, counts.no_mobile, counts.opted_out, counts.reachable) == (4, 1, 1, 2)
    html = page.content.decode()
    assert 'data-testid="count-people">4<' in html and 'data-testid="count-no-mobile">1<' in html

    client.force_login(personas.state)  # the state cell, all districts: Lucknow's too
    counts = client.post(URL, _form(world["batch"])).context["counts"]
    assert (counts.people, counts.reachable) == (5, 3)


def test_nothing_is_sent_without_the_confirmation(client, personas, world):
    mine = _as_officer(client, personas)
    page = client.post(URL, _form(world["batch"], **mine))
    assert page.status_code == 200 and 'name="confirm"' in page.content.decode()
    assert not BulkMessage.objects.exists() and not Message.objects.exists()
    # "Change" goes back to the form with the text as written; still nothing sent.
    back = client.post(URL, {**_form(world["batch"], **mine), "change": "1"})
    assert back.templates[0].name == "reports/bulk_message_form.html"
    assert not BulkMessage.objects.exists()


def test_the_confirmation_starts_one_job_that_queues_once_in_each_persons_language(
    client, personas, world
):
    mine = _as_officer(client, personas)
    token = str(uuid.uuid4())
    response = client.post(URL, {**_form(world["batch"], **mine), "confirm": token})
    message = BulkMessage.objects.get()
    assert response.status_code == 302 and response.url == f"/jobs/{message.job_id}/"
    assert (message.people, message.no_mobile, message.opted_out) == (4, 1, 1)
    # The same confirmation again (a second click): the same message, no second job.
    client.post(URL, {**_form(world["batch"], **mine), "confirm": token})
    assert BulkMessage.objects.count() == 1
    assert Job.objects.filter(kind=BULK_JOB_KIND).count() == 1

    job = job_run(message.job_id)
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert (job.progress_done, job.progress_total) == (3, 3)  # three with a mobile
    rows = {m.recipient: m for m in Message.objects.filter(purpose_key__startswith="bulk-")}
    assert set(rows) == {"9839012345", "9415000002", "9839000777"}  # never Lucknow's
    assert rows["9839000777"].status == MessageStatus.OPTED_OUT
    assert rows["9839012345"].body == "राम कुमार जी, कल बैठक है। प्रश्न: 9000000002"
    assert rows["9415000002"].body.startswith("Dear Geeta Pal, there is a meeting")
    message.refresh_from_db()
    assert message.queued == 2
    assert Job.objects.filter(kind=SEND_DUE_JOB_KIND).count() == 1  # one sending job

    again = bulk_message_queue(message)  # the job run again (recovered): nothing twice
    assert (again.queued, again.already) == (0, 3)
    assert Message.objects.filter(purpose_key__startswith="bulk-").count() == 3
    assert Job.objects.filter(kind=SEND_DUE_JOB_KIND).count() == 1

    entry = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(BulkMessage),
        object_pk=str(message.pk),
        action=LogEntry.Action.CREATE,
    )
    assert entry.actor == personas.dpro_kanpur  # who sent what to how many


def test_a_district_officer_cannot_write_to_another_districts_batch_or_people(
    client, personas, world
):
    mine = _as_officer(client, personas)
    page = client.post(URL, _form(world["lucknow_only"], **mine))
    assert page.templates[0].name == "reports/bulk_message_form.html"
    assert "batch" in page.context["form"].errors
    lucknow = {"district": personas.dpro_lucknow.district_id}
    page = client.post(URL, _form(audience="registry", **lucknow))
    assert "district" in page.context["form"].errors
    assert not BulkMessage.objects.exists()

    for audience in (
        Audience(kind="batch", batch=world["lucknow_only"]),
        Audience(kind="registry", district=personas.lucknow_person.district),
    ):
        with pytest.raises(BulkMessageRefused):
            bulk_message_send(
                user=personas.dpro_kanpur,
                token=uuid.uuid4(),
                audience=audience,
                text_hi=TEXT_HI,
                text_en=TEXT_EN,
            )
    # The registry of their own district, unfiltered: never another district's people.
    message = bulk_message_send(
        user=personas.dpro_kanpur,
        token=uuid.uuid4(),
        audience=Audience(kind="registry"),
        text_hi=TEXT_HI,
        text_en=TEXT_EN,
    )
    assert message.district_id == personas.dpro_kanpur.district_id
    job_run(message.job_id)
    recipients = set(Message.objects.values_list("recipient", flat=True))
    assert "9415000001" not in recipients and "9415000099" not in recipients
    assert "9839012345" in recipients

    # Another district's bulk message is not theirs to read.
    client.force_login(personas.dpro_lucknow)
    assert client.get(f"/bulk-messages/{message.pk}/").status_code == 404


def test_zero_recipients_is_refused_with_a_clear_message(client, personas, world):
    # The only Zila Panchayat member of Kanpur has no mobile: one person, nobody to tell.
    person_make(name="जिला सदस्य", name_alt="", mobile=None, designation=Designation.ZP_MEMBER)
    mine = _as_officer(client, personas)
    for designation in (Designation.ZP_MEMBER, Designation.BDC_MEMBER):  # one; nobody at all
        data = _form(audience="registry", designation=designation, **mine)
        page = client.post(URL, data)
        assert page.templates[0].name == "reports/bulk_message_form.html"
        [error] = page.context["form"].non_field_errors()
        assert error == str(NOBODY) and error in page.content.decode()
        client.post(URL, {**data, "confirm": str(uuid.uuid4())})  # the confirmation forced
        assert not BulkMessage.objects.exists() and not Message.objects.exists()


def test_a_text_with_an_unknown_placeholder_is_refused(client, personas, world):
    mine = _as_officer(client, personas)
    page = client.post(URL, _form(world["batch"], text_hi="{name} जी, {batch} कल है", **mine))
    assert "text_hi" in page.context["form"].errors
    assert not BulkMessage.objects.exists()


def test_other_roles_may_not_open_the_bulk_page(client, personas, world):
    for user in (personas.iitk, personas.trainer, personas.participant):
        client.force_login(user)
        assert client.get(URL).status_code == 403
    client.force_login(personas.dpro_kanpur)
    page = client.get(URL)
    assert page.status_code == 200
    assert list(page.context["form"].fields["batch"].queryset) == [world["batch"]]


def test_the_bulk_pages_speak_hindi(hindi_client, personas, world):
    hindi_client.force_login(personas.dpro_kanpur)
    mine = {"district": personas.dpro_kanpur.district_id}
    allowed = {"dpro-kanpur"}  # the officer's user name
    for page in (
        hindi_client.get(URL),
        hindi_client.post(URL, _form(world["batch"], **mine)),
        hindi_client.get("/bulk-messages/"),
    ):
        assert page.status_code == 200
        assert_no_stray_latin(page.content.decode(), allowed=allowed)
