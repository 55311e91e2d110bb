"""Planning pages: creating, moving and publishing batches, quotas, master data."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from sashakt.programmes.models import Batch, BatchStatus
from sashakt.test import batch_make, programme_make

pytestmark = pytest.mark.django_db


def _future_monday(weeks: int = 3) -> datetime.date:
    """A Monday a few weeks ahead: batches start no earlier than today (issue 22)."""
    today = timezone.localdate()
    return today + datetime.timedelta(days=7 * weeks - today.weekday())


def _programme(institute):
    programme = programme_make(institute)
    programme.mou.valid_until = timezone.localdate() + datetime.timedelta(days=730)
    programme.mou.save()
    return programme


@pytest.fixture
def batch(personas):
    return batch_make(programme_make(personas.iitk_institute), capacity=2)


def test_the_state_cell_creates_a_batch_whose_end_follows_from_the_programme(personas, client):
    programme = _programme(personas.iitk_institute)
    start = _future_monday()
    client.force_login(personas.state)
    response = client.post(
        reverse("programmes:batch_create"),
        {
            "programme": programme.pk,
            "venue": programme.mou.institute.venues.first().pk,
            "start_date": start.isoformat(),
            "capacity": "30",
            "open_now": "on",
        },
    )
    batch = Batch.objects.get()
    assert response.status_code == 302 and response.url == batch.get_absolute_url()
    assert (batch.end_date, batch.capacity, batch.status) == (
        start + datetime.timedelta(days=4),
        30,
        BatchStatus.OPEN,
    )


def test_a_batch_larger_than_the_room_is_refused_with_a_message(personas, client):
    programme = _programme(personas.iitk_institute)
    client.force_login(personas.state)
    response = client.post(
        reverse("programmes:batch_create"),
        {
            "programme": programme.pk,
            "venue": programme.mou.institute.venues.first().pk,
            "start_date": _future_monday().isoformat(),
            "capacity": "400",
        },
    )
    assert response.status_code == 200 and not Batch.objects.exists()
    assert "40" in response.content.decode()


def test_the_calendar_flags_a_venue_booked_twice_and_refuses_to_publish(personas, client):
    programme = programme_make(personas.iitk_institute)
    batch_make(programme, start=datetime.date(2026, 8, 24))
    batch_make(programme, start=datetime.date(2026, 8, 26))
    client.force_login(personas.state)
    page = client.get(reverse("nominations:batch_list")).content.decode()
    assert 'data-testid="clashes"' in page
    client.post(reverse("programmes:calendar_publish"), {"year": "2026"})
    assert not Batch.objects.filter(published=True).exists()


def test_a_published_batch_moves_only_with_a_recorded_reason(personas, client):
    programme = _programme(personas.iitk_institute)
    batch = batch_make(programme, start=_future_monday(2))
    batch.published = True
    batch.save()
    new_start = _future_monday(4)
    client.force_login(personas.iitk)
    url = reverse("programmes:batch_move", args=[batch.pk])
    client.post(url, {"start_date": new_start.isoformat(), "reason": ""})
    batch.refresh_from_db()
    assert batch.start_date == _future_monday(2)
    client.post(url, {"start_date": new_start.isoformat(), "reason": "बाढ़ के कारण"})
    batch.refresh_from_db()
    assert (batch.start_date, batch.end_date) == (
        new_start,
        new_start + datetime.timedelta(days=4),
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


def test_the_state_cell_publishes_a_years_calendar_without_clashes(personas, client):
    programme = programme_make(personas.iitk_institute)
    batch_make(programme, start=datetime.date(2026, 8, 24))
    batch_make(programme, start=datetime.date(2026, 9, 7))
    batch_make(programme, start=datetime.date(2027, 1, 18))
    client.force_login(personas.state)
    page = client.get(reverse("nominations:batch_list")).content.decode()
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


def test_dates_are_typed_day_first_and_another_institutes_venue_is_refused_by_its_field(
    personas, client
):
    programme = _programme(personas.iitk_institute)
    programme_make(personas.iiml_institute)
    iiml_venue = personas.iiml_institute.venues.get()
    client.force_login(personas.state)
    url = reverse("programmes:batch_create")
    form_page = client.get(url).content.decode()
    assert 'placeholder="दिन/माह/वर्ष"' in form_page and 'type="date"' not in form_page
    assert "— IIT Kanpur" in form_page or "— आईआईटी" in form_page  # programmes name the institute
    response = client.post(
        url,
        {
            "programme": programme.pk,
            "venue": iiml_venue.pk,
            "start_date": _future_monday().strftime("%d/%m/%Y"),
        },
    )
    assert not Batch.objects.exists()
    venue_field = response.context["form"]["venue"]
    assert venue_field.errors == ["यह स्थल IIM Lucknow का है; IIT Kanpur का स्थल चुनें।"]
    assert not response.context["form"].non_field_errors()
    client.post(
        url,
        {
            "programme": programme.pk,
            "venue": programme.mou.institute.venues.get().pk,
            "start_date": _future_monday().strftime("%d/%m/%Y"),
        },
    )
    assert Batch.objects.get().start_date == _future_monday()


def test_the_password_is_called_password_in_hindi_on_the_form_and_in_its_error(personas, client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "पासवर्ड" in page and "कूटशब्द" not in page
    client.force_login(personas.state)
    page = client.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": "a-b-c-d-e-1", "new_password2": "x"},
    ).content.decode()
    assert "पुराना पासवर्ड" in page and "शब्दकूट" not in page and "कूटशब्द" not in page
