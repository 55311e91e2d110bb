"""The import a district officer runs on real spreadsheets (issue: participant registry)."""

from pathlib import Path

import pytest
from django.utils import translation

from sashakt.geography.models import Block
from sashakt.people.importing import participants_import
from sashakt.people.models import Designation, Gender, Person, SocialCategory

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"
HINDI_HEADERS = ["क्र.सं.", "नाम", "लिंग", "मोबाइल नंबर", "पद", "जनपद", "विकास खंड"]


def _import(path, **kwargs):
    with translation.override(kwargs.pop("language", "en")):
        return participants_import(path, **kwargs)


def _problems(result):
    return {(p.row, p.column): p for p in result.problems}


# --- reading files -----------------------------------------------------------------------


def test_a_hindi_spreadsheet_imports_everyone_with_clean_values(xlsx):
    path = xlsx(
        [
            HINDI_HEADERS,
            [1, "राम कुमार", "पुरुष", "+91 98390 12345", "प्रमुख", "कानपुर नगर", "बिल्हौर"],
            [2, "Sunita Verma", "महिला", 9415000001.0, "जिला पंचायत अध्यक्ष", "LUCKNOW", ""],
        ]
    )
    result = _import(path)
    assert (result.rows, result.created, result.invalid, result.written) == (2, 2, 0, True)
    ram = Person.objects.get(mobile="9839012345")
    assert (ram.name, ram.gender, ram.designation) == (
        "राम कुमार",
        Gender.MALE,
        Designation.KP_PRAMUKH,
    )
    assert ram.name_alt == "Ram Kumar"
    assert ram.block.lgd_name == "BILHAUR" and ram.district.lgd_code == 157
    sunita = Person.objects.get(mobile="9415000001")
    assert sunita.district.lgd_code == 162 and sunita.name_alt  # a Devanagari rendering
    assert any("\u0900" <= ch <= "\u097f" for ch in sunita.name_alt)


def test_english_headers_and_their_synonyms_are_understood(csv_file):
    path = csv_file(
        [
            [
                "S.No",
                "Name",
                "Sex",
                "Mobile No.",
                "Designation",
                "District Name",
                "Block Name",
                "Category",
                "Remarks",
            ],
            [
                "1",
                "Anil Shukla",
                "M",
                "9839000001",
                "Block Pramukh",
                "Kanpur Nagar",
                "Bilhaur",
                "General",
                "came late",
            ],
        ]
    )
    result = _import(path)
    assert result.created == 1, result.problems
    person = Person.objects.get()
    assert person.social_category == SocialCategory.GENERAL
    assert "Remarks" in result.ignored_columns and "S.No" in result.ignored_columns


def test_csv_without_a_byte_order_mark_is_read_as_utf8(csv_file):
    path = csv_file(
        [
            ["नाम", "लिंग", "मोबाइल", "पद", "जनपद", "विकास खंड"],
            ["गीता पाल", "F", "9839000002", "प्रमुख", "कानपुर नगर", "बिल्हौर"],
        ],
        bom=False,
    )
    assert _import(path).created == 1
    assert Person.objects.get().name == "गीता पाल"


def test_a_csv_that_is_not_utf8_is_refused_with_advice(tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes("Name,Mobile\nJosé,9839000003\n".encode("cp1252"))
    result = _import(path)
    assert "CSV UTF-8" in result.file_error and not result.written


def test_a_legacy_xls_file_from_a_district_office_imports(geography):
    result = _import(FIXTURES / "district-list.xls")
    assert (result.created, result.invalid) == (3, 0), result.problems
    assert Person.objects.get(mobile="9839012345").name == "रामनरेश पाल"
    assert Person.objects.get(mobile="9415000011").block.lgd_name == "BILHAUR"
    assert Person.objects.get(mobile="9415000012").block.lgd_name == "CHAUBEYPUR"
    assert "क्र.सं." in result.ignored_columns


def test_an_unreadable_file_is_refused_clearly(tmp_path):
    path = tmp_path / "list.xlsx"
    path.write_bytes(b"this is not a spreadsheet")
    assert "could not be read" in _import(path).file_error
    assert "Excel" in _import(tmp_path / "list.pdf").file_error


def test_a_title_line_above_the_table_is_skipped_and_row_numbers_stay_true(xlsx):
    path = xlsx(
        [
            ["जनपद कानपुर नगर — प्रशिक्षण हेतु सूची"],
            HINDI_HEADERS,
            [1, "राम कुमार", "पुरुष", "12345", "प्रमुख", "कानपुर नगर", "बिल्हौर"],
        ]
    )
    result = _import(path)
    assert result.header_row == 2
    assert result.problems[0].row == 3  # as the spreadsheet program shows it


# --- cleaning what people type ---------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "+91 98390 12345",
        "09839012345",
        9839012345.0,
        9839012345,
        "98390-12345",
        "919839012345",
        " 9839012345 ",
    ],
)
def test_mobile_numbers_are_normalised_to_ten_digits(xlsx, typed):
    path = xlsx([HINDI_HEADERS, [1, "राम कुमार", "M", typed, "प्रमुख", "कानपुर नगर", "बिल्हौर"]])
    assert _import(path).created == 1
    assert Person.objects.get().mobile == "9839012345"


