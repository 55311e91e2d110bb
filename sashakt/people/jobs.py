"""Background jobs of the participant registry: export, and the two steps of an import."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from sashakt.core.jobs import JobContext, JobError, job_function
from sashakt.core.spreadsheets import table_bytes
from sashakt.people.importing import participants_import
from sashakt.people.models import ParticipantImport
from sashakt.people.reports import import_report_bytes, people_export_rows
from sashakt.people.selectors import people_search
from sashakt.people.services import participant_import_read


@job_function("people.export", repeatable=True)
def people_export(
    ctx: JobContext,
    *,
    user_id: int,
    query: str = "",
    district_id=None,
    designation: str = "",
    suffix: str = ".xlsx",
    mobile_needed: bool = False,
) -> dict:
    user = get_user_model().objects.get(pk=user_id)
    people = people_search(
        user,
        query=query,
        district_id=district_id,
        designation=designation,
        mobile_needed=mobile_needed,
    )
    total = people.count()
    with override(user.language or "hi"):
        ctx.progress(0, total, _("Writing rows"))
        headers, rows = people_export_rows(people)

        def counted():
            for done, row in enumerate(rows, start=1):
                if done % 2000 == 0:
                    ctx.progress(done, total, _("Writing rows"))
                yield row

        content = table_bytes(suffix, headers, counted(), sheet_title=_("Registry"))
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    ctx.save_output(f"sashakt-registry-{stamp}{suffix}", content)
    return {"rows": total}


def _run_import(ctx: JobContext, import_id: int, *, dry_run: bool):
    upload = ParticipantImport.objects.select_related("created_by").get(pk=import_id)
    user = upload.created_by
    with override(user.language or "hi"):
        result = participants_import(
            upload.file.path,
            user=user,
            mapping={int(k): v for k, v in upload.mapping.items()} if upload.mapping else None,
            skip_invalid=upload.skip_invalid,
            dry_run=dry_run,
            decisions={int(k): v for k, v in upload.decisions.items()},
            progress=ctx.progress,
            defaults=upload.defaults,
            allow_missing_mobile=upload.allow_missing_mobile,
            upload=upload,
        )
        if result.file_error:
            upload.status = ParticipantImport.Status.FAILED
            upload.summary = result.as_dict()
            upload.save(update_fields=["status", "summary", "updated_at"])
            raise JobError(result.file_error)
        upload.summary = result.as_dict()
        if not dry_run:
            upload.status = (
                ParticipantImport.Status.IMPORTED
                if result.written
                else ParticipantImport.Status.FAILED
            )
        else:
            upload.status = ParticipantImport.Status.CHECKED
        upload.save(update_fields=["status", "summary", "updated_at"])
        if result.problems or result.duplicate_rows:
            ctx.save_output(f"import-report-{upload.pk}.xlsx", import_report_bytes(result, ".xlsx"))
    return result


@job_function("people.import_read", repeatable=True)
def people_import_read(ctx: JobContext, *, import_id: int) -> dict:
    """Read an uploaded file's headers and samples (the request only stored it)."""
    upload = ParticipantImport.objects.select_related("created_by").get(pk=import_id)
    with override(upload.created_by.language or "hi"):
        ctx.progress(0, 1, _("Reading the file"))
        try:
            participant_import_read(upload)
        except ValidationError as error:
            raise JobError(error.messages[0]) from error
    return {"columns": len(upload.columns)}


@job_function("people.import_check", repeatable=True)
def people_import_check(ctx: JobContext, *, import_id: int) -> dict:
    return _run_import(ctx, import_id, dry_run=True).counts()


@job_function("people.import_commit")
def people_import_commit(ctx: JobContext, *, import_id: int) -> dict:
    result = _run_import(ctx, import_id, dry_run=False)
    if not result.written:
        raise JobError(
            _(
                "Nothing was imported: %(invalid)s rows have problems. Fix them, or "
                "choose to import the valid rows only."
            )
            % {"invalid": result.invalid}
        )
    return result.counts()
