"""The indicator import: the row report, all or nothing, idempotency, a round imported
twice, headings in Hindi or English."""

from decimal import Decimal

import pytest

from sashakt.followup import indicators
from sashakt.followup.models_outcomes import IndicatorImport, IndicatorValue
from sashakt.followup.tests.outcome_factories import (
    gram_panchayats,
    gram_panchayats_load,
    rounds_make,
    sheet,
)
from sashakt.test import KANPUR_NAGAR

ENGLISH = ["GP LGD Code", "Gram Panchayat", "PAI Total Score", "Theme 1 Score", "Grade"]
HINDI = ["ग्राम पंचायत एलजीडी कोड", "ग्राम पंचायत", "कुल अंक", "थीम 1 (अंक)", "श्रेणी"]


@pytest.fixture(autouse=True)
def _gram_panchayats(geography, tmp_path):
    gram_panchayats_load(tmp_path)


@pytest.fixture(autouse=True)
def _jobs_now(settings):
    settings.JOBS_BACKEND = "immediate"
    settings.SPREADSHEET_READ_IN_CHILD = False


def _import(personas, indicator_round, upload):
    return indicators.indicator_import_create(
        user=personas.state, round=indicator_round, uploaded_file=upload
    )


def _good_rows(gps):
    return [[gp.lgd_code, gp.name_en, 50 + i, 40 + i, "B"] for i, gp in enumerate(gps)]


def test_headings_are_recognised_in_english_and_hindi():
    from sashakt.followup.models_outcomes import Indicator

    known = list(Indicator.objects.all())
    for headings in (
        ENGLISH,
        HINDI,
        [
            "LGD",
            "name",
            "Overall PAI score (out of 100)",
            "LSDG Theme-1: Poverty free and enhanced livelihoods",
            "PAI Grade (A+ to D)",
        ],
    ):
        assert indicators.lgd_column(headings) == 0
        found = {
            m.heading: m.indicator.code
            for m in indicators.columns_match(headings, known)
            if m.indicator
        }
        assert sorted(found.values()) == ["pai_grade", "pai_poverty_free", "pai_total"], headings


def test_the_district_code_is_not_taken_for_the_gp_code():
    headings = ["District LGD code", "Block LGD code", "GP LGD code", "कुल अंक"]
    assert indicators.lgd_column(headings) == 2


def test_a_good_sheet_is_imported_and_again_changes_nothing(personas):
    baseline, _later = rounds_make()
    gps = gram_panchayats(KANPUR_NAGAR, 5)
    first = _import(personas, baseline, sheet(_good_rows(gps), ENGLISH))
    first.refresh_from_db()
    assert first.status == IndicatorImport.Status.APPLIED, {
        k: v for k, v in first.report.items() if k not in ("columns", "lgd_heading", "ignored")
    }
    assert first.status == IndicatorImport.Status.APPLIED
    assert first.report["new"] == 15  # 5 GPs × (total, theme 1, grade)
    assert IndicatorValue.objects.filter(round=baseline).count() == 15
    total = IndicatorValue.objects.get(
        round=baseline, gram_panchayat=gps[2], indicator__code="pai_total"
    )
    assert total.value == Decimal("52.00")

    again = _import(personas, baseline, sheet(_good_rows(gps), HINDI, ".csv"))
    again.refresh_from_db()
    assert again.status == IndicatorImport.Status.UNCHANGED
    assert (again.report["new"], again.report["changed"], again.report["same"]) == (0, 0, 15)
    assert IndicatorValue.objects.filter(round=baseline).count() == 15


def test_changed_figures_wait_for_a_confirmation(personas, client):
    baseline, _later = rounds_make()
    gps = gram_panchayats(KANPUR_NAGAR, 3)
    _import(personas, baseline, sheet(_good_rows(gps), ENGLISH))
    rows = _good_rows(gps)
    rows[1][2] = 77  # one total changed
    second = _import(personas, baseline, sheet(rows, ENGLISH))
    second.refresh_from_db()
    assert second.status == IndicatorImport.Status.NEEDS_CONFIRMATION
    assert second.report["changed"] == 1
    assert second.report["changes"][0]["old"] == "51.00"
    value = IndicatorValue.objects.get(
        round=baseline, gram_panchayat=gps[1], indicator__code="pai_total"
    )
    assert value.value == Decimal("51.00")  # nothing written before the confirmation

    client.force_login(personas.state)
    page = client.get(second.get_absolute_url())
    assert b'data-testid="confirm-replace"' in page.content
    response = client.post(f"/followup/outcomes/import/{second.pk}/confirm/")
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.status == IndicatorImport.Status.APPLIED
    value.refresh_from_db()
    assert value.value == Decimal("77.00")


