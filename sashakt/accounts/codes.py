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
from sashakt.people.models import Person

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


# A person may sign in once nominated and given a seat (or after their batch): the statuses
# of `nominations.NominationStatus` that say so, by value (accounts sits below nominations).
TAKING_PART = ("approved", "confirmed", "attended", "incomplete")


def participant_for_mobile(mobile: str):
    """The active participant account of this number (on the account or its registry record)."""
    accounts = list(
        get_user_model()
        ._default_manager.filter(role=Role.PARTICIPANT, is_active=True)
        .filter(Q(mobile=mobile) | Q(person__mobile=mobile))[:2]
    )
    return accounts[0] if len(accounts) == 1 else None


def seat_holder_for_mobile(mobile: str) -> Person | None:
    """The one registry person of this number who takes part in a batch and has no account
    yet (a deactivated account is never replaced by a new one), or None."""
    people = list(
        Person.objects.filter(mobile=mobile, user__isnull=True, nominations__status__in=TAKING_PART)
        .distinct()
        .order_by("pk")[:2]
    )
    return people[0] if len(people) == 1 else None


def participant_account_create(*, person: Person):
    """The participant account of a seat holder, made on their first sign-in by a code sent
    to the registry's mobile (which proves the number is theirs). No password: they sign in
    by code. Audited like every change to an account."""
    user_model = get_user_model()
    username = f"p{person.pk}"
    if user_model._default_manager.filter(username__iexact=username).exists():
        username = f"p{person.pk}-{secrets.token_hex(3)}"  # a staff account took the name
    user = user_model(
        username=username,
        role=Role.PARTICIPANT,
        person=person,
        full_name=person.name,
        language="hi",
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return user


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
    person = None if user else seat_holder_for_mobile(mobile)
    code = f"{secrets.randbelow(10**6):06d}"
    with transaction.atomic():
        row = SignInCode.objects.create(
            mobile_digest=digest,
            address=address,
            user=user,
            person=person,
            code_hash=_code_hash(code) if user or person else "",
            expires_at=now + datetime.timedelta(minutes=settings.SIGN_IN_CODE_MINUTES),
        )
        if user is not None or person is not None:
            key = f"otp:{user.pk}:{row.pk}" if user else f"otp:person-{person.pk}:{row.pk}"
            with translation.override(user.language if user and user.language else "hi"):
                body = _(
                    "Sashakt: your sign-in code is %(code)s. It works for %(minutes)s minutes. "
                    "Do not tell it to anyone."
                ) % {"code": code, "minutes": settings.SIGN_IN_CODE_MINUTES}
            message_send(purpose_key=key, to_mobile=mobile, body=body)
    return CodeRequest(limited=False)


def code_check(*, mobile: str, code: str):
    """The account the latest live code of `mobile` signs in, or None (a wrong try counts)."""
    code = "".join(code.split())
    now = timezone.now()
    with transaction.atomic():
        row = (
            SignInCode.objects.select_for_update()
            .filter(mobile_digest=mobile_digest(mobile))
            .filter(Q(user__isnull=False) | Q(person__isnull=False))
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
        user = row.user or _first_sign_in(row.person)
    if user is None or user.role != Role.PARTICIPANT or not user.is_active:
        return None
    return user


def _first_sign_in(person: Person):
    """The account for a seat holder's first sign-in: made now, unless one appeared since the
    code was sent (then that one, if it is active and theirs)."""
    existing = get_user_model()._default_manager.filter(person=person).first()
    if existing is not None:
        return existing
    return participant_account_create(person=person)
