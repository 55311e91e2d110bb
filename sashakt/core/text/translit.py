"""Names across Devanagari and Latin script.

District lists arrive in both scripts and LGD's geography has English names only, so a block
typed as बिल्हौर must meet BILHAUR, and a person registered as "राम कुमार" must be found by
someone typing "Ram Kumar". Three tools:

- `devanagari_to_latin("राम कुमार") == "Ram Kumar"`: the spelling people use in English
  (inherent vowels dropped where Hindi drops them), not a scholarly transliteration.
- `latin_to_devanagari("Sunita Verma") == "सुनीता वर्मा"`: a dictionary of common name
  words, and spelling rules for the rest.
- `phonetic_key(text)`: one key for the spellings people treat as the same, in either
  script: BILHAUR / बिल्हौर, Verma / Varma / वर्मा, Srivastava / Shrivastav. It drops the
  short vowels (which English spellings of Hindi add or leave out at will), aspiration and
  doubled letters, and keeps consonants and long vowels, so Kanpur Nagar and Kanpur Dehat
  still differ.

The letter tables and the dictionary of name words are data, in `translit_tables.py`.
"""

import re
import unicodedata
from functools import lru_cache
from itertools import groupby

from sashakt.core.text import clean_text, contains_devanagari
from sashakt.core.text.translit_tables import (
    ANUSVARA,
    CHANDRABINDU,
    COMMON_WORDS,
    CONSONANT_OF,
    CONSONANTS,
    DIGITS,
    KEEPS_FINAL_A_AFTER_CLUSTER,
    LABIALS,
    LATIN_OF,
    LATIN_TOKEN,
    NUKTA,
    VIRAMA,
    VISARGA,
    VOWEL_OF,
    VOWEL_SIGNS,
    VOWELS,
    WITH_NUKTA,
)

# --- Devanagari to Latin ---------------------------------------------------------------


class _Unit:
    """A consonant with its vowel, or a vowel on its own, while a word is read."""

    __slots__ = ("latin", "vowel", "inherent", "consonant", "nasal", "after")

    def __init__(self, latin: str, *, consonant: bool, vowel: str = ""):
        self.latin = latin
        self.consonant = consonant
        self.vowel = vowel
        self.inherent = consonant  # carries the short "a" until a sign or virama says not
        self.nasal = False
        self.after = ""

    def has_vowel(self) -> bool:
        return self.inherent or bool(self.vowel)


def _units(word: str) -> list[_Unit]:
    units: list[_Unit] = []
    base = ""
    for ch in unicodedata.normalize("NFD", word):
        last = units[-1] if units else None
        if ch in CONSONANTS:
            units.append(_Unit(CONSONANTS[ch], consonant=True))
            base = ch
        elif ch == NUKTA and last is not None and last.consonant:
            last.latin = WITH_NUKTA.get(base, last.latin)
        elif ch in VOWEL_SIGNS and last is not None and last.consonant:
            last.inherent, last.vowel = False, VOWEL_SIGNS[ch]
        elif ch == VIRAMA and last is not None and last.consonant:
            last.inherent, last.vowel = False, ""
        elif ch in VOWELS:
            units.append(_Unit("", consonant=False, vowel=VOWELS[ch]))
        elif ch in (ANUSVARA, CHANDRABINDU) and last is not None:
            last.nasal = True
        elif ch == VISARGA and last is not None:
            last.after += "h"
        elif ch in DIGITS:
            units.append(_Unit(DIGITS[ch], consonant=False))
        elif ch in "\u200c\u200d":
            continue
        else:
            units.append(_Unit(ch, consonant=False))
    return units


def _drop_silent_vowels(units: list[_Unit]) -> None:
    """Hindi leaves most inherent vowels unsaid: at the end of a word, and between a vowel
    and a consonant that has its own vowel (कमला kamla, not kamala). Read right to left, as
    each dropped vowel changes what its left neighbour sees."""
    consonants = [u for u in units if u.consonant or u.vowel]
    if len(consonants) < 2:
        return
    last = units[-1]
    if last.consonant and last.inherent and not last.nasal:
        before = units[-2]
        after_cluster = before.consonant and not before.has_vowel()
        if not (after_cluster and last.latin in KEEPS_FINAL_A_AFTER_CLUSTER):
            last.inherent = False
    for index in range(len(units) - 2, 0, -1):
        unit, before, after = units[index], units[index - 1], units[index + 1]
        if (
            unit.consonant
            and unit.inherent
            and not unit.nasal
            and before.has_vowel()
            and after.consonant
            and after.has_vowel()
        ):
            unit.inherent = False


