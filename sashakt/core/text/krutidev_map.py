"""The Kruti Dev 010 keyboard: which keystroke draws which Devanagari letter.

DevLys 010 uses the same layout; it adds a few alternative glyphs for the same letters
(DEVLYS_EXTRA). Two keystrokes are not letters but instructions to reorder, and are
turned into markers here so that `krutidev.py` can move them:

- `f` draws ि, which sits left of the consonant cluster it follows in Unicode;
- `Z` draws the reph (र् over the next syllable), typed after that syllable.
"""

I_SIGN = "\x01"  # ि, typed before its cluster
I_SIGN_REPH = "\x02"  # ि with a reph over the same cluster (Æ)
I_SIGN_ANUSVARA = "\x03"  # िं (Ç)
REPH = "\x04"  # र्, typed after its syllable

# Letters typed as a half form followed by the vertical bar "k" (क = "D" + "k" is also
# how some typists write "d"). The converter joins "<half>k" into the full letter, so
# only the half forms are listed here.
HALF_FORMS = {
    "D": "क्",
    "[": "ख्",
    "X": "ग्",
    "?": "घ्",
    "P": "च्",
    "T": "ज्",
    "÷": "झ्",
    ".": "ण्",
    "R": "त्",
    "F": "थ्",
    "/": "ध्",
    "è": "ध्",
    "Ë": "ध्",
    "U": "न्",
    "I": "प्",
    "¶": "फ्",
    "C": "ब्",
    "H": "भ्",
    "E": "म्",
    "¸": "य्",
    "Y": "ल्",
    "O": "व्",
    "'": "श्",
    '"': "ष्",
    "L": "स्",
    "{": "क्ष्",
    "«": "त्र्",
    "º": "ह्",
    "™": "न्न्",
    "Ù": "त्त्",
}

KRUTIDEV = {
    # vowels (ई is "b" with the reph glyph; ऑ is अ with the chandra-aa sign)
    "v‚": "ऑ",
    "vks": "ओ",
    "vkS": "औ",
    "vk": "आ",
    "v": "अ",
    "b±": "ईं",
    "bZ": "ई",
    "Ã": "ई",
    "b": "इ",
    "m": "उ",
    "Å": "ऊ",
    ",s": "ऐ",
    ",": "ए",
    "_": "ऋ",
    # consonants
    "d": "क",
    "x": "ग",
    "³": "ङ",
    "p": "च",
    "N": "छ",
    "t": "ज",
    ">": "झ",
    "¥": "ञ",
    "V": "ट",
    "B": "ठ",
    "M": "ड",
    "<": "ढ",
    "r": "त",
    "n": "द",
    "u": "न",
    "i": "प",
    "Q": "फ",
    "c": "ब",
    "e": "म",
    ";": "य",
    "j": "र",
    "y": "ल",
    "G": "ळ",
    "o": "व",
    "l": "स",
    "g": "ह",
    # conjuncts drawn by one key
    "K": "ज्ञ",
    "J": "श्र",
    "=": "त्र",
    "}": "द्व",
    "|": "द्य",
    ")": "द्ध",
    "í": "द्द",
    "æ": "द्र",
    "ç": "प्र",
    "Á": "प्र",
    "Ø": "क्र",
    "Ý": "फ्र",
    "ô": "क्क",
    "ä": "क्त",
    "–": "दृ",
    "—": "कृ",
    "Ñ": "कृ",
    "é": "न्न",
    "à": "ह्न",
    "á": "ह्य",
    "â": "हृ",
    "ã": "ह्म",
    "ê": "ट्ट",
    "ë": "ट्ठ",
    "ì": "ड्ड",
    "ï": "ड्ढ",
    "#": "रु",
    ":": "रू",
    # signs
    "k": "ा",
    "h": "ी",
    "q": "ु",
    "w": "ू",
    "`": "ृ",
    "s": "े",
    "S": "ै",
    "‚": "ॉ",
    "W": "ॅ",
    "a": "ं",
    "¡": "ँ",
    "%": "ः",
    "z": "्र",
    "ª": "्र",
    "î": "्य",
    "~": "्",
    "+": "़",
    "·": "ऽ",
    "È": "ीं",
    # the reordering keys
    "f": I_SIGN,
    "Æ": I_SIGN_REPH,
    "Ç": I_SIGN_ANUSVARA,
    "Z": REPH,
    "±": "ं" + REPH,
    "Ê": "ी" + REPH,
    # punctuation and digits drawn by other keys
    "A": "।",
    "-": ".",
    "&": "-",
    "(": ";",
    "¼": "(",
    "½": ")",
    "¿": "{",
    "À": "}",
    "¾": "=",
    "]": ",",
    "@": "/",
    "\\": "?",
    "^": "‘",
    "*": "’",
    "Þ": "“",
    "ß": "”",
    "Œ": "॰",
    "å": "०",
    "ƒ": "१",
    "„": "२",
    "…": "३",
    "†": "४",
    "‡": "५",
    "ˆ": "६",
    "‰": "७",
    "Š": "८",
    "‹": "९",
}
KRUTIDEV.update(HALF_FORMS)

# DevLys 010: the same keys, plus alternative glyphs some DevLys documents contain.
DEVLYS_EXTRA = {
    "£": "ख",
    "¨": "ो",
    "©": "ौ",
    "¢": "े",
}

# What typists produce by eye that Unicode spells differently: the screen looked right.
TYPIST_FIXES = [
    ("\u093e\u0945", "\u0949"),  # ा + ॅ drawn as ॉ (डॉ typed "MkW")
    ("\u093e\u0947", "\u094b"),  # ा + े drawn as ो
    ("\u093e\u0948", "\u094c"),  # ा + ै drawn as ौ
    ("अ\u093e", "आ"),
    ("आ\u0947", "ओ"),
    ("आ\u0948", "औ"),
    ("आ\u0949", "ऑ"),
    ("\u0902\u0902", "\u0902"),  # anusvara typed twice
    ("\u0947\u0902\u0947", "\u0947\u0902"),
]
