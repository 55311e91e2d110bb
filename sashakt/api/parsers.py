"""JSON bodies only, and never larger than API_MAX_BODY_BYTES (413 before it is read)."""

import io
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.parsers import JSONParser

from sashakt.api.problems import Problem


def too_large() -> Problem:
    return Problem(
        "too-large",
        _("A request body may be at most %(kb)s KB.") % {"kb": settings.API_MAX_BODY_BYTES // 1024},
    )


class LimitedJSONParser(JSONParser):  # type: ignore[misc]  # DRF ships no types
    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: dict[str, Any] | None = None,
    ) -> Any:
        limit = settings.API_MAX_BODY_BYTES
        request = (parser_context or {}).get("request")
        length = request.META.get("CONTENT_LENGTH") if request is not None else None
        if length and str(length).isdigit() and int(length) > limit:
            raise too_large()
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise too_large()
        return super().parse(io.BytesIO(raw), media_type, parser_context)
