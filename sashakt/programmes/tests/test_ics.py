"""Batches in a phone's calendar: an .ics file per batch."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from sashakt.test import batch_make, programme_make

pytestmark = pytest.mark.django_db


def _unfolded(data: bytes) -> list[str]:
    text = data.decode()
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    return text.replace("\r\n ", "").split("\r\n")


def test_a_batch_file_holds_an_all_day_event_over_its_five_days(personas, client):
    batch = batch_make(programme_make(personas.iitk_institute))
    client.force_login(personas.dpro_kanpur)
    response = client.get(reverse("programmes:batch_ics", args=[batch.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    lines = _unfolded(response.content)
    assert lines[0] == "BEGIN:VCALENDAR" and "END:VCALENDAR" in lines
    assert "DTSTART;VALUE=DATE:20250826" in lines
    assert "DTEND;VALUE=DATE:20250831" in lines  # the day after 30 August
    summary = next(line for line in lines if line.startswith("SUMMARY:"))
    assert "ज़िला एवं क्षेत्र पंचायत" in summary or "Leadership" in summary
    assert "LOCATION:IIT Kanpur campus" in lines


def test_a_calendar_reads_back_the_venue_with_its_commas_and_place(personas, client):
    """What a phone's calendar reads: the venue's address keeps its commas (escaped in the
    file) and the map point comes through."""
    batch = batch_make(programme_make(personas.iitk_institute))
    venue = batch.venue
    venue.address, venue.latitude, venue.longitude = "कल्याणपुर, कानपुर, 208016", 26.5123, 80.2329
    venue.save()
    client.force_login(personas.dpro_kanpur)
    response = client.get(reverse("programmes:batch_ics", args=[batch.pk]))
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["location"]) == f"{venue.name}, कल्याणपुर, कानपुर, 208016"
    assert (event["geo"].latitude, event["geo"].longitude) == (26.5123, 80.2329)
    assert event["uid"] == f"batch-{batch.pk}@testserver"
