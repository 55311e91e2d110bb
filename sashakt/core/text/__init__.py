"""The text kit: helpers shared by every app that matches what people type.

Here: cleaning and matching keys, typed numbers and ids, mobile numbers, a name in the page's
script. Beside it, for Devanagari and Latin script:
- `translit`: names across the two scripts, and phonetic keys that match their spellings
  (with its data, `translit_tables`);
- `krutidev`: text typed in the legacy Kruti Dev / DevLys fonts, into Unicode (with its map,
  `krutidev_map`); `legacy_text`: whether a column was typed so, and decoding its cells.
"""

import re
import unicodedata

from django.utils.translation import get_language

_NUKTA = "\u093c"
_CHANDRABINDU = "\u0901"
_ANUSVARA = "\u0902"
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff"))
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


# The largest id a database integer column holds (PostgreSQL's integer, SQLite alike).
_MAX_ID = 2**31 - 1


def typed_number(value, *, minimum: int = 0, maximum: int = _MAX_ID) -> int | None:
    """The whole number in a query or form value, or None when it is not one within
    [minimum, maximum]. The one way Sashakt reads a number someone typed or an address holds:
    only ASCII digits ("²" and "١٢" pass str.isdigit() but int() refuses them or reads
    another number), no sign, no spaces, and at most as many digits as the maximum has (a
    30-digit number crashes SQLite's integer binding; a 5,000-digit one is slow to convert)."""
    text = value if isinstance(value, str) else ""
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(maximum)):
        return None
    number = int(text)
    return number if minimum <= number <= maximum else None


def typed_id(value) -> int | None:
    """The record id in a query or form value (a positive database integer), or None."""
    return typed_number(value, minimum=1)


def clean_text(value) -> str:
    """Unicode-normalised, zero-width characters removed, runs of spaces folded."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if not text.isascii():  # ASCII is already NFC and has no zero-width characters
        text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    # Most values are clean already: the only whitespace str.isprintable() lets through is
    # the ASCII space, so printable text without a doubled, leading or trailing space would
    # come back unchanged from the split and join (an import calls this a million times).
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def match_key(value) -> str:
    """A key under which spellings that people treat as the same compare equal.

    "Kanpur  Nagar", "KANPUR NAGAR" and "kanpur-nagar" share one key; so do the Hindi
    spellings with and without nukta (ग़ाज़ीपुर / गाजीपुर) or chandrabindu (बाँदा / बांदा).
    """
    text = unicodedata.normalize("NFC", clean_text(value)).casefold()
    text = text.replace(_NUKTA, "").replace(_CHANDRABINDU, _ANUSVARA)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch) or "\u0900" <= ch <= "\u097f")
    return _NOT_WORD.sub("", unicodedata.normalize("NFC", text))


_WORD_BREAK = re.compile(r"[\s,;:/|()\[\]\-\u2013\u2014]+")


def words_key(value) -> str:
    """A key that ignores the order of the words and the punctuation between them:
    "प्रमुख, क्षेत्र पंचायत", "क्षेत्र पंचायत प्रमुख" and "Pramukh (Kshetra Panchayat)"
    are one key per script. Each word is compared as `match_key` compares it."""
    words = (match_key(word) for word in _WORD_BREAK.split(clean_text(value)))
    return " ".join(sorted(word for word in words if word))


def display_case(lgd_name: str) -> str:
    """LGD's UPPER CASE names in title case ("KANPUR NAGAR" -> "Kanpur Nagar")."""
    return " ".join(word.capitalize() for word in clean_text(lgd_name).split(" "))


_DEVANAGARI = re.compile("[\u0900-\u097f]")


def contains_devanagari(value: str) -> bool:
    return value is not None and _DEVANAGARI.search(value) is not None


_MOBILE_DIGITS = re.compile(r"\D+")


def normalise_mobile(value) -> str | None:
    """Ten-digit Indian mobile number, or None if `value` is not one.

    Accepts what people and spreadsheets produce: "+91 98390 12345", "09839012345",
    "919839012345", "98390-12345" and Excel's float "9839012345.0".
    """
    if value is None:
        return None
    if value.__class__ is str and len(value) == 10 and value.isascii() and value.isdigit():
        return value if value[0] in "6789" else None  # already ten digits: nothing to strip
    if isinstance(value, float):
        if not value.is_integer():
            return None
        value = int(value)
    text = clean_text(value)
    if text.endswith(".0"):
        text = text[:-2]
    digits = _MOBILE_DIGITS.sub("", text)
    if len(digits) == 12 and digits.startswith("91"):
        digits = digits[2:]
    elif len(digits) == 11 and digits.startswith("0"):
        digits = digits[1:]
    if len(digits) == 10 and digits[0] in "6789":
        return digits
    return None


def localized(hindi: str, english: str) -> str:
    """The text for the interface language, falling back to the other language's text when
    the wanted one is empty (content typed in one language still shows)."""
    wanted, other = (hindi, english) if get_language() == "hi" else (english, hindi)
    return wanted or other or ""


def _is_devanagari(text: str) -> bool:
    return any("\u0900" <= ch <= "\u097f" for ch in text)


def name_in_script(name: str, name_alt: str) -> tuple[str, str]:
    """(shown, original): Devanagari on Hindi pages, Latin on English ones, from a name and
    its rendering in the other script; `original` is set when the shown one is not it."""
    hindi_page = get_language() == "hi"
    if not name_alt or _is_devanagari(name) == hindi_page:
        return name, ""
    return name_alt, name