def _word_to_latin(word: str) -> str:
    units = _units(word)
    _drop_silent_vowels(units)
    out = []
    for index, unit in enumerate(units):
        latin = unit.latin
        if (
            latin == "v"
            and index
            and units[index - 1].consonant
            and not units[index - 1].has_vowel()
        ):
            latin = "w"  # after a consonant व is said w: Ishwar, Dwivedi, Swami
        out.append(latin)
        vowel = "a" if unit.inherent else unit.vowel
        out.append(vowel)
        if unit.nasal:
            following = units[index + 1].latin if index + 1 < len(units) else ""
            out.append("m" if following in LABIALS else "n")
        out.append(unit.after)
    text = "".join(out)
    # गाँव is "gaon" in every English spelling of a place name (Bhitargaon).
    return re.sub(r"anv$", "aon", text)


@lru_cache(maxsize=65536)
def _devanagari_word(word: str) -> str:
    known = LATIN_OF.get(word)
    if known:
        return known
    return _word_to_latin(word)


def devanagari_to_latin(text: str) -> str:
    """English spelling of Devanagari words: "राम कुमार" -> "Ram Kumar".

    Latin parts of mixed text are kept as they are.
    """
    words = []
    for word in clean_text(text).split(" "):
        if contains_devanagari(word):
            latin = _devanagari_word(word)
            words.append(latin[:1].upper() + latin[1:])
        else:
            words.append(word)
    return " ".join(words)


# --- Latin to Devanagari ---------------------------------------------------------------


@lru_cache(maxsize=65536)
def _latin_word(word: str) -> str:
    known = COMMON_WORDS.get(word)
    if known:
        return known
    tokens = LATIN_TOKEN.findall(word)
    if "".join(tokens) != word:
        return ""  # letters the rules do not know: better no rendering than a wrong one
    out = []
    previous_consonant = False
    for index, token in enumerate(tokens):
        is_last = index == len(tokens) - 1
        following = tokens[index + 1] if not is_last else ""
        if token == "y" and is_last and previous_consonant:
            out.append("ी")  # City, Shanty: a final y after a consonant is a vowel
            continue
        if token in CONSONANT_OF:
            if previous_consonant:
                out.append(VIRAMA)
            if (
                (token == "n" or (token == "m" and following in ("p", "ph", "b", "bh")))
                and previous_consonant is False
                and following in CONSONANT_OF
                and following not in ("y", "r", "v", "w", "h")
                and index
            ):
                out.append(ANUSVARA)  # Anand आनंद, Shankar शंकर
                previous_consonant = False
                continue
            out.append(CONSONANT_OF[token])
            previous_consonant = True
            continue
        letter, sign = VOWEL_OF[token]
        if token == "a" and is_last and previous_consonant:
            sign = "ा"  # Sunita, Verma: a final "a" is long
        if token == "i" and is_last and previous_consonant:
            sign = "ी"  # Devi, Tiwari
        out.append(sign if previous_consonant else letter)
        previous_consonant = False
    return "".join(out)


_LATIN_WORD_BREAK = re.compile(r"[\s()/,]+")
_LATIN_MARKS = re.compile(r"[.'\-]")


def latin_to_devanagari(text: str) -> str:
    """Devanagari for Latin text ("Sunita Verma" -> "सुनीता वर्मा"); "" for letters outside a-z."""
    words = []
    for word in _LATIN_WORD_BREAK.split(clean_text(text).casefold()):
        letters = _LATIN_MARKS.sub("", word)
        if not letters:
            continue
        hindi = _latin_word(letters)
        if not hindi:
            return ""
        words.append(hindi)
    return " ".join(words)


def other_script(text: str) -> str:
    """The name in the script it was not written in ("" if the rules cannot tell)."""
    text = clean_text(text)
    if not text:
        return ""
    if contains_devanagari(text):
        return devanagari_to_latin(text)
    return latin_to_devanagari(text)


# --- Phonetic key ----------------------------------------------------------------------

