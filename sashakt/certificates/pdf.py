"""Certificates as bilingual A4 landscape PDF: fpdf2 with HarfBuzz shaping, Noto Sans
Devanagari, and the QR code of the public verification page drawn as vectors.

Speed (bench/bench_certificates.py): the font is prepared once per process (fonts.py); text
is set line by line with cell() and paragraphs are wrapped here from cached word widths
(fpdf2's multi_cell shapes text character by character to break lines); the QR code uses a
fixed mask (segno need not try all eight) and is drawn as filled rectangles, no PNG to
encode and decode. A merged print file is one document: one font for all its pages.
"""

import hashlib
import io
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache

import segno
from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext, gettext_noop
from fpdf import FPDF
from fpdf.enums import TextDirection

from sashakt.certificates.fonts import FAMILY as FONT
from sashakt.certificates.fonts import fonts_install, fonts_install_shared, fonts_lock

WIDTH, HEIGHT = 297, 210
QR_MASK = 4  # any fixed mask is valid; choosing the "best" one costs ~10 ms a code

DEPARTMENT = gettext_noop("Panchayati Raj Department, Government of Uttar Pradesh")
TITLE = gettext_noop("Certificate of completion")
CERTIFY = gettext_noop("This is to certify that")
DEFAULT_WORDING = gettext_noop(
    "has successfully completed the training programme “{programme}” conducted by "
    "{institute} from {start} to {end} ({hours} hours)."
)
NUMBER_LABEL = gettext_noop("Certificate number")
ISSUED_LABEL = gettext_noop("Date of issue")
VERIFY_LABEL = gettext_noop("Verify at")
SAMPLE = gettext_noop("Sample")
COORDINATOR = gettext_noop("Programme coordinator")
DIRECTOR = gettext_noop("Director, Panchayati Raj, Uttar Pradesh")
WORDING_PLACEHOLDERS = ("programme", "institute", "start", "end", "hours")


# --- What a certificate prints ------------------------------------------------------


@dataclass
class Signature:
    name_hi: str
    name_en: str
    designation_hi: str
    designation_en: str
    image: bytes | None = None


@dataclass
class Look:
    """An institute's template, read once for any number of certificates."""

    primary: tuple[int, int, int] = (30, 76, 140)
    accent: tuple[int, int, int] = (200, 150, 45)
    logo: bytes | None = None
    wording_hi: str = ""
    wording_en: str = ""
    signatures: list[Signature] = field(default_factory=list)

    @property
    def key(self) -> str:
        """What the static layers depend on (images are drawn per page, not recorded)."""
        text = repr((self.primary, self.accent, self.wording_hi, self.wording_en,
                     [(s.name_hi, s.name_en, s.designation_hi, s.designation_en)
                      for s in self.signatures]))  # fmt: skip
        return hashlib.sha1(text.encode()).hexdigest()


@dataclass
class Printable:
    number: str
    verification_url: str
    name_hi: str
    name_en: str
    designation_hi: str
    designation_en: str
    place_hi: str
    place_en: str
    programme_hi: str
    programme_en: str
    institute_hi: str
    institute_en: str
    start: object
    end: object
    hours: int
    issued_on: object
    status_note: str = ""  # printed across a preview ("SAMPLE")


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def look_of(template) -> Look:
    """The Look of a CertificateTemplate (or the standard look for None)."""
    if template is None:
        return Look()
    logo = None
    if template.logo:
        with template.logo.open("rb") as handle:
            logo = handle.read()
    signatures = []
    for signatory in template.signatories.all():
        image = None
        if signatory.signature:
            with signatory.signature.open("rb") as handle:
                image = handle.read()
        signatures.append(
            Signature(
                signatory.name_hi,
                signatory.name_en,
                signatory.designation_hi,
                signatory.designation_en,
                image,
            )
        )
    return Look(
        primary=_rgb(template.primary_colour),
        accent=_rgb(template.accent_colour),
        logo=logo,
        wording_hi=template.wording_hi,
        wording_en=template.wording_en,
        signatures=signatures,
    )


def _in(language: str, message: str) -> str:
    with translation.override(language):
        return gettext(message)


def _both(message: str) -> str:
    return f"{_in('hi', message)} / {_in('en', message)}"


def _date(language: str, value) -> str:
    with translation.override(language):
        return formats.date_format(value, "j F Y")


