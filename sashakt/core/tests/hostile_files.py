"""Hostile and careless files for the reader tests (issue 10, items 1, 5 and 6) and the
scan checks (issue 23, item 20)."""

import io
import os
import struct
import zipfile
import zlib
from pathlib import Path

from openpyxl import Workbook


def _workbook_bytes() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["नाम", "मोबाइल"])
    sheet.append(["राम कुमार", "9839012345"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _rewrite_zip(source: bytes, path: Path, replace: dict[str, bytes], add=()) -> Path:
    with (
        zipfile.ZipFile(io.BytesIO(source)) as original,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as rewritten,
    ):
        for item in original.infolist():
            data = replace.get(item.filename, original.read(item.filename))
            rewritten.writestr(item.filename, data)
        for name, data in add:
            rewritten.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return path


FAR_CORNER_SHEET = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<dimension ref="A1:XFD1048576"/><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
    b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    b"</sheetData></worksheet>"
)


def far_corner_xlsx(path: Path) -> Path:
    """A valid .xlsx of about 1.6 KB with one cell at the sheet's far corner."""
    return _rewrite_zip(_workbook_bytes(), path, {"xl/worksheets/sheet1.xml": FAR_CORNER_SHEET})


def far_corner_without_dimension_xlsx(path: Path) -> Path:
    sheet = FAR_CORNER_SHEET.replace(b'<dimension ref="A1:XFD1048576"/>', b"")
    return _rewrite_zip(_workbook_bytes(), path, {"xl/worksheets/sheet1.xml": sheet})


def zip_bomb_xlsx(path: Path, megabytes: int = 300) -> Path:
    """A real workbook carrying a part that inflates from ~300 KB to `megabytes` MB."""
    padding = b" " * (megabytes * 1024 * 1024)
    return _rewrite_zip(_workbook_bytes(), path, {}, add=[("xl/media/padding.xml", padding)])


def normal_xlsx(path: Path) -> Path:
    path.write_bytes(_workbook_bytes())
    return path


def long_field_csv(path: Path) -> Path:
    """One unbalanced quote: the rest of the file (over 128 KiB) becomes one field."""
    rows = ["नाम,मोबाइल", 'राम कुमार,"9839012345']
    rows += [f"व्यक्ति {n},98390{n:05d}" for n in range(6000)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def million_row_csv(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        handle.write("name,mobile\n")
        line = "Ram Kumar,9839012345\n"
        for _block in range(1000):
            handle.write(line * 1000)
    return path


def binary_renamed_xlsx(path: Path) -> Path:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(4096))
    return path


def png_claiming(width: int, height: int) -> bytes:
    """A valid PNG header for a width × height greyscale page of white, its first rows
    only: a few kilobytes that would decode to width × height bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress((b"\x00" + b"\xff" * width) * 64, 9)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )
