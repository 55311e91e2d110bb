"""What every /api/v1/ view shares: the request's language, ETag and 304 on reads,
Idempotency-Key on writes, and the token written into the audit trail of every write."""

import contextlib
import datetime
import hashlib
import json
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any, cast

from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models.signals import pre_save
from django.http import HttpRequest, HttpResponse
from django.middleware.http import ConditionalGetMiddleware
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.decorators import decorator_from_middleware
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from sashakt.api.models import ApiToken, IdempotentRequest
from sashakt.api.parsers import too_large
from sashakt.api.problems import Problem
from sashakt.core.client_address import client_address

# ETag from the answer's bytes, and 304 Not Modified when If-None-Match names it (GET only).
conditional_get = decorator_from_middleware(ConditionalGetMiddleware)

_writing_token: ContextVar[ApiToken | None] = ContextVar("sashakt_api_token", default=None)


def api_language(request: HttpRequest) -> str:
    """The first supported language of Accept-Language; Hindi when none is asked for."""
    supported = {code for code, _name in settings.LANGUAGES}
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in parse_accept_lang_header(header):
        base = str(code).split("-")[0].lower()
        if base in supported:
            return base
    return str(settings.LANGUAGE_CODE)


class ApiViewMixin(APIView):  # type: ignore[misc]  # DRF ships no types
    """For every API view (the class comes first in the bases, before DRF's view)."""

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        language = api_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        length = request.META.get("CONTENT_LENGTH") or ""
        if length.isdigit() and int(length) > settings.API_MAX_BODY_BYTES:
            raise too_large()  # before anything reads it
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request: Any, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Language"] = translation.get_language()
        patch_vary_headers(response, ["Authorization", "Accept-Language"])
        return response

    @classmethod
    def as_view(cls, *args: Any, **kwargs: Any) -> Any:
        return conditional_get(super().as_view(*args, **kwargs))


def _tag_entry(sender: Any, instance: LogEntry, **kwargs: Any) -> None:
    """Every audit entry written during an API write names the token (and its system)."""
    token = _writing_token.get()
    if token is None:
        return
    data = instance.additional_data if isinstance(instance.additional_data, dict) else {}
    instance.additional_data = {**data, "api_token": token.prefix, "api_system": token.name}


pre_save.connect(_tag_entry, sender=LogEntry, dispatch_uid="sashakt.api.tag_entry")


@contextlib.contextmanager
def audited_as_token(request: Any) -> Iterator[None]:
    """Writes inside are audited with the token's owner as the actor and the token named."""
    token = request.auth
    marker = _writing_token.set(token)
    try:
        with set_actor(token.owner, remote_addr=client_address(request)):
            yield
    finally:
        _writing_token.reset(marker)


def _fingerprint(request: Any) -> str:
    body = json.dumps(request.data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


class _KeyTaken(Exception):
    pass


def _replay(stored: IdempotentRequest, fingerprint: str) -> HttpResponse:
    if stored.fingerprint != fingerprint:
        raise Problem(
            "idempotency-conflict",
            _("Send a new Idempotency-Key for a different request."),
        )
    return HttpResponse(
        stored.body,
        status=stored.status_code,
        content_type="application/json",
        headers={"Idempotent-Replayed": "true"},
    )


def idempotent(request: Any, run: Callable[[], Response]) -> HttpResponse:
    """Run the write `run()` once per Idempotency-Key (when the header is sent): the same key
    with the same request replays the first answer; with another request it is refused
    (422). A refused write is not remembered, so it may be corrected and sent again."""
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key:
        with audited_as_token(request):
            return cast(HttpResponse, run())
    if len(key) > 100 or not key.isprintable():
        raise Problem("invalid", _("An Idempotency-Key is 1 to 100 printable characters."))
    token, fingerprint = request.auth, _fingerprint(request)
    since = timezone.now() - datetime.timedelta(hours=settings.API_IDEMPOTENCY_HOURS)
    kept = IdempotentRequest.objects.filter(token=token, key=key, created_at__gte=since)
    try:
        with transaction.atomic():
            stored = kept.select_for_update().first()
            if stored is not None:
                return _replay(stored, fingerprint)
            with audited_as_token(request):
                response = run()
            # Answers older than API_IDEMPOTENCY_HOURS are forgotten (this key's among them).
            IdempotentRequest.objects.filter(token=token, created_at__lt=since).delete()
            try:
                with transaction.atomic():
                    IdempotentRequest.objects.create(
                        token=token,
                        key=key,
                        fingerprint=fingerprint,
                        status_code=response.status_code,
                        body=JSONRenderer().render(response.data).decode(),
                    )
            except IntegrityError:
                raise _KeyTaken from None  # the same key, sent twice at once: undo this one
            return cast(HttpResponse, response)
    except _KeyTaken:
        return _replay(kept.get(), fingerprint)
