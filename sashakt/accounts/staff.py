"""Staff accounts kept by the state programme cell, without Django admin: district officers
(with their district), institute coordinators and trainers (with their institute).

    staff_create(user=state, username="dpro-agra", role="district", district=agra, ...)
    staff_set_active(user=state, account=officer, active=False)
    staff_password_reset(user=state, account=officer)   # a new temporary password, shown once

Every change is one atomic function taking the acting user; django-auditlog records each
row change (the actor is the signed-in user of the request)."""

import secrets
import string

from auditlog.models import LogEntry
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sashakt.accounts.two_factor import two_factor_reset
from sashakt.core.refusals import Refused
from sashakt.core.roles import Role

STAFF_ROLES = (Role.DISTRICT, Role.INSTITUTE, Role.TRAINER, Role.FINANCE)
_ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")


class StaffError(Refused):
    """Refused by the staff account rules."""


def _check_state_cell(user) -> None:
    if not (user and user.is_authenticated and user.is_active and user.role == Role.STATE):
        raise StaffError(_("Only the state programme cell keeps staff accounts."))


def staff_accounts():
    return (
        get_user_model()
        ._default_manager.filter(role__in=STAFF_ROLES)
        .select_related("district", "institute")
        .order_by("role", "username")
    )


def _temporary_password() -> str:
    return "".join(secrets.choice(_ALPHABET) for _n in range(12))


@transaction.atomic
def staff_create(
    *,
    user,
    username: str,
    role: str,
    full_name: str = "",
    mobile: str = "",
    email: str = "",
    district=None,
    institute=None,
):
    """A staff account with its scope; returns (account, temporary password)."""
    _check_state_cell(user)
    if role not in STAFF_ROLES:
        raise StaffError(
            _("Choose a district officer, institute coordinator, trainer or finance officer.")
        )
    if role == Role.DISTRICT and district is None:
        raise StaffError(_("A district officer needs their district."))
    if role in (Role.INSTITUTE, Role.TRAINER) and institute is None:
        raise StaffError(_("A coordinator or trainer needs their institute."))
    account = get_user_model()(
        username=username.strip(),
        role=role,
        full_name=full_name.strip(),
        mobile=mobile or None,
        email=email.strip(),
        district=district if role == Role.DISTRICT else None,
        institute=institute if role in (Role.INSTITUTE, Role.TRAINER) else None,
        language="hi",
    )
    password = _temporary_password()
    account.set_password(password)
    try:
        account.full_clean(exclude=["password"])
    except ValidationError as error:
        raise StaffError(" ".join(error.messages)) from error
    account.save()
    return account, password


def _staff_account(account):
    if account.role not in STAFF_ROLES:
        raise StaffError(_("This page keeps staff accounts only."))
    return get_user_model()._default_manager.select_for_update().get(pk=account.pk)


@transaction.atomic
def staff_set_active(*, user, account, active: bool):
    """Deactivate (they can no longer sign in; their history stays) or reactivate."""
    _check_state_cell(user)
    account = _staff_account(account)
    if account.is_active != active:
        account.is_active = active
        account.save(update_fields=["is_active"])
    return account


@transaction.atomic
def staff_password_reset(*, user, account):
    """A new temporary password for a staff account (shown once to the state cell, who
    hands it over); the old one stops working, any sign-in pause is lifted and two-factor
    sign-in is turned off (a lost phone), to be set up again."""
    _check_state_cell(user)
    account = _staff_account(account)
    password = _temporary_password()
    account.set_password(password)
    account.save(update_fields=["password"])
    # The password itself is left out of the audit trail; that it was reset, and by whom, is not.
    LogEntry.objects.log_create(
        account,
        action=LogEntry.Action.UPDATE,
        changes={"password": ["…", _("reset by the state programme cell")]},
        actor=user,
    )

    AccessAttempt.objects.filter(username__iexact=account.username).delete()
    two_factor_reset(account=account, actor=user)
    return account, password
