"""Who a sign-in attempt is about, whatever spelling reached the account.

The sign-in backend and the lockout counter must agree: if the lockout counted
"tRainer.Demo" or "+916000000901" as typed while sign-in normalised them, each new spelling
would bring five fresh tries at the same account. Both therefore go through
`login_account()`, and the lockout key is the account's own username.
"""

import re

from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.db.models import Sum

from sashakt.core.roles import Role
from sashakt.core.text import clean_text, normalise_mobile

# What a person types as a mobile number: digits and the separators phones and people add.
# "6a000000901" is not a mobile number (normalise_mobile alone would drop the letter).
_MOBILE_AS_TYPED = re.compile(r"^\+?[\d\s\-().]+$")
_NOT_AN_ACCOUNT = "?"  # no username can start with it (Django's username validator)


def login_mobile(identifier) -> str | None:
    text = clean_text(identifier)
    if not text or not _MOBILE_AS_TYPED.match(text):
        return None
    return normalise_mobile(text)


def login_account(identifier):
    """The account a username or mobile number (as typed) names, or None."""
    text = clean_text(identifier)
    if not text:
        return None
    user_model = get_user_model()
    mobile = login_mobile(text)
    lookup = {"mobile": mobile} if mobile else {"username__iexact": text}
    try:
        return user_model._default_manager.get(**lookup)
    except user_model.MultipleObjectsReturned:
        return None
    except user_model.DoesNotExist:
        if not mobile:
            return None
    # A participant's number is often only on their registry record.
    accounts = list(
        user_model._default_manager.filter(role=Role.PARTICIPANT, person__mobile=mobile)[:2]
    )
    return accounts[0] if len(accounts) == 1 else None


def login_identity(request, credentials) -> str:
    """django-axes' key for an attempt: the account's username, however it was spelled.

    An identifier that names no account gets a key of its own, marked so it can never be
    mistaken for an account; its failures still count against the address.
    """
    if credentials and credentials.get("username") is not None:
        identifier = credentials["username"]
    else:
        identifier = getattr(request, "POST", {}).get("username", "")
    user = login_account(identifier)
    if user is not None:
        return user.get_username()
    mobile = login_mobile(identifier)
    return _NOT_AN_ACCOUNT + (mobile or clean_text(identifier).casefold())[:140]


def address_failures(ip_address: str | None, since) -> int:
    """Failed sign-ins from one address since `since`, whatever account they tried."""
    if not ip_address:
        return 0

    total = AccessAttempt.objects.filter(ip_address=ip_address, attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return total or 0
