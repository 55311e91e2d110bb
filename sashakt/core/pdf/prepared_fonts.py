"""Noto Sans Devanagari prepared once per process, for documents printed by the thousand
(certificates, batch reports).

fpdf2 normally parses the font file for every document, instantiates the variable font's
weight, then subsets and re-compiles the font it embeds: about 70% of a certificate's time.
Here, once per process:
- the variable font is cut to static regular and bold instances holding only Devanagari,
  Latin and punctuation (cached on disk under VAR_DIR/cache);
- HarfBuzz shapes with those files (layout tables kept), while what is embedded is the same
  font without its layout tables (a PDF viewer needs outlines, not shaping rules), compiled
  and zlib-compressed once;
- every document gets a cheap copy of fpdf2's font object sharing that embedding, and
  fpdf2's per-document subsetting and compression are skipped for it (two narrow hooks
  below, inert for every other font, e.g. the joining letters').
A certificate therefore carries the whole reduced font (~60 KB a weight compressed), and
any name in Devanagari or Latin script prints without a missing glyph.

The two hooks replace fpdf2's subsetter and font stream, module globals of `fpdf.output`
that fpdf2 offers no per-document way to change: they are swapped in only while a
`PreparedFontDocument` is being written out (fpdf2's `output_producer_class`, counted across
threads), and only such a document takes these fonts: written out by fpdf2's own subsetter,
the shared font would be cut in place for every document after it.
"""

import copy
import hashlib
import io
import logging
import threading
import zlib
from contextlib import contextmanager
from pathlib import Path

import fpdf.output
from django.conf import settings
from fontTools import subset as ftsubset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer
from fpdf import FPDF
from fpdf.fonts import SubsetMap

from sashakt.core.staticfinders import FONT_FILE

# fontTools narrates every subset at INFO; one certificate is not news.
logging.getLogger("fontTools").setLevel(logging.WARNING)

PREPARED_FONT = "notosansdevanagari"
STYLES = ("", "B")
_UNICODES = [
    *range(0x20, 0x7F),
    *range(0xA0, 0x180),
    *range(0x900, 0x980),
    *(0x200C, 0x200D, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x20B9, 0x25CC),
]
_LAYOUT_TABLES = ("GSUB", "GPOS", "GDEF", "STAT", "DSIG")

_lock = threading.Lock()
fonts_lock = threading.RLock()
_templates: dict[str, object] = {}
# Uncompressed embedding -> its zlib stream, for our fonts only.
_compressed: dict[bytes, bytes] = {}


def _shaping_font_path(style: str) -> Path:
    """A static instance of the variable font with only the characters certificates use."""
    stamp = hashlib.sha1(f"{FONT_FILE.stat().st_size}:{FONT_FILE.name}:1".encode()).hexdigest()
    path = Path(settings.VAR_DIR) / "cache" / f"certificate-font-{stamp[:10]}-{style or 'R'}.ttf"
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
    partial = path.with_name(f"{path.name}.{threading.get_ident()}.tmp")
    font.save(str(partial))
    partial.replace(path)  # atomic: another process may be building the same file
    return path


def _embedding(path: Path) -> TTFont:
    """The font fpdf2 embeds: same glyphs and ids, no layout tables; saved once."""
    font = TTFont(str(path), recalcTimestamp=False)
    for tag in _LAYOUT_TABLES:
        if tag in font:
            del font[tag]
    buffer = io.BytesIO()
    font.save(buffer)
    data = buffer.getvalue()
    _compressed[data] = zlib.compress(data)
    font.sashakt_whole = True  # seen by _WholeFontSubsetter
    font.save = lambda file, *args, **kwargs: file.write(data)
    return font


def _template(style: str):
    with _lock:
        if style not in _templates:
            path = _shaping_font_path(style)
            factory = FPDF()
            factory.add_font(PREPARED_FONT, style, str(path))
            font = factory.fonts[PREPARED_FONT + style]
            font.hbfont  # noqa: B018 - HarfBuzz's face, built now and shared by every copy
            font.ttfont = _embedding(path)
            font.i = STYLES.index(style) + 1  # as in every document: /F1 regular, /F2 bold
            _templates[style] = font
        return _templates[style]


