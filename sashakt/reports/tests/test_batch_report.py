"""The batch completion report: rendered, read back with pdftotext, figures as counted by hand
in `learning_world.py`; who may download it."""

import io
import re
import shutil
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageDraw

from sashakt.attendance.services import batch_complete, evidence_upload
from sashakt.nominations.models import Nomination
from sashakt.reports.documents.batch_report import batch_report_pdf
from sashakt.reports.tests.learning_world import learning_world_make

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils"),
]


@pytest.fixture
def world(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world = learning_world_make(personas)
    scan = Image.new("RGB", (1200, 850), "white")
    drawing = ImageDraw.Draw(scan)
    for row in range(8):  # a register's ruled lines
        drawing.line((60, 100 + 90 * row, 1140, 100 + 90 * row), fill="black", width=3)
    png = io.BytesIO()
    scan.save(png, format="PNG")
    batch = world.batch
    evidence_upload(
        user=personas.iitk,
        batch=batch,
        date=batch.start_date,
        uploaded_file=SimpleUploadedFile("day1-register.png", png.getvalue(), "image/png"),
    )
    evidence_upload(
        user=personas.iitk,
        batch=batch,
        date=batch.end_date,
        uploaded_file=SimpleUploadedFile(
            "day2-register.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"
        ),
    )
    return world


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def _images(pdf: bytes, tmp_path) -> int:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, check=True, text=True
    ).stdout
    return len(listing.strip().splitlines()) - 2  # two heading lines


def test_the_report_carries_the_batch_in_hindi_and_english(personas, world, tmp_path):
    pdf = batch_report_pdf(user=personas.state, batch=world.batch)
    text = _text(pdf, tmp_path)
    # pdftotext spaces a slash as it likes: "3/5" or "3 / 5".
    flat = re.sub(r"\s*/\s*", " / ", " ".join(text.split()))
    # Headings in both languages.
    for words in ("Batch completion report", "Attendance and completion per person", "Feedback"):
        assert words in flat
    for words in ("बैच समापन", "सारांश / Summary", "परीक्षा अंक / Test scores", "2 में से केवल 1"):
        assert words in flat
    # The batch's particulars.
    assert world.batch.programme.title_en in flat
    assert "Indian Institute of Technology Kanpur" in flat
    assert "26.08.2025 – 27.08.2025" in flat
    # Attendance: five on the roll, three completed (80% needed of two sessions).
    assert "Completed the batch 3 / 5" in flat
    assert "2 / 2 (100%)" in flat and "1 / 2 (50%)" in flat
    assert "Attendance rate, per cent 80.0" in flat
    assert "Attended only 1 of 2 sessions (50%); at least 80% is needed." in flat
    # Per session: present 5 of 5, then 3 of 5.
    assert "5 / 5" in flat and "3 / 5" in flat
    # Scores: 3 took the pre-test (33.3), 2 the post-test (83.3), gain 50.0, g 0.75.
    assert "3 33.3 2 83.3 50.0 0.75" in flat
    assert "Gram Sabha 66.7 100.0 33.3" in flat and "Finance 0.0 66.7 66.7" in flat
    # Feedback: session 1's five answers give a mean of 4.00; session 2's three give none;
    # the whole batch: five answers, arrangements rated 2.
    assert "5 4.00" in flat and "3 –" in flat
    assert "Answers about the whole batch 5" in flat
    assert "2.00 How were the stay, food and travel arrangements?" in flat and "5.00" in flat
    # The signed registers: the photo drawn, the PDF scan named.
    assert "day1-register.png" in flat and "day2-register.pdf" in flat
    assert _images(pdf, tmp_path) == 1


def test_the_report_is_for_the_state_cell_and_the_batchs_institute(client, personas, world):
    url = reverse("reports:batch_report", args=[world.batch.pk])
    for user, expected in [
        (personas.state, 200),
        (personas.iitk, 200),
        (personas.iiml, 404),
        (personas.dpro_kanpur, 403),
        (personas.trainer, 403),
        (personas.participant, 403),
    ]:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == expected, user.username
        if expected == 200:
            assert response["Content-Type"] == "application/pdf"
            assert response.content.startswith(b"%PDF")
    client.logout()
    assert client.get(url).status_code == 302


def test_the_batch_page_offers_the_report_to_its_coordinator(client, personas, world):
    client.force_login(personas.iitk)
    page = client.get(world.batch.get_absolute_url()).content.decode()
    assert reverse("reports:batch_report", args=[world.batch.pk]) in page
    client.force_login(personas.dpro_kanpur)
    page = client.get(world.batch.get_absolute_url()).content.decode()
    assert reverse("reports:batch_report", args=[world.batch.pk]) not in page


def test_a_completed_batch_prints_the_recorded_decision_and_seats(personas, world, tmp_path):
    batch_complete(user=personas.iitk, batch=world.batch)
    # Completing frees the seats of the nominations; the completion records keep them.
    assert not Nomination.objects.filter(batch=world.batch, seat__isnull=False).exists()
    text = _text(batch_report_pdf(user=personas.iitk, batch=world.batch), tmp_path)
    assert re.search(r"^5\s+कानपुर नगर\s+1\s*/\s*2 \(50%\)", text, re.MULTILINE)
    assert re.search(r"^1\s+कानपुर नगर\s+2\s*/\s*2 \(100%\)", text, re.MULTILINE)
    flat = re.sub(r"\s*/\s*", " / ", " ".join(text.split()))
    assert "Completed the batch 3 / 5" in flat
    assert "Attended only 1 of 2 sessions (50%); at least 80% is needed." in flat


def _image_sizes(pdf: bytes, tmp_path) -> list[tuple[int, int]]:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, check=True, text=True
    ).stdout
    return [tuple(map(int, line.split()[3:5])) for line in listing.strip().splitlines()[2:]]


def _register_photo(width: int, height: int) -> bytes:
    """A phone photo of a ruled register, large in pixels and small on disk."""
    scan = Image.new("L", (width, height), 255)
    drawing = ImageDraw.Draw(scan)
    for row in range(30):
        drawing.line((80, 120 + 140 * row, width - 80, 120 + 140 * row), fill=0, width=6)
    png = io.BytesIO()
    scan.save(png, format="PNG")
    return png.getvalue()


def test_two_big_register_photos_are_drawn_at_a_readable_size_and_the_report_stays_fast(
    personas, world, tmp_path
):
    """Issue 23, item 20: scans are re-encoded small on upload; one stored whole before that
    is scaled down on the way into the report."""
    from django.core.files.base import ContentFile

    from sashakt.attendance.models import DayEvidence
    from sashakt.core.scans import KEPT_SIDE

    batch = world.batch
    evidence_upload(
        user=personas.iitk,
        batch=batch,
        date=batch.start_date,
        uploaded_file=SimpleUploadedFile("day1-photo.png", _register_photo(7000, 5200)),
    )
    old = DayEvidence(batch=batch, date=batch.end_date, original_name="day2-old.png")
    old.file.save("day2-old.png", ContentFile(_register_photo(7000, 5200)), save=True)
    import time

    started = time.perf_counter()
    pdf = batch_report_pdf(user=personas.state, batch=batch)
    took = time.perf_counter() - started
    sizes = _image_sizes(pdf, tmp_path)
    assert len(sizes) == 3  # the fixture's photo and these two
    assert all(max(size) <= KEPT_SIDE for size in sizes), sizes
    assert len(pdf) < 3_000_000
    assert took < 15, took  # whole pages of 36 megapixels took over 30 s before
