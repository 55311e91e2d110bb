"""The sign-in audit: every sign-in and every failed attempt becomes a SignInEvent; and a
sign-in of someone with two-factor sign-in waits for their code."""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from sashakt.accounts.identity import login_account
from sashakt.accounts.middleware import PENDING
from sashakt.accounts.models import SignInEvent, SignInMethod
from sashakt.accounts.two_factor import two_factor_enrolled, two_factor_offered
from sashakt.core.client_address import client_address

_METHOD_OF_BACKEND = {
    "sashakt.accounts.backends.SignInCodeBackend": SignInMethod.CODE,
    "sashakt.accounts.backends.HallSignInBackend": SignInMethod.HALL,
}


def _address(request):
    return client_address(request) if request is not None else None


@receiver(user_logged_in, dispatch_uid="sashakt.accounts.sign_in_audit")
def sign_in_recorded(sender, request, user, **kwargs):
    method = _METHOD_OF_BACKEND.get(getattr(user, "backend", ""), SignInMethod.PASSWORD)
    SignInEvent.objects.create(
        user=user,
        method=method,
        succeeded=True,
        address=_address(request),
        place=getattr(request, "sign_in_place", "")[:40],
    )


@receiver(user_logged_in, dispatch_uid="sashakt.accounts.two_factor_pending")
def second_step_owed(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """A password alone does not finish the sign-in of someone with an authenticator app:
    the session waits for their code (middleware.py)."""
    if request is not None and two_factor_offered(user) and two_factor_enrolled(user):
        request.session[PENDING] = True


@receiver(user_login_failed, dispatch_uid="sashakt.accounts.sign_in_failure_audit")
def sign_in_failure_recorded(sender, credentials, request=None, **kwargs):
    if "hall_place" in credentials:
        if request is not None and (
            getattr(request, "hall_claim", None) or getattr(request, "sign_in_limited", False)
        ):
            return  # recorded as the try was claimed; a refused try is no try (backends.py)
        method, user = SignInMethod.HALL, credentials.get("hall_user")
    else:
        method = SignInMethod.CODE if "code" in credentials else SignInMethod.PASSWORD
        user = login_account(credentials.get("username"))
    SignInEvent.objects.create(
        user=user,
        method=method,
        succeeded=False,
        address=_address(request),
        place=str(credentials.get("hall_place", ""))[:40],
    )
