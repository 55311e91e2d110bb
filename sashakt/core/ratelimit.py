"""A rate limit per client address (or per given key), counted by django-ratelimit in Django's
cache (Redis when set, so every web process shares the count). The address is
core.client_address's (PROXY_COUNT), the same rule django-axes and the audit trail use. Used by
the public certificate verification and the seat answered from an SMS link; the API counts
per token (`rate_limited_by_key`)."""

from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited

from sashakt.core.client_address import client_address


def _address_key(group: str, request: HttpRequest) -> str:
    return client_address(request) or "unknown"


def rate_limited(request: HttpRequest, *, scope: str, per_minute: int) -> bool:
    """Count this request; True once the address made more than `per_minute` this minute."""
    return bool(
        is_ratelimited(
            request,
            group=f"sashakt.{scope}",
            key=_address_key,
            rate=f"{per_minute}/m",
            increment=True,
        )
    )


def rate_limited_by_key(request: HttpRequest, *, scope: str, key: str, per_minute: int) -> bool:
    """Count this request against `key` (e.g. an API token's id) rather than the address."""
    return bool(
        is_ratelimited(
            request,
            group=f"sashakt.{scope}",
            key=lambda _group, _request: key,
            rate=f"{per_minute}/m",
            increment=True,
        )
    )
