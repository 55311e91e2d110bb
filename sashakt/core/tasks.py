from celery import shared_task

from sashakt.core.jobs import job_run


@shared_task(name="sashakt.run_job", ignore_result=True)
def run_job_task(job_id: str) -> None:
    job_run(job_id)
