"""The PDF kit keeps its fpdf2 hooks to the fpdf2 it was written for, and to the documents
that need them."""

import re
import subprocess
import sys
from pathlib import Path

import fpdf
import fpdf.output
import pytest
from fontTools import subset as ftsubset
from fpdf import FPDF

from sashakt.core.pdf import FPDF2_VERSION, Fpdf2VersionError, fpdf2_version_check, prepared_fonts
from sashakt.core.pdf.prepared_fonts import PREPARED_FONT, PreparedFontDocument, fonts_install
from sashakt.core.pdf.text import text_shaping_on

REQUIREMENTS = Path(__file__).resolve().parents[3] / "requirements.txt"


def test_the_kit_is_written_for_the_pinned_fpdf2():
    pinned = re.search(r"^fpdf2==(\S+)$", REQUIREMENTS.read_text(), re.MULTILINE)
    assert pinned and pinned.group(1) == FPDF2_VERSION == fpdf.__version__


def test_it_refuses_another_fpdf2_version_by_name():
    with pytest.raises(Fpdf2VersionError, match="written for fpdf2 2.8.9 and fpdf2 2.9.0"):
        fpdf2_version_check("2.9.0")


def test_importing_the_kit_under_another_fpdf2_fails_loudly():
    """A process whose fpdf2 says another version cannot load the kit, nor anything that
    writes a PDF through it."""
    script = "import fpdf; fpdf.__version__ = '2.9.0'; import sashakt.core.pdf.text"
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert run.returncode != 0
    assert "Fpdf2VersionError" in run.stderr
    assert "written for fpdf2 2.8.9 and fpdf2 2.9.0 is installed" in run.stderr


def _prepared_document() -> PreparedFontDocument:
    pdf = PreparedFontDocument()
    fonts_install(pdf)
    text_shaping_on(pdf)
    pdf.add_page()
    pdf.set_font(PREPARED_FONT, "", 12)
    pdf.cell(0, 10, "प्रशिक्षण / Training")
    return pdf


def _watching(producer):
    seen = []

    class Watching(producer):
        def _add_fonts(self, *args, **kwargs):
            seen.append((fpdf.output.ftsubset, fpdf.output.PDFFontStream))
            return super()._add_fonts(*args, **kwargs)

    return Watching, seen


def test_fpdf2_is_left_as_it_was_except_while_a_prepared_document_is_written():
    original = (ftsubset, fpdf.output.PDFFontStream)
    assert original[1].__module__ == "fpdf.output"
    producer, seen = _watching(prepared_fonts._WholeFontOutputProducer)
    data = bytes(_prepared_document().output(output_producer_class=producer))
    assert data.startswith(b"%PDF")
    assert seen == [(prepared_fonts._SubsetModule, prepared_fonts._FontStream)]
    assert (fpdf.output.ftsubset, fpdf.output.PDFFontStream) == original
    # A plain document is written by fpdf2's own subsetter and font stream.
    producer, seen = _watching(fpdf.output.OutputProducer)
    plain = FPDF()
    plain.add_page()
    plain.set_font("helvetica", size=12)
    plain.cell(0, 10, "Training")
    plain.output(output_producer_class=producer)
    assert seen == [original]


def test_the_prepared_fonts_go_only_into_a_document_written_with_them_whole():
    with pytest.raises(TypeError, match="PreparedFontDocument"):
        fonts_install(FPDF())
