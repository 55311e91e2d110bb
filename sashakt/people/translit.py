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
"""

import re
import unicodedata
from functools import lru_cache

from sashakt.core.text import clean_text, contains_devanagari

_VIRAMA = "\u094d"
_NUKTA = "\u093c"
_ANUSVARA = "\u0902"
_CHANDRABINDU = "\u0901"
_VISARGA = "\u0903"

_CONSONANTS = {
    "क": "k",
    "ख": "kh",
    "ग": "g",
    "घ": "gh",
    "ङ": "n",
    "च": "ch",
    "छ": "chh",
    "ज": "j",
    "झ": "jh",
    "ञ": "n",
    "ट": "t",
    "ठ": "th",
    "ड": "d",
    "ढ": "dh",
    "ण": "n",
    "त": "t",
    "थ": "th",
    "द": "d",
    "ध": "dh",
    "न": "n",
    "प": "p",
    "फ": "ph",
    "ब": "b",
    "भ": "bh",
    "म": "m",
    "य": "y",
    "र": "r",
    "ल": "l",
    "व": "v",
    "श": "sh",
    "ष": "sh",
    "स": "s",
    "ह": "h",
    "ळ": "l",
}
# A nukta under a consonant makes the Persian and flapped sounds.
_WITH_NUKTA = {"क": "q", "ख": "kh", "ग": "gh", "ज": "z", "फ": "f", "ड": "r", "ढ": "rh"}
_VOWEL_SIGNS = {
    "ा": "a",
    "ि": "i",
    "ी": "i",
    "ु": "u",
    "ू": "u",
    "ृ": "ri",
    "े": "e",
    "ै": "ai",
    "ो": "o",
    "ौ": "au",
    "ॅ": "e",
    "ॉ": "o",
}
_VOWELS = {
    "अ": "a",
    "आ": "a",
    "इ": "i",
    "ई": "i",
    "उ": "u",
    "ऊ": "u",
    "ऋ": "ri",
    "ए": "e",
    "ऐ": "ai",
    "ओ": "o",
    "औ": "au",
    "ऑ": "o",
    "ॐ": "om",
}
_DIGITS = {chr(0x0966 + n): str(n) for n in range(10)}
_LABIALS = {"p", "ph", "b", "bh", "m"}
# After these the final inherent vowel is still said: मिश्र Mishra, शुक्ल Shukla, सत्य Satya.
_KEEPS_FINAL_A_AFTER_CLUSTER = {"r", "l", "y", "v"}

# Words whose everyday English spelling the rules would not find, and the Devanagari the
# Latin rules cannot know (which "a" is long, which "t" is retroflex). Latin keys are
# lower case.
_COMMON_WORDS = {
    "ram": "राम",
    "kumar": "कुमार",
    "kumari": "कुमारी",
    "devi": "देवी",
    "singh": "सिंह",
    "sunita": "सुनीता",
    "sita": "सीता",
    "gita": "गीता",
    "geeta": "गीता",
    "anita": "अनीता",
    "verma": "वर्मा",
    "varma": "वर्मा",
    "sharma": "शर्मा",
    "gupta": "गुप्ता",
    "mishra": "मिश्रा",
    "shukla": "शुक्ला",
    "tiwari": "तिवारी",
    "tripathi": "त्रिपाठी",
    "pandey": "पाण्डेय",
    "dubey": "दुबे",
    "chaubey": "चौबे",
    "dwivedi": "द्विवेदी",
    "srivastava": "श्रीवास्तव",
    "shrivastava": "श्रीवास्तव",
    "yadav": "यादव",
    "maurya": "मौर्य",
    "kushwaha": "कुशवाहा",
    "patel": "पटेल",
    "chauhan": "चौहान",
    "rajput": "राजपूत",
    "thakur": "ठाकुर",
    "pal": "पाल",
    "saini": "सैनी",
    "nishad": "निषाद",
    "prajapati": "प्रजापति",
    "rawat": "रावत",
    "jaiswal": "जायसवाल",
    "agarwal": "अग्रवाल",
    "khan": "ख़ान",
    "ahmad": "अहमद",
    "ahmed": "अहमद",
    "ali": "अली",
    "mohammad": "मोहम्मद",
    "mohd": "मोहम्मद",
    "ansari": "अंसारी",
    "siddiqui": "सिद्दीकी",
    "qureshi": "क़ुरैशी",
    "prasad": "प्रसाद",
    "lal": "लाल",
    "chand": "चंद",
    "nath": "नाथ",
    "narayan": "नारायण",
    "shankar": "शंकर",
    "kishore": "किशोर",
    "prakash": "प्रकाश",
    "kant": "कांत",
    "dev": "देव",
    "dutt": "दत्त",
    "bahadur": "बहादुर",
    "babu": "बाबू",
    "rani": "रानी",
    "ramesh": "रमेश",
    "suresh": "सुरेश",
    "mahesh": "महेश",
    "dinesh": "दिनेश",
    "rajesh": "राजेश",
    "rakesh": "राकेश",
    "mukesh": "मुकेश",
    "naresh": "नरेश",
    "umesh": "उमेश",
    "santosh": "संतोष",
    "ashok": "अशोक",
    "vinod": "विनोद",
    "manoj": "मनोज",
    "sanjay": "संजय",
    "vijay": "विजय",
    "ajay": "अजय",
    "anil": "अनिल",
    "sunil": "सुनील",
    "rahul": "राहुल",
    "amit": "अमित",
    "arun": "अरुण",
    "pankaj": "पंकज",
    "pooja": "पूजा",
    "puja": "पूजा",
    "priya": "प्रिया",
    "neha": "नेहा",
    "rekha": "रेखा",
    "meena": "मीना",
    "seema": "सीमा",
    "kamla": "कमला",
    "kamala": "कमला",
    "savitri": "सावित्री",
    "sarita": "सरिता",
    "usha": "उषा",
    "asha": "आशा",
    "lakshmi": "लक्ष्मी",
    "radha": "राधा",
    "krishna": "कृष्ण",
    "shiv": "शिव",
    "om": "ओम",
    "jai": "जय",
    "jay": "जय",
    "kanpur": "कानपुर",
    "lucknow": "लखनऊ",
    "nagar": "नगर",
    "dehat": "देहात",
    "pur": "पुर",
    "ganj": "गंज",
    "abad": "आबाद",
    "gaon": "गाँव",
}
_LATIN_OF = {}
for _latin, _hindi in _COMMON_WORDS.items():
    _LATIN_OF.setdefault(_hindi, _latin)


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
        if ch in _CONSONANTS:
            units.append(_Unit(_CONSONANTS[ch], consonant=True))
            base = ch
        elif ch == _NUKTA and last is not None and last.consonant:
            last.latin = _WITH_NUKTA.get(base, last.latin)
        elif ch in _VOWEL_SIGNS and last is not None and last.consonant:
            last.inherent, last.vowel = False, _VOWEL_SIGNS[ch]
        elif ch == _VIRAMA and last is not None and last.consonant:
            last.inherent, last.vowel = False, ""
        elif ch in _VOWELS:
            units.append(_Unit("", consonant=False, vowel=_VOWELS[ch]))
        elif ch in (_ANUSVARA, _CHANDRABINDU) and last is not None:
            last.nasal = True
        elif ch == _VISARGA and last is not None:
            last.after += "h"
        elif ch in _DIGITS:
            units.append(_Unit(_DIGITS[ch], consonant=False))
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
        if not (after_cluster and last.latin in _KEEPS_FINAL_A_AFTER_CLUSTER):
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
            out.append("m" if following in _LABIALS else "n")
        out.append(unit.after)
    text = "".join(out)
    # गाँव is "gaon" in every English spelling of a place name (Bhitargaon).
    return re.sub(r"anv$", "aon", text)


@lru_cache(maxsize=65536)
def _devanagari_word(word: str) -> str:
    known = _LATIN_OF.get(word)
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

_LATIN_CONSONANTS = [
    ("chh", "छ"),
    ("ksh", "क्ष"),
    ("shr", "श्र"),
    ("kh", "ख"),
    ("gh", "घ"),
    ("ch", "च"),
    ("jh", "झ"),
    ("th", "थ"),
    ("dh", "ध"),
    ("ph", "फ"),
    ("bh", "भ"),
    ("sh", "श"),
    ("k", "क"),
    ("g", "ग"),
    ("c", "क"),
    ("j", "ज"),
    ("t", "त"),
    ("d", "द"),
    ("n", "न"),
    ("p", "प"),
    ("f", "फ़"),
    ("b", "ब"),
    ("m", "म"),
    ("y", "य"),
    ("r", "र"),
    ("l", "ल"),
    ("v", "व"),
    ("w", "व"),
    ("s", "स"),
    ("h", "ह"),
    ("z", "ज़"),
    ("q", "क़"),
    ("x", "क्स"),
]
# (latin, independent letter, sign after a consonant)
_LATIN_VOWELS = [
    ("aa", "आ", "ा"),
    ("ai", "ऐ", "ै"),
    ("au", "औ", "ौ"),
    ("ee", "ई", "ी"),
    ("ii", "ई", "ी"),
    ("oo", "ऊ", "ू"),
    ("ou", "औ", "ौ"),
    ("a", "अ", ""),
    ("i", "इ", "ि"),
    ("u", "उ", "ु"),
    ("e", "ए", "े"),
    ("o", "ओ", "ो"),
]
_LATIN_TOKEN = re.compile(
    "|".join(
        re.escape(latin)
        for latin, *_rest in sorted(
            _LATIN_CONSONANTS + [(v[0], v[1]) for v in _LATIN_VOWELS],
            key=lambda pair: -len(pair[0]),
        )
    )
)
_CONSONANT_OF = dict(_LATIN_CONSONANTS)
_VOWEL_OF = {latin: (letter, sign) for latin, letter, sign in _LATIN_VOWELS}


@lru_cache(maxsize=65536)
def _latin_word(word: str) -> str:
    known = _COMMON_WORDS.get(word)
    if known:
        return known
    tokens = _LATIN_TOKEN.findall(word)
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
        if token in _CONSONANT_OF:
            if previous_consonant:
                out.append(_VIRAMA)
            if (
                (token == "n" or (token == "m" and following in ("p", "ph", "b", "bh")))
                and previous_consonant is False
                and following in _CONSONANT_OF
                and following not in ("y", "r", "v", "w", "h")
                and index
            ):
                out.append(_ANUSVARA)  # Anand आनंद, Shankar शंकर
                previous_consonant = False
                continue
            out.append(_CONSONANT_OF[token])
            previous_consonant = True
            continue
        letter, sign = _VOWEL_OF[token]
        if token == "a" and is_last and previous_consonant:
            sign = "ा"  # Sunita, Verma: a final "a" is long
        if token == "i" and is_last and previous_consonant:
            sign = "ी"  # Devi, Tiwari
        out.append(sign if previous_consonant else letter)
        previous_consonant = False
    return "".join(out)


def latin_to_devanagari(text: str) -> str:
    """Devanagari for Latin text ("Sunita Verma" -> "सुनीता वर्मा"); "" for letters outside a-z."""
    words = []
    for word in re.split(r"[\s()/,]+", clean_text(text).casefold()):
        letters = re.sub(r"[.'\-]", "", word)
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
_DOUBLES = re.compile(r"(.)\1+")
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


def phonetic_key(text) -> str:
    """One key for spellings of a name people treat as the same, in either script."""
    text = clean_text(text)
    words = re.split(r"[\s\-_.,/()]+", text)
    return _DOUBLES.sub(r"\1", "".join(_word_key(word) for word in words if word))
