"""Uploaded logos and signatures: only PNG or SVG, checked and re-encoded, so what is stored
is an image we wrote, never the uploaded bytes."""

import io
import re
import xml.etree.ElementTree as ET

from defusedxml import ElementTree as SafeET
from django.utils.translation import gettext as _
from fpdf import FPDF
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 3000
MAX_SVG_DEPTH = 24  # levels of nested elements; a logo needs a handful
MAX_SVG_ELEMENTS = 5000
_LENGTH = re.compile(r"([0-9]*\.?[0-9]+)\s*(px|pt|mm|cm|in)?")
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# Drawing elements only: no script, no foreignObject, no external resources.
_SVG_ALLOWED = {
    "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text",
    "tspan", "defs", "linearGradient", "radialGradient", "stop", "clipPath", "use", "title",
    "desc", "style", "symbol",
}  # fmt: skip


class ImageRejected(ValueError):
    """The upload is not an image we accept (the message is for the user)."""


def image_clean(data: bytes) -> tuple[bytes, str]:
    """(re-encoded bytes, "png" or "svg") for an uploaded PNG or SVG."""
    if len(data) > MAX_BYTES:
        raise ImageRejected(_("The image is larger than 2 MB."))
    head = data.lstrip()[:200].lower()
    if head.startswith(b"\x89png"):
        return _png(data), "png"
    if head.startswith(b"<?xml") or head.startswith(b"<svg"):
        return _svg(data), "svg"
    raise ImageRejected(_("Upload a PNG or SVG image."))


def _png(data: bytes) -> bytes:
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != "PNG":
                raise ImageRejected(_("Upload a PNG or SVG image."))
            if max(image.size) > MAX_PIXELS:
                raise ImageRejected(_("The image is larger than 3000 pixels."))
            image.load()
            clean = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ImageRejected(_("This file is not a readable PNG image.")) from error
    out = io.BytesIO()
    clean.save(out, format="PNG", optimize=True)  # pixels only: no text chunks, no metadata
    return out.getvalue()


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _depth_and_count(root) -> tuple[int, int]:
    """How deep the elements nest and how many there are, without recursion."""
    deepest, count, stack = 0, 0, [(root, 1)]
    while stack:
        element, depth = stack.pop()
        count += 1
        deepest = max(deepest, depth)
        if deepest > MAX_SVG_DEPTH or count > MAX_SVG_ELEMENTS:
            break
        stack.extend((child, depth + 1) for child in element)
    return deepest, count


def _length(value: str | None) -> float | None:
    """A width or height in user units or a length fpdf2 reads ("40", "40px", "12mm")."""
    match = _LENGTH.fullmatch((value or "").strip())
    return float(match.group(1)) if match else None


def _sized(root) -> None:
    """Width and height as plain numbers: from the viewBox when missing or in percent (fpdf2
    divides by them when it places the logo); an SVG with neither has no size to draw at."""
    width, height = _length(root.get("width")), _length(root.get("height"))
    if width and height:
        return
    try:
        box = [float(part) for part in (root.get("viewBox") or "").replace(",", " ").split()]
    except ValueError:
        box = []
    if len(box) != 4 or box[2] <= 0 or box[3] <= 0:
        raise ImageRejected(
            _("The SVG image has no size: give its svg element a width and height or a viewBox.")
        )
    root.set("width", f"{box[2]:g}")
    root.set("height", f"{box[3]:g}")


def _svg(data: bytes) -> bytes:
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except Exception as error:  # defusedxml raises several kinds for hostile documents
        raise ImageRejected(_("This file is not a readable SVG image.")) from error
    if _local(root.tag) != "svg":
        raise ImageRejected(_("This file is not a readable SVG image."))
    depth, count = _depth_and_count(root)
    if depth > MAX_SVG_DEPTH or count > MAX_SVG_ELEMENTS:
        raise ImageRejected(
            _(
                "The SVG image is too complicated (at most %(depth)s levels of groups and "
                "%(count)s elements); simplify it or upload it as a PNG."
            )
            % {"depth": MAX_SVG_DEPTH, "count": MAX_SVG_ELEMENTS}
        )
    _sized(root)
    for element in root.iter():
        if _local(element.tag) not in _SVG_ALLOWED:
            raise ImageRejected(_("The SVG image contains something other than drawing."))
        for name, value in element.attrib.items():
            local = _local(name).lower()
            if local.startswith("on"):
                raise ImageRejected(_("The SVG image contains something other than drawing."))
            if local == "href" and not value.startswith("#"):
                raise ImageRejected(_("The SVG image refers to other files; upload it whole."))
        if (
            _local(element.tag) == "style"
            and "url(" in (element.text or "")
            and "#" not in (element.text or "")
        ):
            raise ImageRejected(_("The SVG image refers to other files; upload it whole."))
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    clean = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    try:  # it must also be something the PDF writer can draw: drawn once, as on a page
        trial = FPDF(orientation="L", format="A4")
        trial.add_page()
        trial.image(io.BytesIO(clean), x=16, y=14, h=22, keep_aspect_ratio=True, w=40)
        trial.output()
    except Exception as error:
        raise ImageRejected(_("This SVG image cannot be drawn on a certificate.")) from error
    return clean
