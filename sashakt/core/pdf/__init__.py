"""The bilingual PDF kit: every PDF Sashakt writes (joining letters, nominal rolls, attendance
registers, certificates, reports) is made with these pieces.

- `fonts`: Noto Sans Devanagari for ordinary documents (its bold face made once as a file);
- `prepared_fonts`: the same font cut and embedded once per process, for documents printed by
  the thousand (certificates, batch reports);
- `text`: HarfBuzz shaping, and Hindi that copies out of the PDF as whole words;
- `bilingual`: a message in Hindi and English side by side;
- `document`: an A4 page set up with the fonts, the department's heading band and facts;
- `qr`: QR codes as an image or as vectors.

What a joining letter or a certificate says stays in its app.

fpdf2 is reached below its public API in a few places: a hook on its fragment renderer
(`text`), its font subsetter and font stream while a prepared-font document is written out
(`prepared_fonts`), its glyph-to-code maps (`prepared_fonts`) and raw page operators (`qr`,
and the certificates' static layers). They were written against one fpdf2 version,
FPDF2_VERSION below (requirements.txt pins the same). On any other version the kit refuses
to load, loudly, before a hook is installed: read the new fpdf2's source of those places,
adapt them, then change the pin and FPDF2_VERSION together.
"""

import fpdf

FPDF2_VERSION = "2.8.9"


class Fpdf2VersionError(RuntimeError):
    """The installed fpdf2 is not the one the PDF kit's hooks were written for."""


def fpdf2_version_check(found: str | None = None) -> None:
    """Refuse (Fpdf2VersionError) unless fpdf2 is FPDF2_VERSION."""
    found = fpdf.__version__ if found is None else found
    if found != FPDF2_VERSION:
        raise Fpdf2VersionError(
            f"sashakt.core.pdf was written for fpdf2 {FPDF2_VERSION} and fpdf2 {found} is "
            "installed: its hooks into fpdf2's internals (see sashakt/core/pdf/__init__.py) "
            f"may no longer hold. Install fpdf2=={FPDF2_VERSION}, or check those hooks "
            "against the new version and change FPDF2_VERSION with the pin in requirements.txt."
        )


fpdf2_version_check()  # on import: before any module of the kit touches fpdf2
