"""Certificates as bilingual A4 landscape PDF: fpdf2 with HarfBuzz shaping, Noto Sans
Devanagari, and the QR code of the public verification page drawn as vectors.

Speed (bench/bench_certificates.py): what made a certificate slow was the font, not the
page. So, once per process:
- the variable Noto font is cut to static regular and bold instances holding only
  Devanagari, Latin and punctuation (kept on disk under VAR_DIR/cache, built once);
- those are parsed once into fpdf2 font objects; each document gets a cheap copy with a
  fresh lazily-read font file, because fpdf2 subsets the font it embeds in place;
and the QR code uses a fixed mask (segno need not try all eight) and is drawn as filled
rectangles (no PNG to encode and decode). A merged print file is one document: the font is
embedded once for all its pages.
"""

import hashlib
import io
import logging
import threading
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path

import segno
from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext, gettext_noop
from fontTools import subset as ftsubset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer
from fpdf import FPDF

from sashakt.core.staticfinders import FONT_FILE

# fontTools narrates every subset at INFO; one certificate is not news.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONT = "notosansdevanagari"
WIDTH, HEIGHT = 297, 210
QR_MASK = 4  # any fixed mask is valid; choosing the "best" one costs ~10 ms a code
_UNICODES = [
    *range(0x20, 0x7F),
    *range(0xA0, 0x180),
    *range(0x900, 0x980),
    *(0x200C, 0x200D, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x20B9, 0x25CC),
]

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


# --- Fonts, once per process ----------------------------------------------------------

_font_lock = threading.Lock()
_font_templates: dict[str, object] = {}


def _static_font_path(style: str) -> Path:
    """A static instance of the variable font with only the characters certificates use."""
    stamp = hashlib.sha1(f"{FONT_FILE.stat().st_size}:{FONT_FILE.name}:1".encode()).hexdigest()
    path = Path(settings.VAR_DIR) / "cache" / f"certificate-font-{stamp[:10]}-{style}.ttf"
    if path.exists():
        return path
    font = TTFont(str(FONT_FILE))
    weight = 700 if style == "B" else 400
    instancer.instantiateVariableFont(font, {"wght": weight, "wdth": 100}, inplace=True)
    options = ftsubset.Options(layout_features=["*"], name_IDs=["*"], notdef_outline=True)
    subsetter = ftsubset.Subsetter(options)
    subsetter.populate(unicodes=_UNICODES)
    subsetter.subset(font)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{threading.get_ident()}.tmp")
    font.save(str(partial))
    partial.replace(path)  # atomic: another process may be building the same file
    return path


def _font_template(style: str):
    with _font_lock:
        if style not in _font_templates:
            factory = FPDF()
            factory.add_font(FONT, style, str(_static_font_path(style)))
            font = factory.fonts[FONT + style]
            font.hbfont  # noqa: B018 - build HarfBuzz's face now, shared by every copy
            _font_templates[style] = font
        return _font_templates[style]


def _install_fonts(pdf: FPDF) -> None:
    for index, style in enumerate(("", "B"), start=1):
        font = deepcopy(_font_template(style))
        font.i = index
        # fpdf2 subsets the embedded font in place: give each document its own file object.
        font.ttfont = TTFont(str(font.ttffile), recalcTimestamp=False, lazy=True)
        pdf.fonts[FONT + style] = font


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
    def __init__(self):
        super().__init__(orientation="L", format="A4")
        _install_fonts(self)
        self.set_text_shaping(True)
        self.set_auto_page_break(auto=False)
        self.set_margins(20, 15, 20)
        self.set_creator("Sashakt")
        self.set_title("Certificate / प्रमाण-पत्र")

    def centred(self, text: str, size: float, *, bold=False, colour=(20, 20, 20), h=None):
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(*colour)
        self.set_x(self.l_margin)
        self.multi_cell(0, h or size * 0.5, text, align="C", new_x="LMARGIN", new_y="NEXT")


def _qr(pdf: FPDF, url: str, x: float, y: float, size: float) -> None:
    """The QR code as filled rectangles, one per run of dark modules in a row."""
    code = segno.make(url, error="m", mask=QR_MASK, micro=False)
    border = 2
    rows = code.matrix
    modules = len(rows) + 2 * border
    unit = size / modules
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(x, y, size, size, style="F")
    pdf.set_fill_color(0, 0, 0)
    for r, row in enumerate(rows):
        start = None
        for c, dark in enumerate((*row, 0)):
            if dark and start is None:
                start = c
            elif not dark and start is not None:
                pdf.rect(
                    x + (start + border) * unit,
                    y + (r + border) * unit,
                    (c - start) * unit,
                    unit,
                    style="F",
                )
                start = None


