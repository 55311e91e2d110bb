"""The document font, Noto Sans Devanagari (FONT_FILE, shipped with the code), regular and
bold, for ordinary documents: `document_fonts_on(pdf)`. (Certificates and batch reports,
printed by the thousand, use `prepared_fonts`.)

The bold face of the shipped variable font is a static font file, made once.

fpdf2's `add_font(..., variations={"wght": 700})` instantiates the variable font with
fontTools on every call: about a second of CPU for each joining letter, register or report
(the capacity bench found it the slowest page of a training day). The instance is written
once under VAR_DIR/cache (atomically: several workers may make it at the same time) and
every document adds that file instead.
"""

import hashlib
import os
import threading
from pathlib import Path

from django.conf import settings
from fpdf import FPDF

from sashakt.core.pdf.text import text_shaping_on
from sashakt.core.staticfinders import FONT_FILE

FONT = "NotoSansDevanagari"

_lock = threading.Lock()


def document_fonts_on(pdf: FPDF) -> None:
    """FONT regular and bold in `pdf`, shaped by HarfBuzz (Devanagari copies as words)."""
    pdf.add_font(FONT, "", str(FONT_FILE))
    pdf.add_font(FONT, "B", str(bold_font_path()))
    text_shaping_on(pdf)


def bold_font_path() -> Path:
    """The static bold (wght 700) instance of FONT_FILE, made on first use."""
    stamp = hashlib.sha1(f"{FONT_FILE.stat().st_size}:{FONT_FILE.name}:700".encode()).hexdigest()
    path = Path(settings.VAR_DIR) / "cache" / f"document-font-{stamp[:10]}-B.ttf"
    if path.exists():
        return path
    with _lock:
        if path.exists():
            return path
        from fontTools.ttLib import TTFont  # noqa: PLC0415 - fontTools loads only when the font is built
        from fontTools.varLib import instancer  # noqa: PLC0415 - fontTools loads only when the font is built

        font = TTFont(str(FONT_FILE))
        instancer.instantiateVariableFont(font, {"wght": 700}, inplace=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        font.save(str(partial))
        partial.replace(path)
    return path
