"""The registry by hand (issue 22): a district officer adds a person through the import's
own cleaning and duplicate rules, corrects one with a reason kept in the history, and marks
one who left office, who then drops out of nominations and the RGSA lists."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from sashakt.geography.models import Block, GramPanchayat
from sashakt.notifications.models import Message
from sashakt.people.by_hand import person_add, person_correct, person_leave_office
from sashakt.people.models import Designation, LeftOffice, Person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages read in English (the Hindi ones are checked by the catalogue's tests)."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def _kanpur_block():
    return Block.objects.filter(district__lgd_code=157).order_by("lgd_code").first()


def _cells(**overrides):
    cells = {
        "name": "मोहन लाल",
        "mobile": "98390 11111",
        "gender": "M",
        "designation": Designation.BDC_MEMBER,
        "block": _kanpur_block().name_en,
        "gram_panchayat": "",
        "category": "OBC",
        "term_start": "15/07/2021",
        "email": "",
    }
    return {**cells, **overrides}


def test_officer_adds_a_person_cleaned_as_an_import_row_and_audited(personas):
    added = person_add(user=personas.dpro_kanpur, cells=_cells())
    person = Person.objects.get(pk=added.person.pk)
    assert person.mobile == "9839011111"  # cleaned as a sheet's mobile is
    assert person.district == personas.dpro_kanpur.district
    assert person.block == _kanpur_block()
    assert person.social_category == "OBC"
    assert person.term_start == datetime.date(2021, 7, 15)
    assert person.name_alt  # the other script, as an import gives it
    entry = LogEntry.objects.get_for_object(person).get()
    assert entry.action == LogEntry.Action.CREATE and entry.actor == personas.dpro_kanpur


def test_a_district_officer_adds_only_to_their_own_district(personas):
    lucknow = personas.lucknow_person.district
    added = person_add(user=personas.dpro_kanpur, cells=_cells(), district=lucknow)
    assert added.person.district == personas.dpro_kanpur.district


def test_same_mobile_as_someone_registered_is_refused_with_their_name(personas):
    before = Person.objects.count()
    with pytest.raises(ValidationError) as caught:
        person_add(user=personas.dpro_kanpur, cells=_cells(mobile="9839012345"))
    assert "राम कुमार" in caught.value.messages[0]
    assert "already belongs" in caught.value.messages[0]
    assert Person.objects.count() == before


def test_same_mobile_as_another_districts_person_is_refused_without_saying_whose(personas):
    with pytest.raises(ValidationError) as caught:
        person_add(user=personas.dpro_kanpur, cells=_cells(mobile="9415000001"))
    assert "सुनीता" not in caught.value.messages[0]
    assert "cannot be used" in caught.value.messages[0]
    # The state cell is told through the outbox, as for an import.
    assert Message.objects.filter(recipient__contains=personas.state.mobile).exists()


def test_bad_values_are_refused_as_the_import_refuses_them(personas):
    with pytest.raises(ValidationError) as caught:
        person_add(user=personas.dpro_kanpur, cells=_cells(mobile="12345", block=""))
    text = " ".join(caught.value.messages)
    assert "10-digit" in text or "mobile" in text.lower()
    assert "needs a block" in text
    assert not Person.objects.filter(name="मोहन लाल").exists()


def test_the_same_person_again_is_refused(personas):
    # A block has one Pramukh: the same name there is the same person whatever the mobile.
    pramukh = {"designation": Designation.KP_PRAMUKH}
    first = person_add(user=personas.dpro_kanpur, cells=_cells(**pramukh)).person
    with pytest.raises(ValidationError) as caught:
        person_add(user=personas.dpro_kanpur, cells=_cells(mobile="9839022222", **pramukh))
    assert first.name in caught.value.messages[0]
    assert Person.objects.filter(name="मोहन लाल").count() == 1


def test_a_namesake_member_with_another_mobile_is_another_person(personas):
    # A block has many BDC members: there a second mobile means a second person (issue 21).
    person_add(user=personas.dpro_kanpur, cells=_cells())
    person_add(user=personas.dpro_kanpur, cells=_cells(mobile="9839022222"))
    assert Person.objects.filter(name="मोहन लाल").count() == 2


def test_a_namesake_elsewhere_in_the_district_is_added_with_a_note(personas):
    person_add(user=personas.dpro_kanpur, cells=_cells())
    other_block = Block.objects.filter(district__lgd_code=157).order_by("lgd_code")[1]
    added = person_add(
        user=personas.dpro_kanpur, cells=_cells(mobile="9839022222", block=other_block.name_en)
    )
    assert any("same name" in note for note in added.notes)


def test_correcting_a_mobile_keeps_the_reason_in_the_history(personas):
    person = personas.kanpur_person
    person_correct(
        user=personas.dpro_kanpur,
        person=person,
        changes={"mobile": "9839099999"},
        reason="New number, told by phone",
    )
    person.refresh_from_db()
    assert person.mobile == "9839099999"
    entry = LogEntry.objects.get_for_object(person).latest("pk")
    assert entry.actor == personas.dpro_kanpur
    assert entry.additional_data == {"reason": "New number, told by phone"}
    assert entry.changes_dict["mobile"] == ["9839012345", "9839099999"]


def test_an_edit_without_a_reason_is_refused(personas):
    person = personas.kanpur_person
    with pytest.raises(ValidationError):
        person_correct(
            user=personas.dpro_kanpur, person=person, changes={"mobile": "9839099999"}, reason=" "
        )
    person.refresh_from_db()
    assert person.mobile == "9839012345"


def test_a_mobile_of_someone_else_is_refused_on_edit(personas):
    other = person_add(user=personas.dpro_kanpur, cells=_cells()).person
    with pytest.raises(ValidationError) as caught:
        person_correct(
            user=personas.dpro_kanpur,
            person=personas.kanpur_person,
            changes={"mobile": other.mobile},
            reason="typo",
        )
    assert other.name in caught.value.messages[0]
    personas.kanpur_person.refresh_from_db()
    assert personas.kanpur_person.mobile == "9839012345"


def test_designation_and_category_corrected(personas):
    person = personas.kanpur_person
    person_correct(
        user=personas.dpro_kanpur,
        person=person,
        changes={"designation": Designation.BDC_MEMBER, "category": "SC"},
        reason="Wrong on the sheet",
    )
    person.refresh_from_db()
    assert (person.designation, person.social_category) == (Designation.BDC_MEMBER, "SC")


def test_gram_panchayat_corrected_brings_its_block(personas, kanpur_gram_panchayats):
    gram_panchayat = GramPanchayat.objects.filter(district=kanpur_gram_panchayats).last()
    person = personas.kanpur_person
    person_correct(
        user=personas.dpro_kanpur,
        person=person,
        changes={"designation": Designation.PRADHAN, "gram_panchayat": gram_panchayat.name_en},
        reason="Elected Pradhan",
    )
    person.refresh_from_db()
    assert person.designation == Designation.PRADHAN
    if not person.needs_place_review:  # a name shared in the district goes to review
        assert person.gram_panchayat == gram_panchayat
        assert person.block_id == gram_panchayat.block_id


def test_another_districts_officer_is_refused_and_nothing_changes(personas, client):
    person = personas.kanpur_person
    entries = LogEntry.objects.get_for_object(person).count()
    with pytest.raises(PermissionDenied):
        person_correct(
            user=personas.dpro_lucknow, person=person, changes={"mobile": "9839099999"}, reason="x"
        )
    client.force_login(personas.dpro_lucknow)
    response = client.post(
        reverse("people:correct", args=[person.pk]),
        {"mobile": "9839099999", "designation": person.designation, "reason": "x"},
    )
    assert response.status_code == 404
    response = client.post(
        reverse("people:left_office", args=[person.pk]),
        {"why": LeftOffice.RESIGNED, "on": "01/12/2026"},
    )
    assert response.status_code == 404
    person.refresh_from_db()
    assert person.mobile == "9839012345" and person.left_office_on is None
    assert LogEntry.objects.get_for_object(person).count() == entries


def test_a_participant_or_coordinator_may_not_open_the_forms(personas, client):
    for user in (personas.participant, personas.iitk):
        client.force_login(user)
        assert client.get(reverse("people:add")).status_code == 403


def test_left_office_in_the_future_is_refused(personas):
    with pytest.raises(ValidationError):
        person_leave_office(
            user=personas.dpro_kanpur,
            person=personas.kanpur_person,
            why=LeftOffice.DIED,
            on=timezone.localdate() + datetime.timedelta(days=1),
        )


def test_add_page_adds_and_shows_the_person(personas, client):
    client.force_login(personas.dpro_kanpur)
    page = client.get(reverse("people:add"))
    assert page.status_code == 200 and _kanpur_block().name_en in page.content.decode()
    response = client.post(reverse("people:add"), _cells())
    person = Person.objects.get(name="मोहन लाल")
    assert response.status_code == 302 and response.url == person.get_absolute_url()


def test_add_page_shows_the_duplicate_mobile_message(personas, client):
    client.force_login(personas.dpro_kanpur)
    response = client.post(reverse("people:add"), _cells(mobile="9839012345"))
    assert response.status_code == 200
    assert "already belongs to राम कुमार" in response.content.decode()


def test_correct_page_requires_a_reason_and_history_shows_it(personas, client):
    person = personas.kanpur_person
    client.force_login(personas.dpro_kanpur)
    form = {
        "mobile": "9839099999",
        "designation": person.designation,
        "block": person.block.name_en,
        "gram_panchayat": "",
        "category": "",
    }
    response = client.post(reverse("people:correct", args=[person.pk]), form)
    assert response.status_code == 200
    assert "Write why the record is being corrected." in response.content.decode()
    response = client.post(
        reverse("people:correct", args=[person.pk]), {**form, "reason": "Number changed"}
    )
    assert response.status_code == 302
    detail = client.get(person.get_absolute_url()).content.decode()
    assert "9839099999" in detail and "reason: Number changed" in detail
