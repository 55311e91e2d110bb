"""A job whose process died does not stay "running" for ever (issue 10, item 8)."""

import os
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone, translation

from sashakt.core.jobs import (
    STALE_JOB_MESSAGE,
    JobContext,
    job_function,
    job_run,
    jobs_recover_stale,
)
from sashakt.core.models import Job

RUNS: list[str] = []


@job_function("test.repeatable", repeatable=True)
def _repeatable(ctx: JobContext) -> dict:
    RUNS.append("repeatable")
    return {"rows": 1}


@job_function("test.once_only")
def _once_only(ctx: JobContext) -> dict:
    RUNS.append("once_only")
    return {}


@job_function("test.slow")
def _slow(ctx: JobContext) -> dict:
    time.sleep(1.2)  # one long step, no progress calls: only the heartbeat shows life
    return {}


# Run in a separate Python process: claims the job, then dies as an out-of-memory kill would.
DIE_WHILE_RUNNING = """
import os, signal, sys
import django
django.setup()
from sashakt.core.jobs import job_function, job_run

@job_function("test.dies")
def dies(ctx):
    os.kill(os.getpid(), signal.SIGKILL)

job_run(sys.argv[1])
"""


def _worker_database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


def _running(kind: str, *, silent_for: int, attempts: int = 1) -> Job:
    started = timezone.now() - timedelta(seconds=silent_for)
    return Job.objects.create(
        kind=kind,
        title=kind,
        status=Job.Status.RUNNING,
        started_at=started,
        heartbeat_at=started,
        attempts=attempts,
    )


@pytest.mark.django_db(transaction=True)
def test_a_job_whose_process_was_killed_is_failed_and_its_page_stops_polling(
    personas, client, settings
):
    job = Job.objects.create(kind="test.dies", title="dies", created_by=personas.state)
    child = subprocess.run(
        [sys.executable, "-c", DIE_WHILE_RUNNING, str(job.pk)],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": _worker_database_url()},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == -9, child.stderr
    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING and job.heartbeat_at  # what the issue saw

    client.force_login(personas.state)
    partial = client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" in partial  # still within JOBS_STALE_SECONDS: keep watching

    settings.JOBS_STALE_SECONDS = 0
    with translation.override("hi"):
        partial = client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
        message = str(STALE_JOB_MESSAGE)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.finished_at
    assert "hx-trigger" not in partial and 'data-status="failed"' in partial
    assert message in partial and "प्रक्रिया" in message  # the reason, in Hindi


@pytest.mark.django_db
def test_run_jobs_fails_lost_jobs_and_reruns_those_safe_to_repeat(settings, capsys):
    settings.JOBS_STALE_SECONDS = 60
    RUNS.clear()
    lost_once_only = _running("test.once_only", silent_for=300)
    lost_repeatable = _running("test.repeatable", silent_for=300)
    out_of_attempts = _running("test.repeatable", silent_for=300, attempts=2)
    alive = _running("test.once_only", silent_for=5)

    call_command("run_jobs")
    assert "1 queued again" in capsys.readouterr().out

    for job in (lost_once_only, lost_repeatable, out_of_attempts, alive):
        job.refresh_from_db()
    assert lost_once_only.status == Job.Status.FAILED
    assert lost_once_only.error == str(STALE_JOB_MESSAGE)
    assert lost_repeatable.status == Job.Status.SUCCEEDED and lost_repeatable.attempts == 2
    assert out_of_attempts.status == Job.Status.FAILED  # a job that kills its process stops
    assert alive.status == Job.Status.RUNNING
    assert RUNS == ["repeatable"]  # the once-only job was not run twice


@pytest.mark.django_db
def test_a_started_job_without_any_heartbeat_counts_as_lost(settings):
    settings.JOBS_STALE_SECONDS = 60
    job = _running("test.once_only", silent_for=300)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=None)
    assert jobs_recover_stale() == ([job.pk], [])


@pytest.mark.django_db(transaction=True)
def test_a_running_job_keeps_its_heartbeat_while_busy(settings):
    settings.JOBS_BACKEND = "inprocess"
    settings.JOBS_HEARTBEAT_SECONDS = 0.2
    job = Job.objects.create(kind="test.slow", title="slow")
    job = job_run(job.pk)
    assert job.status == Job.Status.SUCCEEDED
    assert job.heartbeat_at - job.started_at >= timedelta(seconds=0.8)


@pytest.mark.django_db
def test_recover_only_hands_requeued_jobs_to_the_workers(settings, capsys, monkeypatch):
    settings.JOBS_STALE_SECONDS = 60
    handed = []
    monkeypatch.setattr("sashakt.core.management.commands.run_jobs.dispatch", handed.append)
    lost = _running("test.repeatable", silent_for=300)
    queued = Job.objects.create(kind="test.once_only", title="waits for a worker")
    call_command("run_jobs", "--recover-only")
    assert "1 queued again, 0 run" in capsys.readouterr().out
    assert handed == [lost.pk]
    queued.refresh_from_db()
    assert queued.status == Job.Status.QUEUED  # left to the workers
