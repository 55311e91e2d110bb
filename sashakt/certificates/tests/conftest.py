import shutil
import subprocess

import pytest

from sashakt.conftest import require_or_skip
from sashakt.nominations.models import NominationStatus
from sashakt.nominations.services import (
    nomination_approve,
    nomination_confirm,
    nomination_create,
)
from sashakt.programmes.models import BatchStatus
from sashakt.test import batch_completed_make, batch_make, person_make, programme_make


def pdf_text(pdf: bytes, tmp_path, mode: str = "-layout") -> str:
    """The PDF's text as pdftotext reads it, without whitespace (layout spacing varies);
    whole Hindi words are checked in reports/tests/test_pdf_hindi_text.py."""
    require_or_skip(bool(shutil.which("pdftotext")), "pdftotext (poppler-utils) is not installed")
    path = tmp_path / "read-back.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", mode, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return "".join(text.split())


def pdf_pages(pdf: bytes, tmp_path) -> int:
    require_or_skip(bool(shutil.which("pdfinfo")), "pdfinfo (poppler-utils) is not installed")
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    return int(next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))[6:])


def seat(user, person, batch, *, state):
    nomination = nomination_create(user=user, person=person, batch=batch)
    nomination = nomination_approve(user=state, nomination=nomination)
    return nomination_confirm(user=state, nomination=nomination)


@pytest.fixture
def completed_batch(personas):
    """An IIT Kanpur batch that ran: two Kanpur Nagar people completed it, one Lucknow
    person completed it, one confirmed person is still unmarked... and one declined."""
    batch = batch_make(programme_make(personas.iitk_institute), capacity=10)
    state = personas.state
    savitri = person_make(name="सावित्री देवी", name_alt="Savitri Devi", mobile="9839000401")
    kshama = person_make(name="क्षमा प्रजापति", name_alt="", mobile="9839000402")
    seat(personas.dpro_kanpur, personas.kanpur_person, batch, state=state)
    seat(personas.dpro_kanpur, savitri, batch, state=state)
    seat(personas.dpro_lucknow, personas.lucknow_person, batch, state=state)
    missed = seat(personas.dpro_kanpur, kshama, batch, state=state)
    batch_completed_make(batch)
    # Kshama did not complete: back to confirmed, as the attendance app would leave her.
    missed.refresh_from_db()
    missed.status, missed.seat = NominationStatus.CONFIRMED, 4
    missed.save()
    batch.status = BatchStatus.COMPLETED
    batch.save()
    return batch
