"""Home pages: each role's figures and what it has to do next, computed from the records
and scoped."""

import pytest
from django.urls import reverse
from django.utils import timezone

from sashakt.nominations.services import nomination_create
from sashakt.notifications.models import DeliveryStatus, Message, MessageStatus
from sashakt.people.models import Person
from sashakt.test import batch_make, programme_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(personas):
    return batch_make(programme_make(personas.iitk_institute), capacity=2)


def test_home_pages_show_coming_batches_and_real_nomination_counts(personas, client, batch):
    nomination_create(user=personas.dpro_kanpur, person=personas.kanpur_person, batch=batch)
    client.force_login(personas.dpro_kanpur)
    page = client.get("/").content.decode()
    assert batch.get_absolute_url() in page
    assert 'data-testid="open-nominations">1<' in page
    client.force_login(personas.dpro_lucknow)
    assert 'data-testid="open-nominations">0<' in client.get("/").content.decode()
    client.force_login(personas.state)
    assert 'data-testid="awaiting-approval">1<' in client.get("/").content.decode()
    client.force_login(personas.iiml)
    assert batch.get_absolute_url() not in client.get("/").content.decode()


def test_every_session_on_the_trainers_home_opens_for_the_trainer(personas, client):
    """The trainer's home once linked each session to the batch timetable, a planning page
    that answers 403 to trainers; each link now opens the session's own page."""
    import re

    from sashakt.attendance.tests.factories import hall_make

    hall_make(personas, people=2, days=2, start=timezone.localdate())
    client.force_login(personas.trainer)
    home = client.get("/").content.decode()
    links = re.findall(r'<a href="([^"]+)" data-testid="trainer-session"', home)
    assert len(links) == 2
    for link in links:
        assert client.get(link).status_code == 200, link


def test_a_participant_finds_their_seat_code_and_marks_from_home_and_menu(personas, client, batch):
    """/attendance/mine/ (the seat's QR code and the marks) was linked from nowhere."""
    from sashakt.nominations.services import nomination_approve

    nomination = nomination_create(
        user=personas.dpro_kanpur, person=personas.participant.person, batch=batch
    )
    nomination_approve(user=personas.state, nomination=nomination)
    client.force_login(personas.participant)
    home = client.get("/").content.decode()
    mine = reverse("attendance:mine")
    assert f'href="{mine}" data-testid="my-attendance"' in home
    assert f'<a href="{mine}">मेरी उपस्थिति</a>' in home  # the menu
    page = client.get(mine)
    assert page.status_code == 200 and 'data-testid="seat-code"' in page.content.decode()
    client.force_login(personas.dpro_kanpur)
    assert f'href="{mine}"' not in client.get("/").content.decode()


def test_a_seat_offered_late_is_never_asked_to_be_answered_by_a_past_date(personas):
    """A seat offered two days before its batch once said "tell us by" a week before the
    start, a date already gone."""
    import datetime

    from sashakt.reports.home.todo import confirm_by

    start = datetime.date(2026, 12, 8)
    late = batch_make(programme_make(personas.iitk_institute), start=start)
    offered = datetime.date(2026, 12, 6)
    assert confirm_by(late, offered_on=offered) == datetime.date(2026, 12, 7)  # by the eve
    assert confirm_by(late, offered_on=datetime.date(2026, 12, 3)) == datetime.date(2026, 12, 5)
    assert confirm_by(late, offered_on=start) == start  # today, not yesterday
    early = datetime.date(2026, 11, 1)
    assert confirm_by(late, offered_on=early) == datetime.date(2026, 12, 1)  # a week before


def test_the_participants_home_asks_for_an_answer_by_a_day_still_to_come(personas, client):
    import datetime

    from sashakt.nominations.services import nomination_approve

    today = timezone.localdate()
    soon = batch_make(
        programme_make(personas.iitk_institute), start=today + datetime.timedelta(days=2)
    )
    nomination = nomination_create(
        user=personas.dpro_kanpur, person=personas.participant.person, batch=soon
    )
    nomination_approve(user=personas.state, nomination=nomination)
    client.force_login(personas.participant)
    response = client.get("/")
    (shown,) = [n for n in response.context["nominations"] if n.pk == nomination.pk]
    assert today <= shown.confirm_by < soon.start_date


def test_the_district_officer_is_told_whose_sms_does_not_arrive_and_whose_place_needs_review(
    personas, client
):
    """Three failed messages in a row to a Kanpur Pradhan's number put them on the Kanpur
    officer's to-do list (with the number, to correct it); Lucknow's officer sees nothing of
    it. A person whose gram panchayat matched none counts under the place review."""
    person = personas.kanpur_person
    for n in range(3):
        Message.objects.create(
            channel="sms",
            recipient=person.mobile,
            purpose_key=f"nominated:test-{n}",
            body="…",
            status=MessageStatus.SENT if n else MessageStatus.FAILED,
            delivery_status=DeliveryStatus.FAILED if n else "",
        )
    Person.objects.filter(pk=person.pk).update(needs_place_review=True)
    client.force_login(personas.dpro_kanpur)
    page = client.get(reverse("reports:home")).content.decode()
    assert 'data-testid="unreachable"' in page and person.mobile in page
    assert "इन नंबरों पर एसएमएस नहीं पहुँच रहे" in page
    assert reverse("people:place_review") in page
    client.force_login(personas.dpro_lucknow)
    other = client.get(reverse("reports:home")).content.decode()
    assert 'data-testid="unreachable"' not in other and person.mobile not in other
