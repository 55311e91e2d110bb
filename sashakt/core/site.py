"""The site's public address, printed on certificates and in their QR codes.

SASHAKT_PUBLIC_URL when it is set (production should set it: `check --deploy` warns);
otherwise the address the current request came to (scheme and host, the host already
checked against ALLOWED_HOSTS), so a server reached as https://sashakt.example.in prints
that and not 127.0.0.1. Work done outside a request (a background job) runs inside
`public_url_from()` with the address of the request that started it, stored on the job.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import DisallowedHost

FALLBACK = "http://127.0.0.1:8000"  # a management command, a test without a request

_from_request: ContextVar[str] = ContextVar("sashakt_public_url", default="")


def public_url() -> str:
    """The public address without a trailing slash."""
    return settings.SASHAKT_PUBLIC_URL or _from_request.get() or FALLBACK


@contextmanager
def public_url_from(address: str):
    """Use `address` (e.g. stored on a job) as the request's address inside the block."""
    token = _from_request.set((address or "").rstrip("/"))
    try:
        yield
    finally:
        _from_request.reset(token)


def request_address(request) -> str:
    try:
        return f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        return ""


class PublicUrlMiddleware:
    """Remembers the request's address for public_url() while the request is handled."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SASHAKT_PUBLIC_URL:
            return self.get_response(request)
        with public_url_from(request_address(request)):
            return self.get_response(request)
