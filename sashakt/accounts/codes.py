"""One-time sign-in codes for participants, sent to their mobile through the outbox.

    code_request(mobile="9839012345", address="10.0.0.1")  # always the same answer
    code_check(mobile="9839012345", code="123456")         # the account, or None

A code is six digits from `secrets`, kept only as a keyed hash (HMAC-SHA256 with the secret
key and a random salt of its own), valid SIGN_IN_CODE_MINUTES and dead after
SIGN_IN_CODE_MAX_WRONG wrong tries or one use. Every request writes a row, whether the number
reaches an account or not, so the limits per number and per address answer alike for both
and the page never tells whether a number is registered.
"""

import datetime
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from sashakt.accounts.models import SignInCode
from sashakt.core.roles import Role
from sashakt.notifications.services import message_send

NUMBER_WINDOW = datetime.timedelta(minutes=15)
ADDRESS_WINDOW = datetime.timedelta(hours=1)


def mobile_digest(mobile: str) -> str:
    return salted_hmac("sashakt.accounts.code-mobile.v1", mobile, algorithm="sha256").hexdigest()


def _code_hash(code: str, salt: str | None = None) -> str:
    salt = salt or secrets.token_hex(8)
    digest = salted_hmac("sashakt.accounts.code.v1", f"{salt}:{code}", algorithm="sha256")
    return f"{salt}${digest.hexdigest()}"


def _code_matches(code: str, stored: str) -> bool:
    salt, _sep, _digest = stored.partition("$")
    return bool(salt) and constant_time_compare(_code_hash(code, salt), stored)


def participant_for_mobile(mobile: str):
    """The active participant account of this number (on the account or its registry record)."""
    accounts = list(
        get_user_model()
        ._default_manager.filter(role=Role.PARTICIPANT, is_active=True)
        .filter(Q(mobile=mobile) | Q(person__mobile=mobile))[:2]
    )
    return accounts[0] if len(accounts) == 1 else None


@dataclass
class CodeRequest:
    limited: bool
    minutes: int = 0


def code_request(*, mobile: str, address: str | None) -> CodeRequest:
    """Send a code if `mobile` belongs to a participant; the answer never says whether it does."""
    now = timezone.now()
    digest = mobile_digest(mobile)
    recent_for_number = SignInCode.objects.filter(
        mobile_digest=digest, created_at__gte=now - NUMBER_WINDOW
    ).count()
    if recent_for_number >= settings.SIGN_IN_CODES_PER_NUMBER:
        return CodeRequest(limited=True, minutes=int(NUMBER_WINDOW.total_seconds() // 60))
    if address and (
        SignInCode.objects.filter(address=address, created_at__gte=now - ADDRESS_WINDOW).count()
        >= settings.SIGN_IN_CODES_PER_ADDRESS
    ):
        return CodeRequest(limited=True, minutes=int(ADDRESS_WINDOW.total_seconds() // 60))
    user = participant_for_mobile(mobile)
    code = f"{secrets.randbelow(10**6):06d}"
    with transaction.atomic():
        row = SignInCode.objects.create(
            mobile_digest=digest,
            address=address,
            user=user,
            code_hash=_code_hash(code) if user else "",
            expires_at=now + datetime.timedelta(minutes=settings.SIGN_IN_CODE_MINUTES),
        )
        if user is not None:
            with translation.override(user.language or "hi"):
                body = _(
                    "Sashakt: your sign-in code is %(code)s. It works for %(minutes)s minutes. "
                    "Do not tell it to anyone."
                ) % {"code": code, "minutes": settings.SIGN_IN_CODE_MINUTES}
            message_send(purpose_key=f"otp:{user.pk}:{row.pk}", to_mobile=mobile, body=body)
    return CodeRequest(limited=False)


def code_check(*, mobile: str, code: str):
    """The account the latest live code of `mobile` signs in, or None (a wrong try counts)."""
    code = "".join(code.split())
    now = timezone.now()
    with transaction.atomic():
        row = (
            SignInCode.objects.select_for_update()
            .filter(mobile_digest=mobile_digest(mobile), user__isnull=False)
            .exclude(code_hash="")
            .order_by("-created_at", "-pk")
            .first()
        )
        if (
            row is None
            or row.used_at is not None
            or row.expires_at <= now
            or row.wrong_attempts >= settings.SIGN_IN_CODE_MAX_WRONG
        ):
            return None
        if not (len(code) == 6 and code.isdigit() and _code_matches(code, row.code_hash)):
            SignInCode.objects.filter(pk=row.pk).update(wrong_attempts=F("wrong_attempts") + 1)
            return None
        row.used_at = now
        row.save(update_fields=["used_at"])
    user = row.user
    if user.role != Role.PARTICIPANT or not user.is_active:
        return None
    return user
