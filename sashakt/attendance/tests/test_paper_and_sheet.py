"""The paper register (PDF per day), its signed scan kept as evidence, and the bulk sheet."""

import datetime
import io
import shutil
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from PIL import Image

from sashakt.attendance import services
from sashakt.attendance.models import DayEvidence, Mark, MarkChange
from sashakt.attendance.sheets import attendance_sheet_import, attendance_sheet_xlsx, parse_cell
from sashakt.conftest import require_or_skip

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1, 1), "white").save(buffer, format="PNG")
    return buffer.getvalue()


PNG = _png()


def _pdf_text(pdf: bytes, tmp_path) -> str:
    require_or_skip(bool(shutil.which("pdftotext")), "pdftotext (poppler-utils) is not installed")
    path = tmp_path / "register.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.replace(" ", "").replace("\n", "")


def test_the_days_register_is_a_bilingual_pdf_with_everyone_to_sign(
    personas, hall, client, tmp_path
):
    batch, sessions, people = hall
    client.force_login(personas.iitk)
    response = client.get(
        reverse("attendance:register", args=[batch.pk, sessions[1].date.isoformat()])
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content, tmp_path)
    assert "AttendanceRegister" in text.replace("register", "Register")
    assert "उपस्थिति" in text or "रजिस्टर" in text
    assert "RamKumar" in text and "SunitaVerma" in text
    assert "Session2.1" in text
    assert (
        client.get(
            reverse(
                "attendance:register",
                args=[batch.pk, (batch.end_date + datetime.timedelta(days=30)).isoformat()],
            )
        ).status_code
        == 404
    )
    client.force_login(personas.dpro_kanpur)
    assert (
        client.get(
            reverse("attendance:register", args=[batch.pk, sessions[1].date.isoformat()])
        ).status_code
        == 403
    )


def test_the_signed_scan_is_kept_per_day_and_marks_are_entered_from_it(personas, hall, client):
    batch, sessions, people = hall
    client.force_login(personas.iitk)
    upload = SimpleUploadedFile("day2-signed.png", PNG, content_type="image/png")
    response = client.post(
        reverse("attendance:evidence_upload", args=[batch.pk]),
        {"date": sessions[1].date.isoformat(), "scan": upload},
    )
    assert response.status_code == 302
    evidence = DayEvidence.objects.get()
    assert (evidence.date.isoformat(), evidence.uploaded_by) == (
        sessions[1].date.isoformat(),
        personas.iitk,
    )
    download = client.get(reverse("attendance:evidence", args=[evidence.pk]))
    kept = b"".join(download.streaming_content)
    # What is kept is a picture Sashakt wrote (see core/scans.py), not the uploaded bytes.
    assert kept != PNG and Image.open(io.BytesIO(kept)).size == (1, 1)
    # Marks entered from the paper register on the grid are recorded as such.
    client.post(
        reverse("attendance:session", args=[sessions[1].pk]) + "?from=paper",
        {"nomination": people[0].pk, "status": "absent"},
    )
    assert Mark.objects.get().method == "paper"
    # Not a scan: refused with a message, nothing kept.
    bad = SimpleUploadedFile("notes.txt", b"hello", content_type="text/plain")
    client.post(
        reverse("attendance:evidence_upload", args=[batch.pk]),
        {"date": sessions[1].date.isoformat(), "scan": bad},
    )
    assert DayEvidence.objects.count() == 1
    client.force_login(personas.iiml)
    assert client.get(reverse("attendance:evidence", args=[evidence.pk])).status_code == 404


def test_evidence_outside_the_batch_days_is_refused(personas, hall):
    batch, sessions, people = hall
    import datetime

    upload = SimpleUploadedFile("x.png", PNG)
    with pytest.raises(services.AttendanceError, match="not one of the batch"):
        services.evidence_upload(
            user=personas.iitk,
            batch=batch,
            date=batch.end_date + datetime.timedelta(days=20),
            uploaded_file=upload,
        )


def test_cells_are_read_in_either_language():
    import datetime

    assert parse_cell("P") == ("present", None)
    assert parse_cell(" अ ") == ("absent", None)
    assert parse_cell("L 10:25") == ("late", datetime.time(10, 25))
    assert parse_cell("देर 10.25") == ("late", datetime.time(10, 25))
    assert parse_cell("E 15:10") == ("left_early", datetime.time(15, 10))
    assert parse_cell("") is None and parse_cell(None) is None
    for bad in ("X", "L", "P 10:00", "L 25:00", "E soon", 1):
        with pytest.raises(ValueError):
            parse_cell(bad)


def _filled(batch, edits: dict[tuple[int, int], object], path):
    """The downloaded sheet with some cells filled: {(row, column): value}, 1-based."""
    workbook = load_workbook(io.BytesIO(attendance_sheet_xlsx(batch)))
    sheet = workbook["Attendance"]
    for (row, column), value in edits.items():
        sheet.cell(row=row, column=column, value=value)
    workbook.save(path)
    return path


