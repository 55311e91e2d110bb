"""Every Hindi page of the demo, for every role, shows no English except names, codes and
numbers (issue 11): the pages in the menu and every page they link to, as each demo user
opens them."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from sashakt.demo.services import demo_load
from sashakt.geography.models import Block, District
from sashakt.people.models import Person
from sashakt.programmes.models import Institute
from sashakt.stray_latin import stray_latin_words
from sashakt.test import ensure_geography

pytestmark = pytest.mark.django_db

USERS = ["state.cell", "iitk.coordinator", "dpro.kanpurnagar", "trainer.demo", "participant.demo"]
# Not pages to read: files, the admin (its own test), signing out, the hall tablet's link, the
# API's developer pages (Swagger UI and the OpenAPI document, for programmers, in English).
SKIPPED = re.compile(
    r"^/(static|admin|media)/|^/accounts/logout/|^/api/v1/|\.(pdf|ics|xlsx|csv|zip|js)$"
)


def _names() -> list[str]:
    """Names of people, places, institutes and accounts: Latin on a Hindi page by right."""
    names = set()
    for person in Person.objects.all():
        names.update([person.name, person.name_alt])
    names.update(Block.objects.values_list("name_en", flat=True))
    names.update(District.objects.values_list("name_en", flat=True))
    for institute in Institute.objects.all():
        names.update(str(institute).split())
    for user in get_user_model().objects.all():
        names.update([user.username, user.full_name])
    return [name for name in names if name]


def _links(html: str) -> set[str]:
    return {url for url in re.findall(r'href="(/[^"#?]*)"', html) if not SKIPPED.search(url)}


def test_no_hindi_page_of_the_demo_shows_english():
    ensure_geography()
    demo_load()
    names = _names()
    found, seen = [], 0
    for username in USERS:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        home = client.get("/")
        queue = [
            "/",
            *(item["url"] for item in home.context["menu"]),
            *_links(home.content.decode()),
        ]
        visited = set()
        for depth_url in queue:
            if depth_url in visited or SKIPPED.search(depth_url):
                continue
            visited.add(depth_url)
            response = client.get(depth_url)
            if response.status_code != 200 or "text/html" not in response["Content-Type"]:
                continue
            html = response.content.decode()
            seen += 1
            words = stray_latin_words(html, allowed=names)
            found += [f"{username} {depth_url}: {word!r} in {text[:60]!r}" for word, text in words]
            if depth_url.count("/") <= 3:  # one level below the menu
                queue += sorted(_links(html) - visited)
    assert seen > 40
    assert not found, "\n".join(sorted(set(found)))
