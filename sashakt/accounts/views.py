from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sashakt.accounts import codes
from sashakt.accounts import staff as staff_services
from sashakt.accounts.forms import (
    CodeEnterForm,
    CodeRequestForm,
    LoginForm,
    SashaktPasswordChangeForm,
    StaffForm,
)
from sashakt.accounts.lockout import address_paused
from sashakt.accounts.services import user_set_language
from sashakt.core.client_address import client_address
from sashakt.core.permissions import role_required
from sashakt.core.refusals import refused_message, refused_to_form
from sashakt.core.roles import Role


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = SashaktPasswordChangeForm
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


def login_locked_out(request, credentials, *args, **kwargs):
    """Shown by django-axes after too many failed sign-ins: of one account from this address,
    or of any names from this address (then every account is paused here, not just one)."""
    minutes = int(settings.AXES_COOLOFF_TIME * 60)
    context = {"minutes": minutes, "address_paused": address_paused(request)}
    return render(request, "accounts/locked_out.html", context, status=429)


@require_POST
def set_language(request):
    """Switch the interface language; remembered in a cookie and on the account."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language not in {code for code, _name in settings.LANGUAGES}:
        return response
    if request.user.is_authenticated:
        user_set_language(user=request.user, language=language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        samesite="Lax",
    )
    return response


_CODE_MOBILE = "sign_in_code_mobile"


def code_request(request):
    """Sign in with a code, step 1: the mobile number. The same answer whether or not the
    number belongs to a participant."""
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = CodeRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        mobile = form.cleaned_data["mobile"]
        answer = codes.code_request(mobile=mobile, address=client_address(request))
        if answer.limited:
            form.add_error(
                None,
                _("Too many codes were asked for. Try again in %(minutes)s minutes.")
                % {"minutes": answer.minutes},
            )
            return render(request, "accounts/code_request.html", {"form": form}, status=429)
        request.session[_CODE_MOBILE] = mobile
        return redirect("accounts:code_enter")
    return render(request, "accounts/code_request.html", {"form": form})


def code_enter(request):
    """Sign in with a code, step 2: the code sent to that number."""
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    mobile = request.session.get(_CODE_MOBILE)
    if not mobile:
        return redirect("accounts:code_request")
    form = CodeEnterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, username=mobile, code=form.cleaned_data["code"])
        if user is not None:
            login(request, user)
            request.session.pop(_CODE_MOBILE, None)
            return redirect(settings.LOGIN_REDIRECT_URL)
        form.add_error(
            None,
            _(
                "This code is not right, has been used or has expired. Check the SMS, or ask "
                "for a new code."
            ),
        )
    masked = "•" * 6 + mobile[-4:]
    return render(request, "accounts/code_enter.html", {"form": form, "masked_mobile": masked})


@role_required(Role.STATE)
def staff(request):
    """The state cell's page of staff accounts: create one with its scope; deactivate,
    reactivate or reset one. Every change through accounts.staff, audited."""
    form = StaffForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            account, password = staff_services.staff_create(user=request.user, **data)
        except staff_services.StaffError as error:
            refused_to_form(form, error)
        else:
            _show_password_once(request, account, password)
            return redirect("accounts:staff")
    context = {"form": form, "accounts": staff_services.staff_accounts()}
    return render(request, "accounts/staff.html", context)


def _show_password_once(request, account, password) -> None:
    messages.success(
        request,
        _(
            "Account %(username)s is ready. Its temporary password, shown only now: "
            "%(password)s. Hand it over in person; they can change it after signing in."
        )
        % {"username": account.username, "password": password},
    )


@role_required(Role.STATE)
@require_POST
def staff_change(request, pk: int):
    account = get_object_or_404(staff_services.staff_accounts(), pk=pk)
    action = request.POST.get("action", "")
    try:
        if action == "deactivate":
            staff_services.staff_set_active(user=request.user, account=account, active=False)
            messages.success(
                request, _("%(username)s can no longer sign in.") % {"username": account.username}
            )
        elif action == "activate":
            staff_services.staff_set_active(user=request.user, account=account, active=True)
            messages.success(
                request, _("%(username)s can sign in again.") % {"username": account.username}
            )
        elif action == "reset":
            account, password = staff_services.staff_password_reset(
                user=request.user, account=account
            )
            _show_password_once(request, account, password)
        else:
            messages.error(request, _("Unknown action."))
    except staff_services.StaffError as error:
        refused_message(request, error)
    return redirect("accounts:staff")
