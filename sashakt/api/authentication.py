"""`Authorization: Bearer sk_...`: the request acts as the token's owner."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication

from sashakt.api.models import ApiToken
from sashakt.api.problems import Problem
from sashakt.api.tokens import token_find, token_touch


class TokenAuthentication(authentication.BaseAuthentication):  # type: ignore[misc]  # DRF ships no types
    keyword = "Bearer"

    def authenticate(self, request: Any) -> tuple[Any, ApiToken] | None:
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        keyword, _sep, presented = header.strip().partition(" ")
        if keyword.lower() != self.keyword.lower() or not presented.strip():
            raise Problem("unauthenticated", _("Send the token as: Authorization: Bearer sk_…"))
        token = token_find(presented.strip())
        if token is None:
            raise Problem("unauthenticated", _("This token is not known."))
        if token.revoked_at is not None:
            raise Problem("token-revoked", _("Ask the state programme cell for a new token."))
        if not token.is_usable():
            raise Problem("token-expired", _("Ask the state programme cell for a new token."))
        if not token.owner.is_active:
            raise Problem("unauthenticated", _("The user this token acts as is no longer active."))
        token_touch(token)
        return token.owner, token

    def authenticate_header(self, request: Any) -> str:
        return f'{self.keyword} realm="api"'
