"""Making, finding and revoking API tokens. Only the state cell makes and revokes them.

A token reads "sk_<prefix>_<secret>": the prefix finds the row, the secret is compared with
its SHA-256 kept at rest (a random 256-bit secret needs no slow hash). The whole token is
returned once, by `token_create`, and never again."""

import datetime
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from auditlog.context import set_actor
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from sashakt.api.models import ApiToken
from sashakt.api.scopes import all_scopes
from sashakt.core.permissions import has_role
from sashakt.core.roles import Role

TOKEN_START = "sk_"
# Last use is written at most this often per token: one UPDATE a minute, not one a request.
TOUCH_EVERY = datetime.timedelta(minutes=1)
LONGEST = datetime.timedelta(days=366)


@dataclass
class MadeToken:
    token: ApiToken
    secret: str  # the whole token, to be shown once


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def token_create(
    *, user: Any, name: str, owner: Any, scopes: list[str], expires_at: datetime.datetime
) -> MadeToken:
    """A new token for system `name`, acting as `owner` within `scopes` until `expires_at`."""
    if not has_role(user, Role.STATE):
        raise PermissionDenied
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Name the system the token is for."))
    unknown = set(scopes) - set(all_scopes())
    if unknown or not scopes:
        raise ValidationError(_("Choose what the token may read or write."))
    if not (owner and owner.is_active):
        raise ValidationError(_("The token must act as an active user."))
    now = timezone.now()
    if expires_at <= now or expires_at > now + LONGEST:
        raise ValidationError(_("The token must expire within a year from today."))
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    with transaction.atomic(), set_actor(user):
        token = ApiToken.objects.create(
            name=name[:100],
            prefix=prefix,
            secret_hash=_hash(secret),
            owner=owner,
            scopes=sorted(set(scopes)),
            created_by=user,
            expires_at=expires_at,
        )
    return MadeToken(token=token, secret=f"{TOKEN_START}{prefix}_{secret}")


def token_revoke(*, user: Any, token: ApiToken) -> ApiToken:
    """Stop `token` at once (a revoked token is kept, with who revoked it)."""
    if not has_role(user, Role.STATE):
        raise PermissionDenied
    with transaction.atomic(), set_actor(user):
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.revoked_by = user
            locked.save(update_fields=["revoked_at", "revoked_by"])
    return locked


def token_find(presented: str) -> ApiToken | None:
    """The token `presented` names, if its secret is right (usable or not: the caller says
    why it is refused); None for anything else."""
    if not presented.startswith(TOKEN_START):
        return None
    prefix, _sep, secret = presented[len(TOKEN_START) :].partition("_")
    if not prefix or not secret or len(prefix) > 16:
        return None
    token = (
        ApiToken.objects.select_related("owner", "owner__district", "owner__institute")
        .filter(prefix=prefix)
        .first()
    )
    if token is None or not hmac.compare_digest(token.secret_hash, _hash(secret)):
        return None
    return token


def token_touch(token: ApiToken) -> None:
    """Remember when the token was last used (at most once a minute, without an audit row)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def token_owners() -> QuerySet[Any]:
    """Users a token may act as: active staff of every role but participants."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(role=Role.PARTICIPANT)
        .order_by("role", "username")
    )


def tokens_for_user(user: Any) -> QuerySet[ApiToken]:
    if not has_role(user, Role.STATE):
        return ApiToken.objects.none()
    return ApiToken.objects.select_related("owner", "created_by", "revoked_by")
