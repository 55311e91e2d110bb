"""The signed seat token a joining letter's QR code holds, and its check at the door.

`seat_token(nomination)` signs the nomination's seat of its batch until a date, with the
install's secret key and a salt of its own; `seat_token_verify()` says whether a scanned code
admits someone. The short code printed under the QR code is in `seat_codes.py`.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core import signing
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy

from sashakt.nominations.models import SEAT_HOLDING, Nomination
from sashakt.programmes.models import Batch

# v2: tokens carry an expiry; codes of the first letters (no expiry) no longer verify.
SEAT_SALT = "sashakt.seat.v2"


def seat_token(nomination: Nomination) -> str:
    """What the seat's QR code holds: this nomination's seat of this batch, until a date.

    Signed with the install's secret key (and a salt of its own), so a scanned code proves
    it was issued here; `seat_token_verify()` also checks that the nomination still holds
    that seat, so the letter of someone who declined does not admit anyone.
    """
    expires = nomination.batch.end_date + timedelta(days=settings.SEAT_TOKEN_DAYS_AFTER_BATCH)
    return signing.dumps(
        {
            "nomination": nomination.pk,
            "batch": nomination.batch_id,
            "seat": nomination.seat,
            "expires": expires.isoformat(),
        },
        salt=SEAT_SALT,
        compress=True,
    )


def seat_from_token(token: str) -> dict:
    """The nomination, batch and seat a token names; raises signing.BadSignature when it
    was altered. Decodes only: to admit someone, use seat_token_verify()."""
    return _seat_token_payload(token)[0]


def _seat_token_payload(token: str) -> tuple[dict, date]:
    payload = signing.loads(token, salt=SEAT_SALT)
    try:
        seat = {key: int(payload[key]) for key in ("nomination", "batch", "seat")}
        return seat, date.fromisoformat(payload["expires"])
    except (KeyError, TypeError, ValueError):
        raise signing.BadSignature("malformed seat token") from None


class SeatTokenRefusal(models.TextChoices):
    TAMPERED = (
        "tampered",
        gettext_lazy("This QR code was not issued by Sashakt or has been altered."),
    )
    EXPIRED = "expired", gettext_lazy("This joining letter is out of date: its batch is over.")
    SEAT_NOT_HELD = (
        "seat_not_held",
        gettext_lazy(
            "This letter's seat is no longer held by this person (declined, withdrawn, replaced "
            "or moved). Ask the district officer for the current letter."
        ),
    )
    OTHER_BATCH = "other_batch", gettext_lazy("This joining letter is for a different batch.")


@dataclass(frozen=True)
class SeatTokenCheck:
    """The answer to "does this QR code admit someone?"; `reason` is empty when it does."""

    ok: bool
    reason: str = ""
    nomination: Nomination | None = None

    @property
    def message(self) -> str:
        return str(SeatTokenRefusal(self.reason).label) if self.reason else ""


def seat_token_verify(token: str, *, batch: Batch | None = None) -> SeatTokenCheck:
    """Check a scanned seat token: signed here, not expired, and its nomination still holds
    that seat (of `batch`, when the desk checking it is for one batch)."""
    try:
        seat, expires = _seat_token_payload(token)
    except signing.BadSignature:
        return SeatTokenCheck(ok=False, reason=SeatTokenRefusal.TAMPERED)
    if timezone.localdate() > expires:
        return SeatTokenCheck(ok=False, reason=SeatTokenRefusal.EXPIRED)
    nomination = (
        Nomination.objects.select_related("person", "batch").filter(pk=seat["nomination"]).first()
    )
    if (
        nomination is None
        or nomination.status not in SEAT_HOLDING
        or nomination.batch_id != seat["batch"]
        or nomination.seat != seat["seat"]
    ):
        return SeatTokenCheck(ok=False, reason=SeatTokenRefusal.SEAT_NOT_HELD)
    if batch is not None and nomination.batch_id != batch.pk:
        return SeatTokenCheck(ok=False, reason=SeatTokenRefusal.OTHER_BATCH, nomination=nomination)
    return SeatTokenCheck(ok=True, nomination=nomination)
