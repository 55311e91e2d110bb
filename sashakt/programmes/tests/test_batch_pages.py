"""Batch pages: who sees and does what (issue: partners, MoUs, programmes, batches)."""

import datetime

import pytest
from django.urls import reverse

from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.nominations.services import nomination_create
from sashakt.programmes.models import Batch, BatchStatus
from sashakt.test import batch_make, programme_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(personas):
    return batch_make(programme_make(personas.iitk_institute), capacity=2)


def test_the_state_cell_creates_a_batch_whose_end_follows_from_the_programme(personas, client):
    programme = programme_make(personas.iitk_institute)
    client.force_login(personas.state)
    response = client.post(
        reverse("programmes:batch_create"),
        {
            "programme": programme.pk,
            "venue": programme.mou.institute.venues.first().pk,
            "start_date": "2025-08-26",
            "capacity": "30",
            "open_now": "on",
        },
    )
    batch = Batch.objects.get()
    assert response.status_code == 302 and response.url == batch.get_absolute_url()
    assert (batch.end_date, batch.capacity, batch.status) == (
        datetime.date(2025, 8, 30),
        30,
        BatchStatus.OPEN,
    )


def test_a_batch_larger_than_the_room_is_refused_with_a_message(personas, client):
    programme = programme_make(personas.iitk_institute)
    client.force_login(personas.state)
    response = client.post(
        reverse("programmes:batch_create"),
        {
            "programme": programme.pk,
            "venue": programme.mou.institute.venues.first().pk,
            "start_date": "2025-08-26",
            "capacity": "400",
        },
    )
    assert response.status_code == 200 and not Batch.objects.exists()
    assert "40" in response.content.decode()


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
    url = reverse("programmes:nomination_action", args=[kanpur.pk, "decline"])
    assert client.post(url).status_code == 404
    kanpur.refresh_from_db()
    assert kanpur.status == NominationStatus.NOMINATED