def wording(template_text: str, values: dict) -> str:
    return template_text.format_map(values)


def _default_signatures(printable: Printable) -> list[Signature]:
    return [
        Signature(
            "",
            "",
            f"{_in('hi', COORDINATOR)}, {printable.institute_hi}",
            f"{_in('en', COORDINATOR)}, {printable.institute_en}",
        ),
        Signature("", "", _in("hi", DIRECTOR), _in("en", DIRECTOR)),
    ]


# --- Drawing --------------------------------------------------------------------------


class _Certificates(FPDF):
    def __init__(self, *, shared_fonts: bool = False):
        super().__init__(orientation="L", format="A4")
        (fonts_install_shared if shared_fonts else fonts_install)(self)
        self.set_text_shaping(True)
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
            for word in paragraph.split():
                needed = _word_width(self, word, style, size)
                if line and used + space + needed > width:
                    lines.append(" ".join(line))
                    line, used = [], 0.0
                used += needed + (space if line else 0)
                line.append(word)
            lines.append(" ".join(line))
        return lines

    def fitted(self, text: str, size: float, width: float, style: str = "") -> float:
        """The font size at which one line of `text` fits `width` (names can be long)."""
        if len(text) < 30:
            return size
        natural = sum(_word_width(self, word, style, size) for word in text.split())
        natural += _word_width(self, " ", style, size) * text.count(" ")
        return size if natural <= width else max(size * width / natural, size / 2)

    def replay(self, operators: bytes) -> None:
        """Draw a layer recorded by static_layer(), isolated in its own graphics state."""
        self._out(b"q\n" + operators + b"\nQ")


def _word_width(pdf: FPDF, word: str, style: str, size: float) -> float:
    return _cached_width(word, style, size) if len(word) < 40 else pdf.get_string_width(word)


@lru_cache(maxsize=20000)
def _cached_width(word: str, style: str, size: float) -> float:
    with fonts_lock:  # one measuring document, shared by the job threads
        measure = _measuring_document()
        measure.set_font(FONT, style, size)
        return measure.get_string_width(word)


@lru_cache(maxsize=1)
def _measuring_document() -> FPDF:
    return _Certificates()


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
        recorder = _Certificates(shared_fonts=True)
        recorder.add_page()
        contents = recorder.pages[recorder.page].contents
        start = len(contents)
        draw(recorder)
        operators = bytes(contents[start:])
        _recorded[key] = operators
        if len(_recorded) > _LAYERS_KEPT:
            _recorded.popitem(last=False)
        return operators


def _qr(pdf: FPDF, url: str, x: float, y: float, size: float) -> None:
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


# --- The page ---------------------------------------------------------------------------

TOP, NAME_Y, PLACE_Y, WORDING_Y, FOOT_Y = 16, 73.5, 96.5, 111, HEIGHT - 52
COLUMN_X, COLUMN_W, SIGNATURE_W = 48, 95, 52


