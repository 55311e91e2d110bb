"""iCalendar (RFC 5545) files of batches, for phone and desktop calendars."""

import datetime

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

from sashakt.programmes.models import Batch

PRODUCT = "-//Panchayati Raj Department UP//Sashakt//HI"


def _event(batch: Batch, stamp: datetime.datetime, *, host: str) -> Event:
    venue = batch.venue
    event = Event()
    event.add("uid", f"batch-{batch.pk}@{host}")
    event.add("dtstamp", stamp)
    event.add("dtstart", batch.start_date)
    # All-day events end on the day after the last day.
    event.add("dtend", batch.end_date + datetime.timedelta(days=1))
    event.add("summary", str(batch))
    event.add("location", ", ".join(part for part in (venue.name, venue.address) if part))
    event.add("description", batch.programme.title_en)
    if venue.latitude is not None and venue.longitude is not None:
        event.add("geo", (float(venue.latitude), float(venue.longitude)))
    return event


def batches_ics(batches, *, name: str, host: str = "sashakt") -> bytes:
    """One calendar of `batches`; icalendar escapes the text and folds long lines (RFC 5545)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    for batch in batches:
        calendar.add_component(_event(batch, stamp, host=host))
    return calendar.to_ical()


def ics_response(data: bytes, filename: str) -> HttpResponse:
    """An .ics file as a download."""
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
