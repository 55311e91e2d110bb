"""Photos and scans of paper (a signed register): checked and re-encoded when uploaded, so
what is stored is a picture we wrote at a size a report can draw, never the uploaded bytes.

A PNG of a few hundred kilobytes can hold a 20,000 × 20,000 page of white: decoding it takes
gigabytes and drawing it into a PDF half a minute. The header is read first and pictures
beyond the limits are refused before any pixel is decoded; the rest is scaled down to
`KEPT_SIDE` (a readable A4 page at about 200 dpi) and kept as JPEG.
"""

import io
import warnings

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_SIDE = 10_000  # pixels on the long side; refused beyond
MAX_PIXELS = 50_000_000  # a phone's 48-megapixel photo; an A4 page at 600 dpi is 35 M
KEPT_SIDE = 2_400  # pixels on the long side of what is stored
QUALITY = 80


class ScanRejected(ValueError):
    """The picture is not one we accept (the message is for the user)."""


def scan_image_clean(data: bytes) -> bytes:
    """A PNG or JPEG photo or scan, checked and re-encoded as a JPEG no larger than
    KEPT_SIDE (turned upright as the phone recorded it, transparency on white)."""
    try:
        with warnings.catch_warnings():
            # Pillow's own decompression-bomb guard as an error, not a warning.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format not in ("PNG", "JPEG"):
                    raise ScanRejected(_("Upload the scan as a PDF, JPEG or PNG file."))
                width, height = image.size
                if max(width, height) > MAX_SIDE or width * height > MAX_PIXELS:
                    raise ScanRejected(_too_large())
                if image.format == "JPEG":  # decode at a reduced scale: faster, less memory
                    image.draft("RGB", (KEPT_SIDE, KEPT_SIDE))
                image.load()
                image.thumbnail((KEPT_SIDE, KEPT_SIDE), Image.Resampling.LANCZOS)
                clean = _flat(ImageOps.exif_transpose(image))  # small now: cheap to turn
    except ScanRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ScanRejected(_too_large()) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ScanRejected(_("This file is not a readable JPEG or PNG image.")) from error
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=QUALITY, optimize=True)  # pixels only, no metadata
    return out.getvalue()


def _too_large() -> str:
    return _(
        "The picture is too large to keep (at most %(megapixels)s megapixels and %(side)s "
        "pixels a side); scan or photograph the page at a lower resolution."
    ) % {"megapixels": MAX_PIXELS // 1_000_000, "side": f"{MAX_SIDE:,}"}


def scan_image_fits(data: bytes) -> bool:
    """Whether a stored picture is already small enough to draw as it is (header only)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.format in ("PNG", "JPEG") and max(image.size) <= KEPT_SIDE
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return False


def _flat(image: Image.Image) -> Image.Image:
    if image.mode in ("1", "L"):
        return image.convert("L")
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        white = Image.new("RGB", rgba.size, "white")
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    return image.convert("RGB")
