"""Drawing on a certificate: the fpdf2 document with its line-by-line text from cached word
widths, the static layers recorded once and replayed on every page, and the QR code as
vectors. What goes where on the page is in `pdf.py`."""

import unicodedata
from collections import OrderedDict
from functools import lru_cache

import segno
from fpdf import FPDF
from fpdf.enums import TextDirection

from sashakt.certificates.fonts import FAMILY as FONT
from sashakt.certificates.fonts import fonts_install, fonts_install_shared, fonts_lock
from sashakt.core.pdf_text import text_shaping_on

QR_MASK = 4  # any fixed mask is valid; choosing the "best" one costs ~10 ms a code


class CertificateDocument(FPDF):
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
    every document made afterwards (fonts.fonts_install copies those codes).
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


def draw_qr(pdf: FPDF, url: str, x: float, y: float, size: float) -> None:
    """The QR code as one filled path of rectangles, one per run of dark modules in a row."""
    code = segno.make(url, error="m", mask=QR_MASK, micro=False)
    border = 2
    rows = code.matrix
    unit = size / (len(rows) + 2 * border)
    k, page_height = pdf.k, pdf.h
    parts = [f"q 1 g {x * k:.2f} {(page_height - y - size) * k:.2f} {size * k:.2f} "
             f"{size * k:.2f} re f 0 g"]  # fmt: skip
    for r, row in enumerate(rows):
        start = None
        top = page_height - (y + (r + border + 1) * unit)
        for c, dark in enumerate((*row, 0)):
            if dark and start is None:
                start = c
            elif not dark and start is not None:
                left = x + (start + border) * unit
                parts.append(
                    f"{left * k:.2f} {top * k:.2f} {(c - start) * unit * k:.2f} {unit * k:.2f} re"
                )
                start = None
    parts.append("f Q")
    pdf._out("\n".join(parts))  # one path: a rect() call per run costs 20x more
