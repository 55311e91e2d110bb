"""Two-factor sign-in for staff: an authenticator app's six-digit codes (TOTP) and ten
recovery codes, both django-otp devices (`otp_totp`, `otp_static`).

    key = two_factor_new_key()                                   # shown as a QR code
    device, codes = two_factor_enrol(user=officer, key=key, code="123456")
    device = two_factor_check(user=officer, code="654321")     # a device, or None
    codes = two_factor_recovery_renew(user=officer)             # the old ten stop working
    two_factor_remove(user=officer)                             # not where it is required

Required, in production, of the roles in TWO_FACTOR_REQUIRED_ROLES (the state cell and
institute coordinators unless the setting says otherwise); offered to the other staff. A
participant (who signs in with a code sent by SMS) never has it.

django-otp keeps static tokens in clear, so the recovery codes are stored as a keyed digest
(HMAC-SHA256 with the secret key, 80 bits in base32: the 16 characters its field holds) and
the code typed is digested before django-otp compares it; django-otp's own throttling (the
next try waits 1, 2, 4, 8… seconds after each wrong one) and its one-use deletion still apply.
A new SECRET_KEY therefore invalidates recovery codes (not the authenticator app's codes).

Enrolment, removal and new recovery codes each write an audit row on the user (never the key
or a code); the devices themselves are not registered with auditlog, so the key never reaches
the audit trail.
"""

import base64
import re
from binascii import unhexlify
from typing import Any

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from sashakt.core.refusals import Refused
from sashakt.core.roles import Role

RECOVERY_CODES = 10
DEVICE_NAME = "authenticator"
RECOVERY_NAME = "recovery"
_SIX_DIGITS = re.compile(r"\d{6}")


class TwoFactorError(Refused):
    """A refusal meant for the user (already translated)."""


def two_factor_offered(user: Any) -> bool:
    """Staff may add a second step; participants sign in by SMS code and never do."""
    return bool(user and user.is_authenticated and user.role and user.role != Role.PARTICIPANT)


def two_factor_required(user: Any) -> bool:
    return (
        bool(settings.PRODUCTION)
        and two_factor_offered(user)
        and user.role in settings.TWO_FACTOR_REQUIRED_ROLES
    )


def authenticator_for(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def two_factor_enrolled(user: Any) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def recovery_codes_left(user: Any) -> int:
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


def two_factor_new_key() -> str:
    """A new secret (hex, 20 random bytes), kept in the session until a code confirms it."""
    return str(random_hex(20))


def key_for_people(key: str) -> str:
    """The secret as an authenticator app asks for it by hand: base32, in groups of four."""
    text = base64.b32encode(unhexlify(key)).decode()
    return " ".join(text[start : start + 4] for start in range(0, len(text), 4))


def config_url(user: Any, key: str) -> str:
    """The otpauth:// address the QR code holds (django-otp's own, for an unsaved device)."""
    return str(TOTPDevice(user=user, key=key).config_url)


def _normalised(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def recovery_digest(code: str) -> str:
    digest = salted_hmac(
        "sashakt.accounts.recovery-code.v1", _normalised(code), algorithm="sha256"
    ).digest()
    return base64.b32encode(digest[:10]).decode().lower()


def _recovery_codes_make(device: StaticDevice) -> list[str]:
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _n in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=recovery_digest(code)) for code in codes
    )
    # Shown as two groups of four, easier to copy from paper.
    return [f"{code[:4]}-{code[4:]}" for code in codes]


def _audit(user: Any, *, actor: Any, change: str) -> None:
    LogEntry.objects.log_create(
        user, action=LogEntry.Action.UPDATE, changes={"two_factor": ["…", change]}, actor=actor
    )


def _locked(user: Any) -> Any:
    return get_user_model()._default_manager.select_for_update().get(pk=user.pk)


