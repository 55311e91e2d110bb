import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from sashakt.core.models import Job
from sashakt.test import person_make

pytestmark = pytest.mark.django_db


def _rows(path):
    return list(load_workbook(path).active.iter_rows(values_only=True))


def test_a_district_officers_export_holds_only_their_district(personas, tmp_path):
    path = tmp_path / "kanpur.xlsx"
    call_command("export_participants", str(path), "--as-user", "dpro-kanpur")
    mobiles = {row[3] for row in _rows(path)[1:]}
    assert personas.kanpur_person.mobile in mobiles
    assert personas.lucknow_person.mobile not in mobiles


def test_the_state_cell_exports_everyone_or_one_district(personas, tmp_path):
    everyone = tmp_path / "all.csv"
    call_command("export_participants", str(everyone), "--as-user", "state")
    lines = everyone.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 1 + 3
    lucknow = tmp_path / "lucknow.xlsx"
    call_command("export_participants", str(lucknow), "--as-user", "state", "--district", "162")
    assert [row[3] for row in _rows(lucknow)[1:]] == [personas.lucknow_person.mobile]


def test_exports_follow_the_filters_of_the_list(personas, tmp_path):
    path = tmp_path / "pramukhs.xlsx"
    call_command(
        "export_participants", str(path), "--as-user", "state", "--designation", "kp_pramukh"
    )
    assert [row[0] for row in _rows(path)[1:]] == [personas.kanpur_person.name]


def test_formulas_in_names_are_neutralised(personas, tmp_path):
    person_make(name='=HYPERLINK("http://evil")', name_alt="@SUM(1)", mobile="9839055555")
    path = tmp_path / "export.xlsx"
    call_command("export_participants", str(path), "--as-user", "state")
    names = {row[0] for row in _rows(path)[1:]}
    assert '\'=HYPERLINK("http://evil")' in names
    assert "'@SUM(1)" in {row[1] for row in _rows(path)[1:]}
    csv_path = tmp_path / "export.csv"
    call_command("export_participants", str(csv_path), "--as-user", "state")
    assert "'=HYPERLINK" in csv_path.read_text(encoding="utf-8-sig")


def test_the_export_button_runs_a_job_within_the_officers_scope(personas, client, settings):
    settings.JOBS_BACKEND = "immediate"
    client.force_login(personas.dpro_lucknow)
    response = client.post(reverse("people:export") + "?q=")
    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert job.status == Job.Status.SUCCEEDED and job.result == {"rows": 1}
