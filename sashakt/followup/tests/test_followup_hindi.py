"""The follow-up's pages read in Hindi: no stray English words (names, codes, numbers and
file types aside) on any page a role opens, the check-in link's page included."""

import pytest
from django.urls import reverse

from sashakt.followup.checkin_links import checkin_token
from sashakt.followup.tests.test_followup_pages import done  # noqa: F401 - the fixture
from sashakt.stray_latin import assert_no_stray_latin

pytestmark = pytest.mark.django_db


def test_every_followup_page_is_hindi(client, personas, done):  # noqa: F811
    world, plans = done
    names = [p.name_alt for p in (personas.kanpur_person, personas.lucknow_person)]
    names += [personas.participant.person.name_alt, "Commitment", "Gram", "Sabha", "MB"]
    pages = {
        "participant": [reverse("followup:plan_own"), reverse("followup:case_studies")],
        "iitk": [
            reverse("followup:batch_plans", args=[world.batch.pk]),
            reverse("followup:plan_assisted", args=[world.batch.pk, world.kanpur.pk]),
        ],
        "dpro_kanpur": [
            reverse("followup:due"),
            reverse("followup:record_call", args=[plans["kanpur"].pk, 90]),
        ],
        "state": [
            reverse("followup:report") + f"?by={by}"
            for by in ("theme", "programme", "institute", "district", "designation", "gender")
        ]
        + [
            reverse("followup:report_people") + "?by=theme&key=water_sufficient",
            reverse("followup:stories"),
        ],
    }
    users = personas.all_users()
    for role, urls in pages.items():
        client.force_login(users[role])
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            assert_no_stray_latin(response.content.decode(), allowed=names + [users[role].username])
    client.logout()
    response = client.get(reverse("followup:checkin", args=[checkin_token(plans["own"], 90)]))
    assert_no_stray_latin(response.content.decode(), allowed=names)