def test_the_row_report_lists_every_wrong_row_and_nothing_is_written(personas, client):
    baseline, _later = rounds_make()
    gps = gram_panchayats(KANPUR_NAGAR, 4)
    rows = _good_rows(gps)
    rows.append([99999999, "Nowhere", 50, 40, "A"])  # unknown LGD code
    rows.append([gps[0].lgd_code, "again", 50, 40, "B"])  # duplicate of the first row
    rows[1][2] = "पचास"  # text in a number column
    rows[2][3] = 140  # above the theme's 100
    rows[3][4] = "E"  # not a grade
    rows.append(["abc", "", 1, 1, "A"])  # an LGD code that is not a number
    upload = _import(personas, baseline, sheet(rows, ENGLISH))
    upload.refresh_from_db()
    assert upload.status == IndicatorImport.Status.REFUSED
    codes = {(p["row"], p["code"]) for p in upload.report["problems"]}
    # Data starts on the spreadsheet's row 2, under the headings.
    assert codes == {
        (3, "not_number"),
        (4, "out_of_range"),
        (5, "not_grade"),
        (6, "lgd_unknown"),
        (7, "duplicate"),
        (8, "lgd_not_number"),
    }
    duplicate = next(p for p in upload.report["problems"] if p["code"] == "duplicate")
    assert duplicate["params"]["first_row"] == 2
    assert not IndicatorValue.objects.exists()

    client.force_login(personas.state)
    page = client.get(upload.get_absolute_url()).content.decode()
    assert "99999999" in page
    assert "पचास" in page
    assert 'data-code="duplicate"' in page


def test_a_sheet_without_an_lgd_column_is_refused_with_a_message(personas):
    baseline, _later = rounds_make()
    upload = _import(personas, baseline, sheet([["x", 50]], ["Name", "Total"]))
    upload.refresh_from_db()
    assert upload.status == IndicatorImport.Status.REFUSED
    assert upload.report["file_error"]


def test_a_file_that_is_not_a_sheet_is_refused(personas):
    from django.core.files.uploadedfile import SimpleUploadedFile

    baseline, _later = rounds_make()
    upload = _import(personas, baseline, SimpleUploadedFile("pai.xlsx", b"%PDF-1.4 not a sheet"))
    upload.refresh_from_db()
    assert upload.status == IndicatorImport.Status.REFUSED
    assert upload.report["file_error"]


def test_only_the_state_cell_imports(personas, client):
    for user in (personas.dpro_kanpur, personas.iitk, personas.participant):
        client.force_login(user)
        assert client.get("/followup/outcomes/import/").status_code == 403
        assert client.get("/followup/outcomes/indicators/").status_code == 403
    baseline, _later = rounds_make()
    upload = _import(personas, baseline, sheet([], ENGLISH))
    client.force_login(personas.dpro_kanpur)
    assert client.get(upload.get_absolute_url()).status_code == 403


def test_the_import_page_uploads_a_new_round(personas, client):
    gps = gram_panchayats(KANPUR_NAGAR, 2)
    client.force_login(personas.state)
    response = client.post(
        "/followup/outcomes/import/",
        {
            "new_round_code": "pai-2023-24",
            "new_round_name_hi": "पीएआई 2023-24",
            "new_round_name_en": "PAI 2023-24",
            "new_round_measured_on": "2024-03-31",
            "file": sheet(_good_rows(gps), HINDI),
        },
    )
    upload = IndicatorImport.objects.get()
    assert response.status_code == 302 and response["Location"] == upload.get_absolute_url()
    assert upload.status == IndicatorImport.Status.APPLIED
    assert upload.round.code == "pai-2023-24"
