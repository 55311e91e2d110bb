"""Issue 9 on real UP data: SEC result sheets, real gram panchayats, people as people
think of duplicates, and the notes an officer should check."""

import json

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.utils import translation

from sashakt.geography.models import Block, GramPanchayat
from sashakt.people.importing import Decision, participants_import
from sashakt.people.models import Designation, ParticipantImport, Person

pytestmark = pytest.mark.django_db

# What a district's published Pradhan results look like: Hindi headers, serial prefixes,
# a father/husband column, no designation and no mobile.
SEC_HEADERS = ["क्रमांक", "जिला", "ब्लॉक", "ग्राम पंचायत", "उम्मीदवार", "पिता/पति", "लिंग"]
REGISTRY_HEADERS = ["नाम", "लिंग", "मोबाइल", "पद", "जनपद", "विकास खंड", "ग्राम पंचायत"]


def _import(path, language="en", **kwargs):
    with translation.override(language):
        return participants_import(path, **kwargs)


def _gp(lgd_code):
    return GramPanchayat.objects.get(lgd_code=lgd_code).pk


def test_an_sec_pradhan_sheet_imports_with_a_default_designation_and_no_mobiles(
    xlsx, kanpur_gram_panchayats
):
    path = xlsx(
        [
            ["त्रिस्तरीय पंचायत सामान्य निर्वाचन 2021 — ग्राम प्रधान पद के विजयी उम्मीदवार"],
            SEC_HEADERS,
            [1, "कानपुर नगर", "12 - बिल्हौर", "72 - बरौली", "सुनीता देवी", "रामपाल", "महिला"],
            [2, "कानपुर नगर", "3 - पतारा", "ग्राम पंचायत बरौलीी", "राम कुमार", "श्याम लाल", "पुरुष"],
            [3, "कानपुर नगर", "भीतरगाँव", "Kamalpur", "गीता", "मोहन", "महिला"],
        ]
    )
    refused = _import(path)
    assert "Designation" in refused.file_error and "Mobile" in refused.file_error

    result = _import(path, defaults={"designation": "pradhan"}, allow_missing_mobile=True)
    assert result.written and result.created == 3, (result.problems, result.notes)
    assert result.header_row == 2 and "पिता/पति" in result.ignored_columns
    people = {p.name: p for p in Person.objects.all()}
    # Same-name gram panchayats of the district, told apart by the row's block; Hindi and
    # prefixed names meet LGD's English ones.
    assert people["सुनीता देवी"].gram_panchayat_id == _gp(72157)
    assert people["राम कुमार"].gram_panchayat_id == _gp(72413)
    assert people["गीता"].gram_panchayat.block.lgd_name == "BHITARGAON"
    assert all(p.designation == Designation.PRADHAN for p in people.values())
    # Imported without a mobile: kept, and listed as "mobile needed".
    assert all(p.mobile is None for p in people.values())
    assert result.mobile_needed == 3
    assert {n.row for n in result.notes if n.kind == "mobile_needed"} == {3, 4, 5}


def test_a_pradhan_whose_gram_panchayat_matches_nothing_is_imported_for_review(
    xlsx, kanpur_gram_panchayats
):
    path = xlsx(
        [
            REGISTRY_HEADERS,
            ["राम नरेश", "M", "9839000030", "प्रधान", "कानपुर नगर", "बिल्हौर", "अटलांटिसपुर"],
            ["सीमा", "F", "9839000031", "प्रधान", "कानपुर नगर", "", "कमालपुर"],
            ["उषा", "F", "9839000032", "प्रधान", "कानपुर नगर", "विधनू", "Barauli"],
        ]
    )
    result = _import(path)
    assert result.written and result.created == 3 and not result.problems
    assert result.place_review == 3
    review = Person.objects.filter(needs_place_review=True)
    assert set(review.values_list("gram_panchayat_name", flat=True)) == {
        "अटलांटिसपुर",
        "कमालपुर",
        "Barauli",
    }
    assert not review.exclude(gram_panchayat=None).exists()
    notes = {n.row: n.message for n in result.notes if n.kind == "place_review"}
    assert "kept as typed" in notes[2]
    assert "Kamalpur" in notes[3] and "Bhitargaon" in notes[3].title()  # candidates named
    assert "Barauli" in notes[4]


