"""Writes to the registry and its imports. Views and commands call these, nothing else."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sashakt.core.jobs import job_enqueue
from sashakt.core.models import Job
from sashakt.core.spreadsheets import READABLE_SUFFIXES, UnreadableFile, read_table
from sashakt.core.text import clean_text
from sashakt.people import cleaning
from sashakt.people.importing import Decision, detect_mapping, find_header_row
from sashakt.people.models import ParticipantImport
from sashakt.people.rules import import_district

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
SAMPLES = 3


def _cell(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(value)[:60]


@transaction.atomic
def participant_import_create(*, user, uploaded_file, skip_invalid: bool) -> ParticipantImport:
    suffix = Path(uploaded_file.name).suffix.lower()
    if suffix not in READABLE_SUFFIXES:
        raise ValidationError(_("Upload an Excel (.xlsx or .xls) or CSV file."))
    if uploaded_file.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 50 MB. Split it into smaller files."))
    upload = ParticipantImport(
        created_by=user,
        district=import_district(user),
        original_name=Path(uploaded_file.name).name[:255],
        skip_invalid=skip_invalid,
    )
    upload.file.save(f"upload{suffix}", uploaded_file, save=False)
    try:
        table = read_table(upload.file.path)
    except UnreadableFile as error:
        upload.file.delete(save=False)
        raise ValidationError(str(error)) from error
    header_index = find_header_row(table.rows)
    headers = [_cell(h) for h in (table.rows[header_index] if table.rows else [])]
    if not any(headers):
        upload.file.delete(save=False)
        raise ValidationError(_("The file is empty."))
    mapping, _ignored, _unknown = detect_mapping(headers)
    samples = table.rows[header_index + 1 : header_index + 1 + SAMPLES]
    upload.columns = [
        {
            "index": index,
            "header": header,
            "samples": [_cell(row[index]) for row in samples if index < len(row)],
        }
        for index, header in enumerate(headers)
        if header
    ]
    upload.mapping = {str(k): v for k, v in mapping.items()}
    upload.save()
    return upload


def participant_import_set_mapping(
    *, upload: ParticipantImport, mapping: dict[int, str], skip_invalid: bool
) -> ParticipantImport:
    allowed = set(cleaning.FIELD_NAMES) | {cleaning.IGNORE, ""}
    chosen = [value for value in mapping.values() if value and value != cleaning.IGNORE]
    if any(value not in allowed for value in mapping.values()):
        raise ValidationError(_("Choose a field from the list for every column."))
    duplicated = {value for value in chosen if chosen.count(value) > 1}
    if duplicated:
        raise ValidationError(
            _("Each field may come from one column only: %(fields)s.")
            % {"fields": ", ".join(str(cleaning.FIELD_LABELS[f]) for f in sorted(duplicated))}
        )
    upload.mapping = {str(k): v for k, v in mapping.items() if v}
    upload.skip_invalid = skip_invalid
    upload.status = ParticipantImport.Status.UPLOADED
    upload.save(update_fields=["mapping", "skip_invalid", "status", "updated_at"])
    return upload


def participant_import_check(*, upload: ParticipantImport, user) -> Job:
    job = job_enqueue(
        kind="people.import_check",
        title=_("Check %(file)s") % {"file": upload.original_name},
        user=user,
        params={"import_id": upload.pk},
    )
    upload.check_job = job
    upload.save(update_fields=["check_job", "updated_at"])
    return job


def participant_import_commit(*, upload: ParticipantImport, user, decisions: dict[int, str]) -> Job:
    if upload.status == ParticipantImport.Status.IMPORTED:
        raise ValidationError(_("This file has already been imported."))
    valid = {Decision.SKIP, Decision.MERGE, Decision.NEW}
    upload.decisions = {str(row): d for row, d in decisions.items() if d in valid}
    job = job_enqueue(
        kind="people.import_commit",
        title=_("Import %(file)s") % {"file": upload.original_name},
        user=user,
        params={"import_id": upload.pk},
    )
    upload.import_job = job
    upload.save(update_fields=["decisions", "import_job", "updated_at"])
    return job


def import_files_purge(*, older_than) -> int:
    """Delete the uploaded files of imports that failed or were imported before `older_than`
    (retention); the import rows and their summaries stay. Returns how many were deleted."""
    done = (ParticipantImport.Status.FAILED, ParticipantImport.Status.IMPORTED)
    purged = 0
    old = ParticipantImport.objects.filter(status__in=done, updated_at__lt=older_than)
    for upload in old.exclude(file="").iterator():
        upload.file.delete(save=False)
        ParticipantImport.objects.filter(pk=upload.pk).update(file="")
        purged += 1
    return purged
