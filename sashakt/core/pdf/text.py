"""Hindi that copies out of our PDFs as whole words.

fpdf2 (2.8.9) shapes Devanagari with HarfBuzz and maps each glyph to text through the
font's ToUnicode table, one glyph at a time: a syllable's glyphs in drawing order get the
syllable's text on the first glyph and none on the others. For "वि" the vowel sign ि is drawn
first, so it carries "वि" and the consonant after it carries nothing: a viewer or pdftotext
then sees a gap the width of the consonant and copies "वि भाग", "प्रशि क्षण".

PDF's answer is marked content with /ActualText (ISO 32000-1, 14.9.4): the text a run of
glyphs stands for, used by copy, search and extraction instead of the glyphs' own mapping.
Every shaped run that holds Devanagari is wrapped in a /Span with the run's text (fpdf2 has no
option for it: one narrow hook on its fragment renderer, below). Latin runs, whose glyphs map
one to one, are left as they are.

Use `text_shaping_on(pdf)` instead of `pdf.set_text_shaping(True)`.
"""

import re

from fpdf import FPDF
from fpdf.line_break import Fragment

_NEEDS_ACTUAL_TEXT = re.compile("[\u0900-\u097f\ua8e0-\ua8ff]")  # Devanagari (+ extended)


def actual_text_span(text: str, operators: str) -> str:
    """`operators` inside a marked-content span that reads as `text`."""
    hex_text = ("\ufeff" + text).encode("utf-16-be").hex().upper()
    return f"/Span <</ActualText <{hex_text}>>> BDC {operators} EMC"


def _with_actual_text(render):
    def render_with_text_shaping(self, *args, **kwargs):
        operators = render(self, *args, **kwargs)
        if operators and _NEEDS_ACTUAL_TEXT.search(self.string):
            return actual_text_span(self.string, operators)
        return operators

    render_with_text_shaping.sashakt_actual_text = True
    return render_with_text_shaping


# Process-wide, on import: fpdf2 makes fragments in many places and offers no per-document
# hook for how they are drawn. Inert for runs without Devanagari and for documents without
# text shaping; every shaped document of ours wants it. Checked against FPDF2_VERSION by the
# package (sashakt/core/pdf/__init__.py) before this line runs.
if not getattr(Fragment.render_with_text_shaping, "sashakt_actual_text", False):
    Fragment.render_with_text_shaping = _with_actual_text(Fragment.render_with_text_shaping)


def text_shaping_on(pdf: FPDF) -> None:
    """HarfBuzz shaping for `pdf`, its Devanagari runs carrying their text (see above)."""
    pdf.set_text_shaping(True)
