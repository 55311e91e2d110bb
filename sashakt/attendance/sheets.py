"""The bulk attendance sheet: people × sessions of a whole batch as .xlsx, downloaded,
filled (in Excel, on paper-and-laptop evenings), uploaded and checked like the registry
import: every problem with its row and column, and nothing written unless all is valid
(or the uploader asks to record the valid cells)."""

import datetime
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from sashakt.attendance import services
from sashakt.attendance.models import Mark, MarkMethod, MarkStatus
from sashakt.attendance.selectors import roster
from sashakt.core.pdf.bilingual import both
from sashakt.core.spreadsheets import UnreadableFile, read_table, spreadsheet_safe
from sashakt.programmes.models import Batch

SESSION_HEADER = re.compile(r"^\s*S(\d+)\b")
TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")
# What people type in a cell, in either language; a time follows late and left early.
WORDS = {
    MarkStatus.PRESENT: {"p", "present", "उ", "उपस्थित"},
    MarkStatus.ABSENT: {"a", "absent", "अ", "अनुपस्थित"},
    MarkStatus.LATE: {"l", "late", "दे", "देर"},
    MarkStatus.LEFT_EARLY: {"e", "early", "left", "ज", "जल्दी"},
}
SHORT = {
    MarkStatus.PRESENT: "P",
    MarkStatus.ABSENT: "A",
    MarkStatus.LATE: "L",
    MarkStatus.LEFT_EARLY: "E",
}
FIXED = [
    gettext_noop("ID"),
    gettext_noop("Seat"),
    gettext_noop("Name"),
    gettext_noop("District"),
    gettext_noop("Designation"),
]
INSTRUCTIONS = [
    gettext_noop("One row per person, one column per session. Do not change the ID column."),
    gettext_noop("P = present, A = absent, L 10:25 = came late at 10:25, E 15:10 = left early."),
    gettext_noop("Hindi works too: उ, अ, देर 10:25, जल्दी 15:10. An empty cell changes nothing."),
]


def session_header(session) -> str:
    return f"S{session.pk} · {session.date:%d/%m} {session.starts_at:%H:%M} · {session.title}"


def _cell(mark: Mark | None) -> str:
    if mark is None:
        return ""
    if mark.status == MarkStatus.LATE:
        return f"L {mark.arrived_at:%H:%M}"
    if mark.status == MarkStatus.LEFT_EARLY:
        return f"E {mark.left_at:%H:%M}"
    return SHORT[mark.status]


