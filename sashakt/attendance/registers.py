"""The signed paper register: one bilingual PDF per day of a batch, with the day's confirmed
people and a column to sign for each of the day's sessions. The signed sheet is scanned and
kept (`DayEvidence`); marks are then entered from it on the grid."""

import datetime
from functools import partial

from django.utils import formats
from django.utils.translation import gettext_noop
from fpdf import FPDF

from sashakt.attendance.selectors import roster
from sashakt.core.pdf.bilingual import both, in_both
from sashakt.core.pdf.fonts import FONT, document_fonts_on
from sashakt.programmes.models import Batch


def _date_both(day: datetime.date) -> str:
    return in_both(partial(formats.date_format, day, "l, j F Y"))


def day_register_pdf(batch: Batch, day: datetime.date) -> bytes:
    sessions = list(batch.sessions.filter(date=day))
    people = list(roster(batch))
    pdf = FPDF(format="A4", orientation="L")
    document_fonts_on(pdf)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_margins(12, 12, 12)
    pdf.set_title(both(gettext_noop("Attendance register")))
    pdf.add_page()
    pdf.set_font(FONT, "B", 11)
    pdf.set_text_color(30, 76, 140)
    pdf.cell(0, 6, both(gettext_noop("Panchayati Raj Department, Uttar Pradesh")))
    pdf.ln(6)
    pdf.set_font(FONT, "B", 15)
    pdf.set_text_color(20, 20, 20)
    day_number = (day - batch.start_date).days + 1
    pdf.cell(0, 9, both(gettext_noop("Attendance register")))
    pdf.ln(9)
    pdf.set_font(FONT, "", 10)
    pdf.multi_cell(
        0,
        5,
        f"{batch.programme.title_hi} — {batch.programme.title_en}\n"
        f"{both(gettext_noop('Batch'))} {batch.number} · {batch.venue.name}\n"
        f"{both(gettext_noop('Day'))} {day_number} · {_date_both(day)}",
    )
    pdf.ln(2)
    fixed = [12, 62, 45, 40]
    free = pdf.w - pdf.l_margin - pdf.r_margin - sum(fixed)
    columns = max(1, len(sessions))
    widths = fixed + [free / columns] * columns
    signatures = [f"{s.starts_at:%H:%M} {s.title[:30]}" for s in sessions] or [""]
    headings = [
        both(gettext_noop("Seat")),
        both(gettext_noop("Name")),
        both(gettext_noop("Designation")),
        both(gettext_noop("District")),
        *signatures,
    ]
    pdf.set_font(FONT, "B", 8)
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=7) as table:
        table.row(headings)
        pdf.set_font(FONT, "", 9)
        for nomination in people:
            person = nomination.person
            table.row(
                [
                    str(nomination.seat or ""),
                    f"{person.name}\n{person.name_alt}" if person.name_alt else person.name,
                    nomination.get_designation_display(),
                    person.district.name,
                ]
                + [""] * columns
            )
    pdf.ln(8)
    pdf.set_font(FONT, "", 10)
    pdf.cell(0, 6, both(gettext_noop("Signature of the programme coordinator")) + ": ________")
    return bytes(pdf.output())
