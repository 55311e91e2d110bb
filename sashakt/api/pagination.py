"""Cursor pagination whose cursor is signed and bound to its query: a cursor taken from one
list (other filters, another resource) is refused, never silently applied elsewhere."""

import hashlib
from base64 import b64decode, b64encode
from typing import Any
from urllib import parse

from django.core import signing
from django.utils.translation import gettext as _
from rest_framework.pagination import Cursor, CursorPagination, replace_query_param

from sashakt.api.problems import Problem

SALT = "sashakt.api.cursor"


def query_fingerprint(request: Any, cursor_param: str) -> str:
    """The path and every query parameter but the cursor and page size, in a stable order."""
    params = sorted(
        (k, v)
        for k, values in request.query_params.lists()
        for v in values
        if k not in {cursor_param, "page_size"}
    )
    text = request.path + "?" + parse.urlencode(params)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


class QueryBoundCursorPagination(CursorPagination):  # type: ignore[misc]  # DRF ships no types
    ordering = "pk"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def paginate_queryset(self, queryset: Any, request: Any, view: Any = None) -> Any:
        self.fingerprint = query_fingerprint(request, self.cursor_query_param)
        return super().paginate_queryset(queryset, request, view)

    def encode_cursor(self, cursor: Cursor) -> str:
        tokens = {"q": self.fingerprint}
        if cursor.offset != 0:
            tokens["o"] = str(cursor.offset)
        if cursor.reverse:
            tokens["r"] = "1"
        if cursor.position is not None:
            tokens["p"] = cursor.position
        plain = b64encode(parse.urlencode(tokens).encode()).decode("ascii")
        signed = signing.Signer(salt=SALT).sign(plain)
        return str(replace_query_param(self.base_url, self.cursor_query_param, signed))

    def decode_cursor(self, request: Any) -> Cursor | None:
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is None:
            return None
        try:
            plain = signing.Signer(salt=SALT).unsign(encoded)
            tokens = parse.parse_qs(
                b64decode(plain.encode("ascii")).decode(), keep_blank_values=True
            )
            offset = int(tokens.get("o", ["0"])[0])
            reverse = bool(int(tokens.get("r", ["0"])[0]))
            position = tokens.get("p", [None])[0]
            fingerprint = tokens.get("q", [""])[0]
        except (signing.BadSignature, ValueError, TypeError, UnicodeDecodeError):
            raise Problem("bad-cursor", _("This page cursor is not valid.")) from None
        if fingerprint != self.fingerprint or not 0 <= offset <= self.offset_cutoff:
            raise Problem("bad-cursor")
        return Cursor(offset=offset, reverse=reverse, position=position)
