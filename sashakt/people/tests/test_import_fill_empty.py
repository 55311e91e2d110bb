"""A registry first imported without mobiles, then again with them (issue 21): the empty
fields of the matched people are filled by default and audited with the import; a changed
non-empty value is still the officer's decision."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.utils import translation

from sashakt.people.importing import Decision, participants_import
from sashakt.people.models import ParticipantImport, Person, SocialCategory

pytestmark = pytest.mark.django_db

HEADERS = ["नाम", "लिंग", "पद", "जनपद", "विकास खंड", "ग्राम पंचायत"]
FIRST = [
    ["सुनीता देवी", "महिला", "प्रधान", "कानपुर नगर", "बिल्हौर", "बरौली"],
    ["राम कुमार", "पुरुष", "प्रधान", "कानपुर नगर", "बिल्हौर", "अकबरपुर सेंग"],
]


def _import(path, **kwargs):
    with translation.override("en"):
        return participants_import(path, **kwargs)


def test_mobiles_added_later_fill_the_people_imported_without_them(
    xlsx, kanpur_gram_panchayats, personas
):
    first = _import(xlsx([HEADERS, *FIRST], name="first.xlsx"), allow_missing_mobile=True)
    assert first.written and first.created == 2 and first.mobile_needed == 2
    people_before = {p.name: p.pk for p in Person.objects.all()}

    second = xlsx(
        [
            [*HEADERS, "मोबाइल", "वर्ग", "निर्वाचन तिथि"],
            [*FIRST[0], "9839000401", "अनुसूचित जाति", "2021-05-02"],
            [*FIRST[1], "9839000402", "", ""],
        ],
        name="second.xlsx",
    )
    result = _import(second, user=personas.state)  # no decision given: the default
    assert result.written and result.created == 0 and result.updated == 2, result.duplicate_rows
    assert not result.duplicate_rows  # filling is not a conflict to decide
    people = {p.name: p for p in Person.objects.all()}
    assert {name: p.pk for name, p in people.items()} == people_before
    assert people["सुनीता देवी"].mobile == "9839000401"
    assert people["सुनीता देवी"].social_category == SocialCategory.SC
    assert people["सुनीता देवी"].term_start == datetime.date(2021, 5, 2)
    assert people["राम कुमार"].mobile == "9839000402"

    upload = ParticipantImport.objects.get(pk=result.import_id)
    event = LogEntry.objects.get_for_object(upload).get()
    changed = {person_id: changes for person_id, _row, changes in event.additional_data["changed"]}
    assert changed[people["सुनीता देवी"].pk]["mobile"] == ["None", "9839000401"]
    assert changed[people["सुनीता देवी"].pk]["social_category"] == ["", "SC"]
    entry = LogEntry.objects.get_for_object(people["राम कुमार"]).latest("timestamp")
    assert entry.additional_data["import_id"] == upload.pk and "mobile" in entry.changes

    # Importing the same file again changes nothing.
    again = _import(second, user=personas.state)
    assert again.updated == 0 and again.unchanged == 2


def test_a_changed_value_is_still_offered_while_empty_fields_fill(
    xlsx, kanpur_gram_panchayats, personas
):
    _import(
        xlsx([[*HEADERS, "मोबाइल", "वर्ग"], [*FIRST[0], "9839000501", "OBC"]], name="a.xlsx"),
        user=personas.state,
    )
    changed = xlsx(
        [[*HEADERS, "मोबाइल", "वर्ग", "ई-मेल"], [*FIRST[0], "9839000501", "SC", "s@example.in"]],
        name="b.xlsx",
    )
    result = _import(changed, user=personas.state)
    person = Person.objects.get(mobile="9839000501")
    assert [d.kind for d in result.duplicate_rows] == ["registry_mobile"]
    assert result.duplicate_rows[0].decision == Decision.SKIP
    assert person.social_category == SocialCategory.OBC  # the changed value waits
    assert person.email == "s@example.in"  # the empty one is filled

    merged = _import(changed, user=personas.state, duplicates=Decision.MERGE)
    assert merged.updated == 1
    assert Person.objects.get(mobile="9839000501").social_category == SocialCategory.SC
