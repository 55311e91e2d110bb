"""Question bank import from .xlsx: all or nothing, every problem with its row and column."""

import pytest
from django.urls import reverse
from openpyxl import Workbook

from sashakt.assessments.importing import TEMPLATE_HEADERS, question_bank_import
from sashakt.assessments.models import Question
from sashakt.programmes.models import Module
from sashakt.test import programme_make

pytestmark = pytest.mark.django_db

GOOD = [
    [
        1,
        "single",
        "ग्राम सभा कब होती है?",
        "When does the Gram Sabha meet?",
        "कभी नहीं",
        "Never",
        "वर्ष में दो बार",
        "Twice a year",
        "",
        "",
        "",
        "",
        "B",
    ],
    [
        "Planning",
        "",
        "ग्राम पंचायत विकास योजना के चरण चुनिए",
        "",
        "सर्वे",
        "Survey",
        "ग्राम सभा",
        "Gram Sabha",
        "लॉटरी",
        "Lottery",
        "",
        "",
        "A, B",
    ],
    [
        2,
        "लघु",
        "अपनी पंचायत की एक समस्या लिखिए",
        "Write one problem of your Panchayat",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
]


def workbook(path, rows, *, title=True):
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append(["प्रश्न बैंक — IIT Kanpur"])  # offices put a title above the table
    sheet.append(TEMPLATE_HEADERS)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def programme(personas):
    programme = programme_make(personas.iitk_institute)
    Module.objects.create(programme=programme, order=1, title_hi="नेतृत्व", title_en="Leadership")
    Module.objects.create(programme=programme, order=2, title_hi="योजना", title_en="Planning")
    return programme


def test_a_good_file_imports_every_question(personas, programme, tmp_path):
    result = question_bank_import(
        user=personas.iitk, programme=programme, path=workbook(tmp_path / "bank.xlsx", GOOD)
    )
    assert (result.rows, result.created, result.problems) == (3, 3, [])
    kinds = list(Question.objects.order_by("pk").values_list("kind", "module__order"))
    assert kinds == [("single", 1), ("multiple", 2), ("short", 2)]
    second = Question.objects.get(kind="multiple")
    assert [o.is_correct for o in second.options.all()] == [True, True, False]


def test_problems_are_reported_by_row_and_nothing_is_written(personas, programme, tmp_path):
    bad = [
        GOOD[0],
        [7, "single", "प्रश्न", "", "क", "", "ख", "", "", "", "", "", "B"],  # no module 7
        [1, "single", "प्रश्न", "", "क", "", "ख", "", "", "", "", "", "A, B"],  # two right
        [1, "", "प्रश्न", "", "क", "", "ख", "", "", "", "", "", "Z"],  # no option Z
        [1, "", "", "", "क", "", "ख", "", "", "", "", "", "A"],  # no question text
    ]
    result = question_bank_import(
        user=personas.iitk, programme=programme, path=workbook(tmp_path / "bad.xlsx", bad)
    )
    assert result.created == 0 and Question.objects.count() == 0
    by_row = {(p.row, p.column) for p in result.problems}
    # Title on row 1, headers on row 2: the data starts on row 3 as the spreadsheet shows.
    assert (4, "Module") in by_row
    assert (5, "Question (Hindi)") in by_row
    assert (6, "Correct option") in by_row
    assert (7, "Question (Hindi)") in by_row
    assert not any(p.row == 3 for p in result.problems)


def test_an_unreadable_file_is_a_clear_error(personas, programme, tmp_path):
    path = tmp_path / "bank.xlsx"
    path.write_bytes(b"not a spreadsheet")
    result = question_bank_import(user=personas.iitk, programme=programme, path=path)
    assert result.file_error and result.created == 0


def test_the_import_page_shows_the_row_report(client, personas, programme, tmp_path):
    client.force_login(personas.iitk)
    url = reverse("assessments:bank_import", args=[programme.pk])
    bad = [[9, "single", "प्रश्न", "", "क", "", "ख", "", "", "", "", "", "B"]]
    with workbook(tmp_path / "bad.xlsx", bad).open("rb") as upload:
        page = client.post(url, {"file": upload})
    assert page.status_code == 200 and b'data-testid="problems"' in page.content
    with workbook(tmp_path / "good.xlsx", GOOD).open("rb") as upload:
        page = client.post(url, {"file": upload})
    assert page.status_code == 302 and Question.objects.count() == 3
    client.force_login(personas.iiml)
    assert client.get(url).status_code == 404
    client.force_login(personas.iitk)
    template = client.get(reverse("assessments:bank_template", args=[programme.pk]))
    assert template.status_code == 200 and template.content[:2] == b"PK"
