"""Reading a participant's seat from what the coordinator scanned or typed.

`seat_verify` is the one place a scanned QR token is checked: swap its body for the hardened
`nominations.letters.seat_token_verify` when that lands; callers only see `SeatCheck`.
"""

from dataclasses import dataclass

from django.core import signing
from django.utils.translation import gettext as _

from sashakt.nominations.letters import seat_from_token
from sashakt.nominations.seat_codes import seat_code, seat_code_normalise


@dataclass
class SeatCheck:
    ok: bool
    nomination_id: int | None = None
    reason: str = ""


def seat_verify(token: str) -> SeatCheck:
    try:
        data = seat_from_token(token.strip())
        nomination_id = int(data["nomination"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return SeatCheck(ok=False, reason=_("This QR code is not a seat of this programme."))
    return SeatCheck(ok=True, nomination_id=nomination_id)


def nomination_for_code(code: str, nomination_ids) -> int | None:
    """The nomination among `nomination_ids` (a batch's roster, at most a hall) whose seat
    code is `code`; codes are derived, so the roster is searched rather than a table."""
    wanted = seat_code_normalise(code)
    if not wanted:
        return None
    for nomination_id in nomination_ids:
        if seat_code(nomination_id) == wanted:
            return nomination_id
    return None
