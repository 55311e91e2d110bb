"""One-time sign-in codes for participants, sent to their mobile through the outbox.

    code_request(mobile="9839012345", address="10.0.0.1")  # always the same answer
    code_check(mobile="9839012345", code="123456")         # the account, or None

A code is six digits from `secrets`, kept only as a keyed hash (HMAC-SHA256 with the secret
key and a random salt of its own), valid SIGN_IN_CODE_MINUTES and dead after
SIGN_IN_CODE_MAX_WRONG wrong tries (counted over the number's live codes together) or one
use. Every request writes a row, whether the number reaches an account or not, so the limits
per number and per address answer alike for both and the page never tells whether a number is
registered; a number that reaches no account goes through the same work (the code hashed, the
message written and its job queued, in a savepoint then rolled back), so the answer time does
not tell either.

Limits (issue 23): one address may ask for one number SIGN_IN_CODES_PER_NUMBER times in
NUMBER_WINDOW, and a number is sent codes for at most that many different addresses in the
window; a stranger asking from one address therefore stops only their own requests. Asking
again never cancels a code already sent: every live code of the number works until one is
used, so a stranger's request cannot kill the code a participant is about to type.
"""

import datetime
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from sashakt.accounts.models import SignInCode
from sashakt.core.roles import Role
from sashakt.notifications.services import message_send, message_send_rehearsed
from sashakt.people.models import Person

NUMBER_WINDOW = datetime.timedelta(minutes=15)
ADDRESS_WINDOW = datetime.timedelta(hours=1)

# A person may sign in once nominated and given a seat (or after their batch): the statuses
# of `nominations.NominationStatus` that say so, by value (accounts sits below nominations).
TAKING_PART = ("approved", "confirmed", "attended", "incomplete")


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
    # Requests for this number in the window, per address asking (one query).
    per_address = dict(
        SignInCode.objects.filter(mobile_digest=digest, created_at__gte=now - NUMBER_WINDOW)
        .values_list("address")
        .annotate(count=Count("pk"))
        .order_by()
    )
    address = address or None
    from_here = per_address.get(address, 0)
    if (
        from_here >= settings.SIGN_IN_CODES_PER_NUMBER  # this address asked enough
        or not from_here  # a new address, when enough others have asked
        and len(per_address) >= settings.SIGN_IN_CODES_PER_NUMBER
    ):
        return CodeRequest(limited=True, minutes=int(NUMBER_WINDOW.total_seconds() // 60))
    if address and (
        SignInCode.objects.filter(address=address, created_at__gte=now - ADDRESS_WINDOW).count()
        >= settings.SIGN_IN_CODES_PER_ADDRESS
    ):
        return CodeRequest(limited=True, minutes=int(ADDRESS_WINDOW.total_seconds() // 60))
    user = participant_for_mobile(mobile)
    # Both lookups every time, whatever the first finds: the time taken must not tell.
    seat_holder = seat_holder_for_mobile(mobile)
    person = None if user else seat_holder
    code = f"{secrets.randbelow(10**6):06d}"
    code_hash = _code_hash(code)  # for both: the time taken must not tell them apart
    with transaction.atomic():
        row = SignInCode.objects.create(
            mobile_digest=digest,
            address=address,
            user=user,
            person=person,
            code_hash=code_hash if user or person else "",
            expires_at=now + datetime.timedelta(minutes=settings.SIGN_IN_CODE_MINUTES),
        )
        with translation.override(user.language if user and user.language else "hi"):
            body = _(
                "Sashakt: your sign-in code is %(code)s. It works for %(minutes)s minutes. "
                "Do not tell it to anyone."
            ) % {"code": code, "minutes": settings.SIGN_IN_CODE_MINUTES}
        if user:
            purpose_key = f"otp:{user.pk}:{row.pk}"
        elif person:
            purpose_key = f"otp:person-{person.pk}:{row.pk}"
        else:
            purpose_key = f"otp:0:{row.pk}"
        if user is None and person is None:
            message_send_rehearsed(purpose_key=purpose_key, to_mobile=mobile, body=body)
        else:
            with transaction.atomic():  # the savepoint the rehearsal takes, taken alike
                message_send(purpose_key=purpose_key, to_mobile=mobile, body=body)
    return CodeRequest(limited=False)


def code_check(*, mobile: str, code: str):
    """The account a live code of `mobile` signs in, or None (a wrong try counts).

    Every live code of the number is tried (a later request does not cancel one already
    sent); wrong tries count over them together, so more codes buy a guesser nothing."""
    code = "".join(code.split())
    now = timezone.now()
    with transaction.atomic():
        live = list(
            SignInCode.objects.select_for_update()
            .filter(
                mobile_digest=mobile_digest(mobile),
                used_at__isnull=True,
                expires_at__gt=now,
            )
            .filter(Q(user__isnull=False) | Q(person__isnull=False))
            .exclude(code_hash="")
            .order_by("-created_at", "-pk")
        )
        if not live or sum(row.wrong_attempts for row in live) >= settings.SIGN_IN_CODE_MAX_WRONG:
            return None
        well_formed = len(code) == 6 and code.isascii() and code.isdigit()
        row = next((r for r in live if well_formed and _code_matches(code, r.code_hash)), None)
        if row is None:
            SignInCode.objects.filter(pk=live[0].pk).update(wrong_attempts=F("wrong_attempts") + 1)
            return None
        # One sign-in: every code of the number dies with it.
        SignInCode.objects.filter(pk__in=[r.pk for r in live]).update(used_at=now)
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