def _page(pdf: _Certificates, printable: Printable, look: Look) -> None:
    pdf.add_page()
    # Frame: a strong outer line and a thin accent line inside it.
    pdf.set_draw_color(*look.primary)
    pdf.set_line_width(1.6)
    pdf.rect(7, 7, WIDTH - 14, HEIGHT - 14)
    pdf.set_draw_color(*look.accent)
    pdf.set_line_width(0.5)
    pdf.rect(10, 10, WIDTH - 20, HEIGHT - 20)
    if look.logo:
        pdf.image(io.BytesIO(look.logo), x=16, y=14, h=22, keep_aspect_ratio=True, w=40)

    pdf.set_y(16)
    pdf.centred(_in("hi", DEPARTMENT), 13, bold=True, colour=look.primary)
    pdf.centred(_in("en", DEPARTMENT), 10.5, colour=look.primary)
    pdf.centred(f"{printable.institute_hi} · {printable.institute_en}", 10.5, colour=(70, 70, 70))
    pdf.ln(5)
    pdf.centred(_in("hi", TITLE), 32, bold=True, colour=look.primary, h=15)
    pdf.centred(_in("en", TITLE), 16, bold=True, colour=look.accent, h=9)
    pdf.ln(4)
    pdf.centred(_both(CERTIFY), 10.5, colour=(90, 90, 90))
    pdf.ln(2)
    pdf.centred(printable.name_hi, 26, bold=True, h=13)
    pdf.centred(printable.name_en, 17, bold=True, h=9)
    pdf.ln(1)
    pdf.centred(
        f"{printable.designation_hi}, {printable.place_hi}\n"
        f"{printable.designation_en}, {printable.place_en}",
        10.5,
        colour=(60, 60, 60),
    )
    pdf.ln(4)
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
    pdf.set_left_margin(35)
    pdf.set_right_margin(35)
    pdf.centred(wording(look.wording_hi or _in("hi", DEFAULT_WORDING), values_hi), 12, h=6.5)
    pdf.ln(2)
    pdf.centred(wording(look.wording_en or _in("en", DEFAULT_WORDING), values_en), 11, h=5.5)
    pdf.set_margins(20, 15, 20)

    # Foot: QR and number on the left, signatories on the right.
    qr_size, foot = 30, HEIGHT - 52
    _qr(pdf, printable.verification_url, 16, foot, qr_size)
    pdf.set_xy(48, foot + 2)
    pdf.set_font(FONT, "", 7.5)
    pdf.set_text_color(60, 60, 60)
    pdf.multi_cell(95, 3.6, _both(NUMBER_LABEL), align="L", new_x="LEFT", new_y="NEXT")
    pdf.set_font(FONT, "B", 11)
    pdf.set_text_color(20, 20, 20)
    pdf.multi_cell(95, 5, printable.number, new_x="LEFT", new_y="NEXT")
    pdf.set_font(FONT, "", 7.5)
    pdf.set_text_color(60, 60, 60)
    issued = f"{_both(ISSUED_LABEL)}: {_date('en', printable.issued_on)}"
    pdf.multi_cell(95, 3.6, issued, align="L", new_x="LEFT", new_y="NEXT")
    pdf.multi_cell(95, 3.6, f"{_both(VERIFY_LABEL)}:", align="L", new_x="LEFT", new_y="NEXT")
    pdf.set_text_color(*look.primary)
    pdf.multi_cell(95, 3.6, printable.verification_url, align="L", new_x="LEFT", new_y="NEXT")

    signatures = (look.signatures or _default_signatures(printable))[:3]
    column = 52
    left = WIDTH - 16 - column * len(signatures)
    for index, signature in enumerate(signatures):
        x = left + index * column
        if signature.image:
            pdf.image(
                io.BytesIO(signature.image),
                x=x + 8,
                y=foot + 2,
                w=column - 16,
                h=13,
                keep_aspect_ratio=True,
            )
        pdf.set_draw_color(120, 120, 120)
        pdf.set_line_width(0.3)
        pdf.line(x + 4, foot + 16, x + column - 4, foot + 16)
        pdf.set_xy(x, foot + 17)
        if signature.name_hi or signature.name_en:
            pdf.set_font(FONT, "B", 8.5)
            pdf.set_text_color(20, 20, 20)
            names = "\n".join(dict.fromkeys(n for n in (signature.name_hi, signature.name_en) if n))
            pdf.multi_cell(column, 4, names, align="C", new_x="LEFT", new_y="NEXT")
        pdf.set_font(FONT, "", 7.5)
        pdf.set_text_color(70, 70, 70)
        pdf.multi_cell(
            column,
            3.5,
            f"{signature.designation_hi}\n{signature.designation_en}",
            align="C",
            new_x="LEFT",
            new_y="NEXT",
        )
    if printable.status_note:
        pdf.set_font(FONT, "B", 40)
        pdf.set_text_color(220, 60, 60)
        with pdf.rotation(20, WIDTH / 2, HEIGHT / 2):
            pdf.set_xy(0, HEIGHT / 2 - 10)
            pdf.cell(WIDTH, 20, printable.status_note, align="C")


def certificates_pdf(items: list[tuple[Printable, Look]], progress=None) -> bytes:
    """One document, one page per certificate (the merged print file, or a single one)."""
    pdf = _Certificates()
    for done, (printable, look) in enumerate(items, start=1):
        _page(pdf, printable, look)
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