_KEY_STEPS = [
    (re.compile(r"chh|ch"), "C"),
    (re.compile(r"sh"), "s"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"ck|c|q"), "k"),
    (re.compile(r"C"), "c"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"z"), "j"),
    (re.compile(r"w"), "v"),
    (re.compile(r"ee|ii|iy|y$"), "i"),  # Amariya / Amaria
    (re.compile(r"oo|uu"), "u"),
    (re.compile(r"au|ou"), "o"),
    (re.compile(r"ai|ei|[ae]y$"), "e"),  # Pandey / Pande, but Kasaya keeps its y
    # Short vowels come and go in English spellings (Balaha / Balha, Varma / Verma).
    (re.compile(r"(?<=.)[ae]"), ""),
    # Anusvara: रामनगर is typed with m or n, and ं before a consonant reads as n.
    (re.compile(r"m(?=[^aeiouy])"), "n"),
    # Aspiration: Bhitargaon / Bitargaon; also an h left beside a consonant by a vowel
    # dropped above (Balaha / Balha).
    (re.compile(r"([bcdfgjklmnprstv])h"), r"\1"),
]
_NOT_LATIN = re.compile(r"[^a-z]")


@lru_cache(maxsize=131072)
def _word_key(word: str) -> str:
    if contains_devanagari(word):
        word = _devanagari_word(word)
    word = unicodedata.normalize("NFKD", word.casefold())
    word = _NOT_LATIN.sub("", word)
    for pattern, replacement in _KEY_STEPS:
        word = pattern.sub(replacement, word)
    return word


_WORD_BREAK = re.compile(r"[\s\-_.,/()]+")


@lru_cache(maxsize=262_144, typed=True)
def phonetic_key(text) -> str:
    """One key for spellings of a name people treat as the same, in either script.

    Cached for the process: every import of a worker keys the same 57,695 LGD gram
    panchayat names again, and the same people's names."""
    key = "".join([_word_key(word) for word in _WORD_BREAK.split(clean_text(text)) if word])
    # A run of one letter counts once (groupby: no regex call per run).
    return "".join([letter for letter, _run in groupby(key)])


# --- Place names: a key that keeps the vowels, and the forms scored ------------------------

# Spelling habits of one sound, not the vowels themselves: बहेरा (Bahera) and बारा (Bara)
# must stay apart, as phonetic_key's dropped vowels did not keep them.
_PLACE_STEPS = [
    (re.compile(r"chh|ch"), "C"),
    (re.compile(r"sh"), "s"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"ck|c|q"), "k"),
    (re.compile(r"C"), "c"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"z"), "j"),
    (re.compile(r"w"), "v"),
    (re.compile(r"ee|ii|iy|y$"), "i"),
    (re.compile(r"oo|uu"), "u"),
    (re.compile(r"au|ou"), "o"),
    (re.compile(r"ai|ei"), "e"),
    (re.compile(r"aa"), "a"),
    # Aspiration after a consonant comes and goes in English spellings (Bhitargaon /
    # Bitargaon); an h after a vowel is a letter (Bahera).
    (re.compile(r"([bcdfgjklmnprstv])h"), r"\1"),
    # Anusvara before a consonant is typed m or n (संभल / Sambhal, Sanbhal).
    (re.compile(r"m(?=[^aeiouy])"), "n"),
    # The inherent vowel comes and goes between consonants and at the end (Ramnagar /
    # रामनगर read Ramanagar, Barauli / Baraula); the other vowels stay.
    (re.compile(r"(?<=[^aeiou])a(?=[^aeiou]|$)"), ""),
]


@lru_cache(maxsize=131072)
def _place_word_key(word: str) -> str:
    if contains_devanagari(word):
        word = _devanagari_word(word)
    word = _NOT_LATIN.sub("", unicodedata.normalize("NFKD", word.casefold()))
    for pattern, replacement in _PLACE_STEPS:
        word = pattern.sub(replacement, word)
    return word


@lru_cache(maxsize=262_144, typed=True)
def place_sound_key(text) -> str:
    """A sound key for place names that keeps their vowels: one key for BAHERA, Bahera and
    बहेरा, another for बारा; खड़सरा and KHADSARA still differ (ड़ is r in Roman letters),
    which the scoring of `place_forms` leaves to a string similarity."""
    key = " ".join([_place_word_key(w) for w in _WORD_BREAK.split(clean_text(text)) if w])
    return "".join([letter for letter, _run in groupby(key.replace(" ", ""))])


@lru_cache(maxsize=262_144, typed=True)
def place_forms(text) -> tuple[str, str]:
    """What a place name is scored on: its Roman letters (lower case, transliterated from
    Devanagari) and its sound key."""
    text = clean_text(text)
    roman = devanagari_to_latin(text) if contains_devanagari(text) else text
    roman = _NOT_LATIN.sub("", unicodedata.normalize("NFKD", roman.casefold()))
    return roman, place_sound_key(text)
