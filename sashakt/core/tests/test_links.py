"""The link registry (core/links.py): lower pages show what higher apps register, in order."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from sashakt.core import links
from sashakt.core.links import Link, link_register, link_url, links_for
from sashakt.navigation import navigation


@pytest.fixture
def slots(monkeypatch):
    monkeypatch.setattr(links, "_SLOTS", {})


def test_links_come_in_their_order_and_only_where_they_apply(slots):
    def later(*, n, **context):
        return Link("later", f"/later/{n}/")

    def sooner(*, n, **context):
        return Link("sooner", f"/sooner/{n}/") if n > 1 else None

    link_register("page", later, order=20)
    link_register("page", sooner, order=10)
    link_register("page", later, order=20)  # a second ready() registers nothing twice
    assert links_for("page", n=2) == [Link("sooner", "/sooner/2/"), Link("later", "/later/2/")]
    assert links_for("page", n=1) == [Link("later", "/later/1/")]
    assert links_for("nothing registered", n=1) == []


def test_a_page_slot_has_one_address(slots):
    with pytest.raises(LookupError):
        link_url("calendar")
    link_register("calendar", lambda **context: Link("Calendar", "/calendar/"), order=0)
    assert link_url("calendar") == "/calendar/"


def test_the_apps_register_their_links():
    assert {"batch page", "batch calendar", "training history"} <= set(links._SLOTS)
    assert link_url("batch calendar") == "/nominations/batches/"
    assert links.home_url() == "/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/nominations/batches/", "/nominations/batches/4/", "/programmes/batches/new/"]
)
def test_the_batches_entry_is_current_on_every_batch_page(personas, path):
    request = RequestFactory().get(path)
    request.user = personas.state
    with translation.override("en"):
        menu = {str(item["label"]): item["active"] for item in navigation(request)["menu"]}
    assert menu["Batches"] is True
    assert menu["Home"] is False
