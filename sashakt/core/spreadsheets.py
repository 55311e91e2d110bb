"""Reading and writing the spreadsheets people exchange: .xlsx, legacy .xls, .ods, .csv.

Uploaded files are untrusted. Before anything is parsed, `inspect_file()` decides the type
by the file's first bytes (never its name) and, for the zip formats, checks what the zip
declares and holds: the uncompressed size of every part, the compression ratio, the
worksheet's declared dimension and the position of every cell, so a 1.6 KB file that claims
a cell at XFD1048576 (which made the reader allocate 549 GB) or a zip bomb is refused with a
message before a reader sees it. Rows are then read one at a time and counted against
READER_LIMITS; a file over a limit is refused with a message naming the limit. Finally
`read_table()` does the reading in a child process with a memory limit
(sashakt.core.sandbox) when SPREADSHEET_READ_IN_CHILD is on, so whatever slips through
kills only that child, never the web process or a job worker.

Reading uses python-calamine (fast, handles .xls); writing uses openpyxl. Every cell we
write is made safe against formula injection.
"""

import codecs
import csv
import io
import re
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _
from openpyxl import Workbook
from python_calamine import CalamineWorkbook

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
READABLE_SUFFIXES = SPREADSHEET_SUFFIXES | {".csv"}
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls (Compound File)
TEXT_SAMPLE_BYTES = 8192  # how much of a CSV file is read to tell text from anything else
XLSX, XLS, ODS, CSV = "xlsx", "xls", "ods", "csv"


@contextmanager
def uploaded_copy(upload) -> Iterator[Path]:
    """The uploaded file (a Django `UploadedFile`) copied to a temporary file for the readers
    here, which take a path; it keeps the upload's suffix in lower case (the only part of its
    name a reader may look at) and is removed when the block ends."""
    suffix = Path(upload.name).suffix.lower()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{suffix}"
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        yield path


class UnreadableFile(Exception):
    """The file cannot be read as a table; the message is for the user."""


@dataclass(frozen=True)
class ReaderLimits:
    max_rows: int
    max_columns: int
    max_cell_chars: int
    max_uncompressed_bytes: int
    max_compression_ratio: int

    @classmethod
    def from_settings(cls) -> "ReaderLimits":
        return cls(**settings.SPREADSHEET_LIMITS)


@dataclass
class Table:
    rows: list[list]  # every row of the first sheet, as read
    sheet_name: str = ""


def read_table(
    path: Path | str, *, limits: ReaderLimits | None = None, first_rows: int | None = None
) -> Table:
    """The first sheet of an untrusted file, checked and read within the limits; raises
    UnreadableFile with a message for the user. Runs in a memory-limited child process when
    SPREADSHEET_READ_IN_CHILD is on (the default), one of at most SPREADSHEET_READERS at once.

    `first_rows`: only the top rows are wanted (the column-mapping page: headers and a few
    samples). Every row is still read and checked against the limits, one at a time (a CSV
    file streamed), but only the top ones are kept and come back to this process: a 45 MB
    CSV no longer crosses into the web process whole."""
    limits = limits or ReaderLimits.from_settings()
    if not settings.SPREADSHEET_READ_IN_CHILD:
        return read_table_here(path, asdict(limits), first_rows)
    from sashakt.core.sandbox import run_isolated  # noqa: PLC0415 - sandbox imports spreadsheets (a cycle)

    return run_isolated(
        "sashakt.core.spreadsheets.read_table_here",
        str(path),
        asdict(limits),
        first_rows,
        memory_bytes=settings.SPREADSHEET_READER_MEMORY_MB * 1024 * 1024,
        timeout=settings.SPREADSHEET_READER_TIMEOUT_SECONDS,
    )


