"""The batch completion report: one bilingual PDF (Hindi and English side by side) with the
batch's particulars, attendance per person and per session, completion and its reason, the
test means, the feedback summary and the scans of the signed registers.

Every figure comes from the selectors the pages use (completion from `attendance`, means
from `assessments`, feedback from `feedback`, with its floor of five answers), for the user
who asks; the fonts are the certificates' (Noto Sans Devanagari, shaped by HarfBuzz).
"""

import io
from dataclasses import dataclass
from functools import partial

from django.db.models import Count
from django.utils.translation import gettext_noop
from fpdf.enums import TableCellFillMode
from fpdf.fonts import FontFace

from sashakt.assessments.selectors import batch_results, score_means_by
from sashakt.attendance.models import ATTENDED_STATUSES, Completion, DayEvidence, Mark
from sashakt.attendance.selectors import (
    batch_completion,
    completion_reasons_for,
    roster_for_user,
)
from sashakt.core.pdf.bilingual import both, in_both, in_language
from sashakt.core.pdf.prepared_fonts import PREPARED_FONT as FONT
from sashakt.core.pdf.prepared_fonts import PreparedFontDocument, fonts_install
from sashakt.core.pdf.text import text_shaping_on
from sashakt.core.scans import ScanRejected, scan_image_clean, scan_image_fits
from sashakt.feedback.selectors import batch_summary
from sashakt.programmes.models import Batch

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")
BLUE = (30, 76, 140)
INK = (20, 20, 20)
GREY = (90, 90, 90)
FACT_LABEL_WIDTH = 72  # longer labels wrap
PHOTO_HEIGHT = 112  # mm: two scans of registers to an A4 page


def _date(day) -> str:
    return f"{day:%d.%m.%Y}"


def _number(value: float | None, places: int = 1) -> str:
    return "–" if value is None else f"{value:.{places}f}"


