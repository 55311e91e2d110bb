"""Certificate numbers: short enough to read out on the phone, random, with a check character.

A number is nine random characters from an alphabet without look-alikes (no 0/O, 1/I) and a
tenth that checks them (Luhn mod 32), so a mistyped number ("SSK-7KQ4M-2XDP8" read as
"...2XDB8") is told apart from one that was never issued. Shown grouped as SSK-XXXXX-XXXXX;
stored as the ten characters alone. 32**9 (3.5 × 10**13) bodies make guessing hopeless at
the verification page's rate limit.
"""

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
BODY_LENGTH = 9
LENGTH = BODY_LENGTH + 1
PREFIX = "SSK"
_VALUE = {char: index for index, char in enumerate(ALPHABET)}
_SEPARATORS = re.compile(r"[\s\-–—_.·/]+")


def check_character(body: str) -> str:
    """Luhn mod N over ALPHABET: catches every single wrong character and nearly every swap
    of two neighbours."""
    base = len(ALPHABET)
    total, factor = 0, 2
    for char in reversed(body):
        addend = factor * _VALUE[char]
        total += addend // base + addend % base
        factor = 1 if factor == 2 else 2
    return ALPHABET[(base - total % base) % base]


def number_new() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))
    return body + check_character(body)


def number_normalise(typed: str) -> str:
    """What a person typed or a QR code held, as the stored ten characters ("" if it cannot
    be one): case, spaces, dashes and the SSK prefix do not matter."""
    text = _SEPARATORS.sub("", (typed or "").upper())
    if text.startswith(PREFIX) and len(text) == len(PREFIX) + LENGTH:
        text = text[len(PREFIX) :]
    return text


def number_is_well_formed(number: str) -> bool:
    """Ten characters of the alphabet whose last one checks the others."""
    if len(number) != LENGTH or any(char not in _VALUE for char in number):
        return False
    return check_character(number[:BODY_LENGTH]) == number[BODY_LENGTH]


def number_display(number: str) -> str:
    return f"{PREFIX}-{number[:5]}-{number[5:]}"
