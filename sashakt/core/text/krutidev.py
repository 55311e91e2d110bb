"""Kruti Dev 010 / DevLys 010 text, as district offices still type it, into Unicode.

A legacy font draws Devanagari glyphs in the slots of Latin letters, so a typist's file
holds keystrokes ("oekZ") rather than letters (वर्मा). Converting is a mapping table
(`krutidev_map.py`) plus two reorderings that the table cannot express, because the
glyph order on screen is not the Unicode order:

- ि is typed *before* the consonant cluster it belongs to: "f'ko" -> शिव, "fLFkfr" ->
  स्थिति, "eqf[k;k" -> मुखिया. It moves past the whole cluster (half letters included).
- the reph is typed *after* the syllable it crowns: "oekZ" -> वर्मा, "/kesZUnz" ->
  धर्मेन्द्र, "dhfrZ" -> कीर्ति. र् moves before that syllable's cluster, past any
  signs typed after the consonant.

Whatever still reads wrong after conversion (a sign with no consonant, a doubled
halant...) is reported by `malformed_devanagari` so the importer can refuse the cell
instead of saving garbled text.
"""

import re
import unicodedata

from sashakt.core.text.krutidev_map import (
    DEVLYS_EXTRA,
    HALF_FORMS,
    I_SIGN,
    I_SIGN_ANUSVARA,
    I_SIGN_REPH,
    KRUTIDEV,
    REPH,
    TYPIST_FIXES,
)

_TABLE = {**KRUTIDEV, **DEVLYS_EXTRA}
_LONGEST_KEY = max(len(key) for key in _TABLE)
_HALANT = "\u094d"
_NUKTA = "\u093c"
_HALF_VALUES = set(HALF_FORMS.values())

_CONSONANT = "[\u0915-\u0939\u0958-\u095f]\u093c?"
_CLUSTER = f"(?:{_CONSONANT}{_HALANT})*{_CONSONANT}"
_SIGNS = "\u093e-\u094c\u0901-\u0903\u0945\u0949\u0962\u0963"  # vowel signs, ं ँ ः
_I_SIGN_BEFORE = re.compile(f"([{I_SIGN}{I_SIGN_REPH}{I_SIGN_ANUSVARA}])({_CLUSTER})")
_REPH_AFTER = re.compile(f"({_CLUSTER})([{_SIGNS}]*){REPH}")


def _keystrokes_to_letters(text: str) -> str:
    """Longest-match lookup, keeping the ि and reph keys as markers."""
    out = []
    i = 0
    while i < len(text):
        for size in range(min(_LONGEST_KEY, len(text) - i), 0, -1):
            key = text[i : i + size]
            if key in _TABLE:
                letters = _TABLE[key]
                i += size
                # A half letter followed by the vertical bar "k" is the full letter:
                # "'k" is श, "Fk" is थ, "{k" is क्ष.
                if letters in _HALF_VALUES and text[i : i + 1] == "k":
                    letters = letters[:-1]
                    i += 1
                # The nukta typed between a half letter and its bar ("[+k" is ख़), or
                # on the half letter itself ("¶+" is फ़्): the nukta sits on the consonant.
                elif letters in _HALF_VALUES and text[i : i + 2] == "+k":
                    letters = letters[:-1] + _NUKTA
                    i += 2
                elif letters in _HALF_VALUES and text[i : i + 1] == "+":
                    letters = letters[:-1] + _NUKTA + _HALANT
                    i += 1
                out.append(letters)
                break
        else:
            out.append(text[i])  # digits, spaces and anything the font does not redraw
            i += 1
    return "".join(out)


def _place_i_sign(match: re.Match) -> str:
    marker, cluster = match.groups()
    if marker == I_SIGN_REPH:
        return "र" + _HALANT + cluster + "\u093f"
    if marker == I_SIGN_ANUSVARA:
        return cluster + "\u093f\u0902"
    return cluster + "\u093f"


def krutidev_to_unicode(text: str) -> str:
    """Kruti Dev 010 (or DevLys 010) keystrokes to NFC Unicode Devanagari. Codes and
    numbers inside the text ("xzke iapk;r BS30") are kept as typed."""
    if not text:
        return ""
    # ि and the reph never reach across a space, so each word converts on its own.
    words = re.split(r"(\s+)", text)
    return "".join(
        word
        if not word.strip() or is_code_or_number(word)
        else _LONE_MARKS.get(word) or _convert_hyphenated(word)
        for word in words
    )


# A "-" or ":" standing alone between words is the typist's own punctuation, not the
# font's "." and रू keys.
_LONE_MARKS = {"-": "-", ":": ":", "&": "-"}
_SYLLABLE_BASE = re.compile(f"[\u0904-\u0939\u0958-\u0961](?!{_HALANT})")


def _convert_hyphenated(word: str) -> str:
    """The "-" key is the font's full stop ("MkW-" डॉ., initials "ds-ih-" के.पी.); between
    two longer parts of a name typists mean a hyphen ("jke-dqekj" राम-कुमार)."""
    if "-" not in word.strip("-"):
        return _convert_word(word)
    parts = word.split("-")
    converted = [_convert_word(part) if part else "" for part in parts]
    out = converted[0]
    for before, after in zip(converted, converted[1:], strict=False):
        initial = len(_SYLLABLE_BASE.findall(before)) <= 1
        out += ("." if initial or not after else "-") + after
    return out