def test_same_name_different_people_are_both_imported_and_listed(xlsx, kanpur_gram_panchayats):
    path = xlsx(
        [
            REGISTRY_HEADERS,
            ["राम कुमार", "M", "9839000040", "प्रधान", "कानपुर नगर", "बिल्हौर", "Barauli"],
            ["राम कुमार", "M", "9839000041", "प्रधान", "कानपुर नगर", "पतारा", "Barauli"],
            ["Ram Kumar", "M", "9839000042", "प्रधान", "कानपुर नगर", "बिल्हौर", "Barauli"],
            ["राम कुमार", "M", "+91 98390 00040", "प्रधान", "कानपुर नगर", "बिल्हौर", "Barauli"],
        ]
    )
    result = _import(path)
    kinds = {d.row: (d.kind, d.decision) for d in result.duplicate_rows}
    assert kinds == {
        3: ("file_possible", Decision.NEW),  # same name, another gram panchayat
        4: ("file_name", Decision.SKIP),  # same name, GP and designation: probably the same
        5: ("file_mobile", Decision.SKIP),  # same mobile: the same person
    }
    assert result.created == 2 and Person.objects.count() == 2
    assert set(Person.objects.values_list("mobile", flat=True)) == {"9839000040", "9839000041"}

    # Against the registry: a namesake elsewhere in the district is imported by default;
    # the same name, place and designation is offered to merge.
    again = xlsx(
        [
            REGISTRY_HEADERS,
            ["राम कुमार", "M", "9839000050", "प्रधान", "कानपुर नगर", "पतारा", "Barauli"],
            ["राम कुमार", "M", "9839000051", "वार्ड सदस्य", "कानपुर नगर", "बिल्हौर", "Barauli"],
        ],
        name="again.xlsx",
    )
    second = _import(again)
    assert {d.row: d.kind for d in second.duplicate_rows} == {
        2: "registry_name",
        3: "registry_possible",
    }
    assert second.created == 1 and second.duplicates == 1
    merged = _import(again, decisions={2: Decision.MERGE, 3: Decision.SKIP})
    assert merged.updated == 1
    assert Person.objects.filter(mobile="9839000050").exists()


def test_values_read_through_an_alias_sound_or_close_spelling_are_noted(
    xlsx, kanpur_gram_panchayats
):
    path = xlsx(
        [
            REGISTRY_HEADERS,
            ["राम नरेश", "M", "9839000060", "प्रमुख", "Kanpur", "बिल्हौर", ""],
            ["श्याम", "M", "9839000061", "जिला पंचायत सदस्य", "Lucknoww", "", ""],
            ["सुनीता", "F", "9839000062", "प्रधान", "कानपुर नगर", "बिल्हौर", "बरौली"],
            ["गीता", "F", "9839000063", "प्रमुख", "कानपुर नगर", "बिल्हौर", ""],
        ]
    )
    result = _import(path)
    assert result.created == 4, result.problems
    notes = {(n.row, n.column): n.message for n in result.notes if n.kind == "resolved"}
    assert "Kanpur Nagar" in notes[(2, "District")]
    assert "Lucknow" in notes[(3, "District")]
    assert "Barauli" in notes[(4, "Gram panchayat")]
    assert not any(row == 5 for row, _column in notes)  # typed as the place is named
    assert Person.objects.get(mobile="9839000061").district.lgd_code == 162


