"""A review list an officer can finish (issue 21): one block at a time with how many are
left, the own block's gram panchayats by score with the score shown, nothing preselected
unless clearly best, "none of these" keeping the typed name, and "accept all clear
matches in this block" that shows the count before it links anyone."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from sashakt.geography.models import Block, GramPanchayat
from sashakt.people.models import Designation, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def to_review(kanpur_gram_panchayats):
    block = Block.objects.get(district=kanpur_gram_panchayats, name_en__iexact="Bilhaur")
    people = {}
    for i, typed in enumerate(["रसूलपुर", "गदनपुर", "अटलांटिसपुर"]):
        people[typed] = Person.objects.create(
            name=f"प्रधान {typed}",
            gender="M",
            mobile=f"98390011{i:02d}",
            designation=Designation.PRADHAN,
            district=kanpur_gram_panchayats,
            block=block,
            gram_panchayat_name=typed,
            needs_place_review=True,
        )
    return block, people


def _option(page: str, person, selected_text: str) -> bool:
    start = page.index(f'data-testid="pick-{person.pk}"')
    select = page[start : page.index("</select>", start)]
    return selected_text in select


def test_the_page_shows_the_block_its_count_and_scored_candidates(client, personas, to_review):
    block, people = to_review
    client.force_login(personas.dpro_kanpur)
    page = client.get(reverse("people:place_review")).content.decode()
    assert 'data-testid="review-progress"' in page and "3" in page
    assert 'data-testid="review-blocks"' in page
    # the clear best is preselected, with its score
    assert _option(page, people["रसूलपुर"], 'selected data-score="100"')
    # two close names: offered by score, none preselected
    gadanpur = page[page.index(f'data-testid="pick-{people["गदनपुर"].pk}"') :]
    gadanpur = gadanpur[: gadanpur.index("</select>")]
    assert gadanpur.index("Gadanpur Ahar") < gadanpur.index("Gadanpur Chorsa")
    assert "%" in gadanpur and "selected data-score" not in gadanpur
    assert '<option value="" selected>' in gadanpur
    assert 'value="none"' in gadanpur


def test_none_of_these_keeps_the_typed_name_and_is_audited(client, personas, to_review):
    _block, people = to_review
    person = people["अटलांटिसपुर"]
    client.force_login(personas.dpro_kanpur)
    client.post(reverse("people:place_review_set", args=[person.pk]), {"gram_panchayat": "none"})
    person.refresh_from_db()
    assert not person.needs_place_review and person.gram_panchayat is None
    assert person.gram_panchayat_name == "अटलांटिसपुर"
    entry = LogEntry.objects.get_for_object(person).latest("timestamp")
    assert entry.actor == personas.dpro_kanpur and "needs_place_review" in entry.changes


def test_accept_all_clear_matches_shows_the_count_first(client, personas, to_review):
    block, people = to_review
    client.force_login(personas.dpro_kanpur)
    url = reverse("people:place_review_accept_clear")
    confirm = client.post(url, {"block": block.pk}).content.decode()
    assert 'data-testid="accept-count"' in confirm and "Rasoolpur Bilhaur" in confirm
    assert "Gadanpur" not in confirm
    assert Person.objects.filter(needs_place_review=True).count() == 3  # nothing yet
    client.post(url, {"block": block.pk, "confirm": "1"})
    linked = Person.objects.get(pk=people["रसूलपुर"].pk)
    assert linked.gram_panchayat == GramPanchayat.objects.get(name_en="Rasoolpur Bilhaur")
    assert not linked.needs_place_review
    assert Person.objects.filter(needs_place_review=True).count() == 2
    assert LogEntry.objects.get_for_object(linked).latest("timestamp").actor == personas.dpro_kanpur
    page = client.get(reverse("people:place_review")).content.decode()
    assert 'data-testid="accept-clear"' not in page  # no clear match left


def test_another_districts_officer_sees_and_accepts_nothing(client, personas, to_review):
    block, _people = to_review
    client.force_login(personas.dpro_lucknow)
    page = client.get(reverse("people:place_review")).content.decode()
    assert "प्रधान रसूलपुर" not in page
    client.post(reverse("people:place_review_accept_clear"), {"block": block.pk, "confirm": "1"})
    assert Person.objects.filter(needs_place_review=True).count() == 3
