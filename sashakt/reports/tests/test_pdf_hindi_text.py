"""Hindi copied out of every kind of PDF comes out in whole words (issue 23, item 13): the
joining letter, the nominal roll, the day's attendance register, the certificate, the batch
completion report and the monthly report, read back with pdftotext as a person would copy
them (spaces kept)."""

import re
import shutil
import subprocess

import pytest

from sashakt.attendance.registers import day_register_pdf
from sashakt.certificates.pdf import certificate_pdf
from sashakt.certificates.printable import look_of, printable_of
from sashakt.certificates.services import certificates_issue_for_batch
from sashakt.nominations.letters import joining_letter_pdf, nominal_roll_pdf
from sashakt.nominations.models import Nomination
from sashakt.reports.dashboards.monthly import monthly_pdf
from sashakt.reports.documents.batch_report import batch_report_pdf
from sashakt.reports.tests.learning_world import learning_world_make
from sashakt.test import batch_completed_make

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils"),
]


def _words(pdf: bytes, tmp_path, mode: str) -> list[str]:
    path = tmp_path / "copied.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", mode, str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return re.findall(r"[\u0900-\u097f]+", text)


def _documents(personas):
    world = learning_world_make(personas)
    batch = world.batch
    nominations = list(Nomination.objects.filter(batch=batch).select_related("person"))
    yield "letter", joining_letter_pdf(nominations[:1]), ["विभाग", "विकास", "प्रतिनिधियों"]
    yield "roll", nominal_roll_pdf(batch, nominations), ["विभाग", "प्रतिभागी", "प्रतिनिधियों"]
    yield "register", day_register_pdf(batch, batch.start_date), ["विभाग", "प्रतिभागी"]
    report = batch_report_pdf(user=personas.state, batch=batch)
    yield "report", report, ["विभाग", "प्रशिक्षण", "प्रतिक्रिया", "प्रतिभागी"]
    yield "monthly", monthly_pdf(personas.state, "2025-08"), ["विभाग", "प्रमाणित"]
    batch_completed_make(batch)
    certificate = certificates_issue_for_batch(user=personas.iitk, batch=batch)[0]
    pdf = certificate_pdf(printable_of(certificate), look_of(None))
    yield "certificate", pdf, ["विभाग", "प्रशिक्षण", "प्रमाणित", *certificate.name_hi.split()]


@pytest.mark.parametrize("mode", ["-layout", "-raw"])
def test_hindi_copied_from_every_kind_of_pdf_comes_out_in_whole_words(personas, tmp_path, mode):
    for kind, pdf, expected in _documents(personas):
        words = _words(pdf, tmp_path, mode)
        for word in expected:
            assert word in words, (kind, word)
        # Before: "वि भाग", "प्रशि क्षण" — a syllable with the vowel sign ि cut off its word.
        assert "वि" not in words and "प्रशि" not in words, kind
