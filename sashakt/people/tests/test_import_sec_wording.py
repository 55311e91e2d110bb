"""The State Election Commission's and district offices' own wording (issue 21): the words
of a designation or a header in either order, with or without a comma; other states' words
for a Pradhan read with a note; an Adhyaksh sheet's "जिला पंचायत" column as the district."""

import pytest
from django.utils import translation

from sashakt.core.text import match_key, words_key
from sashakt.people import cleaning, import_columns
from sashakt.people.importing import participants_import
from sashakt.people.models import Designation, Person
from sashakt.people.value_synonyms import DESIGNATION_WORDS, DESIGNATIONS, DESIGNATIONS_BY_WORDS

pytestmark = pytest.mark.django_db


def _import(path, **kwargs):
    with translation.override("en"):
        return participants_import(path, **kwargs)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("प्रमुख, क्षेत्र पंचायत", Designation.KP_PRAMUKH),
        ("प्रमुख क्षेत्र पंचायत", Designation.KP_PRAMUKH),
        ("क्षेत्र पंचायत, प्रमुख", Designation.KP_PRAMUKH),
        ("Pramukh, Kshetra Panchayat", Designation.KP_PRAMUKH),
        ("प्रमुख (क्षेत्र पंचायत)", Designation.KP_PRAMUKH),
        ("अध्यक्ष, जिला पंचायत", Designation.ZP_ADHYAKSH),
        ("Adhyaksh - Zila Panchayat", Designation.ZP_ADHYAKSH),
        ("सदस्य, क्षेत्र पंचायत", Designation.BDC_MEMBER),
        ("सदस्य, जिला पंचायत", Designation.ZP_MEMBER),
        ("सदस्य ग्राम पंचायत", Designation.WARD_MEMBER),
        ("प्रधान, ग्राम पंचायत", Designation.PRADHAN),
        ("अधिकारी, खण्ड विकास", Designation.BDO),
        ("Member, BDC", Designation.BDC_MEMBER),
    ],
)
def test_a_designation_is_read_in_either_word_order(typed, expected):
    assert cleaning.clean_designation(typed) == expected


def test_a_misspelt_designation_in_the_sec_order_gets_a_suggestion():
    with translation.override("en"), pytest.raises(cleaning.CellError) as unknown:
        cleaning.clean_designation("प्रमुक, क्षेत्र पंचायत")
    assert unknown.value.suggestion == "Kshetra Panchayat Pramukh"


def test_every_synonym_still_means_its_own_value_in_any_order():
    """No two values share the same words: reading by words never changed a meaning."""
    for word in DESIGNATION_WORDS:
        value = DESIGNATIONS[match_key(word)]
        reversed_words = ", ".join(reversed(word.split()))
        assert DESIGNATIONS_BY_WORDS[words_key(word)] == value, word
        assert cleaning.clean_designation(reversed_words) == value, word
    for field_name, names in import_columns._HEADER_SYNONYMS.items():
        for name in names:
            assert import_columns.header_field(name) == field_name, name
            reordered = ", ".join(reversed(name.split()))
            if match_key(reordered) not in import_columns.HEADER_FIELDS:  # the exact key wins
                assert import_columns.header_field(reordered) == field_name, name


@pytest.mark.parametrize(
    "header",
    [
        "प्रतिभागी नाम",
        "Name, Candidate",
        "No., Mobile",
        "खंड, विकास",
        "Name, Candidate",
        "पंचायत ग्राम",
    ],
)
def test_headers_are_read_in_either_word_order(header):
    assert import_columns.header_field(header) is not None


def test_the_sec_pramukh_sheet_imports_every_pramukh(xlsx, kanpur_gram_panchayats):
    path = xlsx(
        [
            ["क्षेत्र पंचायत प्रमुख पद के निर्वाचित प्रत्याशी"],
            ["क्र0सं0", "जनपद", "क्षेत्र पंचायत", "निर्वाचित प्रत्याशी", "पद", "लिंग", "मोबाइल"],
            [1, "कानपुर नगर", "बिल्हौर", "राम सिंह", "प्रमुख, क्षेत्र पंचायत", "पुरुष", "9839000101"],
            [2, "कानपुर नगर", "चौबेपुर", "सीता देवी", "प्रमुख, क्षेत्र पंचायत", "महिला", "9839000102"],
            [3, "कानपुर नगर", "विधनू", "मोहन लाल", "क्षेत्र पंचायत प्रमुख", "पुरुष", "9839000103"],
        ]
    )
    result = _import(path)
    assert result.written and result.created == 3, (result.problems, result.unknown_columns)
    assert set(Person.objects.values_list("designation", flat=True)) == {Designation.KP_PRAMUKH}
    assert Person.objects.filter(block=None).count() == 0


def test_the_adhyaksh_sheet_reads_zila_panchayat_as_the_district(xlsx, geography):
    path = xlsx(
        [
            ["क्रमांक", "जिला पंचायत", "नाम", "पद", "लिंग", "मोबाइल"],
            [1, "कानपुर नगर", "स्वप्निल वरुण", "अध्यक्ष, जिला पंचायत", "पुरुष", "9839000201"],
            [2, "लखनऊ", "आरती रावत", "अध्यक्ष जिला पंचायत", "महिला", "9839000202"],
        ]
    )
    result = _import(path)
    assert result.written and result.created == 2, (result.file_error, result.problems)
    assert result.mapping[1] == "district"
    people = {p.name: p for p in Person.objects.select_related("district")}
    assert people["स्वप्निल वरुण"].district.lgd_code == 157
    assert people["आरती रावत"].designation == Designation.ZP_ADHYAKSH


def test_sarpanch_and_mukhiya_are_read_as_pradhan_with_a_note(xlsx, kanpur_gram_panchayats):
    path = xlsx(
        [
            ["नाम", "लिंग", "मोबाइल", "पद", "जनपद", "विकास खंड", "ग्राम पंचायत"],
            ["राम नरेश", "M", "9839000301", "सरपंच", "कानपुर नगर", "बिल्हौर", "बरौली"],
            ["सीमा", "F", "9839000302", "मुखिया", "कानपुर नगर", "बिल्हौर", "बरौली"],
            ["उषा", "F", "9839000303", "प्रधान", "कानपुर नगर", "बिल्हौर", "बरौली"],
        ]
    )
    result = _import(path)
    assert result.written and result.created == 3, result.problems
    assert set(Person.objects.values_list("designation", flat=True)) == {Designation.PRADHAN}
    noted = {n.row: n.message for n in result.notes if n.kind == "designation"}
    assert set(noted) == {2, 3}
    assert "सरपंच" in noted[2] and "Gram Pradhan" in noted[2]
    with translation.override("hi"):
        assert "प्रधान" in cleaning.designation_read_as("मुखिया")
