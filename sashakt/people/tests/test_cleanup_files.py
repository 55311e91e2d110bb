"""Job outputs and the uploads of finished or failed imports are deleted after the retention
period by `manage.py cleanup_files` (issue 10, item 5)."""

import datetime
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from sashakt.core.models import Job
from sashakt.people.models import ParticipantImport

pytestmark = pytest.mark.django_db


def _job(days_ago: int) -> Job:
    job = Job.objects.create(kind="people.export", title="Export", status="succeeded")
    job.output.save("export.xlsx", ContentFile(b"PK"), save=False)
    Job.objects.filter(pk=job.pk).update(
        output=job.output.name, finished_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return job


def _upload(user, status, days_ago: int) -> ParticipantImport:
    upload = ParticipantImport(created_by=user, original_name="list.csv", status=status)
    upload.file.save("list.csv", ContentFile(b"x"))
    ParticipantImport.objects.filter(pk=upload.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return upload


def test_old_outputs_and_finished_uploads_are_deleted_recent_ones_kept(personas, settings, capsys):
    settings.FILES_RETENTION_DAYS = 30
    old_job, new_job = _job(40), _job(2)
    Status = ParticipantImport.Status  # noqa: N806 - a class
    old_failed = _upload(personas.state, Status.FAILED, 40)
    old_imported = _upload(personas.state, Status.IMPORTED, 40)
    old_pending = _upload(personas.state, Status.CHECKED, 40)  # the user may still import it
    new_failed = _upload(personas.state, Status.FAILED, 2)
    paths = {
        name: Path(obj.output.path if isinstance(obj, Job) else obj.file.path)
        for name, obj in [
            ("old_job", old_job),
            ("new_job", new_job),
            ("old_failed", old_failed),
            ("old_imported", old_imported),
            ("old_pending", old_pending),
            ("new_failed", new_failed),
        ]
    }
    call_command("cleanup_files")
    assert "2 job outputs" not in capsys.readouterr().out
    gone = {name for name, path in paths.items() if not path.exists()}
    assert gone == {"old_job", "old_failed", "old_imported"}
    old_job.refresh_from_db()
    old_failed.refresh_from_db()
    assert not old_job.output and not old_failed.file
    assert old_job.status == "succeeded" and ParticipantImport.objects.count() == 4
    call_command("cleanup_files")  # nothing left to delete: harmless
    assert "0 job outputs, 0 uploads" in capsys.readouterr().out
