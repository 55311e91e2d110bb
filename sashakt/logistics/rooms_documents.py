"""The batch's room list (who sleeps where, with arrival and departure) and door list (one
card per room, the names to put on its door): bilingual PDFs on the department's page."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_noop

from sashakt.core.pdf.bilingual import both, in_both
from sashakt.core.pdf.document import BilingualDocument
from sashakt.core.pdf.fonts import FONT
from sashakt.logistics.selectors_rooms import RoomRow, StayRow
from sashakt.programmes.models import Batch


def _names(*names: str) -> str:
    return " / ".join(dict.fromkeys(n for n in names if n))


def _batch_line(batch: Batch) -> str:
    dates = f"{batch.start_date:%d.%m.%Y} – {batch.end_date:%d.%m.%Y}"
    return (
        f"{batch.programme.title_hi} — {batch.programme.title_en}\n"
        f"{both(gettext_noop('Batch'))} {batch.number} · {dates} · "
        f"{_names(batch.venue.name_hi, batch.venue.name_en)}"
    )


def _when(moment: datetime.datetime | None) -> str:
    return f"{timezone.localtime(moment):%d.%m %H:%M}" if moment else ""


def _person(row: StayRow) -> str:
    person = row.nomination.person
    return f"{person.name}\n{person.name_alt}" if person.name_alt else person.name


def room_list_pdf(batch: Batch, rooms: list[RoomRow]) -> bytes:
    """`rooms`: `selectors_rooms.RoomRow`s with their sleepers."""
    pdf = BilingualDocument()
    pdf.set_title(both(gettext_noop("Room list")))
    pdf.add_page(orientation="L")
    pdf.header_band(both(gettext_noop("Room list")))
    pdf.set_font(FONT, "", 11)
    pdf.multi_cell(0, 6, _batch_line(batch))
    pdf.ln(2)
    pdf.set_font(FONT, "B", 8)
    headings = [
        both(gettext_noop("Room")),
        both(gettext_noop("Bed")),
        both(gettext_noop("Name")),
        both(gettext_noop("District")),
        both(gettext_noop("Arrived")),
        both(gettext_noop("Departed")),
    ]
    with pdf.table(col_widths=[55, 18, 70, 50, 42, 42], text_align="LEFT", line_height=6) as table:
        table.row(headings)
        pdf.set_font(FONT, "", 9)
        for room_row in rooms:
            room = room_row.room
            where = f"{_names(room.block.name_hi, room.block.name_en)} {room.number}"
            if room.accessible:
                where += "\n" + both(gettext_noop("accessible"))
            for row in room_row.sleepers:
                district, stay = row.nomination.district, row.stay
                assert stay is not None and stay.bed is not None  # a room's sleepers have beds
                table.row(
                    [
                        where,
                        str(stay.bed.number),
                        _person(row),
                        _names(district.name_hi, district.name_en),
                        _when(stay.arrived_at),
                        _when(stay.departed_at),
                    ]
                )
    return bytes(pdf.output())


def door_list_pdf(batch: Batch, rooms: list[RoomRow]) -> bytes:
    """One block per room, large: the room, who it is for, and the names of who sleeps there."""
    pdf = BilingualDocument()
    pdf.set_title(both(gettext_noop("Door list")))
    for room_row in rooms:
        room = room_row.room
        pdf.add_page()
        pdf.header_band(both(gettext_noop("Door list")))
        pdf.set_font(FONT, "", 10)
        pdf.multi_cell(0, 5, _batch_line(batch))
        pdf.ln(6)
        pdf.set_font(FONT, "B", 28)
        pdf.cell(
            0,
            14,
            f"{_names(room.block.name_hi, room.block.name_en)} {room.number}",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.set_font(FONT, "", 12)
        pdf.cell(0, 8, in_both(room.get_gender_display), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(6)
        for row in room_row.sleepers:
            person = row.nomination.person
            district = row.nomination.district
            pdf.set_font(FONT, "B", 18)
            number = row.bed.number if row.bed else ""
            pdf.cell(0, 10, f"{number}. {person.name}", new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(FONT, "", 12)
            line = _names(person.name_alt, district.name_hi, district.name_en)
            pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    if not rooms:
        pdf.add_page()
        pdf.header_band(both(gettext_noop("Door list")))
        pdf.set_font(FONT, "", 12)
        pdf.multi_cell(0, 6, both(gettext_noop("Nobody has a bed yet.")))
    return bytes(pdf.output())
