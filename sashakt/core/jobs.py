"""Background jobs whose progress is stored in the database.

A job is a plain function registered under a kind:

    @job_function("people.export")
    def export_people(ctx: JobContext, *, district_id: int) -> dict: ...

`job_enqueue()` stores a Job row and, after the transaction commits, hands its id to the
configured runner: Celery workers on Redis when REDIS_URL is set, otherwise a small thread
pool inside this process (the embedded mode). Either way the row is claimed atomically
before it runs, so a job runs once even if it is handed over twice, and a queued job left
behind by a stopped process is picked up again by `python manage.py run_jobs`.

A running job shows a heartbeat (`heartbeat_at`) every JOBS_HEARTBEAT_SECONDS. When its
process dies (killed, out of memory, a machine restarted) the heartbeat stops, and after
JOBS_STALE_SECONDS `jobs_recover_stale()` marks the job failed with a clear message, or puts
it back in the queue if its kind was registered with `repeatable=True` (safe to run twice)
and it has not used up JOBS_MAX_ATTEMPTS. `run_jobs` and the job's own page both call it.
"""

import logging
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import timedelta

from auditlog.context import set_actor
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import close_old_connections, connections, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from sashakt.core.models import Job
from sashakt.core.refusals import Refused

logger = logging.getLogger(__name__)

JobFunction = Callable[..., dict | None]
_REGISTRY: dict[str, JobFunction] = {}
_REPEATABLE: set[str] = set()


class JobError(Refused):
    """A failure whose message is meant for the user (already translated)."""


def job_function(kind: str, *, repeatable: bool = False) -> Callable[[JobFunction], JobFunction]:
    """Register a job function. `repeatable`: running it again after a crash half-way is
    harmless (it writes nothing, or its writes are idempotent), so a lost run is re-queued."""

    def register(func: JobFunction) -> JobFunction:
        _REGISTRY[kind] = func
        if repeatable:
            _REPEATABLE.add(kind)
        else:
            _REPEATABLE.discard(kind)
        return func

    return register


def registered_kinds() -> list[str]:
    return sorted(_REGISTRY)


@dataclass
class JobContext:
    job: Job

    def progress(self, done: int, total: int | None = None, message: str = "") -> None:
        """Record progress; cheap enough to call every few hundred rows."""
        fields = {
            "progress_done": done,
            "progress_message": message[:300],
            "heartbeat_at": timezone.now(),
        }
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
        from sashakt.core.tasks import run_job_task  # noqa: PLC0415 - tasks imports jobs (a cycle)

        run_job_task.delay(str(job_id))
    else:
        _inprocess_pool().submit(_run_in_thread, job_id)


def job_claim(job_id) -> bool:
    """Mark a queued job running; False if someone else already took it."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING, started_at=now, heartbeat_at=now, attempts=F("attempts") + 1
    )
    return claimed == 1


def job_run(job_id) -> Job:
    """Claim and run one job, recording its result or its error. Never raises."""
    if not job_claim(job_id):
        return Job.objects.get(pk=job_id)
    job = Job.objects.get(pk=job_id)
    func = _REGISTRY.get(job.kind)
    heartbeat = _Heartbeat(job.pk) if settings.JOBS_BACKEND != "immediate" else nullcontext()
    try:
        if func is None:
            raise JobError(_("This kind of job is not known to this server."))
        with heartbeat, set_actor(job.created_by) if job.created_by else nullcontext():
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


STALE_JOB_MESSAGE = _lazy(
    "The job stopped without finishing: the process running it ended (for example it ran "
    "out of memory or the server restarted). Nothing more will happen; start it again."
)


def jobs_recover_stale(*, now=None) -> tuple[list, list]:
    """Running jobs without a heartbeat for JOBS_STALE_SECONDS: re-queue the repeatable
    ones that have attempts left, fail the others. Returns (failed ids, re-queued ids)."""
    now = now or timezone.now()
    limit = now - timedelta(seconds=settings.JOBS_STALE_SECONDS)
    silent = Q(status=Job.Status.RUNNING) & (
        Q(heartbeat_at__lt=limit) | Q(heartbeat_at__isnull=True, started_at__lt=limit)
    )
    failed, requeued = [], []
    for job_id, kind, attempts in Job.objects.filter(silent).values_list("pk", "kind", "attempts"):
        # Re-checked in the update itself, in case a heartbeat arrived meanwhile.
        still_stale = Job.objects.filter(silent, pk=job_id)
        if kind in _REPEATABLE and attempts < settings.JOBS_MAX_ATTEMPTS:
            if still_stale.update(status=Job.Status.QUEUED, started_at=None, heartbeat_at=None):
                requeued.append(job_id)
                logger.warning("job %s (%s) lost its process; queued again", job_id, kind)
        elif still_stale.update(
            status=Job.Status.FAILED, error=str(STALE_JOB_MESSAGE), finished_at=now
        ):
            failed.append(job_id)
            logger.warning("job %s (%s) lost its process; marked failed", job_id, kind)
    return failed, requeued


def job_recover_if_stale(job: Job) -> Job:
    """For the job's page: a job that lost its process is shown failed (or queued again)."""
    if job.status != Job.Status.RUNNING:
        return job
    failed, requeued = jobs_recover_stale()
    if job.pk in requeued and settings.JOBS_BACKEND != "immediate":
        transaction.on_commit(lambda: dispatch(job.pk))
    if job.pk in failed or job.pk in requeued:
        job.refresh_from_db()
    return job


class _Heartbeat:
    """Marks a running job alive every JOBS_HEARTBEAT_SECONDS from a side thread, so a job
    busy in one long step (reading a file, solving a model) is not taken for dead."""

    def __init__(self, job_id):
        self.job_id = job_id
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name="sashakt-heartbeat", daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join()

    def _beat(self) -> None:
        try:
            while not self._stop.wait(settings.JOBS_HEARTBEAT_SECONDS):
                try:
                    Job.objects.filter(pk=self.job_id, status=Job.Status.RUNNING).update(
                        heartbeat_at=timezone.now()
                    )
                except Exception:  # e.g. SQLite busy: a missed beat, not a broken job
                    logger.warning("heartbeat of job %s missed", self.job_id, exc_info=True)
        finally:
            connections.close_all()


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


def job_outputs_purge(*, older_than) -> int:
    """Delete the output files of jobs that finished before `older_than` (retention); the
    job rows stay, with their result and without the file. Returns how many were deleted."""
    purged = 0
    finished = Job.objects.filter(finished_at__lt=older_than).exclude(output="")
    for job in finished.iterator():
        job.output.delete(save=False)
        Job.objects.filter(pk=job.pk).update(output="")
        purged += 1
    return purged