@pytest.mark.parametrize("typed", ["Allahabad", "इलाहाबाद", "PRAYAGRAJ", "prayagraj ", "120", 120])
def test_districts_are_recognised_by_old_names_codes_and_either_script(xlsx, typed):
    path = xlsx([HINDI_HEADERS, [1, "राम कुमार", "M", "9839012345", "जिला पंचायत अध्यक्ष", typed, ""]])
    assert _import(path).created == 1
    assert Person.objects.get().district.lgd_code == 120


@pytest.mark.parametrize("typed", ["बिल्हौर", "BILHAUR", "bilhaur", "Bilhaur", "1277"])
def test_a_block_typed_in_hindi_is_matched_to_lgds_english_name(xlsx, typed):
    path = xlsx([HINDI_HEADERS, [1, "राम कुमार", "M", "9839012345", "प्रमुख", "कानपुर नगर", typed]])
    assert _import(path).created == 1
    assert Person.objects.get().block == Block.objects.get(lgd_code=1277)


def test_two_blocks_that_sound_alike_are_never_guessed_between(xlsx):
    bilhaur = Block.objects.get(lgd_code=1277)
    Block.objects.create(
        lgd_code=999001, lgd_name="BILLHAUR", name_en="Billhaur", district=bilhaur.district
    )
    # A spelling of neither (the exact Hindi name बिल्हौर is Bilhaur's own since geography
    # ships Hindi block names): it sounds like both, so it is not guessed.
    path = xlsx([HINDI_HEADERS, [1, "राम कुमार", "M", "9839012345", "प्रमुख", "कानपुर नगर", "Bilhour"]])
    result = _import(path)
    assert result.created == 0 and result.problems[0].column == "Block"
    # The exact LGD name still finds each of them.
    path = xlsx(
        [HINDI_HEADERS, [1, "राम कुमार", "M", "9839012345", "प्रमुख", "कानपुर नगर", "BILLHAUR"]]
    )
    assert _import(path).created == 1
    assert Person.objects.get().block.lgd_code == 999001


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("प्रमुख", Designation.KP_PRAMUKH),
        ("Block Pramukh", Designation.KP_PRAMUKH),
        ("क्षेत्र पंचायत प्रमुख", Designation.KP_PRAMUKH),
        ("जिला पंचायत अध्यक्ष", Designation.ZP_ADHYAKSH),
        ("BDO", Designation.BDO),
        ("खंड विकास अधिकारी", Designation.BDO),
        ("ग्राम पंचायत सचिव", Designation.SACHIV),
        ("ग्राम प्रधान", Designation.PRADHAN),
    ],
)
def test_designation_synonyms(xlsx, typed, expected):
    path = xlsx(
        [
            HINDI_HEADERS + ["ग्राम पंचायत"],
            [1, "राम कुमार", "M", "9839012345", typed, "कानपुर नगर", "बिल्हौर", "मकनपुर"],
        ]
    )
    assert _import(path).created == 1
    assert Person.objects.get().designation == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("M", Gender.MALE),
        ("पुरुष", Gender.MALE),
        ("Male", Gender.MALE),
        ("F", Gender.FEMALE),
        ("महिला", Gender.FEMALE),
        ("female", Gender.FEMALE),
        ("पु०", Gender.MALE),  # a zero marks an abbreviation in Hindi typing
        ("म0", Gender.FEMALE),
    ],
)
def test_gender_synonyms(xlsx, typed, expected):
    path = xlsx(
        [HINDI_HEADERS, [1, "राम कुमार", typed, "9839012345", "प्रमुख", "कानपुर नगर", "बिल्हौर"]]
    )
    assert _import(path).created == 1
    assert Person.objects.get().gender == expected


