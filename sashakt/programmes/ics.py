"""iCalendar (RFC 5545) files of batches, for phone and desktop calendars."""

import datetime

from django.http import HttpResponse
from django.utils import timezone

from sashakt.programmes.models import Batch

PRODUCT = "-//Panchayati Raj Department UP//Sashakt//HI"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1),
    cut between characters, never inside a UTF-8 sequence."""
    parts, current = [], ""
    for char in line:
        if len((current + char).encode()) > 75:
            parts.append(current)
            current = " " + char
        else:
            current += char
    parts.append(current)
    return "\r\n".join(parts)


def _event(batch: Batch, stamp: str, *, host: str) -> list[str]:
    venue = batch.venue
    location = ", ".join(part for part in (venue.name, venue.address) if part)
    lines = [
        "BEGIN:VEVENT",
        f"UID:batch-{batch.pk}@{host}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{batch.start_date:%Y%m%d}",
        # All-day events end on the day after the last day.
        f"DTEND;VALUE=DATE:{batch.end_date + datetime.timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{_escape(str(batch))}",
        f"LOCATION:{_escape(location)}",
        f"DESCRIPTION:{_escape(batch.programme.title_en)}",
    ]
    if venue.latitude is not None and venue.longitude is not None:
        lines.append(f"GEO:{venue.latitude:.6f};{venue.longitude:.6f}")
    lines.append("END:VEVENT")
    return lines


def batches_ics(batches, *, name: str, host: str = "sashakt") -> bytes:
    stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for batch in batches:
        lines += _event(batch, stamp, host=host)
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode()


def ics_response(data: bytes, filename: str) -> HttpResponse:
    """An .ics file as a download."""
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
