"""Links from a lower app's page to a higher app's pages, without the lower app naming them.

A page of a lower app names a *slot* ("batch page": the buttons on a batch's page; "batch
calendar": the one page listing batches); each higher app that has a page to offer there
registers a builder for it in its `AppConfig.ready()`, and the page shows what the builders
return, in their order. A builder gets the page's objects and the user, and returns None where
the link is not for that user or that object, so the permission checks stay with the page's
owner. Dependencies keep pointing one way (`sashakt/layers.py`); `core/tests/test_layers.py`
fails on any app that names a higher app's URL.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.shortcuts import resolve_url


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    testid: str = ""


Builder = Callable[..., Link | None]

_SLOTS: dict[str, list[tuple[int, Builder]]] = {}


def link_register(slot: str, builder: Builder, *, order: int) -> None:
    """Offer `builder(**context)`'s link in `slot`, at `order` among the others (lowest first)."""
    entries = _SLOTS.setdefault(slot, [])
    if any(existing is builder for _, existing in entries):
        return  # ready() may run more than once (tests that reload the app registry)
    entries.append((order, builder))
    entries.sort(key=lambda entry: entry[0])


def links_for(slot: str, **context) -> list[Link]:
    """The links registered for `slot` that apply to this page and user, in order."""
    return [link for _, build in _SLOTS.get(slot, []) if (link := build(**context)) is not None]


def link_url(slot: str, **context) -> str:
    """The address of the one page registered for `slot` (such as "batch calendar")."""
    found = links_for(slot, **context)
    if len(found) != 1:
        raise LookupError(f"{slot!r}: {len(found)} pages registered, one expected")
    return found[0].url


def home_url() -> str:
    """The site's home page: where signing in lands (the root `settings.py` names it)."""
    return resolve_url(settings.LOGIN_REDIRECT_URL)
