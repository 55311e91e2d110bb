"""The monthly progress report: made by the command (cron), read back as .xlsx and PDF."""

import io
import shutil
import subprocess

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from sashakt.conftest import require_or_skip
from sashakt.core.models import Job
from sashakt.reports.dashboards.monthly import month_bounds, previous_month
from sashakt.reports.jobs import MONTHLY_KIND


def test_month_bounds_and_the_month_that_just_ended():
    import datetime

    assert month_bounds("2026-02") == (datetime.date(2026, 2, 1), datetime.date(2026, 2, 28))
    assert previous_month(datetime.date(2026, 1, 1)) == "2025-12"
    with pytest.raises(ValueError):
        month_bounds("Oct 2026")


def test_the_command_makes_both_files_listed_for_the_state_cell(client, world):
    call_command("monthly_report", "--as-user", "state", "--month", "2025-08", stdout=io.StringIO())
    jobs = {job.params["file_format"]: job for job in Job.objects.filter(kind=MONTHLY_KIND)}
    assert set(jobs) == {"xlsx", "pdf"}
    assert all(job.status == Job.Status.SUCCEEDED for job in jobs.values())

    workbook = load_workbook(jobs["xlsx"].output.path)
    summary = [list(r) for r in workbook.worksheets[0].iter_rows(values_only=True)]
    assert summary[1][1] == 3  # kanpur, geeta and lucknow completed batch 1 in August 2025
    # As of 31 August 2025 (issue 22): batch 1's three people, all of whom completed it;
    # the later batches' nominations are not yet made, and the certificates of batch 1
    # were issued after August (today), so none was held then.
    assert "31/08/2025" in summary[0][2]
    assert [r[1] for r in summary[2:8]] == [3, 3, 3, 3, 3, 0]
    by_district = [list(r) for r in workbook.worksheets[3].iter_rows(values_only=True)]
    assert sorted(r[1:] for r in by_district[1:]) == [[1, 1, 1, 1, 1, 0], [2, 2, 2, 2, 2, 0]]

    require_or_skip(shutil.which("pdftotext") is not None, "pdftotext is not installed")
    pdf = jobs["pdf"].output.path
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    assert "Monthly progress report" in text and "2025-08" in text
    assert "Completed" in text

    client.force_login(world.personas.state)
    listing = client.get(reverse("core:job_list")).content.decode()
    assert "2025-08" in listing
    download = client.get(reverse("core:job_download", args=[jobs["xlsx"].pk]))
    assert download.status_code == 200


def test_the_command_refuses_anyone_but_the_state_cell(world):
    with pytest.raises(CommandError):
        call_command("monthly_report", "--as-user", "dpro-kanpur", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("monthly_report", "--as-user", "state", "--month", "08/2025")


def test_a_month_made_later_says_what_stood_at_its_end(world):
    """December 2025's report: batch 3 (1–5 December 2025) is in it, the batch of December
    2026 is not; the certificates issued today were not held then."""
    from sashakt.reports.dashboards import figures
    from sashakt.reports.dashboards.monthly import as_of

    december = figures.funnel_counts(world.personas.state, as_of("2025-12"))
    now = figures.funnel_counts(world.personas.state)
    assert december["nominated"] < now["nominated"]
    assert december["certified"] == 0 < now["certified"]
    assert december["completed"] == now["completed"]  # both batches ended by then


def test_the_state_cell_makes_a_months_report_from_the_dashboard(client, world, settings):
    settings.JOBS_BACKEND = "immediate"
    client.force_login(world.personas.state)
    page = client.get(reverse("reports:dashboard")).content.decode()
    assert 'data-testid="monthly-report-make"' in page
    url = reverse("reports:monthly_report_make")
    response = client.post(url, {"month": "2099-01"}, follow=True)
    assert not Job.objects.filter(kind=MONTHLY_KIND).exists()
    from django.utils import timezone

    month = previous_month(timezone.localdate())
    response = client.post(url, {"month": month}, follow=True)
    jobs = Job.objects.filter(kind=MONTHLY_KIND)
    assert {job.params["month"] for job in jobs} == {month} and jobs.count() == 2
    assert month in response.content.decode()
    client.force_login(world.personas.dpro_kanpur)
    assert client.post(url, {"month": month}).status_code == 403
