"""The address printed on certificates and in their QR codes (issue 23, item 14): from
SASHAKT_PUBLIC_URL when set, else from the request; a bulk job keeps the address of the
request that started it."""

import zipfile

import pytest
from django.urls import reverse

from sashakt.certificates.models import Certificate
from sashakt.certificates.tests.conftest import pdf_text
from sashakt.core.jobs import job_run
from sashakt.core.models import Job
from sashakt.core.site import public_url

pytestmark = pytest.mark.django_db

HOST = "sashakt.example.gov.in"


@pytest.fixture
def served_as(settings):
    settings.ALLOWED_HOSTS = [HOST, "testserver"]
    settings.SASHAKT_PUBLIC_URL = ""


def _issue(client, personas, batch, **request):
    request = {"HTTP_HOST": HOST, **request}
    client.force_login(personas.iitk)
    response = client.post(
        reverse("certificates:batch_review", args=[batch.pk]), {"confirm": "on"}, **request
    )
    assert response.status_code == 302
    return Job.objects.get(kind="certificates.bulk")


def test_a_certificate_downloaded_from_the_server_prints_the_servers_address(
    personas, completed_batch, client, settings, served_as, tmp_path
):
    settings.JOBS_BACKEND = "immediate"
    _issue(client, personas, completed_batch, secure=True)
    certificate = Certificate.objects.order_by("pk").first()
    response = client.get(
        reverse("certificates:download", args=[certificate.number]), HTTP_HOST=HOST, secure=True
    )
    text = pdf_text(response.content, tmp_path, mode="-raw")
    assert f"https://{HOST}/verify/{certificate.display_number}/" in text
    assert "127.0.0.1" not in text


def test_the_bulk_job_prints_the_address_of_the_request_that_started_it(
    personas, completed_batch, client, settings, served_as, tmp_path
):
    settings.JOBS_BACKEND = "inprocess"  # queued by the request, run here afterwards
    job = _issue(client, personas, completed_batch)
    assert job.params["public_url"] == f"http://{HOST}"
    assert public_url() != f"http://{HOST}"  # no request now
    job = job_run(job.pk)
    assert job.status == Job.Status.SUCCEEDED, job.error
    with zipfile.ZipFile(job.output.open("rb")) as archive:
        first = archive.read(archive.namelist()[0])
    assert f"http://{HOST}/verify/SSK-" in pdf_text(first, tmp_path, mode="-raw")


def test_the_configured_address_wins_over_the_request(
    personas, completed_batch, client, settings, served_as, tmp_path
):
    settings.SASHAKT_PUBLIC_URL = "https://sashakt.up.gov.in"
    settings.JOBS_BACKEND = "immediate"
    _issue(client, personas, completed_batch)
    certificate = Certificate.objects.order_by("pk").first()
    response = client.get(
        reverse("certificates:download", args=[certificate.number]), HTTP_HOST=HOST
    )
    text = pdf_text(response.content, tmp_path, mode="-raw")
    assert f"https://sashakt.up.gov.in/verify/{certificate.display_number}/" in text
    assert HOST not in text