def _frame_and_headings(pdf: _Certificates, printable: Printable, look: Look) -> None:
    """Everything that is the same on every certificate of one institute and template."""
    pdf.set_draw_color(*look.primary)
    pdf.set_line_width(1.6)
    pdf.rect(7, 7, WIDTH - 14, HEIGHT - 14)
    pdf.set_draw_color(*look.accent)
    pdf.set_line_width(0.5)
    pdf.rect(10, 10, WIDTH - 20, HEIGHT - 20)
    pdf.set_y(TOP)
    pdf.centred(_in("hi", DEPARTMENT), 13, bold=True, colour=look.primary)
    pdf.centred(_in("en", DEPARTMENT), 10.5, colour=look.primary)
    pdf.centred(f"{printable.institute_hi} · {printable.institute_en}", 10.5, colour=(70, 70, 70))
    pdf.ln(5)
    pdf.centred(_in("hi", TITLE), 32, bold=True, colour=look.primary, h=15)
    pdf.centred(_in("en", TITLE), 16, bold=True, colour=look.accent, h=9)
    pdf.ln(4)
    pdf.centred(_both(CERTIFY), 10.5, colour=(90, 90, 90))
    pdf.set_font(FONT, "", 7.5)
    pdf.set_text_color(60, 60, 60)
    pdf.set_xy(COLUMN_X, FOOT_Y + 2)
    pdf.left(_both(NUMBER_LABEL), COLUMN_W, 3.6)
    pdf.set_xy(COLUMN_X, FOOT_Y + 14.2)
    pdf.left(f"{_both(VERIFY_LABEL)}:", COLUMN_W, 3.6)
    signatures = (look.signatures or _default_signatures(printable))[:3]
    left = WIDTH - 16 - SIGNATURE_W * len(signatures)
    for index, signature in enumerate(signatures):
        x = left + index * SIGNATURE_W
        pdf.set_draw_color(120, 120, 120)
        pdf.set_line_width(0.3)
        pdf.line(x + 4, FOOT_Y + 16, x + SIGNATURE_W - 4, FOOT_Y + 16)
        pdf.set_xy(x, FOOT_Y + 17)
        if signature.name_hi or signature.name_en:
            pdf.set_font(FONT, "B", 8.5)
            pdf.set_text_color(20, 20, 20)
            names = "\n".join(dict.fromkeys(n for n in (signature.name_hi, signature.name_en) if n))
            pdf.left(names, SIGNATURE_W, 4, align="C")
        pdf.set_font(FONT, "", 7.5)
        pdf.set_text_color(70, 70, 70)
        designations = f"{signature.designation_hi}\n{signature.designation_en}"
        pdf.left(designations, SIGNATURE_W, 3.5, align="C")


def _wording(pdf: _Certificates, printable: Printable, look: Look) -> None:
    """The sentence in both languages: the same for every certificate of a batch."""
    values_hi = {
        "programme": printable.programme_hi,
        "institute": printable.institute_hi,
        "start": _date("hi", printable.start),
        "end": _date("hi", printable.end),
        "hours": printable.hours,
    }
    values_en = {
        "programme": printable.programme_en,
        "institute": printable.institute_en,
        "start": _date("en", printable.start),
        "end": _date("en", printable.end),
        "hours": printable.hours,
    }
    pdf.set_margins(35, 15, 35)
    pdf.set_y(WORDING_Y)
    pdf.centred(wording(look.wording_hi or _in("hi", DEFAULT_WORDING), values_hi), 12, h=6.5)
    pdf.ln(2)
    pdf.centred(wording(look.wording_en or _in("en", DEFAULT_WORDING), values_en), 11, h=5.5)
    pdf.set_margins(20, 15, 20)


def _page_layers(printable: Printable, look: Look) -> tuple[bytes, bytes]:
    institute = (printable.institute_hi, printable.institute_en)
    frame = static_layer(
        ("frame", look.key, *institute), lambda r: _frame_and_headings(r, printable, look)
    )
    wording_key = (look.key, *institute, printable.programme_hi, printable.programme_en,
                   printable.start, printable.end, printable.hours)  # fmt: skip
    return frame, static_layer(("wording", *wording_key), lambda r: _wording(r, printable, look))


def _page(pdf: _Certificates, printable: Printable, look: Look, layers) -> None:
    pdf.add_page()
    for operators in layers:
        pdf.replay(operators)
    if look.logo:
        pdf.image(io.BytesIO(look.logo), x=16, y=14, h=22, keep_aspect_ratio=True, w=40)

    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_y(NAME_Y)
    pdf.centred(printable.name_hi, pdf.fitted(printable.name_hi, 26, width, "B"), bold=True, h=13)
    pdf.centred(printable.name_en, pdf.fitted(printable.name_en, 17, width, "B"), bold=True, h=9)
    for line in (
        f"{printable.designation_hi}, {printable.place_hi}",
        f"{printable.designation_en}, {printable.place_en}",
    ):
        pdf.set_y(PLACE_Y if line.startswith(printable.designation_hi) else PLACE_Y + 5.25)
        pdf.centred(line, pdf.fitted(line, 10.5, width), colour=(60, 60, 60), h=5.25)

    _qr(pdf, printable.verification_url, 16, FOOT_Y, 30)
    pdf.set_xy(COLUMN_X, FOOT_Y + 5.6)
    pdf.set_font(FONT, "B", 11)
    pdf.set_text_color(20, 20, 20)
    pdf.left(printable.number, COLUMN_W, 5)
    pdf.set_font(FONT, "", 7.5)
    pdf.set_text_color(60, 60, 60)
    issued_on = " / ".join(dict.fromkeys(_date(lang, printable.issued_on) for lang in ("hi", "en")))
    pdf.left(f"{_both(ISSUED_LABEL)}: {issued_on}", COLUMN_W, 3.6)
    pdf.set_xy(COLUMN_X, FOOT_Y + 17.8)
    pdf.set_text_color(*look.primary)
    pdf.left(printable.verification_url, COLUMN_W, 3.6)

    signatures = (look.signatures or [])[:3]
    left = WIDTH - 16 - SIGNATURE_W * len(signatures)
    for index, signature in enumerate(signatures):
        if signature.image:
            x = left + index * SIGNATURE_W
            pdf.image(io.BytesIO(signature.image), x=x + 8, y=FOOT_Y + 2, w=SIGNATURE_W - 16,
                      h=13, keep_aspect_ratio=True)  # fmt: skip
    if printable.status_note:  # SAMPLE, REVOKED...: across the page, see-through
        pdf.set_font(FONT, "B", 44)
        pdf.set_text_color(200, 40, 40)
        with pdf.local_context(fill_opacity=0.3), pdf.rotation(20, WIDTH / 2, HEIGHT / 2):
            pdf.set_xy(0, HEIGHT / 2 - 10)
            pdf.cell(WIDTH, 20, printable.status_note, align="C")