def test_the_bulk_sheet_round_trips(personas, hall, tmp_path):
    batch, sessions, people = hall
    workbook = load_workbook(io.BytesIO(attendance_sheet_xlsx(batch)))
    sheet = workbook["Attendance"]
    headers = [cell.value for cell in sheet[1]]
    assert headers[5].startswith(f"S{sessions[0].pk} ")
    assert [sheet.cell(row=r, column=1).value for r in range(2, 6)] == [n.pk for n in people]
    # Columns F..J are the five sessions; rows 2..5 the four people.
    edits = {(r, c): "P" for r in range(2, 6) for c in range(6, 11)}
    edits[(3, 7)] = "A"
    edits[(4, 8)] = "L 10:40"
    edits[(5, 10)] = "जल्दी 11:05"
    path = _filled(batch, edits, tmp_path / "filled.xlsx")
    result = attendance_sheet_import(user=personas.iitk, batch=batch, path=path)
    assert result.written and result.problems == []
    assert (result.rows, result.changed) == (4, 20)
    assert Mark.objects.filter(status="present").count() == 17
    late = Mark.objects.get(status="late")
    assert (late.nomination, late.session, late.arrived_at.strftime("%H:%M")) == (
        people[2],
        sessions[2],
        "10:40",
    )
    assert Mark.objects.get(status="left_early").method == "sheet"
    # The sheet downloaded now carries the marks; uploading it again changes nothing.
    again = tmp_path / "again.xlsx"
    again.write_bytes(attendance_sheet_xlsx(batch))
    second = attendance_sheet_import(user=personas.iitk, batch=batch, path=again)
    assert (second.changed, second.unchanged) == (0, 20)
    assert MarkChange.objects.count() == 20


def test_a_sheet_with_errors_reports_row_and_column_and_records_nothing(personas, hall, tmp_path):
    batch, sessions, people = hall
    edits = {(2, 6): "P", (3, 6): "maybe", (4, 7): "L", (5, 1): 999999}
    path = _filled(batch, edits, tmp_path / "bad.xlsx")
    result = attendance_sheet_import(user=personas.iitk, batch=batch, path=path)
    assert not result.written
    where = [(p.row, p.column[:1], p.value) for p in result.problems]
    assert where == [(3, "F", "maybe"), (4, "G", "L"), (5, "A", "999999")]
    assert "Write P, A, L" in result.problems[0].message
    assert not Mark.objects.exists()
    # Asked to, it records the valid cells and still reports the rest.
    partial = attendance_sheet_import(user=personas.iitk, batch=batch, path=path, skip_invalid=True)
    assert partial.written and len(partial.problems) == 3
    assert Mark.objects.count() == 1


def test_a_foreign_session_column_or_another_file_is_reported(personas, hall, tmp_path):
    batch, sessions, people = hall
    path = _filled(batch, {(1, 6): "S999999 · some other batch"}, tmp_path / "other.xlsx")
    result = attendance_sheet_import(user=personas.iitk, batch=batch, path=path)
    assert not result.written
    assert (result.problems[0].row, result.problems[0].column) == (1, "F")
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    result = attendance_sheet_import(user=personas.iitk, batch=batch, path=text)
    assert not result.written and result.problems


def test_the_sheet_pages(personas, hall, client, tmp_path):
    batch, sessions, people = hall
    client.force_login(personas.iitk)
    download = client.get(reverse("attendance:sheet", args=[batch.pk]))
    assert download.status_code == 200
    path = tmp_path / "sheet.xlsx"
    path.write_bytes(download.content)
    workbook = load_workbook(path)
    workbook["Attendance"].cell(row=2, column=6, value="bad")
    workbook.save(path)
    with path.open("rb") as handle:
        page = client.post(reverse("attendance:sheet_upload", args=[batch.pk]), {"sheet": handle})
    html = page.content.decode()
    assert 'data-testid="sheet-refused"' in html and "bad" in html
    client.force_login(personas.dpro_kanpur)
    assert client.get(reverse("attendance:sheet", args=[batch.pk])).status_code == 403


def test_a_register_photo_too_large_to_keep_is_refused_with_a_hindi_message(personas, hall, client):
    from sashakt.core.tests.hostile_files import png_claiming

    batch, sessions, people = hall
    client.force_login(personas.iitk)
    upload = SimpleUploadedFile("register.png", png_claiming(20_000, 20_000), "image/png")
    response = client.post(
        reverse("attendance:evidence_upload", args=[batch.pk]),
        {"date": batch.start_date.isoformat(), "scan": upload},
        HTTP_ACCEPT_LANGUAGE="hi",
        follow=True,
    )
    assert response.status_code == 200
    assert "मेगापिक्सेल" in response.content.decode()
    assert not DayEvidence.objects.exists()


def test_a_large_register_photo_is_kept_scaled_down_as_a_jpeg(personas, hall):

    from sashakt.core.scans import KEPT_SIDE

    batch, sessions, people = hall
    photo = Image.new("L", (6000, 4500), 255)
    buffer = io.BytesIO()
    photo.save(buffer, format="PNG")
    evidence = services.evidence_upload(
        user=personas.iitk,
        batch=batch,
        date=batch.start_date,
        uploaded_file=SimpleUploadedFile("Day 2 register.png", buffer.getvalue()),
    )
    assert evidence.original_name == "Day 2 register.png"
    assert evidence.file.name.endswith(".jpg")
    with evidence.file.open("rb") as handle:
        kept = Image.open(io.BytesIO(handle.read()))
        assert kept.format == "JPEG" and kept.size == (KEPT_SIDE, KEPT_SIDE * 3 // 4)
