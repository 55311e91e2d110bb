"""Nomination pages: who sees and does what on a batch's and a programme's nominations."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.nominations.services import nomination_create
from sashakt.test import batch_make, programme_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(personas):
    return batch_make(programme_make(personas.iitk_institute), capacity=2)


def test_another_institute_cannot_plan_or_see_the_batch(personas, client, batch):
    client.force_login(personas.iiml)
    assert client.get(batch.get_absolute_url()).status_code == 404
    client.force_login(personas.iitk)
    assert client.get(batch.get_absolute_url()).status_code == 200
    client.force_login(personas.participant)
    assert client.get(batch.get_absolute_url()).status_code == 403


def test_a_district_officer_sees_only_their_districts_nominations(personas, client, batch):
    nomination_create(user=personas.dpro_kanpur, person=personas.kanpur_person, batch=batch)
    nomination_create(user=personas.dpro_lucknow, person=personas.lucknow_person, batch=batch)
    client.force_login(personas.dpro_lucknow)
    page = client.get(batch.get_absolute_url()).content.decode()
    assert personas.lucknow_person.name in page
    assert personas.kanpur_person.name not in page
    # Nor can they act on the other district's nomination.
    kanpur = Nomination.objects.get(person=personas.kanpur_person)
    url = reverse("nominations:nomination_action", args=[kanpur.pk, "decline"])
    assert client.post(url).status_code == 404
    kanpur.refresh_from_db()
    assert kanpur.status == NominationStatus.NOMINATED


def test_pasting_mobiles_nominates_and_reports_each_problem(personas, client, batch):
    client.force_login(personas.dpro_kanpur)
    response = client.post(
        reverse("nominations:batch_nominate", args=[batch.pk]),
        {"mobiles": "+91 98390 12345\n9415000001\nabc"},
        follow=True,
    )
    page = response.content.decode()
    assert Nomination.objects.filter(person=personas.kanpur_person).exists()
    assert "9415000001" in page and "abc" in page  # both explained, in Hindi
    assert "रजिस्ट्री" in page


def test_a_rejection_without_a_reason_is_refused_and_nothing_changes(personas, client, batch):
    nomination = nomination_create(
        user=personas.dpro_kanpur, person=personas.kanpur_person, batch=batch
    )
    client.force_login(personas.state)
    url = reverse("nominations:nomination_action", args=[nomination.pk, "reject"])
    client.post(url, {"reason": ""})
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.NOMINATED
    client.post(url, {"reason": "दस्तावेज़ अधूरे"})
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.REJECTED


def test_a_participant_confirms_their_own_seat_from_home(personas, client, batch):
    person = personas.participant.person
    nomination = nomination_create(user=personas.state, person=person, batch=batch)
    client.force_login(personas.state)
    client.post(reverse("nominations:nomination_action", args=[nomination.pk, "approve"]))
    client.force_login(personas.participant)
    home = client.get("/").content.decode()
    assert str(batch.programme.title_hi) in home
    client.post(reverse("nominations:nomination_action", args=[nomination.pk, "confirm"]))
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.CONFIRMED


def test_an_officer_nominates_for_any_batch_with_the_weeks_they_cannot_come(personas, client):
    programme = programme_make(personas.iitk_institute)
    batch_make(programme, start=datetime.date(2026, 12, 8))
    batch_make(programme, start=datetime.date(2027, 1, 19), number=2)
    client.force_login(personas.dpro_kanpur)
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "2026-12-07" in page and "2027-01-18" in page  # the two batches' weeks
    client.post(
        programme.get_absolute_url(), {"mobiles": "9839012345", "unavailable_weeks": ["2026-12-07"]}
    )
    nomination = Nomination.objects.get()
    assert nomination.batch is None and nomination.unavailable_weeks == ["2026-12-07"]
    client.force_login(personas.dpro_lucknow)
    page = client.get(programme.get_absolute_url()).content.decode()
    assert personas.kanpur_person.name not in page  # another district's nominee


def test_an_officer_substitutes_a_nominee_from_the_page(personas, client, batch):
    from sashakt.test import person_make

    original = nomination_create(
        user=personas.dpro_kanpur, person=personas.kanpur_person, batch=batch
    )
    substitute = person_make(name="नया प्रमुख", mobile="9839000555")
    client.force_login(personas.dpro_kanpur)
    client.post(
        reverse("nominations:nomination_substitute", args=[original.pk]),
        {"mobile": "+91 98390 00555"},
    )
    original.refresh_from_db()
    assert original.status == NominationStatus.SUBSTITUTED
    assert Nomination.objects.get(person=substitute).substitute_for == original


def test_an_officer_finds_eligible_people_in_the_registry_to_nominate(personas, client, batch):
    client.force_login(personas.dpro_kanpur)
    url = reverse("nominations:batch_candidates", args=[batch.pk])
    page = client.get(url, {"q": "Ram Kumar"}).content.decode()  # Latin finds Devanagari
    assert personas.kanpur_person.name in page
    assert "9415000001" not in client.get(url, {"q": "9415000001"}).content.decode()
    nomination_create(user=personas.dpro_kanpur, person=personas.kanpur_person, batch=batch)
    page = client.get(url, {"q": "Ram Kumar"}).content.decode()
    assert f'data-testid="nominate-{personas.kanpur_person.mobile}"' not in page


def test_someone_without_a_mobile_is_found_but_needs_a_mobile_first(personas, client, batch):
    """An SEC sheet imported without mobiles: the person is in the registry, but a seat is
    offered by SMS, so the officer is told to add the mobile before nominating."""
    from sashakt.people.models import Person

    Person.objects.filter(pk=personas.kanpur_person.pk).update(mobile=None)
    client.force_login(personas.dpro_kanpur)
    url = reverse("nominations:batch_candidates", args=[batch.pk])
    page = client.get(url, {"q": "Ram Kumar"}).content.decode()
    assert personas.kanpur_person.name in page
    assert 'data-testid="mobile-needed"' in page
    assert 'name="mobiles"' not in page


def test_a_batch_is_not_completed_by_its_status_button_alone(personas, client, batch):
    """Completion is judged person by person from the marks, on the attendance pages."""
    nomination = nomination_create(
        user=personas.dpro_kanpur, person=personas.kanpur_person, batch=batch
    )
    batch.status = "running"
    batch.save(update_fields=["status"])
    client.force_login(personas.iitk)
    page = client.get(batch.get_absolute_url()).content.decode()
    assert 'data-testid="status-completed"' not in page
    response = client.post(
        reverse("nominations:batch_status", args=[batch.pk]), {"status": "completed"}, follow=True
    )
    assert "उपस्थिति पृष्ठ से पूर्ण" in response.content.decode()
    batch.refresh_from_db()
    nomination.refresh_from_db()
    assert batch.status == "running"
    assert nomination.status == NominationStatus.NOMINATED


def test_search_results_say_who_is_trained_nominated_or_not_eligible(personas, client):
    from sashakt.nominations.services import nomination_approve, nomination_confirm
    from sashakt.test import batch_completed_make, person_make

    programme = programme_make(personas.iitk_institute, eligible=["kp_pramukh"])
    first = batch_make(programme, capacity=5)
    trained = person_make(name="सावित्री देवी", name_alt="Savitri Devi", mobile="9839000601")
    done = nomination_approve(
        user=personas.state,
        nomination=nomination_create(user=personas.dpro_kanpur, person=trained, batch=first),
    )
    nomination_confirm(user=personas.dpro_kanpur, nomination=done)
    batch_completed_make(first)
    second = batch_make(programme, start=datetime.date(2025, 10, 6), capacity=5)
    nomination_create(user=personas.dpro_kanpur, person=personas.kanpur_person, batch=second)
    person_make(
        name="सावित्री पाल", name_alt="Savitri Pal", mobile="9839000602", designation="pradhan"
    )

    client.force_login(personas.dpro_kanpur)
    url = reverse("nominations:batch_candidates", args=[second.pk])
    page = client.get(url, {"q": "सावित्री"}).content.decode()
    assert "इस कार्यक्रम में पहले ही प्रशिक्षित" in page  # trained, may still be nominated
    assert 'data-testid="nominate-9839000601"' in page
    assert "पात्र नहीं: यह कार्यक्रम ग्राम प्रधान के लिए नहीं है" in page
    assert 'data-testid="nominate-9839000602"' not in page
    page = client.get(url, {"q": "राम कुमार"}).content.decode()
    assert "पहले से नामित: स्वीकृति की प्रतीक्षा, बैच 2" in page


def test_each_decision_says_what_happened_with_the_name_and_seat(personas, client, batch):
    nomination = nomination_create(
        user=personas.dpro_kanpur, person=personas.kanpur_person, batch=batch
    )
    client.force_login(personas.state)
    url = reverse("nominations:nomination_action", args=[nomination.pk, "approve"])
    page = client.post(url, follow=True).content.decode()
    assert "स्वीकृत: राम कुमार, सीट 1।" in page
    client.force_login(personas.dpro_kanpur)
    url = reverse("nominations:nomination_action", args=[nomination.pk, "confirm"])
    assert "पुष्टि: राम कुमार आएँगे, सीट 1।" in client.post(url, follow=True).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(personas.state)
    url = reverse("nominations:nomination_action", args=[nomination.pk, "reject"])
    page = client.post(url, {"reason": "Documents incomplete"}, follow=True).content.decode()
    assert "Rejected: Ram Kumar. The district officer sees the reason." in page


def test_declining_asks_first_and_needs_a_reason(personas, client, batch):
    nomination = nomination_create(
        user=personas.dpro_kanpur, person=personas.kanpur_person, batch=batch
    )
    client.force_login(personas.dpro_kanpur)
    url = reverse("nominations:nomination_decline", args=[nomination.pk])
    assert "नहीं आ सकते?" in client.get(url).content.decode()
    client.post(url, {"reason": "other", "details": ""})
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.NOMINATED  # "another reason" needs words
    page = client.post(url, {"reason": "duty"}, follow=True).content.decode()
    assert "मना किया: राम कुमार नहीं आएँगे" in page
    nomination.refresh_from_db()
    assert nomination.reason == "उन तिथियों पर सरकारी या पंचायत का काम"


def test_the_weeks_someone_cannot_come_read_as_dates(personas, client, batch):
    nomination = nomination_create(
        user=personas.dpro_kanpur, person=personas.kanpur_person, programme=batch.programme
    )
    nomination.unavailable_weeks = ["2026-12-07"]
    nomination.save()
    client.force_login(personas.state)
    page = client.get(batch.programme.get_absolute_url()).content.decode()
    assert "2026-12-07" not in page
    assert "सप्ताह: 7 " in page and " 2026" in page


def test_a_persons_training_history_lists_their_nominations_within_the_viewers_scope(
    personas, client, batch
):
    from sashakt.nominations.services import nomination_approve

    nomination = nomination_create(
        user=personas.dpro_kanpur, person=personas.kanpur_person, batch=batch
    )
    nomination_approve(user=personas.state, nomination=nomination)
    url = reverse("nominations:person_history", args=[personas.kanpur_person.pk])
    client.force_login(personas.dpro_kanpur)
    page = client.get(url).content.decode()
    assert "बैच 1" in page and "सीट 1" in page and "सीट प्रस्तावित" in page
    client.force_login(personas.dpro_lucknow)  # another district's person: not theirs to see
    assert client.get(url).status_code == 404
    client.force_login(personas.dpro_kanpur)
    person_page = client.get(personas.kanpur_person.get_absolute_url()).content.decode()
    assert f'hx-get="{url}"' in person_page


def test_a_completed_batch_counts_its_attendees_seats_as_taken(personas, batch):
    from sashakt.nominations.selectors import batch_seat_counts
    from sashakt.nominations.services import nomination_approve, nomination_confirm
    from sashakt.test import batch_completed_make

    nomination = nomination_approve(
        user=personas.state,
        nomination=nomination_create(
            user=personas.dpro_kanpur, person=personas.kanpur_person, batch=batch
        ),
    )
    nomination_confirm(user=personas.dpro_kanpur, nomination=nomination)
    batch_completed_make(batch)
    assert batch_seat_counts(batch)["free"] == 1  # as the calendar's 1/2 says, not "2 free"
