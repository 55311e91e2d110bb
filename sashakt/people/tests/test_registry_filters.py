"""Bad filters in the registry's address give a message, never a 500 (issue 10, item 7)."""

import pytest
from django.urls import reverse

from sashakt.core.models import Job

pytestmark = pytest.mark.django_db

BAD = [
    {"district": "²"},
    {"district": "①"},
    {"district": "12345678901234567890"},
    {"district": "-3"},
    {"designation": "emperor"},
    {"q": "राम\x00कुमार"},
]


@pytest.mark.parametrize("params", BAD)
def test_a_bad_filter_shows_nobody_and_says_why(personas, hindi_client, params):
    hindi_client.force_login(personas.state)
    response = hindi_client.get(reverse("people:list"), params)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0
    assert "फ़िल्टर" in response.content.decode()


@pytest.mark.parametrize("params", BAD)
def test_a_bad_filter_starts_no_export(personas, client, params):
    client.force_login(personas.dpro_kanpur)
    query = "&".join(f"{key}={value}" for key, value in params.items())
    response = client.post(reverse("people:export") + "?" + query)
    assert response.status_code == 302 and response["Location"] == reverse("people:list")
    assert not Job.objects.exists()


def test_good_filters_still_work(personas, client):
    client.force_login(personas.state)
    district = personas.kanpur_person.district_id
    response = client.get(reverse("people:list"), {"district": str(district), "q": "  "})
    people = list(response.context["page"].object_list)
    assert personas.kanpur_person in people and personas.lucknow_person not in people
