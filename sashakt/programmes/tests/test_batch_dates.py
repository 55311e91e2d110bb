"""The batch form's dates (issue 22): refused before today or past the MoU's end; warned
(not refused) on Sundays, gazetted holidays and a venue already booked."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from sashakt.programmes.models import Batch, BatchStatus, Holiday
from sashakt.programmes.services import BatchError, batch_create, batch_date_warnings
from sashakt.test import batch_make, programme_make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    with translation.override("en"):
        yield


def _monday(weeks: int = 3) -> datetime.date:
    today = timezone.localdate()
    return today + datetime.timedelta(days=7 * weeks - today.weekday())


@pytest.fixture
def programme(personas):
    programme = programme_make(personas.iitk_institute)
    programme.mou.valid_until = timezone.localdate() + datetime.timedelta(days=365)
    programme.mou.save()
    return programme


def _create(user, programme, start):
    return batch_create(
        user=user, programme=programme, venue=programme.mou.institute.venues.get(), start_date=start
    )


def test_a_start_before_today_is_refused(personas, programme):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    with pytest.raises(BatchError, match="before today"):
        _create(personas.state, programme, yesterday)
    assert not Batch.objects.exists()


def test_today_is_allowed(personas, programme):
    assert _create(personas.state, programme, timezone.localdate()).pk


def test_a_batch_running_past_the_mous_end_is_refused(personas, programme):
    mou = programme.mou
    with pytest.raises(BatchError, match="MoU ends"):
        _create(personas.state, programme, mou.valid_until - datetime.timedelta(days=2))
    with pytest.raises(BatchError, match="MoU ends"):
        _create(personas.state, programme, mou.valid_until + datetime.timedelta(days=10))
    assert _create(personas.state, programme, mou.valid_until - datetime.timedelta(days=4)).pk


def test_sundays_holidays_and_venue_clashes_are_warned(personas, programme):
    monday = _monday()
    Holiday.objects.create(date=monday + datetime.timedelta(days=2), name_en="Holi", name_hi="होली")
    venue = programme.mou.institute.venues.get()
    other = batch_make(programme, start=monday + datetime.timedelta(days=3))
    warnings = batch_date_warnings(programme=programme, venue=venue, start_date=monday)
    assert len(warnings) == 2
    assert "gazetted holiday: Holi" in warnings[0]
    assert str(other) in warnings[1]
    # Friday start: Sunday falls in the five days.
    friday = warnings = batch_date_warnings(
        programme=programme, venue=venue, start_date=monday + datetime.timedelta(days=11)
    )
    assert any("Sunday" in warning for warning in friday)
    # A cancelled batch books nothing.
    other.status, other.cancel_reason = BatchStatus.CANCELLED, "flood"
    other.save()
    assert len(batch_date_warnings(programme=programme, venue=venue, start_date=monday)) == 1


def test_the_form_shows_warnings_first_and_creates_on_the_second_press(personas, programme, client):
    monday = _monday()
    Holiday.objects.create(date=monday, name_en="Ambedkar Jayanti", name_hi="अम्बेडकर जयंती")
    client.force_login(personas.state)
    url = reverse("programmes:batch_create")
    form = {
        "programme": programme.pk,
        "venue": programme.mou.institute.venues.get().pk,
        "start_date": monday.strftime("%d/%m/%Y"),
    }
    first = client.post(url, form)
    page = first.content.decode()
    assert first.status_code == 200 and 'data-testid="batch-warnings"' in page
    assert "अम्बेडकर जयंती" in page  # the page is in Hindi
    assert not Batch.objects.exists()
    seen = first.context["fingerprint"]
    # The date changed after the warning: warned again, not created.
    moved = {**form, "start_date": (monday + datetime.timedelta(days=5)).strftime("%d/%m/%Y")}
    again = client.post(url, {**moved, "warnings_seen": seen})
    assert again.status_code == 200 and not Batch.objects.exists()
    created = client.post(url, {**form, "warnings_seen": seen})
    assert created.status_code == 302 and Batch.objects.get().start_date == monday


def test_the_form_refuses_a_past_start_with_a_message(personas, programme, client):
    client.force_login(personas.state)
    response = client.post(
        reverse("programmes:batch_create"),
        {
            "programme": programme.pk,
            "venue": programme.mou.institute.venues.get().pk,
            "start_date": "26/08/2025",
        },
    )
    assert response.status_code == 200 and not Batch.objects.exists()
    assert "आज" in response.content.decode()  # "cannot start before today", in Hindi


def test_a_batch_cannot_be_moved_into_the_past(personas, programme):
    from sashakt.programmes.services import batch_change_dates

    batch = _create(personas.state, programme, _monday())
    with pytest.raises(BatchError, match="before today"):
        batch_change_dates(
            user=personas.state,
            batch=batch,
            start_date=timezone.localdate() - datetime.timedelta(days=7),
        )
    batch.refresh_from_db()
    assert batch.start_date == _monday()


def test_holidays_are_kept_by_the_state_cell_in_admin(personas, client):
    client.force_login(personas.state)
    assert client.get("/admin/programmes/holiday/add/").status_code == 200
    client.force_login(personas.iitk)
    assert client.get("/admin/programmes/holiday/").status_code == 302


def test_a_cancelled_batch_is_no_clash_in_the_calendar(personas, programme):
    from sashakt.programmes.services import calendar_clashes

    first = batch_make(programme, start=_monday())
    second = batch_make(programme, start=_monday() + datetime.timedelta(days=2))
    assert len(calendar_clashes([first, second])) == 1
    first.status, first.cancel_reason = BatchStatus.CANCELLED, "flood"
    first.save()
    assert calendar_clashes([first, second]) == []
