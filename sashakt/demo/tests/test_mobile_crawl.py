"""Crawl every page each role can reach and look for mobiles it may not see (issue 10,
item 2): only the state cell, the person's own district officer and the person."""

import re

import pytest

from sashakt.nominations.services import nomination_approve, nomination_create
from sashakt.people.models import Person
from sashakt.test import batch_make, person_make, programme_make

pytestmark = pytest.mark.django_db
SKIP = ("logout", "/static/", "download", ".pdf", "letter", ".ics", "export", "template.")


def _crawl(client, limit=200):
    seen, todo = set(), ["/"]
    while todo and len(seen) < limit:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        yield url, html
        todo += [
            link
            for link in re.findall(r'href="(/[^"#]*)"', html)
            if not any(part in link for part in SKIP)
        ]


@pytest.fixture
def seated(personas):
    """People of two districts nominated to an IIT Kanpur batch, one holding a seat."""
    batch = batch_make(programme_make(personas.iitk_institute), capacity=5)
    person = person_make(name="सुनीता यादव", name_alt="Sunita Yadav", mobile="9839000701")
    nomination = nomination_create(user=personas.dpro_kanpur, person=person, batch=batch)
    nomination_approve(user=personas.state, nomination=nomination)
    nomination_create(user=personas.dpro_lucknow, person=personas.lucknow_person, batch=batch)
    return batch


@pytest.mark.parametrize("persona", ["iitk", "iiml", "trainer", "participant", "dpro_lucknow"])
def test_no_page_shows_a_mobile_the_role_may_not_see(personas, client, seated, persona):
    user = personas.all_users()[persona]
    hidden = set(Person.objects.values_list("mobile", flat=True))
    if persona == "participant":
        hidden.discard(user.person.mobile)
    if persona == "dpro_lucknow":
        hidden -= set(
            Person.objects.filter(district=user.district).values_list("mobile", flat=True)
        )
    client.force_login(user)
    pages = 0
    for url, html in _crawl(client):
        pages += 1
        leaked = [mobile for mobile in hidden if mobile in html]
        assert leaked == [], f"{persona} sees {leaked} on {url}"
    assert pages >= 2