def certificates_pdf(items: list[tuple[Printable, Look]], progress=None) -> bytes:
    """One document, one page per certificate (the merged print file, or a single one)."""
    # Layers first: glyphs they introduce get their codes before this document copies the
    # fonts' code maps, so the recorded operators mean the same glyphs here.
    layers = [_page_layers(printable, look) for printable, look in items]
    pdf = _Certificates()
    for done, ((printable, look), page_layers) in enumerate(zip(items, layers, strict=True), 1):
        _page(pdf, printable, look, page_layers)
        if progress is not None:
            progress(done)
    if pdf.page == 0:
        raise ValueError("no certificate to print")
    return bytes(pdf.output())


def certificate_pdf(printable: Printable, look: Look) -> bytes:
    return certificates_pdf([(printable, look)])


# --- From the database ----------------------------------------------------------------


def _label_in(language: str, choices_label) -> str:
    with translation.override(language):
        return str(choices_label)


def printable_of(certificate) -> Printable:
    from django.utils import timezone

    from sashakt.people.models import Designation

    batch, programme, institute = certificate.batch, certificate.programme, certificate.institute
    label = Designation(certificate.designation).label
    return Printable(
        number=certificate.display_number,
        verification_url=certificate.verification_url,
        name_hi=certificate.name_hi,
        name_en=certificate.name_en,
        designation_hi=_label_in("hi", label),
        designation_en=_label_in("en", label),
        place_hi=certificate.place_hi,
        place_en=certificate.place_en,
        programme_hi=programme.title_hi or programme.title_en,
        programme_en=programme.title_en,
        institute_hi=institute.name_hi or institute.name_en,
        institute_en=institute.name_en,
        start=batch.start_date,
        end=batch.end_date,
        hours=certificate.hours,
        issued_on=timezone.localtime(certificate.issued_at).date(),
    )


def demo_printable(institute) -> Printable:
    """Made-up data for a template preview, marked SAMPLE across the page."""
    import datetime

    from sashakt.certificates.numbers import number_display

    return Printable(
        number=number_display("XXXXXXXXXX"),
        verification_url=f"{settings.SASHAKT_PUBLIC_URL}/verify/",
        name_hi="श्रीमती क्षमा प्रजापति",
        name_en="Shrimati Kshama Prajapati",
        designation_hi=_in("hi", "Gram Pradhan"),
        designation_en="Gram Pradhan",
        place_hi="बिल्हौर, कानपुर नगर",
        place_en="Bilhaur, Kanpur Nagar",
        programme_hi="पंचायत प्रतिनिधियों का नेतृत्व एवं क्षमता विकास",
        programme_en="Leadership and capacity development of Panchayat representatives",
        institute_hi=institute.name_hi or institute.name_en,
        institute_en=institute.name_en,
        start=datetime.date(2025, 8, 26),
        end=datetime.date(2025, 8, 30),
        hours=30,
        issued_on=datetime.date(2025, 9, 1),
        status_note=_both(SAMPLE),
    )