def test_malformed_kruti_dev_in_name_alt_or_gram_panchayat_is_refused(xlsx, geography):
    headers = ["नाम", "Name (other script)", "लिंग", "मोबाइल", "पद", "जनपद", "विकास खंड"]
    path = xlsx(
        [
            headers,
            ["Ram Kumar", "jke dqekj", "M", "9839012345", "प्रमुख", "कानपुर नगर", "बिल्हौर"],
            ["Sunita Verma", "lquhrk oekZ", "F", "9839012346", "प्रमुख", "कानपुर नगर", "बिल्हौर"],
            ["Shiv Kumar", "f'ko dqekj", "M", "9839012347", "प्रमुख", "कानपुर नगर", "बिल्हौर"],
            ["Ram Kumaar", "jke dqekkj", "M", "9839012348", "प्रमुख", "कानपुर नगर", "बिल्हौर"],
        ]
    )
    result = _import(path)
    assert [(p.row, p.column) for p in result.problems] == [(5, "Name (other script)")]
    gp_path = xlsx(
        [
            REGISTRY_HEADERS,
            ["Ram", "M", "9839012345", "प्रमुख", "कानपुर नगर", "बिल्हौर", "jke uxj"],
            ["Shyam", "M", "9839012346", "प्रमुख", "कानपुर नगर", "बिल्हौर", "lquhrkiqj"],
            ["Sita", "F", "9839012347", "प्रमुख", "कानपुर नगर", "बिल्हौर", "f'koiqj"],
            ["Gita", "F", "9839012348", "प्रमुख", "कानपुर नगर", "बिल्हौर", "jkeiqjj dkkyk"],
        ],
        name="gp.xlsx",
    )
    result = _import(gp_path)
    assert [(p.row, p.column) for p in result.problems] == [(5, "Gram panchayat")]


def test_an_import_is_one_audit_event_and_later_edits_are_audited_one_by_one(
    xlsx, kanpur_gram_panchayats, personas
):
    first = ["राम", "सीता", "गीता", "मोहन", "सोहन", "उषा"]
    last = ["कुमार", "देवी", "वर्मा", "यादव", "पाल"]
    names = [f"{a} {b}" for a in first for b in last]
    rows = [REGISTRY_HEADERS] + [
        [name, "F", f"98390001{n:02d}", "प्रमुख", "कानपुर नगर", "बिल्हौर", ""]
        for n, name in enumerate(names)
    ]
    entries_before = LogEntry.objects.count()
    result = _import(xlsx(rows), user=personas.state)
    upload = ParticipantImport.objects.get(pk=result.import_id)
    assert LogEntry.objects.count() == entries_before + 1
    event = LogEntry.objects.get_for_object(upload).get()
    assert len(event.additional_data["created"]) == 30 and event.actor == personas.state
    person = Person.objects.get(mobile="9839000107")
    assert [person.pk, 9] in event.additional_data["created"]
    assert (person.source_import_id, person.source_row) == (upload.pk, 9)
    person.designation = Designation.BDC_MEMBER
    person.save()
    assert LogEntry.objects.get_for_object(person).count() == 1  # a later edit, on its own


def test_blocks_stay_required_for_block_level_roles(xlsx, kanpur_gram_panchayats):
    path = xlsx(
        [
            REGISTRY_HEADERS,
            ["राम नरेश", "M", "9839000070", "प्रमुख", "कानपुर नगर", "अटलांटिस", ""],
            ["सीमा", "F", "9839000071", "प्रधान", "कानपुर नगर", "अटलांटिस", "Barauli"],
        ]
    )
    result = _import(path, skip_invalid=True)
    assert [(p.row, p.column) for p in result.problems] == [(2, "Block")]
    pradhan = Person.objects.get(mobile="9839000071")
    assert pradhan.needs_place_review and pradhan.gram_panchayat is None
    assert Block.objects.filter(pk=pradhan.block_id).count() == 0


def test_the_command_imports_an_sec_sheet_with_a_default_designation(
    xlsx, kanpur_gram_panchayats, capsys
):
    path = xlsx(
        [
            SEC_HEADERS,
            [1, "कानपुर नगर", "12 - बिल्हौर", "72 - बरौली", "सुनीता देवी", "रामपाल", "महिला"],
        ]
    )
    call_command(
        "import_participants",
        str(path),
        "--default-designation",
        "pradhan",
        "--without-mobile",
        "--json",
    )
    summary = json.loads(capsys.readouterr().out)
    assert (summary["created"], summary["mobile_needed"]) == (1, 1)
    person = Person.objects.get(source_import_id=summary["import_id"])
    assert person.gram_panchayat_id == _gp(72157) and person.source_row == 2