def attendance_sheet_xlsx(batch: Batch) -> bytes:
    """The batch's people × sessions, filled with the marks recorded so far."""
    sessions = list(batch.sessions.all())
    people = list(roster(batch))
    marks = {(m.nomination_id, m.session_id): m for m in Mark.objects.filter(session__batch=batch)}
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Attendance"
    sheet.append([both(h) for h in FIXED] + [spreadsheet_safe(session_header(s)) for s in sessions])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F2")
    for nomination in people:
        person = nomination.person
        sheet.append(
            [
                nomination.pk,
                nomination.seat,
                spreadsheet_safe(person.name),
                spreadsheet_safe(person.district.name_en),
                nomination.designation,
            ]
            + [_cell(marks.get((nomination.pk, s.pk))) for s in sessions]
        )
    sheet.freeze_panes = "F2"
    for index, width in enumerate([8, 6, 28, 16, 14] + [14] * len(sessions), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    notes = workbook.create_sheet("Instructions")
    notes.append([str(batch)])
    notes.append([formats.date_format(batch.start_date, "j F Y")])
    for line in INSTRUCTIONS:
        notes.append([both(line)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass
class SheetProblem:
    row: int
    column: str
    value: str
    message: str


@dataclass
class SheetResult:
    rows: int = 0
    changed: int = 0
    unchanged: int = 0
    invalid: int = 0
    problems: list[SheetProblem] = field(default_factory=list)
    written: bool = False


@dataclass
class _Cell:
    nomination_id: int
    session_id: int
    status: str
    time: datetime.time | None


def _shown(value) -> str:
    """A cell as the person sees it in Excel (calamine reads 12 as 12.0)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def parse_cell(value) -> tuple[str, datetime.time | None] | None:
    """("present", None), ("late", 10:25) …; None for an empty cell. ValueError if unreadable."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.time | datetime.datetime | int | float):
        raise ValueError
    parts = str(value).strip().split()
    word = parts[0].lower() if parts else ""
    status = next((status for status, words in WORDS.items() if word in words), None)
    if status is None:
        raise ValueError
    needs_time = status in (MarkStatus.LATE, MarkStatus.LEFT_EARLY)
    if needs_time != (len(parts) == 2) or len(parts) > 2:
        raise ValueError
    if not needs_time:
        return status, None
    match = TIME.match(parts[1])
    if not match:
        raise ValueError
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        raise ValueError
    return status, datetime.time(hour, minute)


def attendance_sheet_import(
    *, user, batch: Batch, path: Path | str, skip_invalid: bool = False, filename: str = ""
) -> SheetResult:
    result = SheetResult()
    try:
        services.check_marking(user, batch)
        rows = read_table(path).rows
    except (services.AttendanceError, UnreadableFile) as error:
        result.problems.append(SheetProblem(0, "", "", str(error)))
        return result
    cells, columns = _read(batch, rows, result)
    if result.problems and (not skip_invalid or columns is None):
        return result
    _write(user=user, batch=batch, cells=cells, result=result, filename=filename)
    return result


def _read(batch, rows, result):
    people = {n.pk: n for n in roster(batch)}
    sessions = {s.pk: s for s in batch.sessions.all()}
    if not rows:
        result.problems.append(SheetProblem(1, "A", "", _("The sheet is empty.")))
        return [], None
    header = [str(h or "").strip() for h in rows[0]]
    columns: dict[int, int] = {}
    for index, text in enumerate(header):
        match = SESSION_HEADER.match(text)
        if not match:
            continue
        if int(match[1]) not in sessions:
            result.problems.append(
                SheetProblem(
                    1,
                    get_column_letter(index + 1),
                    text,
                    _("This column's session is not in this batch's timetable."),
                )
            )
            continue
        columns[index] = int(match[1])
    if not header or "ID" not in header[0] or not columns:
        result.problems.append(
            SheetProblem(
                1,
                "A",
                header[0] if header else "",
                _("This is not the batch's attendance sheet: download it again from this page."),
            )
        )
        return [], None
    cells: list[_Cell] = []
    seen: dict[int, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(str(v or "").strip() for v in row):
            continue
        result.rows += 1
        raw_id = row[0] if row else None
        try:
            nomination_id = int(float(str(raw_id).strip()))
        except ValueError:
            nomination_id = None
        if nomination_id not in people:
            result.problems.append(
                SheetProblem(
                    number,
                    "A",
                    _shown(raw_id),
                    _("No confirmed participant of this batch has this ID."),
                )
            )
            result.invalid += 1
            continue
        if nomination_id in seen:
            result.problems.append(
                SheetProblem(
                    number,
                    "A",
                    str(nomination_id),
                    _("This person is already on row %(row)s.") % {"row": seen[nomination_id]},
                )
            )
            result.invalid += 1
            continue
        seen[nomination_id] = number
        for index, session_id in columns.items():
            value = row[index] if index < len(row) else None
            try:
                parsed = parse_cell(value)
            except ValueError:
                result.problems.append(
                    SheetProblem(
                        number,
                        f"{get_column_letter(index + 1)} ({header[index][:40]})",
                        _shown(value),
                        _(
                            "Write P, A, L with the arrival time (L 10:25) or E with the "
                            "departure time (E 15:10)."
                        ),
                    )
                )
                result.invalid += 1
                continue
            if parsed:
                cells.append(_Cell(nomination_id, session_id, parsed[0], parsed[1]))
    return cells, columns


def _write(*, user, batch, cells, result, filename):
    people = {n.pk: n for n in roster(batch)}
    sessions = {s.pk: s for s in batch.sessions.all()}
    current = {
        (m.nomination_id, m.session_id): m for m in Mark.objects.filter(session__batch=batch)
    }
    reason = _("Bulk sheet %(file)s") % {"file": filename} if filename else _("Bulk sheet")
    with transaction.atomic():
        for cell in cells:
            arrived = cell.time if cell.status == MarkStatus.LATE else None
            left = cell.time if cell.status == MarkStatus.LEFT_EARLY else None
            mark = current.get((cell.nomination_id, cell.session_id))
            if mark and (mark.status, mark.arrived_at, mark.left_at) == (
                cell.status,
                arrived,
                left,
            ):
                result.unchanged += 1
                continue
            services.mark_record(
                user=user,
                session=sessions[cell.session_id],
                nomination=people[cell.nomination_id],
                status=cell.status,
                method=MarkMethod.SHEET,
                arrived_at=arrived,
                left_at=left,
                reason=reason,
            )
            result.changed += 1
    result.written = True
