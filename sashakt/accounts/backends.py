import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from sashakt.accounts.codes import code_check, participant_account_create
from sashakt.accounts.identity import login_account, login_mobile
from sashakt.accounts.models import SignInEvent, SignInMethod
from sashakt.core.client_address import client_address
from sashakt.core.roles import Role


class UsernameOrMobileBackend(ModelBackend):
    """Sign in with a username or with the mobile number on the account."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        user = login_account(username)
        if user is None:
            # Spend the same time hashing as a real check, so timing does not reveal
            # which usernames exist.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


class SignInCodeBackend(ModelBackend):
    """A participant's mobile number and the one-time code sent to it (codes.py).

    Called as `authenticate(request, username=mobile, code=code)`: django-axes sees the mobile
    as the identity, so a locked account or address cannot use codes either, and every wrong
    code counts towards the same lockout as a wrong password."""

    def authenticate(self, request, username=None, code=None, **kwargs):
        if not username or code is None:
            return None
        mobile = login_mobile(username)
        if mobile is None:
            return None
        user = code_check(mobile=mobile, code=str(code))
        if user is not None and self.user_can_authenticate(user):
            return user
        return None


class HallSignInBackend(ModelBackend):
    """A participant in the training hall: their name picked from the batch's list (by the
    caller, which knows batches) and the last four digits of their mobile.

    Called as `authenticate(request, hall_user=user, last4="2345", hall_place="batch:12")`.
    Wrong digits are limited per name *from one address* (HALL_FAILURES_PER_NAME) and per
    address (HALL_FAILURES_PER_ADDRESS) within HALL_FAILURE_WINDOW_MINUTES, counted from the
    sign-in audit; they do not count towards the password lockout (a hall shares one
    address). Someone holding the hall's link elsewhere thus locks names out only from their
    own address, never from the hall's tablet (issue 23).

    A try is claimed before the digits are compared: its failure row is written at once
    (committed, outside any transaction) and the failures are counted after it, so of tries
    racing each other each sees every one claimed before it, and no more than the limit get
    their digits compared. A right answer takes its claim back; a try refused over the limit
    takes its claim back too, so refused tries (even with the right digits) never count."""

    def authenticate(
        self, request, hall_user=None, last4=None, hall_place="", hall_person=None, **kwargs
    ):
        """`hall_person`: a seat holder picked by their registry record; one without an
        account gets it on this first successful sign-in."""
        if hall_person is not None and hall_user is None:
            if get_user_model()._default_manager.filter(person=hall_person).exists():
                return None  # they have an account: the caller names it as `hall_user`
            return self._first_sign_in(request, hall_person, last4, hall_place)
        if hall_user is None or last4 is None or request is None:
            return None
        request.sign_in_place = hall_place
        address = client_address(request)
        if hall_failures_over_limit(hall_user, address):
            request.sign_in_limited = True
            return None
        claim = SignInEvent.objects.create(
            user=hall_user,
            method=SignInMethod.HALL,
            succeeded=False,
            address=address,
            place=str(hall_place)[:40],
        )
        if hall_failures_over_limit(hall_user, address, allowed=1):  # counting the claim
            claim.delete()
            request.sign_in_limited = True
            return None
        request.hall_claim = claim  # the failure, if it is one, is recorded already
        mobile = hall_user.mobile or (hall_user.person.mobile if hall_user.person_id else "")
        typed = "".join(ch for ch in str(last4) if ch.isdigit())
        if not mobile or len(typed) != 4 or not constant_time_compare(mobile[-4:], typed):
            return None
        if hall_user.role != Role.PARTICIPANT or not self.user_can_authenticate(hall_user):
            return None
        claim.delete()  # not a failure: the sign-in is recorded as it happens
        request.hall_claim = None
        return hall_user

    def _first_sign_in(self, request, person, last4, hall_place):
        if last4 is None or request is None:
            return None
        request.sign_in_place = hall_place
        if hall_failures_over_limit(None, client_address(request)):
            request.sign_in_limited = True
            return None
        typed = "".join(ch for ch in str(last4) if ch.isdigit())
        if (
            not person.mobile
            or len(typed) != 4
            or not constant_time_compare(person.mobile[-4:], typed)
        ):
            return None
        return participant_account_create(person=person)


def hall_failures_over_limit(user, address, *, allowed: int = 0) -> bool:
    """Whether this name from this address, or this address, has used its wrong tries
    (`allowed` more than the limit: a claim of the try under way is among them)."""
    since = timezone.now() - datetime.timedelta(minutes=settings.HALL_FAILURE_WINDOW_MINUTES)
    failures = SignInEvent.objects.filter(
        method=SignInMethod.HALL, succeeded=False, at__gte=since, address=address
    )
    if failures.filter(user=user).count() >= settings.HALL_FAILURES_PER_NAME + allowed:
        return True
    return bool(address) and failures.count() >= settings.HALL_FAILURES_PER_ADDRESS + allowed