class _Report(PreparedFontDocument):
    def __init__(self, title: str):
        super().__init__(format="A4")
        fonts_install(self)
        text_shaping_on(self)
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(auto=True, margin=15)
        self.set_creator("Sashakt")
        self.set_title(title)
        self.alias_nb_pages()

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(FONT, "", 7)
        self.set_text_color(*GREY)
        self.cell(0, 5, f"{self.title} · {self.page_no()}/{{nb}}", align="R")

    def heading(self, message: str, *, keep: float = 30) -> None:
        """A section heading, on a new page unless `keep` mm of what follows fits below it."""
        if self.will_page_break(keep):
            self.add_page()
        self.ln(3)
        self.set_font(FONT, "B", 12)
        self.set_text_color(*BLUE)
        self.cell(0, 7, both(message), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*INK)

    def fact(self, message: str, value: str) -> None:
        """A label and its value side by side, each wrapping in its own column."""
        if self.will_page_break(11):
            self.add_page()
        top = self.get_y()
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        self.multi_cell(FACT_LABEL_WIDTH - 2, 5.5, both(message), align="L")
        below_label = self.get_y()
        self.set_xy(self.l_margin + FACT_LABEL_WIDTH, top)
        self.set_font(FONT, "", 10)
        self.set_text_color(*INK)
        self.multi_cell(0, 5.5, value, align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_y(max(below_label, self.get_y()))

    def grid(self, headings: list[str], rows: list[list[str]], widths, align=None) -> None:
        self.set_font(FONT, "", 8)
        with self.table(
            col_widths=widths,
            text_align=align or "LEFT",
            line_height=4.2,
            headings_style=_HEADINGS,
            cell_fill_color=(244, 246, 250),
            cell_fill_mode=TableCellFillMode.ROWS,
            padding=1,
        ) as table:
            table.row(headings)
            for values in rows:
                table.row(values)

    def note(self, text: str) -> None:
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        self.multi_cell(0, 4.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*INK)


_HEADINGS = FontFace(family=FONT, emphasis="BOLD", color=INK, fill_color=(222, 230, 242))


@dataclass
class _Standing:
    """A person's attendance and completion as the report prints it."""

    nomination: object
    seat: int | None
    attended: int
    total: int
    completed: bool
    reasons: str  # Hindi, then English


def _standing(batch: Batch, people: list) -> list[_Standing]:
    """The recorded decision of a completed batch (with the seat the person held), else the
    judgement from the marks as they stand."""
    recorded = {c.nomination_id: c for c in Completion.objects.filter(batch=batch)}
    live = {
        language: in_language(language, lambda: batch_completion(batch=batch, nominations=people))
        for language in ("hi", "en")
    }
    rows = []
    for nomination, hi_row, en_row in zip(people, live["hi"], live["en"], strict=True):
        completion = recorded.get(nomination.pk)
        if completion is None:
            rows.append(
                _Standing(
                    nomination,
                    nomination.seat,
                    hi_row.sessions_attended,
                    hi_row.sessions_total,
                    hi_row.completed,
                    " ".join(hi_row.reasons) + "\n" + " ".join(en_row.reasons),
                )
            )
            continue
        reasons = [
            " ".join(in_language(language, partial(completion_reasons_for, completion)))
            for language in ("hi", "en")
        ]
        rows.append(
            _Standing(
                nomination,
                completion.seat,
                completion.sessions_attended,
                completion.sessions_total,
                completion.completed,
                "\n".join(reasons),
            )
        )
    return rows


def batch_report_pdf(*, user, batch: Batch) -> bytes:
    """The completion report of `batch` as `user` may read it (the state cell or the
    batch's institute)."""
    batch = Batch.objects.select_related("programme__mou__institute", "venue").get(pk=batch.pk)
    programme, institute, venue = batch.programme, batch.programme.mou.institute, batch.venue
    pdf = _Report(both(gettext_noop("Batch completion report")))
    pdf.add_page()
    pdf.set_font(FONT, "B", 10)
    pdf.set_text_color(*BLUE)
    pdf.cell(
        0,
        6,
        both(gettext_noop("Panchayati Raj Department, Uttar Pradesh")),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font(FONT, "B", 16)
    pdf.set_text_color(*INK)
    pdf.cell(0, 10, both(gettext_noop("Batch completion report")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*BLUE)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(2)
    pdf.fact(gettext_noop("Programme"), f"{programme.title_hi}\n{programme.title_en}")
    pdf.fact(gettext_noop("Institute"), f"{institute.name_hi}\n{institute.name_en}")
    venue_names = " / ".join(dict.fromkeys(n for n in (venue.name_hi, venue.name_en) if n))
    pdf.fact(gettext_noop("Venue"), venue_names)
    pdf.fact(gettext_noop("Batch"), str(batch.number))
    pdf.fact(gettext_noop("Dates"), f"{_date(batch.start_date)} – {_date(batch.end_date)}")
    status = in_both(batch.get_status_display)
    pdf.fact(gettext_noop("Status"), status)

    people = list(roster_for_user(user, batch))
    standing = _standing(batch, people)
    sessions = list(batch.sessions.select_related("trainer").order_by("date", "starts_at"))
    completed = sum(1 for row in standing if row.completed)
    attended_marks = sum(row.attended for row in standing)
    expected = len(sessions) * len(people)
    pdf.heading(gettext_noop("Summary"))
    pdf.fact(gettext_noop("People on the roll"), str(len(people)))
    pdf.fact(gettext_noop("Sessions in the timetable"), str(len(sessions)))
    pdf.fact(gettext_noop("Completed the batch"), f"{completed} / {len(people)}")
    rate = round(100 * attended_marks / expected, 1) if expected else None
    pdf.fact(gettext_noop("Attendance rate, per cent"), _number(rate))

    results = {p.nomination.pk: p for p in batch_results(user=user, batch=batch).people}
    pdf.heading(gettext_noop("Attendance and completion per person"))
    yes, no = both(gettext_noop("Completed")), both(gettext_noop("Not completed"))
    table = []
    for row in standing:
        person = row.nomination.person
        scores = results.get(row.nomination.pk)
        percent = row.attended * 100 // row.total if row.total else 0
        table.append(
            [
                str(row.seat or ""),
                "\n".join(n for n in (person.name, person.name_alt) if n),
                person.district.name,
                f"{row.attended} / {row.total} ({percent}%)",
                _number(scores.pre if scores else None),
                _number(scores.post if scores else None),
                (yes if row.completed else no) + "\n" + row.reasons,
            ]
        )
    pdf.grid(
        [
            both(gettext_noop("Seat")),
            both(gettext_noop("Name")),
            both(gettext_noop("District")),
            both(gettext_noop("Sessions attended")),
            both(gettext_noop("Pre-test, per cent")),
            both(gettext_noop("Post-test, per cent")),
            both(gettext_noop("Completion")),
        ],
        table,
        (9, 34, 22, 22, 16, 16, 61),
    )

    present = dict(
        Mark.objects.filter(
            session__batch=batch,
            nomination__in=[n.pk for n in people],
            status__in=ATTENDED_STATUSES,
        )
        .values_list("session")
        .annotate(n=Count("pk"))
        .order_by()
    )
    pdf.heading(gettext_noop("Sessions"))
    pdf.grid(
        [
            both(gettext_noop("Date")),
            both(gettext_noop("Time")),
            both(gettext_noop("Session")),
            both(gettext_noop("Trainer")),
            both(gettext_noop("Present")),
        ],
        [
            [
                _date(s.date),
                f"{s.starts_at:%H:%M}",
                "\n".join(dict.fromkeys(t for t in (s.title_hi, s.title_en) if t)),
                s.trainer.display_name if s.trainer else s.resource_person,
                f"{present.get(s.pk, 0)} / {len(people)}",
            ]
            for s in sessions
        ],
        (22, 14, 80, 44, 20),
    )

    pdf.heading(gettext_noop("Test scores"))
    means = score_means_by(user, "batch", batch=batch)
    if means:
        batch_means = means[0]
        pdf.grid(
            [
                both(gettext_noop("Took the pre-test")),
                both(gettext_noop("Pre-test mean, per cent")),
                both(gettext_noop("Took the post-test")),
                both(gettext_noop("Post-test mean, per cent")),
                both(gettext_noop("Gain, points")),
                both(gettext_noop("Normalised gain (Hake's g)")),
            ],
            [
                [
                    str(batch_means.pre_people),
                    _number(batch_means.pre_mean),
                    str(batch_means.post_people),
                    _number(batch_means.post_mean),
                    _number(batch_means.gain),
                    _number(batch_means.normalised_gain, 2),
                ]
            ],
            (30, 30, 30, 30, 30, 30),
            align="RIGHT",
        )
        modules = score_means_by(user, "module", batch=batch)
        if modules:
            pdf.ln(2)
            pdf.grid(
                [
                    both(gettext_noop("Module")),
                    both(gettext_noop("Pre-test mean, per cent")),
                    both(gettext_noop("Post-test mean, per cent")),
                    both(gettext_noop("Gain, points")),
                ],
                [
                    [
                        "\n".join(dict.fromkeys((m.thing.title_hi, m.thing.title_en))),
                        _number(m.pre_mean),
                        _number(m.post_mean),
                        _number(m.gain),
                    ]
                    for m in modules
                ],
                (90, 30, 30, 30),
                align=("LEFT", "RIGHT", "RIGHT", "RIGHT"),
            )
    else:
        pdf.note(both(gettext_noop("No test was submitted.")))

    pdf.heading(gettext_noop("Feedback"))
    whole, by_session = batch_summary(batch)
    pdf.fact(gettext_noop("Answers about the whole batch"), str(whole.n))
    if whole.enough:
        pdf.grid(
            [both(gettext_noop("Statement")), both(gettext_noop("Mean rating (1 to 5)"))],
            [[f"{s.item.text_hi}\n{s.item.text_en}", _number(s.mean, 2)] for s in whole.items],
            (144, 36),
            align=("LEFT", "RIGHT"),
        )
    session_rows = []
    for session, summary in by_session:
        mean = None
        if summary.enough and summary.items:
            ratings = sum(sum(s.counts) for s in summary.items)
            mean = sum(s.mean * sum(s.counts) for s in summary.items) / ratings
        session_rows.append(
            [
                _date(session.date),
                "\n".join(dict.fromkeys(t for t in (session.title_hi, session.title_en) if t)),
                str(summary.n),
                _number(mean, 2),
            ]
        )
    if session_rows:
        pdf.ln(2)
        pdf.grid(
            [
                both(gettext_noop("Date")),
                both(gettext_noop("Session")),
                both(gettext_noop("Answers")),
                both(gettext_noop("Mean rating (1 to 5)")),
            ],
            session_rows,
            (22, 102, 20, 36),
            align=("LEFT", "LEFT", "RIGHT", "RIGHT"),
        )
    pdf.note(
        both(
            gettext_noop(
                "No mean is shown for fewer than five answers, so that nobody can be guessed."
            )
        )
    )

    _registers(pdf, batch)
    return bytes(pdf.output())


def _registers(pdf: _Report, batch: Batch) -> None:
    """The signed registers: photos and scans drawn two to a page, PDF scans named."""
    scans = list(DayEvidence.objects.filter(batch=batch).order_by("date", "uploaded_at"))
    photo_first = bool(scans) and scans[0].file.name.lower().endswith(IMAGE_SUFFIXES)
    pdf.heading(gettext_noop("Signed registers"), keep=PHOTO_HEIGHT + 15 if photo_first else 30)
    if not scans:
        pdf.note(both(gettext_noop("No signed register was uploaded.")))
        return
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for scan in scans:
        day = (scan.date - batch.start_date).days + 1
        caption = f"{both(gettext_noop('Day'))} {day} · {_date(scan.date)} · {scan.original_name}"
        is_image = scan.file.name.lower().endswith(IMAGE_SUFFIXES)
        if not is_image:
            pdf.set_font(FONT, "", 9)
            pdf.multi_cell(
                0,
                5,
                f"{caption} ({both(gettext_noop('PDF file, kept with the batch'))})",
                new_x="LMARGIN",
                new_y="NEXT",
            )
            continue
        if pdf.will_page_break(PHOTO_HEIGHT + 10):
            pdf.add_page()
        pdf.set_font(FONT, "B", 9)
        pdf.cell(0, 6, caption, new_x="LMARGIN", new_y="NEXT")
        with scan.file.open("rb") as handle:
            data = handle.read()
        top = pdf.get_y()
        try:
            # Scans are re-encoded small when uploaded; one stored before that (or put in
            # storage by other means) goes through the same checks before it is drawn.
            if not scan_image_fits(data):
                data = scan_image_clean(data)
            pdf.image(
                io.BytesIO(data), x=pdf.l_margin, y=top, w=width, h=PHOTO_HEIGHT,
                keep_aspect_ratio=True,
            )  # fmt: skip
        except ScanRejected:
            pdf.note(both(gettext_noop("The image is too large or unreadable to draw here.")))
            continue
        except Exception:  # noqa: BLE001 - a damaged scan must not stop the report
            pdf.note(both(gettext_noop("The image could not be read.")))
            continue
        pdf.set_y(top + PHOTO_HEIGHT + 3)
