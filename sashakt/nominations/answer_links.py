"""The signed link a seat-offered SMS carries (issue 25): the person opens it, without a
password, and confirms their seat or says why they cannot come.

The token names the nomination, the batch of the offer and the day the link expires (the
answer-by date), each in base62, and ends with a short signature of the three (Django's
`signing.Signer` with the install's secret key, its fallbacks and a salt of its own,
truncated to 11 characters: 66 bits, with a rate limit on the page). So a token cannot be
made for another nomination or another day, and a token for a batch the nomination is no
longer offered is refused as changed. `answer_token_check()` says why a token does not let
its holder answer.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import models
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy

from sashakt.core.users import AnyUser
from sashakt.nominations.models import Nomination, NominationStatus

ANSWER_SALT = "sashakt.nominations.answer.v1"
SIGNATURE_LENGTH = 11
EPOCH = datetime.date(2020, 1, 1)


def answer_by(nomination: Nomination) -> datetime.date:
    """The last day to answer a seat offer: some days before the batch begins
    (SEAT_ANSWER_DAYS_BEFORE_BATCH), or for an offer made late, two days from now but never
    after the first day."""
    if nomination.batch is None:
        raise ValueError("A nomination without a batch has no seat offer to answer.")
    start = nomination.batch.start_date
    wanted = start - datetime.timedelta(days=settings.SEAT_ANSWER_DAYS_BEFORE_BATCH)
    earliest = min(timezone.localdate() + datetime.timedelta(days=2), start)
    return max(wanted, earliest)


def _signature(value: str, key: str | bytes) -> str:
    return signing.Signer(salt=ANSWER_SALT).signature(value, key=key)[:SIGNATURE_LENGTH]


def _keys() -> list[str | bytes]:
    signer = signing.Signer(salt=ANSWER_SALT)
    return [signer.key, *signer.fallback_keys]


def answer_token(nomination: Nomination, *, expires: datetime.date | None = None) -> str:
    """The token of the answer link for this nomination's current offer."""
    if nomination.batch_id is None:
        raise ValueError("A nomination without a batch has no seat offer to answer.")
    expires = expires or answer_by(nomination)
    value = ".".join(
        signing.b62_encode(number)
        for number in (nomination.pk, nomination.batch_id, (expires - EPOCH).days)
    )
    return f"{value}.{_signature(value, _keys()[0])}"


class AnswerRefusal(models.TextChoices):
    TAMPERED = (
        "tampered",
        gettext_lazy(
            "This link was not sent by Sashakt or has been changed. Please open the link "
            "exactly as it came in your SMS."
        ),
    )
    EXPIRED = (
        "expired",
        gettext_lazy(
            "This link has expired: the last day to answer has passed. Please call your "
            "district officer."
        ),
    )
    CHANGED = (
        "changed",
        gettext_lazy(
            "This seat offer has changed (another batch, or the place went to another "
            "person). Please use the latest SMS or call your district officer."
        ),
    )
    NOT_YOURS = (
        "not_yours",
        gettext_lazy(
            "This link is for another person's seat. Sign out first, or open it on that "
            "person's phone."
        ),
    )
    CONFIRMED = (
        "confirmed",
        gettext_lazy("This seat is already confirmed. We will see you at the training."),
    )
    DECLINED = (
        "declined",
        gettext_lazy("You have already said you cannot come to this batch."),
    )
    CLOSED = (
        "closed",
        gettext_lazy("This seat offer is no longer open. Please call your district officer."),
    )


@dataclass(frozen=True)
class AnswerCheck:
    nomination: Nomination | None
    refusal: str = ""  # an AnswerRefusal value; empty when the holder may answer

    @property
    def ok(self) -> bool:
        return not self.refusal

    @property
    def message(self) -> str:
        return str(AnswerRefusal(self.refusal).label) if self.refusal else ""


def _parse(token: str) -> tuple[int, int, datetime.date] | None:
    parts = (token or "").split(".")
    if len(parts) != 4 or len(token) > 60:
        return None
    value, signature = ".".join(parts[:3]), parts[3]
    if not any(constant_time_compare(signature, _signature(value, key)) for key in _keys()):
        return None
    try:
        pk, batch_id, days = (signing.b62_decode(part) for part in parts[:3])
    except (ValueError, IndexError):
        return None
    return pk, batch_id, EPOCH + datetime.timedelta(days=days)


def answer_token_check(token: str, *, user: AnyUser | None = None) -> AnswerCheck:
    """Whether `token` lets its holder answer the seat offer it names, and if not why.
    `user`: whoever has the page open (someone signed in as another participant is refused)."""
    parsed = _parse(token)
    if parsed is None:
        return AnswerCheck(None, AnswerRefusal.TAMPERED)
    pk, batch_id, expires = parsed
    nomination = (
        Nomination.objects.select_related("person", "batch__venue", "programme")
        .filter(pk=pk)
        .first()
    )
    if nomination is None:
        return AnswerCheck(None, AnswerRefusal.TAMPERED)
    signed_in = getattr(user, "is_authenticated", False)
    person_id = getattr(user, "person_id", None) if signed_in else None
    if person_id is not None and person_id != nomination.person_id:
        return AnswerCheck(nomination, AnswerRefusal.NOT_YOURS)
    if timezone.localdate() > expires:
        return AnswerCheck(nomination, AnswerRefusal.EXPIRED)
    if nomination.batch_id != batch_id or nomination.status == NominationStatus.SUBSTITUTED:
        return AnswerCheck(nomination, AnswerRefusal.CHANGED)
    if nomination.status == NominationStatus.CONFIRMED:
        return AnswerCheck(nomination, AnswerRefusal.CONFIRMED)
    if nomination.status == NominationStatus.DECLINED:
        return AnswerCheck(nomination, AnswerRefusal.DECLINED)
    if nomination.status != NominationStatus.APPROVED:
        return AnswerCheck(nomination, AnswerRefusal.CLOSED)
    return AnswerCheck(nomination)
