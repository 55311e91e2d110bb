"""The signed link a check-in SMS carries: the participant opens it, without a password, and
says how each commitment of their plan is going.

The pattern of `nominations.answer_links`: the token names the plan, the stage (30, 90 or 180
days) and the day the link expires, each in base62, and ends with a short signature of the
three (Django's `signing.Signer`, the install's secret key and its fallbacks, a salt of its
own, truncated to 11 characters; the page is rate limited). A token cannot be made for another
plan, stage or day; `checkin_token_check()` says why a token does not let its holder answer.
"""

import datetime
from dataclasses import dataclass

from django.core import signing
from django.db import models
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy

from sashakt.core.users import AnyUser
from sashakt.followup.models import ActionPlan, CheckIn, Stage
from sashakt.followup.schedule import checkin_window_closes

CHECKIN_SALT = "sashakt.followup.checkin.v1"
SIGNATURE_LENGTH = 11
EPOCH = datetime.date(2020, 1, 1)


def _signature(value: str, key: str | bytes) -> str:
    return signing.Signer(salt=CHECKIN_SALT).signature(value, key=key)[:SIGNATURE_LENGTH]


def _keys() -> list[str | bytes]:
    signer = signing.Signer(salt=CHECKIN_SALT)
    return [signer.key, *signer.fallback_keys]


def checkin_token(plan: ActionPlan, stage: int, *, expires: datetime.date | None = None) -> str:
    """The token of the check-in link for this plan's `stage`; it expires when the stage's
    window closes (the next stage's due day), unless `expires` says otherwise."""
    expires = expires or checkin_window_closes(plan.batch_end, stage)
    value = ".".join(
        signing.b62_encode(number) for number in (plan.pk, int(stage), (expires - EPOCH).days)
    )
    return f"{value}.{_signature(value, _keys()[0])}"


class CheckInRefusal(models.TextChoices):
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
            "This link has expired. Your district officer will call you to ask how your "
            "plan is going."
        ),
    )
    NOT_YOURS = (
        "not_yours",
        gettext_lazy(
            "This link is for another person's action plan. Sign out first, or open it on "
            "that person's phone."
        ),
    )
    ANSWERED = (
        "answered",
        gettext_lazy("This check-in is already answered. Thank you!"),
    )


@dataclass(frozen=True)
class CheckInLinkCheck:
    plan: ActionPlan | None
    stage: int = 0
    refusal: str = ""  # a CheckInRefusal value; empty when the holder may answer
    checkin: CheckIn | None = None  # the answer given before, for a link used twice

    @property
    def ok(self) -> bool:
        return not self.refusal

    @property
    def message(self) -> str:
        return str(CheckInRefusal(self.refusal).label) if self.refusal else ""


def _parse(token: str) -> tuple[int, int, datetime.date] | None:
    parts = (token or "").split(".")
    if len(parts) != 4 or len(token) > 60:
        return None
    value, signature = ".".join(parts[:3]), parts[3]
    if not any(constant_time_compare(signature, _signature(value, key)) for key in _keys()):
        return None
    try:
        pk, stage, days = (signing.b62_decode(part) for part in parts[:3])
    except (ValueError, IndexError):
        return None
    if stage not in Stage.values:
        return None
    return pk, stage, EPOCH + datetime.timedelta(days=days)


def checkin_token_check(token: str, *, user: AnyUser | None = None) -> CheckInLinkCheck:
    """Whether `token` lets its holder answer the check-in it names, and if not why.
    `user`: whoever has the page open (someone signed in as another participant is refused)."""
    parsed = _parse(token)
    if parsed is None:
        return CheckInLinkCheck(None, refusal=CheckInRefusal.TAMPERED)
    pk, stage, expires = parsed
    plan = (
        ActionPlan.objects.select_related("nomination__person", "nomination__batch__programme")
        .filter(pk=pk)
        .first()
    )
    if plan is None:
        return CheckInLinkCheck(None, refusal=CheckInRefusal.TAMPERED)
    signed_in = getattr(user, "is_authenticated", False)
    person_id = getattr(user, "person_id", None) if signed_in else None
    if person_id is not None and person_id != plan.nomination.person_id:
        return CheckInLinkCheck(plan, stage, CheckInRefusal.NOT_YOURS)
    answered = plan.checkins.filter(stage=stage).first()
    if answered is not None:
        return CheckInLinkCheck(plan, stage, CheckInRefusal.ANSWERED, answered)
    if timezone.localdate() > expires:
        return CheckInLinkCheck(plan, stage, CheckInRefusal.EXPIRED)
    return CheckInLinkCheck(plan, stage)
