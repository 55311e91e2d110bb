"""Reading and writing the spreadsheets people exchange: .xlsx, legacy .xls, .ods, .csv.

Reading uses python-calamine (fast, handles .xls); writing uses openpyxl. Every cell we
write is made safe against formula injection.
"""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _
from openpyxl import Workbook
from python_calamine import CalamineWorkbook

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
READABLE_SUFFIXES = SPREADSHEET_SUFFIXES | {".csv"}
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class UnreadableFile(Exception):
    """The file cannot be read as a table; the message is for the user."""


@dataclass
class Table:
    rows: list[list]  # every row of the first sheet, as read
    sheet_name: str = ""


def read_table(path: Path | str) -> Table:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in READABLE_SUFFIXES:
        raise UnreadableFile(_("Upload an Excel (.xlsx or .xls) or CSV file."))
    if suffix == ".csv":
        return Table(rows=_read_csv(path.read_bytes()))
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheet = workbook.get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=False)
    except Exception as error:  # calamine raises several types for broken files
        raise UnreadableFile(
            _(
                "This file could not be read as a spreadsheet. Open it in Excel and save it "
                "again as .xlsx."
            )
        ) from error
    return Table(rows=[list(row) for row in rows], sheet_name=workbook.sheet_names[0])


def _read_csv(data: bytes) -> list[list]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(
            _("This CSV file is not in UTF-8. In Excel choose Save As → CSV UTF-8.")
        ) from None
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


def spreadsheet_safe(value):
    """Neutralise formula injection: text starting with = + - @ is written as text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_table(path: Path | str, headers: list[str], rows, *, sheet_title: str = "") -> None:
    """Write .xlsx or .csv by the path's suffix."""
    path = Path(path)
    path.write_bytes(table_bytes(path.suffix.lower(), headers, rows, sheet_title=sheet_title))


def table_bytes(suffix: str, headers: list[str], rows, *, sheet_title: str = "") -> bytes:
    if suffix == ".csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([spreadsheet_safe(h) for h in headers])
        for row in rows:
            writer.writerow([spreadsheet_safe(v) for v in row])
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel then reads UTF-8
    if suffix != ".xlsx":
        raise ValueError(f"cannot write {suffix!r}; use .xlsx or .csv")
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31] or "Sheet1")
    sheet.append([spreadsheet_safe(h) for h in headers])
    for row in rows:
        sheet.append([spreadsheet_safe(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