def read_table_here(path: Path | str, limits: dict, first_rows: int | None = None) -> Table:
    """read_table() in this process: only for a child process or trusted files."""
    limits = ReaderLimits(**limits)
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in READABLE_SUFFIXES:
        raise UnreadableFile(_("Upload an Excel (.xlsx or .xls) or CSV file."))
    kind = inspect_file(path, limits)
    if kind == CSV and suffix != ".csv":  # text named as a workbook: neither is trusted
        raise UnreadableFile(_NOT_A_WORKBOOK())
    if kind == CSV:
        rows = _csv_rows(path)  # a generator: streamed, never the whole file at once
        return Table(rows=_bounded(rows, limits, keep=first_rows))
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheet = workbook.get_sheet_by_index(0)
        sheet_name = workbook.sheet_names[0]
        # The whole sheet from A1 (row numbers as the spreadsheet shows them); its size was
        # bounded by inspect_file() for .xlsx, and by the child's memory limit otherwise.
        rows = _bounded(sheet.to_python(skip_empty_area=False), limits, keep=first_rows)
    except UnreadableFile:
        raise
    except Exception as error:  # calamine raises several types for broken files
        raise UnreadableFile(_NOT_A_WORKBOOK()) from error
    return Table(rows=rows, sheet_name=sheet_name)


def _NOT_A_WORKBOOK() -> str:  # noqa: N802 (reads like the constant message it is)
    return _(
        "This file could not be read as a spreadsheet. Open it in Excel and save it again as .xlsx."
    )


def inspect_file(path: Path, limits: ReaderLimits) -> str:
    """The file's type by its content, after the checks its format allows; or UnreadableFile."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        head = handle.read(TEXT_SAMPLE_BYTES)
    if head.startswith(ZIP_MAGIC):
        return _inspect_zip(path, limits)
    if head.startswith(OLE_MAGIC):
        if size > limits.max_uncompressed_bytes:
            raise _too_large(limits)
        return XLS
    if b"\x00" in head or not _looks_like_text(head, complete=size <= len(head)):
        raise UnreadableFile(
            _(
                "This file is not a spreadsheet or a CSV file, whatever its name says. Upload "
                "an Excel (.xlsx or .xls) or CSV file."
            )
        )
    if size > limits.max_uncompressed_bytes:
        raise _too_large(limits)
    return CSV


def _looks_like_text(head: bytes, *, complete: bool = False) -> bool:
    if not is_utf8_start(head, complete=complete):
        raise UnreadableFile(
            _("This CSV file is not in UTF-8. In Excel choose Save As → CSV UTF-8.")
        )
    return True


def is_utf8_start(head: bytes, *, complete: bool) -> bool:
    """Whether these first bytes of a file are UTF-8 (with or without Excel's byte-order
    mark). Decoded incrementally: a character cut by the end of the sample is waited for,
    not judged, wherever the mark moved the boundary; only `complete` (the sample is the
    whole file) makes a cut character an error."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    try:
        decoder.decode(head, final=complete)
    except UnicodeDecodeError:
        return False
    return True


_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")


def _inspect_zip(path: Path, limits: ReaderLimits) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            names = {part.filename for part in parts}
            if "xl/workbook.xml" in names:
                kind = XLSX
            elif "content.xml" in names and archive.read("mimetype").startswith(
                b"application/vnd.oasis.opendocument.spreadsheet"
            ):
                kind = ODS
            else:
                raise UnreadableFile(
                    _("This file is not an Excel workbook. Upload an Excel (.xlsx) or CSV file.")
                )
            declared = sum(part.file_size for part in parts)
            if declared > limits.max_uncompressed_bytes:
                raise _too_large(limits)
            for part in parts:
                if (
                    part.file_size > 1024 * 1024
                    and part.file_size > limits.max_compression_ratio * max(part.compress_size, 1)
                ):
                    raise _too_large(limits)
            if kind == XLSX:
                for part in parts:
                    if _SHEET_PART.match(part.filename):
                        _check_sheet_xml(archive, part, limits)
            return kind
    except (zipfile.BadZipFile, KeyError, EOFError, zipfile.LargeZipFile) as error:
        raise UnreadableFile(_NOT_A_WORKBOOK()) from error


_DIMENSION = re.compile(
    rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]{0,3})(\d{0,7})(?::([A-Z]{1,3})(\d{1,7}))?\""
)


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _check_sheet_xml(archive: zipfile.ZipFile, part: zipfile.ZipInfo, limits) -> None:
    """Stream a worksheet's XML (never trusting its declared size) and refuse a declared
    dimension, a row or a cell beyond the limits before any reader allocates for them."""
    read, tail = 0, b""
    column_position, row_position = _positions_to_check(limits)
    with archive.open(part) as stream:
        while chunk := stream.read(4 * 1024 * 1024):
            read += len(chunk)
            if read > limits.max_uncompressed_bytes:
                raise _too_large(limits)
            text = tail + chunk
            for match in _DIMENSION.finditer(text):
                _check_position(
                    match.group(3) or match.group(1), match.group(4) or match.group(2), limits
                )
            # findall and max run in C: a 100,000-row sheet is checked in under a second.
            columns = set(column_position.findall(text))
            widest = max(columns, key=lambda letters: (len(letters), letters), default=None)
            deepest = max(map(int, row_position.findall(text)), default=0)
            _check_position(widest, str(deepest).encode(), limits)
            tail = text[-512:]  # a tag cut between chunks is seen whole next time


