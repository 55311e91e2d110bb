"""How many SMS parts a text costs: the GSM-7 / UCS-2 rules every Indian gateway bills by.

A text made only of GSM 03.38 characters travels as GSM-7: 160 characters in one SMS, 153
per part once it is split (the rest of each part carries the join header); the extension
characters (`^ { } \\ [ ~ ] | €` and form feed) take an escape and so count twice. Any other
character — every Devanagari letter, so every Hindi text — sends the whole text as UCS-2:
70 characters in one SMS, 67 per part, counted in UTF-16 units (an emoji counts twice).
"""

import math
from typing import NamedTuple

GSM7 = "GSM-7"
UNICODE = "UCS-2"

_GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")

# (characters in a single SMS, characters per part of a split one)
LIMITS = {GSM7: (160, 153), UNICODE: (70, 67)}


class SmsSize(NamedTuple):
    encoding: str
    characters: int
    segments: int


def is_gsm7(text: str) -> bool:
    return all(c in _GSM7_BASIC or c in _GSM7_EXTENSION for c in text)


def sms_segments(text: str) -> SmsSize:
    """(encoding, characters as the network counts them, SMS parts); "" is one empty SMS."""
    if is_gsm7(text):
        encoding = GSM7
        characters = len(text) + sum(1 for c in text if c in _GSM7_EXTENSION)
    else:
        encoding = UNICODE
        characters = len(text.encode("utf-16-le")) // 2
    single, part = LIMITS[encoding]
    segments = 1 if characters <= single else math.ceil(characters / part)
    return SmsSize(encoding, characters, segments)


def characters_for(encoding: str, segments: int) -> int:
    """The most characters that fit in `segments` parts."""
    single, part = LIMITS[encoding]
    return single if segments == 1 else part * segments
