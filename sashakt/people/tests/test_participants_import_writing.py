"""The import a district officer runs: all or nothing, reports, duplicates, scope, audit and
the rules across a row (issue: participant registry)."""

import json
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.utils import translation
from openpyxl import load_workbook

from sashakt.people.importing import Decision, participants_import
from sashakt.people.models import Designation, ParticipantImport, Person

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"
HINDI_HEADERS = ["क्र.सं.", "नाम", "लिंग", "मोबाइल नंबर", "पद", "जनपद", "विकास खंड"]


def _import(path, **kwargs):
    with translation.override(kwargs.pop("language", "en")):
        return participants_import(path, **kwargs)


def _problems(result):
    return {(p.row, p.column): p for p in result.problems}


# --- all or nothing --------------------------------------------------------------------


def test_one_bad_row_leaves_the_registry_untouched(xlsx, personas):
    before = Person.objects.count()
    path = xlsx(
        [
            HINDI_HEADERS,
            [1, "नया व्यक्ति", "M", "9839000010", "प्रमुख", "कानपुर नगर", "बिल्हौर"],
            [2, "गलत", "M", "123", "प्रमुख", "कानपुर नगर", "बिल्हौर"],
        ]
    )
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_participants", str(path))
    assert exit_info.value.code == 1
    assert Person.objects.count() == before


