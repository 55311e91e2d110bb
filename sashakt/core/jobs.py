"""Background jobs whose progress is stored in the database.

A job is a plain function registered under a kind:

    @job_function("people.export")
    def export_people(ctx: JobContext, *, district_id: int) -> dict: ...

`job_enqueue()` stores a Job row and, after the transaction commits, hands its id to the
configured runner: Celery workers on Redis when REDIS_URL is set, otherwise a small thread
pool inside this process (the embedded mode). Either way the row is claimed atomically
before it runs, so a job runs once even if it is handed over twice, and a queued job left
behind by a stopped process is picked up again by `python manage.py run_jobs`.
"""

import logging
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass

from auditlog.context import set_actor
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import close_old_connections, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sashakt.core.models import Job

logger = logging.getLogger(__name__)

JobFunction = Callable[..., dict | None]
_REGISTRY: dict[str, JobFunction] = {}


class JobError(Exception):
    """A failure whose message is meant for the user (already translated)."""


def job_function(kind: str) -> Callable[[JobFunction], JobFunction]:
    def register(func: JobFunction) -> JobFunction:
        _REGISTRY[kind] = func
        return func

    return register


def registered_kinds() -> list[str]:
    return sorted(_REGISTRY)


@dataclass
class JobContext:
    job: Job

    def progress(self, done: int, total: int | None = None, message: str = "") -> None:
        """Record progress; cheap enough to call every few hundred rows."""
        fields = {"progress_done": done, "progress_message": message[:300]}
        if total is not None:
            fields["progress_total"] = total
        Job.objects.filter(pk=self.job.pk).update(**fields)
        for name, value in fields.items():
            setattr(self.job, name, value)

    def save_output(self, filename: str, content: bytes) -> None:
        self.job.output.save(filename, ContentFile(content), save=False)
        self.job.output_name = filename
        Job.objects.filter(pk=self.job.pk).update(output=self.job.output.name, output_name=filename)


def job_enqueue(*, kind: str, title: str, user=None, params: dict | None = None) -> Job:
    if kind not in _REGISTRY:
        raise ValueError(f"unknown job kind {kind!r}")
    job = Job.objects.create(kind=kind, title=title, params=params or {}, created_by=user)
    if settings.JOBS_BACKEND == "immediate":
        # Tests of whole web flows: run now, inside the test's transaction.
        job_run(job.pk)
        job.refresh_from_db()
    else:
        transaction.on_commit(lambda: dispatch(job.pk))
    return job


def dispatch(job_id) -> None:
    if settings.JOBS_BACKEND == "celery":
        from sashakt.core.tasks import run_job_task

        run_job_task.delay(str(job_id))
    else:
        _inprocess_pool().submit(_run_in_thread, job_id)


def job_claim(job_id) -> bool:
    """Mark a queued job running; False if someone else already took it."""
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING, started_at=timezone.now()
    )
    return claimed == 1


def job_run(job_id) -> Job:
    """Claim and run one job, recording its result or its error. Never raises."""
    if not job_claim(job_id):
        return Job.objects.get(pk=job_id)
    job = Job.objects.get(pk=job_id)
    func = _REGISTRY.get(job.kind)
    try:
        if func is None:
            raise JobError(_("This kind of job is not known to this server."))
        with set_actor(job.created_by) if job.created_by else nullcontext():
            result = func(JobContext(job), **job.params) or {}
    except JobError as error:
        _finish(job, status=Job.Status.FAILED, error=str(error))
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        _finish(
            job,
            status=Job.Status.FAILED,
            error=_("The job stopped because of an internal error. The team has been told."),
            detail=traceback.format_exc(),
        )
    else:
        _finish(job, status=Job.Status.SUCCEEDED, result=result)
    job.refresh_from_db()
    return job


def jobs_run_queued(limit: int | None = None) -> int:
    """Run queued jobs in this process until none are left (or `limit` ran)."""
    ran = 0
    while limit is None or ran < limit:
        next_id = (
            Job.objects.filter(status=Job.Status.QUEUED)
            .order_by("created_at")
            .values_list("pk", flat=True)
            .first()
        )
        if next_id is None:
            break
        job_run(next_id)
        ran += 1
    return ran


def _finish(job: Job, *, status: str, result=None, error: str = "", detail: str = "") -> None:
    if detail:
        logger.debug(detail)
    Job.objects.filter(pk=job.pk).update(
        status=status,
        result=result or {},
        error=error,
        finished_at=timezone.now(),
        progress_done=job.progress_total if status == Job.Status.SUCCEEDED else job.progress_done,
    )


_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _inprocess_pool() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(
                max_workers=settings.JOBS_INPROCESS_THREADS, thread_name_prefix="sashakt-job"
            )
        return _pool


def _run_in_thread(job_id) -> None:
    close_old_connections()
    try:
        job_run(job_id)
    finally:
        # Pool threads live long; do not leave their database connections open between jobs.
        connections.close_all()
