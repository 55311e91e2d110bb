from celery import shared_task

from sashakt.core.health import beat_record
from sashakt.core.jobs import dispatch, job_run, jobs_recover_stale


@shared_task(name="sashakt.run_job", ignore_result=True)
def run_job_task(job_id: str) -> None:
    job_run(job_id)


@shared_task(name="sashakt.jobs_tick", ignore_result=True)
def jobs_tick() -> None:
    """Celery beat, every JOBS_TICK_SECONDS: jobs whose worker died (killed, out of memory, a
    restarted machine) are failed, or handed to the workers again when safe to repeat; and
    the tick's time is recorded for /healthz ("last beat")."""
    beat_record()
    _failed, requeued = jobs_recover_stale()
    for job_id in requeued:
        dispatch(job_id)
