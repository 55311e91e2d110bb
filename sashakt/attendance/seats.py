"""Reading a participant's seat from what the coordinator scanned or typed.

`seat_verify` is the one place a scanned QR token is checked, through the hardened
`nominations.seat_tokens.seat_token_verify` (signed, not expired, the seat still held, this
batch); callers only see `SeatCheck`.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sashakt.nominations.seat_codes import seat_code, seat_code_normalise
from sashakt.nominations.seat_tokens import seat_token_verify
from sashakt.programmes.models import Batch


@dataclass
class SeatCheck:
    ok: bool
    nomination_id: int | None = None
    reason: str = ""


def seat_verify(token: str, *, batch: Batch | None = None) -> SeatCheck:
    check = seat_token_verify(token.strip(), batch=batch)
    if not check.ok:
        return SeatCheck(ok=False, reason=check.message)
    return SeatCheck(ok=True, nomination_id=check.nomination.pk)


# batch id -> {seat code: nomination id}, per process. Codes never change for a nomination;
# a code not found, or found for someone no longer on the roster, rebuilds the batch's entry.
_CODE_INDEX: dict[int, dict[str, int]] = {}


def nomination_for_code(
    code: str, batch_id: int, roster_ids: Callable[[], Iterable[int]], *, fresh: bool = False
) -> int | None:
    """The nomination of the batch's roster whose seat code is `code`. Codes are derived, so
    the roster's ids are read once and indexed, not looked up in a table."""
    wanted = seat_code_normalise(code)
    if not wanted:
        return None
    index = None if fresh else _CODE_INDEX.get(batch_id)
    if index is None or wanted not in index:
        if len(_CODE_INDEX) > 1000:
            _CODE_INDEX.clear()
        index = _CODE_INDEX[batch_id] = {seat_code(pk): pk for pk in roster_ids()}
    return index.get(wanted)
