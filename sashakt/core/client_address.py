"""The client's address: one rule for every limit and for the audit trail.

Behind nginx (deploy/nginx/sashakt.conf) the socket's address is the proxy's, so every
limit keyed on it would count all visitors as one. Each trusted proxy appends the address
it saw to X-Forwarded-For, so the client is the PROXY_COUNT-th entry from the right;
anything further left was written by the client and proves nothing. With PROXY_COUNT=0
(no proxy, the embedded mode) only the socket's address counts.

Every limit reads this one function: the certificate-verification rate limit, django-axes
(AXES_CLIENT_IP_CALLABLE), the sign-in code requests, hall sign-in, and the address the
audit log records (core.middleware.AuditlogMiddleware).
"""

import ipaddress

from django.conf import settings


def client_address(request) -> str | None:
    """The client's address as a normalised IP, or None when the socket gives none."""
    remote = _ip_or_none(request.META.get("REMOTE_ADDR", ""))
    count = settings.PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return remote  # not through all our proxies: only the socket is known
    return _ip_or_none(forwarded[-count]) or remote


def _ip_or_none(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None
