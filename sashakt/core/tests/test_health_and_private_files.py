"""/healthz for the load balancer, beat's tick that recovers lost jobs, and private files
handed to nginx (X-Accel-Redirect) only after the view's checks."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils import timezone

from sashakt.core import health, jobs, tasks
from sashakt.core.jobs import JobContext, job_function
from sashakt.core.models import Job

pytestmark = pytest.mark.django_db


@job_function("test.tick_repeatable", repeatable=True)
def _tick_repeatable(ctx: JobContext) -> dict:
    return {}


def test_healthz_reports_database_cache_queue_and_beat_without_personal_data(personas, client):
    Job.objects.create(kind="people.export", title="Export", params={"mobile": "9415000002"})
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    report = response.json()
    assert report["ok"] and report["database"]["ok"] and report["cache"]["ok"]
    assert report["queue"]["jobs_waiting"] == 1
    body = response.content.decode()
    for private in ("9415000002", personas.participant.username, "Export", "गीता"):
        assert private not in body


def test_healthz_answers_503_when_the_cache_fails(client):
    with mock.patch.object(cache, "set", side_effect=ConnectionError("redis down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == {"ok": False, "error": "ConnectionError"}


def test_beat_is_reported_by_the_age_of_its_last_tick(settings):
    settings.JOBS_BACKEND = "celery"
    settings.JOBS_TICK_SECONDS = 60
    cache.delete(health.BEAT_CACHE_KEY)
    assert health._beat() == {"ok": False, "age_seconds": None}  # beat never ran
    tasks.jobs_tick()
    assert health._beat() == {"ok": True, "age_seconds": 0}
    health.beat_record(now=timezone.now().timestamp() - 600)
    assert health._beat() == {"ok": False, "age_seconds": 600}


def test_beats_tick_hands_a_job_whose_worker_died_back_to_the_workers(settings):
    settings.JOBS_STALE_SECONDS = 60
    long_ago = timezone.now() - timedelta(minutes=10)
    lost = Job.objects.create(
        kind="test.tick_repeatable",
        title="lost",
        status=Job.Status.RUNNING,
        started_at=long_ago,
        heartbeat_at=long_ago,
        attempts=1,
    )
    with mock.patch.object(tasks, "dispatch") as dispatched:
        tasks.jobs_tick()
    lost.refresh_from_db()
    assert lost.status == Job.Status.QUEUED
    dispatched.assert_called_once_with(lost.pk)
    assert jobs.job_run(lost.pk).status == Job.Status.SUCCEEDED


def _job_with_output(user) -> Job:
    job = Job.objects.create(
        kind="people.export", title="Export", created_by=user, status=Job.Status.SUCCEEDED
    )
    job.output.save("people.csv", ContentFile(b"name\nGeeta\n"), save=False)
    job.output_name = "people.csv"
    job.save()
    return job


def test_a_private_file_is_streamed_by_django_without_a_proxy(personas, client, settings):
    settings.PRIVATE_FILES_ACCEL_PREFIX = ""
    job = _job_with_output(personas.state)
    client.force_login(personas.state)
    response = client.get(f"/jobs/{job.pk}/download/")
    assert b"".join(response.streaming_content) == b"name\nGeeta\n"
    assert "X-Accel-Redirect" not in response


def test_behind_nginx_a_private_file_is_handed_over_only_after_the_checks(
    personas, client, settings
):
    settings.PRIVATE_FILES_ACCEL_PREFIX = "/_private/"
    job = _job_with_output(personas.state)
    client.force_login(personas.dpro_kanpur)  # not the one who started it
    assert client.get(f"/jobs/{job.pk}/download/").status_code == 404
    client.force_login(personas.state)
    response = client.get(f"/jobs/{job.pk}/download/")
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == "/_private/" + job.output.name
    assert response["Content-Disposition"] == 'attachment; filename="people.csv"'
    assert response["Content-Type"] == "text/csv"
