"""QR codes on a PDF page: as a PNG image (`qr_png`, placed with `pdf.image`), or drawn as
vectors straight into the page (`draw_qr`: no image to encode and decode, for documents
printed by the thousand)."""

import io

import segno
from fpdf import FPDF

QR_MASK = 4  # any fixed mask is valid; choosing the "best" one costs ~10 ms a code


def qr_png(data: str, *, scale: int = 4, border: int = 2) -> io.BytesIO:
    """The QR code of `data` (error correction M) as a PNG, ready for `pdf.image()`."""
    image = io.BytesIO()
    segno.make(data, error="m").save(image, kind="png", scale=scale, border=border)
    image.seek(0)
    return image


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
