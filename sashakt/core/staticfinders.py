"""Serve the Noto Sans Devanagari font from its pip package, so no page needs the internet.

The package ships a variable font named "NotoSansDevanagari[wdth,wght].ttf"; brackets in
URLs are fragile, so it is published as static/fonts/NotoSansDevanagari.ttf.
"""

from pathlib import Path

import fontpkg_noto_sans_devanagari
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

FONT_FILE = next((Path(fontpkg_noto_sans_devanagari.__file__).parent / "files").glob("*.ttf"))
PUBLISHED = {"NotoSansDevanagari.ttf": FONT_FILE}
PREFIX = "fonts"


class _PublishedNameStorage(FileSystemStorage):
    def path(self, name: str) -> str:
        return str(PUBLISHED[name])


class DevanagariFontFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        self.storage = _PublishedNameStorage(location=str(FONT_FILE.parent))
        self.storage.prefix = PREFIX

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        name = path.removeprefix(PREFIX + "/") if path.startswith(PREFIX + "/") else None
        match = str(PUBLISHED[name]) if name in PUBLISHED else None
        if find_all:
            return [match] if match else []
        return match

    def list(self, ignore_patterns):
        for name in PUBLISHED:
            yield name, self.storage