def _convert_word(text: str) -> str:
    letters = _keystrokes_to_letters(text)
    letters = letters.replace(REPH + REPH, REPH)  # a reph typed twice
    letters = _I_SIGN_BEFORE.sub(_place_i_sign, letters)
    # ि with nothing to sit on stays where it is; malformed_devanagari reports it.
    letters = letters.replace(I_SIGN_REPH, "र्\u093f").replace(I_SIGN_ANUSVARA, "\u093f\u0902")
    letters = letters.replace(I_SIGN, "\u093f")
    letters = _REPH_AFTER.sub(lambda m: "र" + _HALANT + m.group(1) + m.group(2), letters)
    letters = letters.replace(REPH, "र" + _HALANT)
    for typed, meant in TYPIST_FIXES:
        letters = letters.replace(typed, meant)
    letters = _TRA_WITH_BAR.sub("त्र", letters).replace("त्र\u093f\u093e", "त्र\u093f")
    letters = _NUKTA_AFTER_SIGN.sub(r"\1" + _NUKTA + r"\2", letters)
    return unicodedata.normalize("NFC", letters)


# Typists' "=k" for त्र (the one-key त्र completed with the bar like a half letter): a sign
# after it ("=kh" त्री, "=kk" त्रा, "f=k" त्रि) shows the bar was not the ा.
_TRA_WITH_BAR = re.compile("त्रा(?=[\u093e-\u0944])")
# The nukta typed after the vowel sign ("Qk+" for फ़ा) belongs to the consonant.
_NUKTA_AFTER_SIGN = re.compile(f"([कखगजडढफ])([{_SIGNS}]+){_NUKTA}")


# --- Which cells are Kruti Dev ----------------------------------------------------------

# Numbers, dates, mobile numbers, and codes in capitals with digits ("BS30", "UP-78",
# "GP/12") are typed the same in every font: a Kruti Dev column keeps them as they are.
_NUMBER = re.compile(r"^[\d\s.,:;/\\()#+\-]*$")
_CODE = re.compile(r"^(?=.*\d)[A-Z0-9][A-Z0-9\s./\\_:#()\-]*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_LATIN_LETTER = re.compile("[A-Za-z]")


def is_code_or_number(text: str) -> bool:
    text = " ".join(str(text).split())
    return bool(_NUMBER.match(text) or _CODE.match(text) or _EMAIL.match(text))


def looks_like_krutidev(text: str) -> bool:
    """Could this one cell be Kruti Dev keystrokes? (Latin letters that convert to
    well-formed Devanagari; never a number, a code or Devanagari already.)"""
    text = " ".join(str(text or "").split())
    if not text or is_code_or_number(text) or not _LATIN_LETTER.search(text):
        return False
    if any("\u0900" <= ch <= "\u097f" for ch in text):
        return False
    return not malformed_devanagari(krutidev_to_unicode(text))


def column_looks_like_krutidev(values, *, share: float = 0.6, sample: int = 200) -> bool:
    """Decide for a whole column on its text cells: codes and numbers do not vote."""
    votes = []
    for value in values:
        if not isinstance(value, str) or not value.strip() or is_code_or_number(value):
            continue
        if any("\u0900" <= ch <= "\u097f" for ch in value):
            return False  # a column already in Unicode
        votes.append(looks_like_krutidev(value))
        if len(votes) == sample:
            break
    return bool(votes) and sum(votes) / len(votes) >= share


# --- What still reads wrong after conversion ---------------------------------------------

_VOWEL_SIGNS = "\u093e-\u094c\u0945\u0949"
_MALFORMED = [
    ("doubled_halant", re.compile(f"{_HALANT}{_HALANT}")),
    ("halant_before_sign", re.compile(f"{_HALANT}[{_SIGNS}\u093c]")),
    ("sign_at_word_start", re.compile(f"(?:^|[^\u0900-\u097f])[{_SIGNS}\u093c{_HALANT}]")),
    ("sign_after_vowel", re.compile(f"[\u0904-\u0914][{_VOWEL_SIGNS}\u093c{_HALANT}]")),
    ("two_vowel_signs", re.compile(f"[{_VOWEL_SIGNS}][{_VOWEL_SIGNS}]")),
    ("sign_after_anusvara", re.compile(f"[\u0901-\u0903][{_VOWEL_SIGNS}\u093c{_HALANT}]")),
    ("nukta_after_sign", re.compile(f"[{_SIGNS}]\u093c")),
    # A reph with no syllable to sit on; other word-final halants are real (श्रीमान्).
    ("stray_reph", re.compile(f"\u0930{_HALANT}(?:$|[^\u0900-\u097f])")),
    ("danda_inside_text", re.compile("\u0964(?=.*[\u0900-\u0963])")),
]


def malformed_devanagari(text: str) -> list[str]:
    """Codes of what cannot be correct Hindi spelling in `text` (empty when it reads
    well): a halant before a vowel sign, a doubled halant, a sign after a space, etc."""
    text = unicodedata.normalize("NFC", text or "")
    return [code for code, pattern in _MALFORMED if pattern.search(text)]
