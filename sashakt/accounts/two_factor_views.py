"""The two-factor pages (accounts/two_factor.py): turn it on with an authenticator app, the
code asked after the password, new recovery codes, turning it off."""

from collections.abc import Callable
from functools import wraps
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login

from sashakt.accounts import two_factor
from sashakt.accounts.forms import TwoFactorCodeForm, TwoFactorEnrolForm
from sashakt.accounts.middleware import PENDING

_KEY = "two_factor_key"  # the secret being set up, until a code confirms it
_CODES = "two_factor_codes"  # recovery codes to show once


View = Callable[..., HttpResponse]


def _staff_only(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not two_factor.two_factor_offered(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return never_cache(wrapped)


def _verified_only(view: View) -> View:
    """The pages that change the second step ask for it first."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _is_verified(request):
            if two_factor.two_factor_enrolled(request.user):
                return redirect_to_login(request.get_full_path(), "accounts:two_factor_verify")
            return redirect("accounts:two_factor")
        return view(request, *args, **kwargs)

    return _staff_only(wrapped)


def _is_verified(request: HttpRequest) -> bool:
    """Whether this session gave the second step (django-otp's OTPMiddleware)."""
    user: Any = request.user
    return bool(user.is_verified())


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return settings.LOGIN_REDIRECT_URL


def _verified(request: HttpRequest, device: Any) -> None:
    """The session now counts as signed in with both factors (a new session key, too)."""
    request.session.cycle_key()
    otp_login(request, device)
    request.session.pop(PENDING, None)


@_staff_only
def two_factor_page(request: HttpRequest) -> HttpResponse:
    """Turn two-factor sign-in on (QR code, the secret as text, a code to confirm), or, once
    on, what is left of the recovery codes and the ways to renew them or turn it off."""
    user = request.user
    if two_factor.two_factor_enrolled(user):
        if not _is_verified(request):
            return redirect_to_login(request.get_full_path(), "accounts:two_factor_verify")
        status = {
            "codes_left": two_factor.recovery_codes_left(user),
            "required": two_factor.two_factor_required(user),
        }
        return render(request, "accounts/two_factor.html", status)
    key = request.session.get(_KEY) or two_factor.two_factor_new_key()
    request.session[_KEY] = key
    form = TwoFactorEnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = two_factor.two_factor_enrol(
                user=user, key=key, code=form.cleaned_data["code"]
            )
        except two_factor.TwoFactorError as error:
            form.add_error("code", str(error))
        else:
            _verified(request, device)
            request.session.pop(_KEY, None)
            request.session[_CODES] = codes
            messages.success(request, _("Two-factor sign-in is on."))
            return redirect("accounts:two_factor_codes")
    url = two_factor.config_url(user, key)
    context: dict[str, Any] = {
        "form": form,
        "qr_svg": segno.make(url, error="m").svg_inline(scale=4, dark="#000", omitsize=True),
        "secret": two_factor.key_for_people(key),
        "required": two_factor.two_factor_required(user),
    }
    return render(request, "accounts/two_factor_enrol.html", context)


@_verified_only
def two_factor_codes(request: HttpRequest) -> HttpResponse:
    """The recovery codes, shown once: a reload finds them gone."""
    codes = request.session.pop(_CODES, None)
    if not codes:
        return redirect("accounts:two_factor")
    return render(request, "accounts/two_factor_codes.html", {"codes": codes})


@_staff_only
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step of sign-in: the app's code or a recovery code."""
    user = request.user
    if _is_verified(request) or not two_factor.two_factor_enrolled(user):
        request.session.pop(PENDING, None)
        if not _is_verified(request) and two_factor.two_factor_required(user):
            return redirect("accounts:two_factor")
        return redirect(_next_url(request))
    form = TwoFactorCodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            device = two_factor.two_factor_check(user=user, code=form.cleaned_data["code"])
        except two_factor.TwoFactorError as error:
            form.add_error(None, str(error))
            status = 429
        else:
            if device is not None:
                _verified(request, device)
                if device.name == two_factor.RECOVERY_NAME:
                    messages.warning(
                        request,
                        _(
                            "You used a recovery code; %(left)s are left. Make new ones from "
                            "the two-factor page if you are running out."
                        )
                        % {"left": two_factor.recovery_codes_left(user)},
                    )
                return redirect(_next_url(request))
            form.add_error(
                None,
                _("This code is not right or has been used. Wait for a new one and try again."),
            )
    context = {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")}
    return render(request, "accounts/two_factor_verify.html", context, status=status)


@_verified_only
def two_factor_recovery(request: HttpRequest) -> HttpResponse:
    """New recovery codes, after a warning that the old ones stop working."""
    if request.method == "POST":
        try:
            codes = two_factor.two_factor_recovery_renew(user=request.user)
        except two_factor.TwoFactorError as error:
            messages.error(request, str(error))
            return redirect("accounts:two_factor")
        request.session[_CODES] = codes
        return redirect("accounts:two_factor_codes")
    return render(request, "accounts/two_factor_confirm.html", {"action": "recovery"})


@_verified_only
def two_factor_remove(request: HttpRequest) -> HttpResponse:
    """Turn two-factor sign-in off, after asking; refused where the role requires it."""
    required = two_factor.two_factor_required(request.user)
    if request.method == "POST":
        try:
            two_factor.two_factor_remove(user=request.user)
        except two_factor.TwoFactorError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Two-factor sign-in is off."))
        return redirect("accounts:two_factor")
    context = {"action": "remove", "required": required}
    return render(request, "accounts/two_factor_confirm.html", context)
