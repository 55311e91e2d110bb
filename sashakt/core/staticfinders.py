"""Serve the Noto Sans Devanagari font from its pip package, small, so no page needs the internet.

The package ships a 640 KB variable TrueType font (every weight from 100 to 900, narrow
widths, Vedic signs, Latin Extended). Pages need Devanagari, Latin-1 and some punctuation at
weights 400-700, normal width: that subset, as WOFF2 (Brotli), is about 90 KB. It is built
with fontTools the first time the static finders are asked for it (first request of a
server that serves from the finders, or `collectstatic`) and kept under the var directory,
named after everything that shapes it, so a new font package or a changed subset rebuilds
it and nobody has to run a step by hand. It is published as static/fonts/NotoSansDevanagari.woff2.

`StaticStorage` is WhiteNoise's compressed, hashed-name storage that still answers before
`collectstatic` has run (the file's plain name, served from the finders) instead of failing.
"""

import fcntl
import hashlib
import logging
import os
import subprocess
import sys
import tempfile
from functools import cache
from importlib.metadata import version
from pathlib import Path
from urllib.parse import unquote, urlsplit

import fontpkg_noto_sans_devanagari
from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage

FONT_FILE = next((Path(fontpkg_noto_sans_devanagari.__file__).parent / "files").glob("*.ttf"))
PUBLISHED_NAME = "NotoSansDevanagari.woff2"
PREFIX = "fonts"


def _span(first: int, last: int) -> list[int]:
    return list(range(first, last + 1))


# What the interface writes: Hindi (the Devanagari block with its danda, digits and
# abbreviation sign), English and names in Latin script with Western European accents,
# dashes, quotes, the rupee sign; ZWJ/ZWNJ and the dotted circle the shaper needs.
SUBSET_UNICODES = (
    _span(0x20, 0x7E)
    + _span(0xA0, 0x17F)
    + _span(0x900, 0x97F)
    + [0x200B, 0x200C, 0x200D, 0x20B9, 0x2122, 0x2212, 0x25CC]
    + _span(0x2010, 0x2027)
    + _span(0x2030, 0x203A)
)
# The stylesheet uses regular (400), semibold (600) and bold (700) at normal width.
SUBSET_AXES = {"wdth": 100, "wght": (400, 700)}


def _build_key() -> str:
    recipe = repr(
        (
            2,  # this builder's version: raise it when font_subset_write changes
            FONT_FILE.name,
            FONT_FILE.stat().st_size,
            version("fontpkg-noto-sans-devanagari"),
            version("fonttools"),
            SUBSET_UNICODES,
            sorted(SUBSET_AXES.items()),
        )
    )
    return hashlib.sha256(recipe.encode()).hexdigest()[:12]


def font_subset_write(target: Path) -> None:
    """Write the WOFF2 subset of the packaged font to `target` (about 2 s of CPU).

    Byte for byte the same on every machine (so every web process agrees on the hashed
    name): the source's timestamp is kept, and the subsetter, whose output order follows
    Python's string hashing, runs in a child process with a fixed hash seed.
    """
    if os.environ.get("PYTHONHASHSEED") != "0":
        subprocess.run(
            [sys.executable, "-m", "sashakt.core.staticfinders", str(target)],
            env={**os.environ, "PYTHONHASHSEED": "0"},
            cwd=Path(__file__).resolve().parents[2],
            check=True,
        )
        return
    from fontTools import subset  # noqa: PLC0415 - fontTools loads only when the font is built
    from fontTools.ttLib import TTFont  # noqa: PLC0415 - fontTools loads only when the font is built
    from fontTools.varLib import instancer  # noqa: PLC0415 - fontTools loads only when the font is built

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # it narrates every table
    font = TTFont(FONT_FILE, recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = ["*"]  # Devanagari shaping needs its conjunct and mark features
    options.hinting = False  # phones ignore TrueType hints; they are a quarter of the file
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep the copyright and the OFL notice
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=SUBSET_UNICODES)
    subsetter.subset(font)
    # Subset first: instancing the whole font trips over glyphs the subset drops.
    font = instancer.instantiateVariableFont(font, SUBSET_AXES)
    font.flavor = "woff2"
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".part", delete=False) as part:
        font.save(part)
    os.chmod(part.name, 0o644)
    os.replace(part.name, target)


@cache
def font_subset_path() -> Path:
    """The built subset, building it once per recipe; safe with several processes at once."""
    target = Path(settings.VAR_DIR) / "fonts" / f"NotoSansDevanagari-{_build_key()}.woff2"
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.parent / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not target.exists():
            font_subset_write(target)
            for stale in target.parent.glob("NotoSansDevanagari-*.woff2"):
                if stale != target:
                    stale.unlink(missing_ok=True)
    return target


class _PublishedNameStorage(FileSystemStorage):
    def path(self, name: str) -> str:
        return str(font_subset_path())


class DevanagariFontFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        self.storage = _PublishedNameStorage(location=str(FONT_FILE.parent))
        self.storage.prefix = PREFIX

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        match = str(font_subset_path()) if path == f"{PREFIX}/{PUBLISHED_NAME}" else None
        if find_all:
            return [match] if match else []
        return match

    def list(self, ignore_patterns):
        yield PUBLISHED_NAME, self.storage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed names from the manifest; the plain name where there is none yet.

    Before `collectstatic` (a fresh clone's `manage.py runserver`, the test suite) there is no
    manifest: pages then link the plain names, which WhiteNoise serves from the finders.
    """

    def stored_name(self, name):
        clean_name = urlsplit(unquote(name)).path.strip()
        if self.hashed_files.get(self.hash_key(clean_name)) is None:
            return name
        return super().stored_name(name)


if __name__ == "__main__":
    font_subset_write(Path(sys.argv[1]))