def _positions_to_check(limits: ReaderLimits) -> tuple[re.Pattern, re.Pattern]:
    """A cell's or a row's position is r="XFD1048576" or r="1048576" (no other attribute of
    a worksheet is called r, and "ref=" does not match " r=").

    Patterns for only the positions that could be over the limits: a column written with
    fewer letters than the last allowed one, or a row number with fewer digits than the
    row limit, is within it. A 100,000-row sheet of 11 columns then has almost nothing to
    match (every cell matched cost about a second)."""
    letters = 1 if limits.max_columns <= 26 else 2 if limits.max_columns <= 702 else 3
    digits = min(len(str(limits.max_rows + 2)), 7)
    return (
        re.compile(rb' r="([A-Z]{%d,3})\d' % letters),
        re.compile(rb' r="[A-Z]{0,3}(\d{%d,7})"' % digits),
    )


def _check_position(letters: bytes | None, digits: bytes | None, limits: ReaderLimits) -> None:
    if letters and _column_number(letters) > limits.max_columns:
        raise _too_large(limits)
    # +2: the header row, and a title line above it, do not count as data rows.
    if digits and int(digits) > limits.max_rows + 2:
        raise _too_large(limits)


def _too_large(limits: ReaderLimits) -> UnreadableFile:
    return UnreadableFile(
        _(
            "This file is too large to read: at most %(rows)s rows, %(columns)s columns and "
            "%(megabytes)s MB of data are accepted. Split it into smaller files."
        )
        % {
            "rows": _number(limits.max_rows),
            "columns": limits.max_columns,
            "megabytes": limits.max_uncompressed_bytes // (1024 * 1024),
        }
    )


def _number(value: int) -> str:
    return formats.number_format(value, force_grouping=True)


def _csv_rows(path: Path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        sample = handle.read(4096)
        handle.seek(0)
        if sample.startswith("\ufeff"):
            handle.read(1)
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        reader = csv.reader(handle, dialect)
        record_starts = 1
        try:
            for row in reader:
                yield row
                record_starts = reader.line_num + 1
        except UnicodeDecodeError:
            raise UnreadableFile(
                _("This CSV file is not in UTF-8. In Excel choose Save As → CSV UTF-8.")
            ) from None
        except csv.Error as error:
            # Most often one unbalanced quote: the rest of the file becomes one field.
            raise UnreadableFile(
                _(
                    "Line %(line)s of this CSV file could not be read: a value is far too long "
                    'or a quote mark (") is not closed. Correct it and upload the file again.'
                )
                % {"line": record_starts}
            ) from error


def _bounded(rows, limits: ReaderLimits, *, keep: int | None = None) -> list[list]:
    """Consume rows one at a time, refusing the file at the first row over a limit; keep
    the first `keep` rows (all when None)."""
    table = []
    for number, row in enumerate(rows, start=1):
        if number > limits.max_rows + 2:
            raise _too_large(limits)
        row = list(row)
        if len(row) > limits.max_columns:
            row = _trim_empty_tail(row)
            if len(row) > limits.max_columns:
                raise _too_large(limits)
        for column, value in enumerate(row, start=1):
            if isinstance(value, str) and len(value) > limits.max_cell_chars:
                raise UnreadableFile(
                    _(
                        "Row %(row)s, column %(column)s holds %(length)s characters; at most "
                        "%(limit)s are accepted in one cell."
                    )
                    % {
                        "row": number,
                        "column": column,
                        "length": _number(len(value)),
                        "limit": _number(limits.max_cell_chars),
                    }
                )
        if keep is None or number <= keep:
            table.append(row)
    return table


def _trim_empty_tail(row: list) -> list:
    end = len(row)
    while end and row[end - 1] in ("", None):
        end -= 1
    return row[:end]


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