def test_skip_invalid_imports_the_valid_rows_and_reports_the_rest(xlsx, tmp_path, capsys):
    path = xlsx(
        [
            HINDI_HEADERS,
            [1, "नया व्यक्ति", "M", "9839000010", "प्रमुख", "कानपुर नगर", "बिल्हौर"],
            [2, "गलत", "M", "123", "प्रमुख", "कानपुर नगर", "बिल्हौर"],
        ]
    )
    report = tmp_path / "report.xlsx"
    call_command("import_participants", str(path), "--skip-invalid", "--report", str(report))
    assert Person.objects.filter(mobile="9839000010").exists()
    assert "1 created, 0 updated, 0 unchanged, 0 duplicates, 1 invalid" in capsys.readouterr().out
    rows = list(load_workbook(report).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("Row", "Column", "Value", "Problem")
    assert rows[1][:3] == (3, "Mobile", "123")


def test_dry_run_validates_without_writing(xlsx, capsys):
    path = xlsx([HINDI_HEADERS, [1, "नया व्यक्ति", "M", "9839000010", "प्रमुख", "कानपुर नगर", "बिल्हौर"]])
    call_command("import_participants", str(path), "--dry-run", "--json")
    summary = json.loads(capsys.readouterr().out)
    assert summary["created"] == 1 and summary["written"] is False
    assert Person.objects.count() == 0


def test_the_report_can_be_a_csv(xlsx, tmp_path):
    path = xlsx([HINDI_HEADERS, [1, "गलत", "M", "123", "प्रमुख", "कानपुर नगर", "बिल्हौर"]])
    report = tmp_path / "report.csv"
    with pytest.raises(SystemExit):
        call_command("import_participants", str(path), "--report", str(report))
    text = report.read_text(encoding="utf-8-sig")
    assert text.splitlines()[1].startswith("2,Mobile,123,")


# --- duplicates ------------------------------------------------------------------------


def test_reimporting_the_same_file_changes_nothing(xlsx):
    path = xlsx(
        [
            HINDI_HEADERS,
            [1, "राम कुमार", "M", "9839012345", "प्रमुख", "कानपुर नगर", "बिल्हौर"],
            [2, "गीता पाल", "F", "9839012346", "प्रमुख", "कानपुर नगर", "बिल्हौर"],
        ]
    )
    _import(path)
    audit_entries = LogEntry.objects.count()
    again = _import(path)
    assert (again.created, again.updated, again.unchanged, again.duplicates) == (0, 0, 2, 0)
    assert Person.objects.count() == 2 and LogEntry.objects.count() == audit_entries


def test_a_mobile_repeated_within_the_file_is_shown_as_a_duplicate(xlsx):
    path = xlsx(
        [
            HINDI_HEADERS,
            [1, "राम कुमार", "M", "9839012345", "प्रमुख", "कानपुर नगर", "बिल्हौर"],
            [2, "Ram Kumar", "M", "+91 98390 12345", "प्रमुख", "कानपुर नगर", "बिल्हौर"],
        ]
    )
    result = _import(path)
    assert (result.created, result.duplicates) == (1, 1)
    assert result.duplicate_rows[0].row == 3 and result.duplicate_rows[0].other_row == 2


def test_a_registry_person_with_the_same_mobile_is_skipped_or_merged(xlsx, personas):
    person = personas.kanpur_person  # राम कुमार, 9839012345, KP Pramukh
    path = xlsx(
        [
            HINDI_HEADERS,
            [1, "राम कुमार", "M", "9839012345", "जिला पंचायत सदस्य", "कानपुर नगर", "बिल्हौर"],
        ]
    )
    skipped = _import(path)
    assert (skipped.duplicates, skipped.updated) == (1, 0)
    assert skipped.duplicate_rows[0].kind == "registry_mobile"
    person.refresh_from_db()
    assert person.designation == Designation.KP_PRAMUKH

    merged = _import(path, duplicates=Decision.MERGE, user=personas.state)
    assert merged.updated == 1
    person.refresh_from_db()
    assert person.designation == Designation.ZP_MEMBER
    entry = LogEntry.objects.filter(object_id=person.pk, action=LogEntry.Action.UPDATE).get()
    assert entry.actor == personas.state
    assert entry.changes["designation"] == ["kp_pramukh", "zp_member"]


def test_the_same_name_in_the_other_script_in_the_same_district_is_a_possible_duplicate(
    xlsx, personas
):
    path = xlsx(
        [HINDI_HEADERS, [1, "Ram Kumar", "M", "9839099999", "प्रमुख", "Kanpur Nagar", "Bilhaur"]]
    )
    # Same name in the district only (not the same place and designation): listed for
    # review, imported as a new person unless the officer says skip.
    skipped = _import(path, decisions={2: Decision.SKIP})
    duplicate = skipped.duplicate_rows[0]
    assert (duplicate.kind, duplicate.person_id) == ("registry_possible", personas.kanpur_person.pk)
    assert skipped.created == 0
    result = _import(path)
    assert result.created == 1 and result.duplicate_rows[0].decision == Decision.NEW


# --- scope and audit -------------------------------------------------------------------


def test_a_district_officer_imports_only_their_own_district(xlsx, personas):
    path = xlsx(
        [
            HINDI_HEADERS,
            [1, "राम नरेश", "M", "9839000020", "प्रमुख", "कानपुर नगर", "बिल्हौर"],
            [2, "श्याम", "M", "9839000021", "जिला पंचायत सदस्य", "लखनऊ", ""],
        ]
    )
    result = _import(path, user=personas.dpro_kanpur)
    assert result.problems[0].row == 3 and "Kanpur Nagar" in result.problems[0].message


def test_a_district_officers_file_needs_no_district_column(xlsx, personas):
    path = xlsx(
        [
            ["नाम", "लिंग", "मोबाइल", "पद", "विकास खंड"],
            ["राम नरेश", "M", "9839000020", "प्रमुख", "बिल्हौर"],
        ]
    )
    result = _import(path, user=personas.dpro_kanpur)
    assert result.created == 1, result.problems
    assert Person.objects.get(mobile="9839000020").district.lgd_code == 157


def test_every_imported_person_is_audited_with_the_importer(xlsx, personas):
    path = xlsx([HINDI_HEADERS, [1, "राम नरेश", "M", "9839000020", "प्रमुख", "कानपुर नगर", "बिल्हौर"]])
    result = _import(path, user=personas.dpro_kanpur)
    person = Person.objects.get(mobile="9839000020")
    # One audit event for the import, listing everyone it created with their row ...
    upload = ParticipantImport.objects.get(pk=result.import_id)
    event = LogEntry.objects.get_for_object(upload).get()
    assert event.actor == personas.dpro_kanpur
    assert event.additional_data["created"] == [[person.pk, 2]]
    # ... and the person records where they came from (their history page shows it).
    assert (person.source_import_id, person.source_row) == (upload.pk, 2)
    assert not LogEntry.objects.get_for_object(person).exists()


def test_rgsa_due_dates_follow_from_the_date_of_election(xlsx):
    path = xlsx(
        [
            HINDI_HEADERS + ["निर्वाचन तिथि"],
            [1, "राम नरेश", "M", "9839000020", "प्रमुख", "कानपुर नगर", "बिल्हौर", "15/05/2021"],
        ]
    )
    assert _import(path).created == 1
    person = Person.objects.get()
    assert str(person.orientation_due) == "2021-11-15" and person.orientation_overdue
    assert str(person.refresher_due) == "2023-05-15"


def test_a_date_in_the_future_is_refused(xlsx):
    path = xlsx(
        [
            HINDI_HEADERS + ["निर्वाचन तिथि"],
            [1, "राम नरेश", "M", "9839000020", "प्रमुख", "कानपुर नगर", "बिल्हौर", "15/05/2099"],
        ]
    )
    result = _import(path)
    assert "future" in result.problems[0].message


def test_a_gram_pradhan_needs_a_gram_panchayat(xlsx):
    path = xlsx(
        [
            HINDI_HEADERS + ["ग्राम पंचायत"],
            [1, "राम नरेश", "M", "9839000020", "प्रधान", "कानपुर नगर", "बिल्हौर", ""],
            [2, "श्याम", "M", "9839000021", "प्रधान", "कानपुर नगर", "बिल्हौर", "अरौल"],
        ]
    )
    result = _import(path, skip_invalid=True)
    assert _problems(result)[(2, "Gram panchayat")]
    assert Person.objects.get().gram_panchayat_name == "अरौल"