def test_stray_spaces_and_unicode_forms_are_cleaned(xlsx):
    precomposed = "\u0958\u093eर"  # क़ as one code point, as some keyboards type it
    path = xlsx(
        [
            HINDI_HEADERS,
            [
                1,
                f"  राम   कुमार {precomposed}\u200b ",
                "M",
                "9839012345",
                "प्रमुख",
                " कानपुर  नगर ",
                "बिल्हौर",
            ],
        ]
    )
    assert _import(path).created == 1
    # Stored in NFC (क + nukta), so a search typed either way finds it.
    assert Person.objects.get().name == "राम कुमार क\u093c\u093eर"


def test_a_kruti_dev_column_is_converted_and_reported(xlsx):
    path = xlsx(
        [
            ["नाम", "लिंग", "मोबाइल", "पद", "जनपद", "विकास खंड"],
            ["jke dqekj", 'iq#"k', "9839012345", "izeq[k", "dkuiqj uxj", "fcYgkSj"],
            ["lquhrk oekZ", "efgyk", "9839012346", "izeq[k", "dkuiqj uxj", "fcYgkSj"],
        ]
    )
    result = _import(path)
    assert result.created == 2, result.problems
    assert set(result.legacy_columns) >= {"नाम", "जनपद"}
    assert set(Person.objects.values_list("name", flat=True)) == {"राम कुमार", "सुनीता वर्मा"}


def test_a_latin_name_column_is_never_taken_for_kruti_dev(xlsx):
    path = xlsx(
        [
            ["Name", "Gender", "Mobile", "Designation", "District", "Block"],
            ["Ram Kumar", "M", "9839012345", "Pramukh", "Kanpur Nagar", "Bilhaur"],
            ["Sunita Verma", "F", "9839012346", "Pramukh", "Kanpur Nagar", "Bilhaur"],
            ["ram prasad", "M", "9839012347", "Pramukh", "Kanpur Nagar", "Bilhaur"],
        ]
    )
    result = _import(path)
    assert result.legacy_columns == [] and result.created == 3
    assert Person.objects.filter(name="Ram Kumar").exists()


# --- every problem at once -------------------------------------------------------------


def test_every_problem_is_reported_with_row_column_value_and_suggestion(xlsx):
    path = xlsx(
        [
            HINDI_HEADERS,
            [1, "राम कुमार", "M", "98390", "प्रमुख", "कानपुर नगर", "बिल्हौर"],
            [2, "सुनीता", "F", "9839000002", "प्रमुख", "Lakhnow", "Chinhat"],
            [],
            [4, "गीता", "F", "9839000003", "प्रमुख", "कानपुर नगर", "Chinhat"],
            [5, "कमला", "", "9839000004", "प्रमुख", "कानपुर नगर", ""],
            [6, "", "F", "9839000005", "Sarpanch-ji", "कानपुर नगर", "बिल्हौर"],
        ]
    )
    result = _import(path)
    problems = _problems(result)
    assert not result.written and Person.objects.count() == 0
    assert result.rows == 5 and result.invalid == 5  # the blank row 4 is skipped
    assert problems[(2, "Mobile")].value == "98390"
    assert problems[(3, "District")].suggestion == "Lucknow"
    assert "Kanpur Nagar" in problems[(5, "Block")].message  # Chinhat is in Lucknow
    assert problems[(6, "Gender")].message == "The gender is empty."
    assert problems[(6, "Block")].message == "This designation needs a block."
    assert (7, "Name") in problems and (7, "Designation") in problems


def test_problems_are_explained_in_hindi_for_a_hindi_user(xlsx):
    path = xlsx([HINDI_HEADERS, [1, "राम कुमार", "M", "98390", "प्रमुख", "कानपुर नगर", "बिल्हौर"]])
    result = _import(path, language="hi")
    assert result.problems[0].column == "मोबाइल"
    assert "10 अंकों" in result.problems[0].message


def test_a_file_without_a_required_column_is_refused(xlsx):
    path = xlsx([["नाम", "जनपद"], ["राम कुमार", "कानपुर नगर"]])
    result = _import(path)
    assert "Mobile" in result.file_error and "Gender" in result.file_error
