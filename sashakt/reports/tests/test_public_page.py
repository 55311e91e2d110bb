"""The public page: aggregates only, small counts suppressed, no personal data."""

import io

from django.core.management import call_command
from django.urls import reverse

from sashakt.people.models import Person
from sashakt.reports.public import suppress, suppress_group


def test_counts_under_five_are_suppressed():
    assert [suppress(n) for n in (0, 1, 4, 5, 12)] == [0, None, None, 5, 12]


def test_the_public_page_needs_no_sign_in_and_suppresses_small_counts(client, world):
    response = client.get(reverse("reports:public"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('data-lgd="') == 75
    assert response.context["total"] is None  # 3 people trained: fewer than 5
    kanpur = next(r for r in response.context["coverage"] if r.district.lgd_code == 157)
    assert kanpur.trained is None
    for person in world.people.values():
        assert person.name not in html and person.mobile not in html


def test_the_public_page_shows_no_demo_name_or_mobile(client, geography):
    call_command("load_demo", stdout=io.StringIO())  # the demo app is not importable here
    html = client.get(reverse("reports:public")).content.decode()
    english = client.get(reverse("reports:public"), HTTP_COOKIE="django_language=en")
    pages = html + english.content.decode()
    people = list(Person.objects.values_list("name", "name_alt", "mobile"))
    assert len(people) > 50
    for name, name_alt, mobile in people:
        assert mobile not in pages
        assert name not in pages
        if name_alt:
            assert name_alt not in pages
    assert "IIT Kanpur" in pages or "भारतीय प्रौद्योगिकी संस्थान कानपुर" in pages


def test_the_public_page_is_cached(client, world, django_assert_max_num_queries):
    client.get(reverse("reports:public"))
    with django_assert_max_num_queries(2):
        assert client.get(reverse("reports:public")).status_code == 200


def test_a_lone_suppressed_cell_takes_the_smallest_other_cell_with_it():
    # Issue 23, item 29: with one cell hidden, the total minus the cells shown gave it back.
    assert suppress_group([40, 3, 12, 0]) == [40, None, None, 0]
    assert suppress_group([40, 3, 2, 0]) == [40, None, None, 0]  # two hidden already
    assert suppress_group([40, 12, 0]) == [40, 12, 0]  # nothing hidden
    assert suppress_group([3, 0]) == [None, 0]  # nothing else to hide: the total is hidden too


def test_a_hidden_district_cannot_be_recovered_from_the_total(client, geography, monkeypatch):
    from sashakt.geography.models import District
    from sashakt.reports import public

    kanpur, lucknow = (District.objects.get(lgd_code=code).pk for code in (157, 162))
    figures = {
        "district": {kanpur: 3, lucknow: 12},
        "registered": {kanpur: 50, lucknow: 60},
        "programme": {},
        "institute": {},
        "mou": {},
        "total": 15,
    }
    monkeypatch.setattr(public, "trained_counted", lambda: figures)
    monkeypatch.setattr(public.tallies, "brought_up_to_date", lambda: False)
    context = client.get(reverse("reports:public")).context
    assert context["total"] == 15
    shown = {row.district.pk: row.trained for row in context["coverage"]}
    assert shown[kanpur] is None and shown[lucknow] is None  # 15 - 12 no longer gives 3
