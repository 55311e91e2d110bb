"""Certificates as bilingual A4 landscape PDF: fpdf2 with HarfBuzz shaping, Noto Sans
Devanagari, and the QR code of the public verification page drawn as vectors.

Speed (bench/bench_certificates.py): the font is prepared once per process (the PDF kit's
`prepared_fonts`); text is set line by line with cell() and paragraphs are wrapped here from
cached word widths (fpdf2's multi_cell shapes text character by character to break lines);
the QR code uses a fixed mask (segno need not try all eight) and is drawn as filled
rectangles (the kit's `qr.draw_qr`), no PNG to encode and decode. A merged print file is one
document: one font for all its pages.

This module lays out the page; `printable.py` holds what a certificate prints and
`drawing.py` the fpdf2 document, word widths and static layers.
"""

import io

from sashakt.certificates.drawing import CertificateDocument, static_layer
from sashakt.certificates.printable import (
    CERTIFY,
    DEFAULT_WORDING,
    DEPARTMENT,
    ISSUED_LABEL,
    NUMBER_LABEL,
    TITLE,
    VERIFY_LABEL,
    Look,
    Printable,
    date_in,
    default_signatures,
    text_both,
    text_in,
    wording,
)
from sashakt.core.pdf.prepared_fonts import PREPARED_FONT as FONT
from sashakt.core.pdf.qr import draw_qr

WIDTH, HEIGHT = 297, 210


# --- The page ---------------------------------------------------------------------------

TOP, NAME_Y, PLACE_Y, WORDING_Y, FOOT_Y = 16, 73.5, 96.5, 111, HEIGHT - 52
COLUMN_X, COLUMN_W, SIGNATURE_W = 48, 95, 52


def _frame_and_headings(pdf: CertificateDocument, printable: Printable, look: Look) -> None:
    """Everything that is the same on every certificate of one institute and template."""
    pdf.set_draw_color(*look.primary)
    pdf.set_line_width(1.6)
    pdf.rect(7, 7, WIDTH - 14, HEIGHT - 14)
    pdf.set_draw_color(*look.accent)
    pdf.set_line_width(0.5)
    pdf.rect(10, 10, WIDTH - 20, HEIGHT - 20)
    pdf.set_y(TOP)
    pdf.centred(text_in("hi", DEPARTMENT), 13, bold=True, colour=look.primary)
    pdf.centred(text_in("en", DEPARTMENT), 10.5, colour=look.primary)
    pdf.centred(f"{printable.institute_hi} · {printable.institute_en}", 10.5, colour=(70, 70, 70))
    pdf.ln(5)
    pdf.centred(text_in("hi", TITLE), 32, bold=True, colour=look.primary, h=15)
    pdf.centred(text_in("en", TITLE), 16, bold=True, colour=look.accent, h=9)
    pdf.ln(4)
    pdf.centred(text_both(CERTIFY), 10.5, colour=(90, 90, 90))
    pdf.set_font(FONT, "", 7.5)
    pdf.set_text_color(60, 60, 60)
    pdf.set_xy(COLUMN_X, FOOT_Y + 2)
    pdf.left(text_both(NUMBER_LABEL), COLUMN_W, 3.6)
    pdf.set_xy(COLUMN_X, FOOT_Y + 14.2)
    pdf.left(f"{text_both(VERIFY_LABEL)}:", COLUMN_W, 3.6)
    signatures = (look.signatures or default_signatures(printable))[:3]
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


def _wording(pdf: CertificateDocument, printable: Printable, look: Look) -> None:
    """The sentence in both languages: the same for every certificate of a batch."""
    values_hi = {
        "programme": printable.programme_hi,
        "institute": printable.institute_hi,
        "start": date_in("hi", printable.start),
        "end": date_in("hi", printable.end),
        "hours": printable.hours,
    }
    values_en = {
        "programme": printable.programme_en,
        "institute": printable.institute_en,
        "start": date_in("en", printable.start),
        "end": date_in("en", printable.end),
        "hours": printable.hours,
    }
    pdf.set_margins(35, 15, 35)
    pdf.set_y(WORDING_Y)
    pdf.centred(wording(look.wording_hi or text_in("hi", DEFAULT_WORDING), values_hi), 12, h=6.5)
    pdf.ln(2)
    pdf.centred(wording(look.wording_en or text_in("en", DEFAULT_WORDING), values_en), 11, h=5.5)
    pdf.set_margins(20, 15, 20)


def _page_layers(printable: Printable, look: Look) -> tuple[bytes, bytes]:
    institute = (printable.institute_hi, printable.institute_en)
    frame = static_layer(
        ("frame", look.key, *institute), lambda r: _frame_and_headings(r, printable, look)
    )
    wording_key = (look.key, *institute, printable.programme_hi, printable.programme_en,
                   printable.start, printable.end, printable.hours)  # fmt: skip
    return frame, static_layer(("wording", *wording_key), lambda r: _wording(r, printable, look))


def _page(pdf: CertificateDocument, printable: Printable, look: Look, layers) -> None:
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

    draw_qr(pdf, printable.verification_url, 16, FOOT_Y, 30)
    pdf.set_xy(COLUMN_X, FOOT_Y + 5.6)
    pdf.set_font(FONT, "B", 11)
    pdf.set_text_color(20, 20, 20)
    pdf.left(printable.number, COLUMN_W, 5)
    pdf.set_font(FONT, "", 7.5)
    pdf.set_text_color(60, 60, 60)
    issued_on = " / ".join(
        dict.fromkeys(date_in(lang, printable.issued_on) for lang in ("hi", "en"))
    )
    pdf.left(f"{text_both(ISSUED_LABEL)}: {issued_on}", COLUMN_W, 3.6)
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
    pdf = CertificateDocument()
    for done, ((printable, look), page_layers) in enumerate(zip(items, layers, strict=True), 1):
        _page(pdf, printable, look, page_layers)
        if progress is not None:
            progress(done)
    if pdf.page == 0:
        raise ValueError("no certificate to print")
    return bytes(pdf.output())


def certificate_pdf(printable: Printable, look: Look) -> bytes:
    return certificates_pdf([(printable, look)])
