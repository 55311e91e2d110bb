"""Bulk issue and print as a background job: progress, a zip of single PDFs, one merged
PDF whose page count is the number of certificates."""

import zipfile

import pytest
from django.urls import reverse

from sashakt.certificates.models import Certificate
from sashakt.certificates.tests.conftest import pdf_pages, pdf_text, seat
from sashakt.core.jobs import job_enqueue
from sashakt.core.models import Job
from sashakt.test import batch_completed_make, batch_make, person_make

pytestmark = pytest.mark.django_db


def test_a_programme_is_issued_and_printed_in_one_job(
    personas, completed_batch, client, settings, tmp_path
):
    settings.JOBS_BACKEND = "immediate"
    second = batch_make(completed_batch.programme, capacity=30, number=2)
    for i in range(22):
        person = person_make(
            name=f"प्रतिभागी {i}", name_alt=f"Pratibhagi {i}", mobile=f"98390{i:05d}"
        )
        seat(personas.dpro_kanpur, person, second, state=personas.state)
    batch_completed_make(second)
    job = job_enqueue(
        kind="certificates.bulk",
        title="all",
        user=personas.iitk,
        params={"programme_id": completed_batch.programme_id},
    )
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert job.result["issued"] == 25 and job.result["certificates"] == 25
    assert job.progress_total == 50 and job.progress_done == 50
    with zipfile.ZipFile(job.output.open("rb")) as archive:
        names = archive.namelist()
        assert len(names) == 25
        first = archive.read(names[0])
    assert pdf_pages(first, tmp_path) == 1
    client.force_login(personas.iitk)
    page = client.get(job.result["next_url"]).content.decode()
    assert 'data-testid="zip"' in page and 'data-testid="merged"' in page
    merged = b"".join(
        client.get(reverse("certificates:bulk_merged", args=[job.pk])).streaming_content
    )
    assert pdf_pages(merged, tmp_path) == 25
    text = pdf_text(merged, tmp_path)
    for certificate in Certificate.objects.all():
        assert certificate.display_number in text
    # Someone else's job is not theirs to download.
    client.force_login(personas.iiml)
    assert client.get(reverse("certificates:bulk_merged", args=[job.pk])).status_code == 404


def test_the_job_reports_progress_while_it_runs(personas, completed_batch, monkeypatch):
    from sashakt.core import jobs as core_jobs

    seen = []
    real = core_jobs.JobContext.progress

    def spy(self, done, total=None, message=""):
        seen.append((done, total))
        return real(self, done, total, message)

    monkeypatch.setattr(core_jobs.JobContext, "progress", spy)
    job = Job.objects.create(
        kind="certificates.bulk",
        title="t",
        params={"batch_id": completed_batch.pk},
        created_by=personas.iitk,
    )
    job = core_jobs.job_run(job.pk)
    assert job.status == Job.Status.SUCCEEDED
    totals = [total for _, total in seen if total]
    assert totals and set(totals) == {6}
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_a_job_for_someone_elses_programme_fails_politely(personas, completed_batch, settings):
    settings.JOBS_BACKEND = "immediate"
    job = job_enqueue(
        kind="certificates.bulk",
        title="x",
        user=personas.iiml,
        params={"batch_id": completed_batch.pk},
    )
    assert job.status == Job.Status.FAILED and "प्रमाण-पत्र" in job.error
    assert not Certificate.objects.exists()


def test_a_batch_nobody_completed_gives_a_clear_error(personas, completed_batch, settings):
    settings.JOBS_BACKEND = "immediate"
    empty = batch_make(completed_batch.programme, capacity=5, number=3)
    job = job_enqueue(
        kind="certificates.bulk", title="x", user=personas.iitk, params={"batch_id": empty.pk}
    )
    assert job.status == Job.Status.FAILED and job.error


def test_one_certificate_that_cannot_be_drawn_is_reported_and_the_rest_still_print(
    personas, completed_batch, client, settings, monkeypatch, tmp_path
):
    """Whatever breaks one certificate's drawing (a name, an image), the others print."""
    from sashakt.certificates import jobs as certificate_jobs

    settings.JOBS_BACKEND = "immediate"
    real = certificate_jobs.certificate_pdf

    def breaks_on_savitri(printable, look):
        if printable.name_en == "Savitri Devi":
            raise ValueError("cannot draw this one")
        return real(printable, look)

    monkeypatch.setattr(certificate_jobs, "certificate_pdf", breaks_on_savitri)
    job = job_enqueue(
        kind="certificates.bulk",
        title="batch",
        user=personas.iitk,
        params={"batch_id": completed_batch.pk},
    )
    assert job.status == Job.Status.SUCCEEDED, job.error
    savitri = Certificate.objects.get(name_en="Savitri Devi")
    assert job.result["issued"] == 3 and job.result["certificates"] == 2
    assert [item["number"] for item in job.result["failed"]] == [savitri.display_number]
    with zipfile.ZipFile(job.output.open("rb")) as archive:
        assert len(archive.namelist()) == 2
    client.force_login(personas.iitk)
    merged = b"".join(
        client.get(reverse("certificates:bulk_merged", args=[job.pk])).streaming_content
    )
    assert pdf_pages(merged, tmp_path) == 2
    page = client.get(job.result["next_url"], HTTP_ACCEPT_LANGUAGE="hi").content.decode()
    assert 'data-testid="failed"' in page
    assert savitri.display_number in page and "सावित्री देवी" in page
