"""Every error of /api/v1/ as RFC 9457 problem JSON: {type, title, status, detail}, with the
title and detail in the request's language (Hindi unless Accept-Language asks for English).

Views raise `Problem` (or DRF's own exceptions, mapped below); a service's refusal
(`core.refusals.Refused`, Django's ValidationError or PermissionDenied) is turned into one
here, so no user mistake ever reaches the client as a 500."""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response

from sashakt.core.refusals import Refused

PROBLEM_TYPE = "urn:sashakt:problem:"
CONTENT_TYPE = "application/problem+json"

# slug: (status, title)
KINDS: dict[str, tuple[int, object]] = {
    "malformed": (400, _("The request could not be read")),
    "invalid": (400, _("Some values are not valid")),
    "unknown-fields": (400, _("The request has fields this address does not take")),
    "bad-cursor": (400, _("This page cursor does not belong to this query")),
    "unauthenticated": (401, _("A valid token is needed")),
    "token-expired": (401, _("The token has expired")),
    "token-revoked": (401, _("The token has been revoked")),
    "forbidden": (403, _("Not allowed")),
    "scope": (403, _("The token is not allowed this")),
    "not-found": (404, _("Not found")),
    "method-not-allowed": (405, _("Method not allowed")),
    "not-acceptable": (406, _("The answer cannot be given in the format asked for")),
    "refused": (409, _("The rules refused this")),
    "too-large": (413, _("The request is too large")),
    "unsupported-media-type": (415, _("Send the body as JSON")),
    "idempotency-conflict": (422, _("This idempotency key was used for another request")),
    "rate-limited": (429, _("Too many requests")),
}


class Problem(exceptions.APIException):  # type: ignore[misc]  # DRF ships no types
    """An error answered as problem JSON of kind `slug` (KINDS), with `detail` in words and
    any `extra` members (e.g. `errors` per field)."""

    def __init__(self, slug: str, detail: Any = None, **extra: Any) -> None:
        self.slug = slug
        self.status_code = KINDS[slug][0]
        self.extra = extra
        super().__init__(detail=detail or KINDS[slug][1])


def problem_body(slug: str, detail: Any, **extra: Any) -> dict[str, Any]:
    status_code, title = KINDS[slug]
    return {
        "type": PROBLEM_TYPE + slug,
        "title": str(title),
        "status": status_code,
        "detail": str(detail),
        **extra,
    }


def problem_response(
    slug: str, detail: Any = None, headers: dict[str, str] | None = None, **extra: Any
) -> Response:
    body = problem_body(slug, detail or KINDS[slug][1], **extra)
    return Response(body, status=body["status"], headers=headers, content_type=CONTENT_TYPE)


def _field_errors(detail: Any) -> dict[str, Any]:
    """DRF's nested error detail as {field: [message, ...]} of plain strings."""
    if isinstance(detail, dict):
        return {
            str(k): _field_errors(v) if isinstance(v, dict) else _messages(v)
            for k, v in detail.items()
        }
    return {"non_field_errors": _messages(detail)}


def _messages(detail: Any) -> list[str]:
    if isinstance(detail, list):
        out: list[str] = []
        for item in detail:
            out += _messages(item) if isinstance(item, (list, dict)) else [str(item)]
        return out
    if isinstance(detail, dict):
        return [f"{k}: {m}" for k, v in detail.items() for m in _messages(v)]
    return [str(detail)]


def _first_message(errors: dict[str, Any]) -> str:
    for messages in errors.values():
        if isinstance(messages, dict):
            return _first_message(messages)
        if messages:
            return str(messages[0])
    return str(KINDS["invalid"][1])


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's EXCEPTION_HANDLER: every exception a view raises, as problem JSON."""
    headers: dict[str, str] = {}
    if isinstance(exc, Problem):
        return problem_response(exc.slug, exc.detail, **exc.extra)
    if isinstance(exc, RequestDataTooBig):
        return problem_response("too-large")
    if isinstance(exc, Refused):
        return problem_response("refused", exc.message)
    if isinstance(exc, DjangoValidationError):
        return problem_response("refused", " ".join(str(m) for m in exc.messages))
    if isinstance(exc, Http404 | exceptions.NotFound):
        return problem_response("not-found")
    if isinstance(exc, DjangoPermissionDenied | exceptions.PermissionDenied):
        return problem_response("forbidden")
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        return problem_response(
            "unauthenticated",
            exc.detail if isinstance(exc, exceptions.AuthenticationFailed) else None,
            headers={"WWW-Authenticate": 'Bearer realm="api"'},
        )
    if isinstance(exc, exceptions.MethodNotAllowed):
        return problem_response("method-not-allowed")
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return problem_response("unsupported-media-type")
    if isinstance(exc, exceptions.NotAcceptable):
        return problem_response("not-acceptable")
    if isinstance(exc, exceptions.Throttled):
        if exc.wait is not None:
            headers["Retry-After"] = str(int(exc.wait))
        return problem_response("rate-limited", headers=headers)
    if isinstance(exc, exceptions.ParseError):
        return problem_response("malformed")
    if isinstance(exc, exceptions.ValidationError):
        errors = _field_errors(exc.detail)
        return problem_response("invalid", _first_message(errors), errors=errors)
    if isinstance(exc, exceptions.APIException):
        code = exc.status_code if exc.status_code in {k[0] for k in KINDS.values()} else 400
        slug = next(s for s, (c, _t) in KINDS.items() if c == code)
        return problem_response(slug)
    return None  # a bug: Django's 500


__all__ = ["Problem", "problem_exception_handler", "problem_response", "status"]