def fonts_install(pdf: "PreparedFontDocument") -> None:
    """Give `pdf` (with no other font) the prepared fonts, as /F1 and /F2."""
    _refuse_other_documents(pdf)
    assert not pdf.fonts
    with fonts_lock:
        for style in STYLES:
            # The copy shares the font file and copies the map of glyphs to codes, so codes
            # that static_layer() gave to glyphs are the same in every document.
            pdf.fonts[PREPARED_FONT + style] = _clone(_template(style))


def _clone(template):
    """What fpdf2's deepcopy gives, faster: the font's tables are read-only after loading
    (shared); the map of glyphs to codes and the missing glyphs are per document."""
    font = copy.copy(template)
    font.missing_glyphs = list(template.missing_glyphs)
    subset = SubsetMap.__new__(SubsetMap)
    subset.__dict__.update(template.subset.__dict__)
    subset.font = font
    subset._reserved = list(template.subset._reserved)
    subset._char_id_per_glyph = dict(template.subset._char_id_per_glyph)  # Glyphs: immutable
    font.subset = subset
    return font


def fonts_install_shared(pdf: "PreparedFontDocument") -> None:
    """Draw with the templates themselves (only under fonts_lock): every glyph used gets
    its code in all later documents' fonts."""
    _refuse_other_documents(pdf)
    for style in STYLES:
        pdf.fonts[PREPARED_FONT + style] = _template(style)


def fonts_warm() -> None:
    for style in STYLES:
        _template(style)


class _WholeFontSubsetter(ftsubset.Subsetter):
    """fpdf2 subsets each embedded font in place; ours is embedded whole, unchanged."""

    def populate(self, *args, **kwargs):
        self._populate_args = (args, kwargs)

    def subset(self, font):
        if getattr(font, "sashakt_whole", False):
            return
        args, kwargs = self._populate_args
        super().populate(*args, **kwargs)
        super().subset(font)


class _FontStream(fpdf.output.PDFFontStream):
    """fpdf2 compresses the embedded font for every document; ours is compressed once."""

    def __init__(self, contents: bytes) -> None:
        cached = _compressed.get(contents)
        if cached is None:
            super().__init__(contents)
            return
        fpdf.output.PDFContentStream.__init__(self, contents=b"")
        self._contents = cached
        self.filter = fpdf.output.Name("FlateDecode")
        self.length = len(cached)
        self.length1 = len(contents)


class _SubsetModule:
    """Stands in for fontTools.subset inside fpdf.output only."""

    Options = ftsubset.Options
    Subsetter = _WholeFontSubsetter


_ORIGINALS = (fpdf.output.ftsubset, fpdf.output.PDFFontStream)
_hooks_lock = threading.Lock()
_writers = 0  # prepared-font documents being written out now, in any thread


@contextmanager
def _whole_font_hooks():
    """fpdf.output's subsetter and font stream replaced while the block runs. A document
    with other fonts written out meanwhile (another thread) sees hooks inert for its fonts."""
    global _writers
    with _hooks_lock:
        if _writers == 0:
            fpdf.output.ftsubset, fpdf.output.PDFFontStream = _SubsetModule, _FontStream
        _writers += 1
    try:
        yield
    finally:
        with _hooks_lock:
            _writers -= 1
            if _writers == 0:
                fpdf.output.ftsubset, fpdf.output.PDFFontStream = _ORIGINALS


class _WholeFontOutputProducer(fpdf.output.OutputProducer):
    def bufferize(self):
        with _whole_font_hooks():
            return super().bufferize()


class PreparedFontDocument(FPDF):
    """An fpdf2 document that may take the prepared fonts, and is written out with them
    embedded whole (see above)."""

    def output(self, *args, **kwargs):
        kwargs.setdefault("output_producer_class", _WholeFontOutputProducer)
        return super().output(*args, **kwargs)


def _refuse_other_documents(pdf: FPDF) -> None:
    if not isinstance(pdf, PreparedFontDocument):
        raise TypeError("The prepared fonts go only into a PreparedFontDocument.")
