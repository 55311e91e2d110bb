"""The second step of sign-in, enforced (accounts/two_factor.py).

A signed-in member of staff whose session is not yet verified by django-otp is sent to the
code page when they have an authenticator app (the sign-in marked the session so, see
signals.py) or when their role must have one in production (to the code page, or to
enrolment if they have none yet). Only sign-out, the two-factor pages themselves, the
language switch, static files, /healthz and the public /verify/ pages answer before that.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from sashakt.accounts.two_factor import two_factor_enrolled, two_factor_required

PENDING = "two_factor_pending"
_OPEN_PREFIXES = ("/healthz", "/verify/", "/favicon.ico")
_OPEN_PAGES = (
    "accounts:logout",
    "accounts:set_language",
    "accounts:two_factor",
    "accounts:two_factor_verify",
)


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        where = self._destination(request)
        if where is not None:
            return redirect_to_login(request.get_full_path(), where)
        return self.get_response(request)

    def _destination(self, request: HttpRequest) -> str | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        if request.session.get(PENDING):
            where = reverse("accounts:two_factor_verify")
        elif two_factor_required(user):
            enrolled = two_factor_enrolled(user)
            where = reverse("accounts:two_factor_verify" if enrolled else "accounts:two_factor")
        else:
            return None
        path = request.path
        if path.startswith((settings.STATIC_URL, *_OPEN_PREFIXES)):
            return None
        if path in {reverse(name) for name in _OPEN_PAGES}:
            return None
        return where
