"""Place names as people write them, folded to keys that compare equal.

Pure text functions (no database): the registry importer and the geography loaders use the
same key, so "12 - कादीपुर", "कादीपुर" and "KADIPUR" meet where they should.

Sheets write blocks and gram panchayats with the State Election Commission's serial prefix
("72 - रसूलपुर"), with or without nukta (ड़/ड), with anusvara, chandrabindu or a half nasal
(बांदा, बाँदा, बान्दा), with ॉ for ाँ (legacy fonts), long or short i/u, and doubled
matras from typing. `place_key` folds all of these; within one district the folded keys of
different places hardly ever collide, and where they do the caller is told (never guessed).
"""

import re
import unicodedata
from functools import lru_cache

from sashakt.core.text import clean_text

SERIAL_PREFIX = re.compile(r"^\s*[0-9\u0966-\u096f]+\s*[-\u2013\u2014.):/]\s*")
_PARENTHESES = re.compile(r"\(([^)]*)\)")
# Words that say what kind of place it is, not which one.
_PLACE_WORDS = re.compile(
    r"^(?:ग्राम\s*पंचायत|ग्राम\s*सभा|ग्राम|ग्रा\.?\s*पं\.?|विकास\s*खण्ड|विकास\s*खंड|"
    r"क्षेत्र\s*पंचायत|ब्लॉक|gram\s*panchayat|gram\s*sabha|g\.?\s*p\.?|village|block|"
    r"vikas\s*khand|kshetra\s*panchayat)\s*[-:.]?\s+",
    re.IGNORECASE,
)
_NUKTA = "\u093c"
_VIRAMA = "\u094d"
_NASAL_SIGNS = "\u0901\u0902"  # chandrabindu, anusvara
_NASAL_CONSONANTS = "ङञणनम"
_FOLD = str.maketrans(
    {
        "\u0949": "\u093e",  # ॉ (legacy fonts print it for ाँ) -> ा
        "\u0940": "\u093f",  # ी -> ि
        "\u0942": "\u0941",  # ू -> ु
        "\u0908": "\u0907",  # ई -> इ
        "\u090a": "\u0909",  # ऊ -> उ
        "\u0911": "\u0906",  # ऑ -> आ
        **{chr(0x0966 + n): str(n) for n in range(10)},
    }
)
_HALF_NASAL = re.compile(f"[{_NASAL_CONSONANTS}]{_VIRAMA}(?=[\u0915-\u0939])")
_DOUBLED_MARK = re.compile(r"([\u093e-\u094c])\1+")


def strip_serial_prefix(text) -> str:
    """ "12 - कादीपुर" -> "कादीपुर" (the SEC's serial numbers in front of places)."""
    return SERIAL_PREFIX.sub("", clean_text(text))


def strip_place_words(text) -> str:
    """ "12 - ग्राम पंचायत रसूलपुर" -> "रसूलपुर": the serial prefix and the words that say what
    kind of place it is, for matchers that compare whole names (the phonetic key)."""
    return _PLACE_WORDS.sub("", strip_serial_prefix(text))


_NOT_ASCII_ALNUM = re.compile(r"[^a-z0-9]+")


def place_key(text) -> str:
    """One key for the spellings of a place name that people treat as the same."""
    if isinstance(text, str) and text.isascii():  # most names: LGD's English
        value = _PLACE_WORDS.sub("", SERIAL_PREFIX.sub("", text.strip()))
        return _NOT_ASCII_ALNUM.sub("", value.lower())
    value = strip_serial_prefix(text)
    value = _PLACE_WORDS.sub("", value)
    value = unicodedata.normalize("NFD", value).replace(_NUKTA, "")
    value = unicodedata.normalize("NFC", value).casefold()
    value = _HALF_NASAL.sub("", value)
    value = value.translate(_FOLD)
    value = "".join(ch for ch in value if ch not in _NASAL_SIGNS)
    value = _DOUBLED_MARK.sub(r"\1", value)
    return "".join(ch for ch in value if unicodedata.category(ch)[0] in "LMN")


def place_name_variants(text) -> tuple[str, ...]:
    """The keys a place may be written under: its whole name, the name without a
    parenthesised part and the parenthesised part alone ("KON (CHILH)", "PRATAPGARH
    (SADAR)")."""
    if isinstance(text, str) and text.isascii():
        # Case never changes an ASCII name's keys: LGD's "KADIPUR", its display "Kadipur"
        # and a typed "kadipur" share one cached entry.
        text = text.lower()
    return _place_name_variants(text)


@lru_cache(maxsize=262_144)
def _place_name_variants(text) -> tuple[str, ...]:
    value = text if isinstance(text, str) else clean_text(text)
    keys = [place_key(value)]
    inner = _PARENTHESES.findall(value)
    if inner:
        keys.append(place_key(_PARENTHESES.sub(" ", value)))
        keys.extend(place_key(part) for part in inner)
    return tuple(key for key in dict.fromkeys(keys) if key)
