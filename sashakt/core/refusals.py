"""Refusals: a rule said no, and its message is for the person who asked.

A service raises a subclass of `Refused` (`NominationError`, `BatchError`, ...) whose message is
already translated (or lazy, translated when shown). Each app keeps its own subclass, so a view
catches only its own service's refusals; the helpers below are the one way an interface turns
a refusal into what the user sees:

- `refused_message(request, refusal)`: the message at the top of the next page (the view then
  redirects or renders as it would anyway);
- `refused_redirect(request, refusal, to, ...)`: the same, and back to `to`;
- `refused_to_form(form, refusal, field=None)`: the message as a form error, on a field or on
  the whole form, when the view renders the form again;
- `refused_json(refusal, status=..., **extra)`: a JSON answer `{**extra, "error": message}`
  for the pages' scripts and offline clients.

A refusal that escapes a view is a bug (a 500), not a refusal: every interface catches it.
"""

from typing import Any, Protocol

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect


class HasAbsoluteUrl(Protocol):
    """A model instance `redirect` can go to."""

    def get_absolute_url(self) -> str: ...


class Refused(Exception):
    """A rule refused the action; the message is for the user, in their language."""

    @property
    def message(self) -> str:
        """The message as the user reads it (a lazy message is translated now)."""
        return str(self)


def refused_message(request: HttpRequest, refusal: Refused) -> None:
    messages.error(request, refusal.message)


def refused_redirect(
    request: HttpRequest, refusal: Refused, to: str | HasAbsoluteUrl, *args: Any, **kwargs: Any
) -> HttpResponseRedirect:
    """Say the refusal and go back to `to` (a URL name with its arguments, a model, a path)."""
    refused_message(request, refusal)
    response: HttpResponseRedirect = redirect(to, *args, permanent=False, **kwargs)
    return response


def refused_to_form(form: forms.BaseForm, refusal: Refused, field: str | None = None) -> None:
    """The refusal as an error of `field`, or of the whole form (shown above its fields)."""
    form.add_error(field, refusal.message)


def refused_json(refusal: Refused, *, status: int = 400, **extra: Any) -> JsonResponse:
    """`{**extra, "error": message}` with `status`; each endpoint keeps the shape and the
    status its client reads."""
    return JsonResponse({**extra, "error": refusal.message}, status=status)
