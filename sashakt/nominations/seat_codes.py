"""The short code printed under a seat's QR code, for typing when a camera cannot read it.

Derived from an HMAC of the nomination with the site's secret, so it cannot be guessed from
a seat or a nomination number, and needs no storage. Letters and digits that look alike
(0/O, 1/I/L) are left out.
"""

from functools import lru_cache

from django.utils.crypto import salted_hmac

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 7
SALT = "sashakt.seat-code"


@lru_cache(maxsize=65536)  # codes never change for a given secret; a hall scans them often
def seat_code(nomination_id: int) -> str:
    digest = int.from_bytes(salted_hmac(SALT, str(nomination_id)).digest()[:8], "big")
    letters = []
    for _ in range(LENGTH):
        digest, index = divmod(digest, len(ALPHABET))
        letters.append(ALPHABET[index])
    return "".join(letters)


def seat_code_normalise(typed: str) -> str:
    """What a person typed, as a code: case, spaces and dashes do not matter."""
    return "".join(ch for ch in typed.upper() if ch.isalnum())
