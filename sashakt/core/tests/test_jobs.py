import io
import os
import subprocess
import sys
import time
import uuid

import pytest
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from sashakt.conftest import require_or_skip
from sashakt.core import jobs
from sashakt.core.jobs import JobContext, JobError, job_enqueue, job_function, job_run
from sashakt.core.models import Job
from sashakt.test import personas_make


@job_function("test.fails_politely")
def _fails_politely(ctx: JobContext) -> dict:
    raise JobError("फ़ाइल पढ़ी नहीं जा सकी")


@job_function("test.crashes")
def _crashes(ctx: JobContext) -> dict:
    raise ZeroDivisionError


def _wait_until_finished(job: Job, seconds: float = 60) -> Job:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.is_finished:
            return job
        time.sleep(0.1)
    raise AssertionError(f"job still {job.status} after {seconds} s")


def _read_rows(content: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.django_db(transaction=True)
def test_a_district_officer_exports_their_registry_through_the_in_process_worker(client):
    personas = personas_make()
    client.force_login(personas.dpro_kanpur)

    response = client.post(reverse("people:export"))
    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()
    job = _wait_until_finished(job)

    assert job.status == Job.Status.SUCCEEDED, job.error
    page = client.get(job.get_absolute_url()).content.decode()
    assert "100%" in page and reverse("core:job_download", args=[job.pk]) in page
    download = client.get(reverse("core:job_download", args=[job.pk]))
    rows = _read_rows(b"".join(download.streaming_content))
    assert rows[0][0] == "नाम"  # headers in the officer's language (Hindi by default)
    mobiles = {row[3] for row in rows[1:]}
    assert personas.kanpur_person.mobile in mobiles
    assert personas.lucknow_person.mobile not in mobiles  # scope holds in exports too
    assert job.result == {"rows": len(rows) - 1}


@pytest.mark.django_db
def test_a_failed_job_shows_its_reason_and_an_internal_error_hides_the_traceback(personas, client):
    polite = job_run(Job.objects.create(kind="test.fails_politely", title="t").pk)
    assert polite.status == Job.Status.FAILED and polite.error == "फ़ाइल पढ़ी नहीं जा सकी"

    crash = job_run(
        Job.objects.create(kind="test.crashes", title="t", created_by=personas.state).pk
    )
    assert crash.status == Job.Status.FAILED
    assert "ZeroDivisionError" not in crash.error
    client.force_login(personas.state)
    page = client.get(crash.get_absolute_url()).content.decode()
    assert "आंतरिक त्रुटि" in page


@pytest.mark.django_db
def test_a_job_runs_once_even_if_it_is_handed_over_twice(personas):
    job = Job.objects.create(kind="people.export", title="t", params={"user_id": personas.state.pk})
    assert jobs.job_claim(job.pk) is True
    assert jobs.job_claim(job.pk) is False


@pytest.mark.django_db
def test_queued_jobs_left_behind_are_run_by_the_run_jobs_command(personas):
    from django.core.management import call_command

    job = Job.objects.create(kind="people.export", title="t", params={"user_id": personas.state.pk})
    call_command("run_jobs")
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and job.output


@pytest.mark.django_db
def test_the_progress_partial_polls_until_the_job_finishes(personas, client):
    job = Job.objects.create(
        kind="people.export",
        title="t",
        created_by=personas.state,
        params={"user_id": personas.state.pk},
        progress_done=30,
        progress_total=120,
    )
    client.force_login(personas.state)
    partial = client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in partial and 'aria-valuenow="25"' in partial
    assert "<html" not in partial
    job_run(job.pk)
    partial = client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in partial and 'aria-valuenow="100"' in partial


@pytest.mark.django_db
def test_a_job_page_moves_on_to_the_result_when_the_job_is_done(personas, client):
    """The job page once stopped at "Succeeded" with a button; the poll now takes the
    browser on to what the job made (and never off the site)."""
    job = Job.objects.create(kind="people.export", title="t", created_by=personas.state)
    client.force_login(personas.state)
    poll = client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert "HX-Redirect" not in poll
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.SUCCEEDED, result={"next_url": "/certificates/"}
    )
    poll = client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert poll["HX-Redirect"] == "/certificates/"
    assert "HX-Redirect" not in client.get(job.get_absolute_url())  # the page itself stays
    Job.objects.filter(pk=job.pk).update(result={"next_url": "https://evil.example/"})
    assert "HX-Redirect" not in client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true")


def _redis_reachable(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def _worker_database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_a_job_runs_through_a_real_celery_worker_on_redis(settings, tmp_path):
    redis_url = os.environ.get("SASHAKT_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    require_or_skip(_redis_reachable(redis_url), f"no Redis at {redis_url}")
    personas = personas_make()
    queue = f"sashakt-test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DATABASE_URL": _worker_database_url(),
        "REDIS_URL": redis_url,
        "CELERY_QUEUE": queue,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "sashakt",
            "worker",
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-Q",
            queue,
            "--loglevel=INFO",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    from sashakt.celery import app

    previous = (app.conf.broker_url, app.conf.task_default_queue)
    app.conf.broker_url, app.conf.task_default_queue = redis_url, queue
    settings.JOBS_BACKEND = "celery"
    try:
        job = job_enqueue(
            kind="people.export",
            title="export via celery",
            user=personas.state,
            params={"user_id": personas.state.pk},
        )
        job = _wait_until_finished(job, seconds=90)
    finally:
        app.conf.broker_url, app.conf.task_default_queue = previous
        worker.terminate()
        worker.wait(timeout=30)
        log.close()
    worker_log = (tmp_path / "worker.log").read_text()
    assert job.status == Job.Status.SUCCEEDED, job.error + worker_log
    assert "sashakt.run_job" in worker_log  # it ran in the worker, not in this process
    rows = _read_rows(job.output.read())
    assert {personas.kanpur_person.mobile, personas.lucknow_person.mobile} <= {
        row[3] for row in rows[1:]
    }
