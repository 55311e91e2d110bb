"""Drawing on a certificate: the fpdf2 document with its line-by-line text from cached word
widths, and the static layers recorded once and replayed on every page (the fonts and the
QR code as vectors are in the PDF kit, `sashakt.core.pdf`). What goes where on the page is
in `pdf.py`."""

import unicodedata
from collections import OrderedDict
from functools import lru_cache

from fpdf import FPDF
from fpdf.enums import TextDirection

from sashakt.core.pdf.prepared_fonts import PREPARED_FONT as FONT
from sashakt.core.pdf.prepared_fonts import (
    PreparedFontDocument,
    fonts_install,
    fonts_install_shared,
    fonts_lock,
)
from sashakt.core.pdf.text import text_shaping_on


class CertificateDocument(PreparedFontDocument):
    def __init__(self, *, shared_fonts: bool = False):
        super().__init__(orientation="L", format="A4")
        (fonts_install_shared if shared_fonts else fonts_install)(self)
        text_shaping_on(self)
        self.set_auto_page_break(auto=False)
        self.set_margins(20, 15, 20)
        self.set_creator("Sashakt")
        self.set_title("Certificate / प्रमाण-पत्र")

    def _preload_bidirectional_text(self, text, markdown):
        # Everything on a certificate runs left to right (Devanagari and Latin): skip fpdf2's
        # Unicode bidirectional analysis, a quarter of the time of each line.
        self.text_shaping["paragraph_direction"] = TextDirection.LTR
        self.text_shaping["fragment_direction"] = TextDirection.LTR
        return self._preload_font_styles(text, markdown)

    def centred(self, text: str, size: float, *, bold=False, colour=(20, 20, 20), h=None):
        """Lines centred between the margins, wrapped at spaces."""
        style = "B" if bold else ""
        self.set_font(FONT, style, size)
        self.set_text_color(*colour)
        width = self.w - self.l_margin - self.r_margin
        for line in self.wrap(text, style, size, width):
            self.set_x(self.l_margin)
            self.cell(width, h or size * 0.5, line, align="C", new_x="LMARGIN", new_y="NEXT")

    def left(self, text: str, width: float, h: float, align: str = "L") -> None:
        """Lines in a column starting at the current position, wrapped at spaces."""
        x = self.get_x()
        for line in self.wrap(text, self.font_style, self.font_size_pt, width):
            self.set_x(x)
            self.cell(width, h, line, align=align, new_x="LEFT", new_y="NEXT")

    def wrap(self, text: str, style: str, size: float, width: float) -> list[str]:
        """Greedy line breaks from the widths of whole words (shaped once, cached): a word's
        width does not depend on its neighbours, and the wording repeats on every page."""
        lines = []
        for paragraph in text.split("\n"):
            space = _word_width(self, " ", style, size)
            line, used = [], 0.0
            for whole in paragraph.split():
                for word in self._pieces(whole, style, size, width):
                    needed = _word_width(self, word, style, size)
                    if line and used + space + needed > width:
                        lines.append(" ".join(line))
                        line, used = [], 0.0
                    used += needed + (space if line else 0)
                    line.append(word)
            lines.append(" ".join(line))
        return lines

    def _pieces(self, word: str, style: str, size: float, width: float) -> list[str]:
        """A word wider than the line cut into pieces that fit, between letters (never
        inside a Devanagari syllable); any other word as it is."""
        if len(word) < 12 or _word_width(self, word, style, size) <= width:
            return [word]
        pieces, piece = [], ""
        for cluster in _clusters(word):
            if piece and _word_width(self, piece + cluster, style, size) > width:
                pieces.append(piece)
                piece = ""
            piece += cluster
        return [*pieces, piece]

    def fitted(self, text: str, size: float, width: float, style: str = "") -> float:
        """The font size at which one line of `text` fits `width` (names can be long)."""
        if len(text) < 30:
            return size
        widths = [_word_width(self, word, style, size) for word in text.split()]
        natural = sum(widths) + _word_width(self, " ", style, size) * text.count(" ")
        if natural <= width:
            return size
        # Down to half size, then wrapped at spaces; a single word too long for that (a
        # name typed without spaces) down to the size where it fits one line (cut between
        # letters only below a fifth).
        longest = max(widths)
        floor = size / 2 if longest / 2 <= width else max(0.99 * size * width / longest, size / 5)
        return max(size * width / natural, floor)

    def replay(self, operators: bytes) -> None:
        """Draw a layer recorded by static_layer(), isolated in its own graphics state."""
        self._out(b"q\n" + operators + b"\nQ")


_VIRAMA, _ZWJ, _ZWNJ = "\u094d", "\u200d", "\u200c"


def _clusters(word: str) -> list[str]:
    """Letters with their marks, a Devanagari conjunct (consonant + virama + consonant...)
    kept whole: the places where a word may be cut without breaking how it is drawn."""
    clusters: list[str] = []
    for char in word:
        joins = clusters and (
            unicodedata.category(char).startswith("M")
            or char in (_ZWJ, _ZWNJ)
            or clusters[-1][-1] in (_VIRAMA, _ZWJ)
        )
        if joins:
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters


def _word_width(pdf: FPDF, word: str, style: str, size: float) -> float:
    """The width of `word` in the certificate font at `style` and `size` (whatever font
    `pdf` has set at the moment): short words cached, long ones measured each time."""
    if len(word) < 40:
        return _cached_width(word, style, size)
    return _measured_width(word, style, size)


@lru_cache(maxsize=20000)
def _cached_width(word: str, style: str, size: float) -> float:
    return _measured_width(word, style, size)


def _measured_width(word: str, style: str, size: float) -> float:
    with fonts_lock:  # one measuring document, shared by the job threads
        measure = _measuring_document()
        measure.set_font(FONT, style, size)
        return measure.get_string_width(word)


@lru_cache(maxsize=1)
def _measuring_document() -> FPDF:
    return CertificateDocument()


# --- Static layers: drawn once, replayed on every page -------------------------------

_recorded: OrderedDict[tuple, bytes] = OrderedDict()
_LAYERS_KEPT = 256


def static_layer(key: tuple, draw) -> bytes:
    """The PDF operators `draw(pdf)` produces, recorded once per key.

    Recorded with the shared font templates, so the glyphs it uses have the same codes in
    every document made afterwards (prepared_fonts.fonts_install copies those codes).
    """
    with fonts_lock:
        if key in _recorded:
            _recorded.move_to_end(key)
            return _recorded[key]
        recorder = CertificateDocument(shared_fonts=True)
        recorder.add_page()
        contents = recorder.pages[recorder.page].contents
        start = len(contents)
        draw(recorder)
        operators = bytes(contents[start:])
        _recorded[key] = operators
        if len(_recorded) > _LAYERS_KEPT:
            _recorded.popitem(last=False)
        return operators