def test_pasting_mobiles_nominates_and_reports_each_problem(personas, client, batch):
    client.force_login(personas.dpro_kanpur)
    response = client.post(
        reverse("programmes:batch_nominate", args=[batch.pk]),
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
    url = reverse("programmes:nomination_action", args=[nomination.pk, "reject"])
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
    client.post(reverse("programmes:nomination_action", args=[nomination.pk, "approve"]))
    client.force_login(personas.participant)
    home = client.get("/").content.decode()
    assert str(batch.programme.title_hi) in home
    client.post(reverse("programmes:nomination_action", args=[nomination.pk, "confirm"]))
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.CONFIRMED


def test_the_calendar_flags_a_venue_booked_twice_and_refuses_to_publish(personas, client):
    programme = programme_make(personas.iitk_institute)
    batch_make(programme, start=datetime.date(2026, 8, 24))
    batch_make(programme, start=datetime.date(2026, 8, 26))
    client.force_login(personas.state)
    page = client.get(reverse("programmes:batch_list")).content.decode()
    assert 'data-testid="clashes"' in page
    client.post(reverse("programmes:calendar_publish"), {"year": "2026"})
    assert not Batch.objects.filter(published=True).exists()


def test_mou_progress_is_computed_from_nominations_and_scoped(personas, client, batch):
    from sashakt.nominations.services import nomination_approve, nomination_confirm
    from sashakt.programmes.models import MoUTarget
    from sashakt.programmes.selectors import mou_progress
    from sashakt.programmes.services import batch_set_status

    mou = batch.programme.mou
    MoUTarget.objects.create(mou=mou, designation="kp_pramukh", people=10)
    nomination = nomination_create(
        user=personas.dpro_kanpur, person=personas.kanpur_person, batch=batch
    )
    nomination_approve(user=personas.state, nomination=nomination)
    assert mou_progress(mou)["total"].seated == 1
    nomination_confirm(user=personas.dpro_kanpur, nomination=nomination)
    for status in (BatchStatus.LOCKED, BatchStatus.RUNNING, BatchStatus.COMPLETED):
        batch_set_status(user=personas.state, batch=batch, status=status)
    progress = mou_progress(mou)
    assert (progress["total"].trained, progress["total"].seated) == (1, 0)
    assert (progress["by_designation"][0].trained, progress["by_designation"][0].percent) == (1, 10)
    client.force_login(personas.iitk)
    assert client.get(mou.get_absolute_url()).status_code == 200
    client.force_login(personas.iiml)
    assert client.get(mou.get_absolute_url()).status_code == 404
    client.force_login(personas.dpro_kanpur)
    assert client.get(mou.get_absolute_url()).status_code == 403


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


def test_a_published_batch_moves_only_with_a_recorded_reason(personas, client, batch):
    batch.published = True
    batch.save()
    client.force_login(personas.iitk)
    url = reverse("programmes:batch_move", args=[batch.pk])
    client.post(url, {"start_date": "2025-09-01", "reason": ""})
    batch.refresh_from_db()
    assert batch.start_date == datetime.date(2025, 8, 26)
    client.post(url, {"start_date": "2025-09-01", "reason": "बाढ़ के कारण"})
    batch.refresh_from_db()
    assert (batch.start_date, batch.end_date) == (
        datetime.date(2025, 9, 1),
        datetime.date(2025, 9, 5),
    )
    assert batch.date_changes.get().reason == "बाढ़ के कारण"


def test_the_state_cell_sets_a_district_quota_on_the_batch_page(personas, client, batch):
    from sashakt.programmes.models import DistrictQuota

    district = personas.kanpur_person.district
    client.force_login(personas.dpro_kanpur)
    url = reverse("programmes:batch_quota", args=[batch.pk])
    assert client.post(url, {"district": district.pk, "seats": "9"}).status_code == 403
    client.force_login(personas.state)
    client.post(url, {"district": district.pk, "seats": "1"})
    assert DistrictQuota.objects.get(batch=batch, district=district).seats == 1


def test_an_officer_substitutes_a_nominee_from_the_page(personas, client, batch):
    from sashakt.test import person_make

    original = nomination_create(
        user=personas.dpro_kanpur, person=personas.kanpur_person, batch=batch
    )
    substitute = person_make(name="नया प्रमुख", mobile="9839000555")
    client.force_login(personas.dpro_kanpur)
    client.post(
        reverse("programmes:nomination_substitute", args=[original.pk]),
        {"mobile": "+91 98390 00555"},
    )
    original.refresh_from_db()
    assert original.status == NominationStatus.SUBSTITUTED
    assert Nomination.objects.get(person=substitute).substitute_for == original


def test_the_state_cell_publishes_a_years_calendar_without_clashes(personas, client):
    programme = programme_make(personas.iitk_institute)
    batch_make(programme, start=datetime.date(2026, 8, 24))
    batch_make(programme, start=datetime.date(2026, 9, 7))
    batch_make(programme, start=datetime.date(2027, 1, 18))
    client.force_login(personas.state)
    page = client.get(reverse("programmes:batch_list")).content.decode()
    assert 'data-testid="publish"' in page and "2027" in page
    client.post(reverse("programmes:calendar_publish"), {"year": "2026"})
    assert list(Batch.objects.order_by("start_date").values_list("published", flat=True)) == [
        True,
        True,
        False,
    ]


@pytest.mark.parametrize("model", ["institute", "mou", "programme", "templatesession"])
def test_the_state_cell_keeps_mous_and_programmes_as_master_data(personas, client, model):
    programme_make(personas.iitk_institute)
    client.force_login(personas.state)
    assert client.get(f"/admin/programmes/{model}/").status_code == 200
    assert client.get(f"/admin/programmes/{model}/add/").status_code == 200
    client.force_login(personas.iitk)
    assert client.get(f"/admin/programmes/{model}/").status_code == 302  # to the admin login


def test_an_officer_finds_eligible_people_in_the_registry_to_nominate(personas, client, batch):
    client.force_login(personas.dpro_kanpur)
    url = reverse("programmes:batch_candidates", args=[batch.pk])
    page = client.get(url, {"q": "Ram Kumar"}).content.decode()  # Latin finds Devanagari
    assert personas.kanpur_person.name in page
    assert "9415000001" not in client.get(url, {"q": "9415000001"}).content.decode()
    nomination_create(user=personas.dpro_kanpur, person=personas.kanpur_person, batch=batch)
    page = client.get(url, {"q": "Ram Kumar"}).content.decode()
    assert f'data-testid="nominate-{personas.kanpur_person.mobile}"' not in page


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
