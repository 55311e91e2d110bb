"""Legacy Kruti Dev / DevLys text: deciding whether a column was typed in it and decoding a
cell to Unicode Devanagari, marking cells whose Unicode still reads wrong so the cleaners can
refuse them (the registry import's `people.cleaning.refuse_malformed_legacy`)."""

import re
from collections.abc import Iterable

from sashakt.core.text import clean_text, contains_devanagari, krutidev

_WORD_SPLIT = re.compile(r"\s+")
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z .'\-]*$")
_VOWELS = set("aeiouAEIOU")
# In Kruti Dev "q" is the u-sign and "x" is ग: "dkuiqj" (कानपुर), "uxj" (नगर). Romanised
# Hindi almost never writes q without u or x before a consonant.
_KRUTI_PAIRS = re.compile(r"q(?!u)|x(?![aeiou])")


def _plausible_latin(value: str) -> bool:
    """Does this read like a name in Latin script ("Ram Kumar", "KANPUR NAGAR", "ram")?"""
    if not _LATIN_NAME.match(value):
        return False
    for word in _WORD_SPLIT.split(value.replace(".", " ").strip()):
        if not word:
            continue
        letters = [ch for ch in word if ch.isalpha()]
        if word.isupper() or (word[0].isupper() and word[1:].islower()) or len(letters) <= 2:
            continue
        vowels = sum(ch in _VOWELS for ch in letters)
        if not word.islower() or vowels / len(letters) < 0.3 or _KRUTI_PAIRS.search(word):
            return False
    return True


class MalformedLegacyText(str):
    """A Kruti Dev cell whose Unicode still reads wrong: the cleaners refuse it, so the
    row is reported instead of garbled text being saved."""

    problems: list[str] = []


def legacy_decode(value: str) -> str:
    """One cell of a Kruti Dev/DevLys column. Codes, numbers and Latin names typed into
    the column ("BS30", "12", "Ram Kumar") stay as they are."""
    if contains_devanagari(value) or krutidev.is_code_or_number(value):
        return value
    text = krutidev.krutidev_to_unicode(value)
    problems = krutidev.malformed_devanagari(text)
    if not problems:
        return text
    if _plausible_latin(clean_text(value)):
        return value
    text = MalformedLegacyText(text)
    text.problems = problems
    return text


def looks_like_legacy(value: str) -> bool:
    """Kruti Dev/DevLys typing: Latin bytes that decode to well-formed Devanagari and do
    not read as a Latin-script name."""
    value = clean_text(value)
    return not _plausible_latin(value) and krutidev.looks_like_krutidev(value)


def column_is_legacy(values: Iterable) -> bool:
    """Decide for a whole column, so that one odd value never flips a Latin column."""
    texts = []
    for value in values:  # a sample of 200 decides; a 100,000-row column is not read whole
        text = clean_text(value) if isinstance(value, str) else ""
        if text and not krutidev.is_code_or_number(text):
            texts.append(text)
            if len(texts) == 200:
                break
    if not texts or any(contains_devanagari(t) for t in texts):
        return False
    legacy = sum(looks_like_legacy(t) for t in texts)
    return legacy / len(texts) >= 0.6
