"""Requests per minute per token, counted by django-ratelimit (core/ratelimit.py)."""

from typing import Any

from django.conf import settings
from rest_framework.throttling import BaseThrottle

from sashakt.api.models import ApiToken
from sashakt.core.ratelimit import rate_limited_by_key


class TokenRateThrottle(BaseThrottle):  # type: ignore[misc]  # DRF ships no types
    def allow_request(self, request: Any, view: Any) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken):
            return True  # refused anyway, by the scope check
        return not rate_limited_by_key(
            request,
            scope="api",
            key=f"token:{token.prefix}",
            per_minute=settings.API_RATE_PER_MINUTE,
        )

    def wait(self) -> float:
        return 60.0