@transaction.atomic
def two_factor_enrol(*, user: Any, key: str, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the authenticator app (its current code for `key`) and make the ten recovery
    codes; returns the device and the codes, which are shown once and never again."""
    if not two_factor_offered(user):
        raise TwoFactorError(_("Two-factor sign-in is for staff accounts."))
    user = _locked(user)
    if two_factor_enrolled(user):
        raise TwoFactorError(_("Two-factor sign-in is already on for this account."))
    code = _normalised(code)
    totp = TOTP(unhexlify(key))
    totp.time = timezone.now().timestamp()
    if not (_SIX_DIGITS.fullmatch(code) and totp.verify(int(code), tolerance=1)):
        raise TwoFactorError(
            _(
                "This code is not right. Check that the phone's time is correct and type the "
                "code the app shows now."
            )
        )
    TOTPDevice.objects.filter(user=user).delete()  # none confirmed: leftovers only
    StaticDevice.objects.filter(user=user).delete()
    # The code just typed cannot sign in again (django-otp accepts only later time steps).
    device = TOTPDevice.objects.create(
        user=user, name=DEVICE_NAME, key=key, confirmed=True, last_t=totp.t()
    )
    recovery = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = _recovery_codes_make(recovery)
    _audit(
        user,
        actor=user,
        change=_("turned on, with %(count)s recovery codes") % {"count": RECOVERY_CODES},
    )
    return device, codes


def two_factor_check(*, user: Any, code: str) -> TOTPDevice | StaticDevice | None:
    """The device that accepts `code` (six digits: the app; otherwise a recovery code, used
    up), or None. Raises TwoFactorError while django-otp makes the next try wait."""
    code = _normalised(code)
    with transaction.atomic():
        if _SIX_DIGITS.fullmatch(code):
            devices = TOTPDevice.objects.filter(user=user, confirmed=True)
            token = code
        else:
            devices = StaticDevice.objects.filter(user=user, confirmed=True)
            token = recovery_digest(code)
        for device in devices.select_for_update().order_by("pk"):
            allowed, details = device.verify_is_allowed()
            if not allowed:
                wait = (details or {}).get("locked_until")
                seconds = max(1, int((wait - timezone.now()).total_seconds()) + 1) if wait else 1
                raise TwoFactorError(
                    _("Too many wrong codes. Wait %(seconds)s seconds, then try again.")
                    % {"seconds": seconds}
                )
            if device.verify_token(token):
                return device
    return None


@transaction.atomic
def two_factor_recovery_renew(*, user: Any) -> list[str]:
    """Ten new recovery codes; the old ones stop working."""
    user = _locked(user)
    if not two_factor_enrolled(user):
        raise TwoFactorError(_("Two-factor sign-in is not on for this account."))
    recovery, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    codes = _recovery_codes_make(recovery)
    _audit(user, actor=user, change=_("new recovery codes made; the old ones no longer work"))
    return codes


@transaction.atomic
def two_factor_remove(*, user: Any) -> None:
    """Turn two-factor sign-in off: the app's key and the recovery codes are deleted."""
    user = _locked(user)
    if two_factor_required(user):
        raise TwoFactorError(_("Your role must sign in with two factors; it cannot be turned off."))
    if not two_factor_enrolled(user):
        raise TwoFactorError(_("Two-factor sign-in is not on for this account."))
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    _audit(user, actor=user, change=_("turned off"))


def two_factor_reset(*, account: Any, actor: Any) -> bool:
    """Someone who lost the phone and the recovery codes: the state cell's password reset
    (accounts/staff.py) also turns the second step off, so they can set it up again. Runs in
    the caller's transaction; returns whether there was anything to turn off."""
    deleted, _counts = TOTPDevice.objects.filter(user=account).delete()
    deleted += StaticDevice.objects.filter(user=account).delete()[0]
    if deleted:
        _audit(account, actor=actor, change=_("turned off by the state programme cell"))
    return bool(deleted)
