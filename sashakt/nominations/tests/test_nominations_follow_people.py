"""A nomination's copy of the person's gender and social category (what the dashboards group
by) follows the person: when nominated, on every save, and on an import's bulk merge."""

import datetime

import pytest
from django.utils import translation
from openpyxl import Workbook

from sashakt.nominations.models import Nomination
from sashakt.nominations.services import nomination_create, nominations_follow_people
from sashakt.people.importing import Decision, participants_import
from sashakt.people.models import Gender, SocialCategory
from sashakt.test import batch_make, programme_make

pytestmark = pytest.mark.django_db


def _copies(person) -> set[tuple[str, str]]:
    return set(Nomination.objects.filter(person=person).values_list("gender", "social_category"))


@pytest.fixture
def nominated(personas):
    """The Kanpur KP Pramukh (a man, no category recorded) nominated twice."""
    person = personas.kanpur_person
    for start in (datetime.date(2026, 12, 7), datetime.date(2027, 1, 11)):
        batch = batch_make(programme_make(personas.iitk_institute), start=start)
        nomination_create(user=personas.dpro_kanpur, person=person, batch=batch)
    return person


def test_a_nomination_copies_the_person_as_the_database_has_them(nominated):
    assert _copies(nominated) == {(Gender.MALE, "")}
    assert Nomination.objects.filter(person=nominated).count() == 2


def test_saving_the_person_brings_every_nomination_in_step(nominated):
    nominated.gender = Gender.FEMALE
    nominated.social_category = SocialCategory.SC
    nominated.save()
    assert _copies(nominated) == {(Gender.FEMALE, SocialCategory.SC)}
    nominated.save(update_fields=["name"])  # nothing copied changed: nothing to do
    assert _copies(nominated) == {(Gender.FEMALE, SocialCategory.SC)}


def test_an_import_merging_the_person_brings_them_in_step(nominated, personas, tmp_path):
    book = Workbook()
    book.active.append(["नाम", "लिंग", "मोबाइल नंबर", "पद", "जनपद", "विकास खंड"])
    book.active.append(["राम कुमार", "F", "9839012345", "क्षेत्र पंचायत प्रमुख", "कानपुर नगर", "बिल्हौर"])
    path = tmp_path / "list.xlsx"
    book.save(path)
    with translation.override("en"):
        result = participants_import(path, duplicates=Decision.MERGE, user=personas.state)
    assert result.updated == 1
    nominated.refresh_from_db()
    assert nominated.gender == Gender.FEMALE
    assert _copies(nominated) == {(Gender.FEMALE, "")}


def test_following_everyone_mends_copies_changed_behind_its_back(nominated):
    Nomination.objects.filter(person=nominated).update(gender=Gender.OTHER, social_category="ST")
    assert nominations_follow_people() == 2
    assert _copies(nominated) == {(Gender.MALE, "")}
    assert nominations_follow_people(person_ids=[nominated.pk]) == 0


def test_saving_a_nomination_read_before_the_person_changed_keeps_the_new_copy(nominated):
    stale = Nomination.objects.filter(person=nominated).first()
    nominated.gender = Gender.FEMALE
    nominated.save()
    Nomination.objects.filter(pk=stale.pk).update(attended_a_session=True)  # a mark came in
    stale.reason = "Asked to come with the Pradhan"
    stale.save()
    stale.refresh_from_db()
    assert (stale.gender, stale.attended_a_session) == (Gender.FEMALE, True)
    assert stale.reason == "Asked to come with the Pradhan"
