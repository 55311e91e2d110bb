"""Writes to the registry and its imports. Views and commands call these, nothing else."""

from pathlib import Path

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sashakt.core.audit_redact import audit_redact
from sashakt.core.jobs import job_enqueue
from sashakt.core.models import Job
from sashakt.core.refusals import Refused
from sashakt.core.spreadsheets import (
    OLE_MAGIC,
    READABLE_SUFFIXES,
    TEXT_SAMPLE_BYTES,
    ZIP_MAGIC,
    UnreadableFile,
    is_utf8_start,
    read_table,
)
from sashakt.core.text import clean_text
from sashakt.core.users import User
from sashakt.geography.models import GramPanchayat
from sashakt.notifications.models import OptOut
from sashakt.notifications.services import opt_out_record, opt_out_withdraw
from sashakt.people import import_columns
from sashakt.people.importing import Decision, detect_mapping, find_header_row
from sashakt.people.models import Designation, Gender, ParticipantImport, Person
from sashakt.people.rules import import_district, may_edit_person
from sashakt.people.selectors import place_review_rows

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
SAMPLES = 3


def _cell(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(value)[:60]


def _looks_like_a_spreadsheet(path: Path) -> bool:
    """Type by content, from the first bytes only (the request reads no further): a zip
    (.xlsx/.ods), an OLE compound file (.xls), or text without NUL bytes (CSV). The job that
    reads the file checks everything else in an isolated child."""
    with path.open("rb") as handle:
        head = handle.read(TEXT_SAMPLE_BYTES)
    if head.startswith((ZIP_MAGIC, OLE_MAGIC)):
        return True
    if not head or b"\x00" in head:
        return False
    return is_utf8_start(head, complete=len(head) < TEXT_SAMPLE_BYTES)


@transaction.atomic
def participant_import_create(*, user, uploaded_file, skip_invalid: bool) -> ParticipantImport:
    """Store the upload and queue the job that reads it (`people.import_read`): nothing in
    the request reads more than the file's first bytes."""
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
    if not _looks_like_a_spreadsheet(Path(upload.file.path)):
        upload.file.delete(save=False)
        raise ValidationError(
            _(
                "This file is not a spreadsheet or a CSV file, whatever its name says. Upload "
                "an Excel (.xlsx or .xls) or CSV file."
            )
        )
    upload.save()
    job = job_enqueue(
        kind="people.import_read",
        title=_("Reading %(file)s") % {"file": upload.original_name},
        user=user,
        params={"import_id": upload.pk},
    )
    ParticipantImport.objects.filter(pk=upload.pk, check_job=None).update(check_job=job)
    upload.refresh_from_db()
    return upload


def participant_import_read(upload: ParticipantImport) -> ParticipantImport:
    """Read the stored upload (in an isolated child, see core/spreadsheets.py) and fill its
    columns and the detected mapping. An unreadable file is deleted and the import failed
    with the reason (ValidationError)."""
    try:
        # Only the top: the header is among the first ten rows, then a few samples. The whole
        # file is read (and its rows counted against the limits) by the check job.
        table = read_table(upload.file.path, first_rows=10 + 1 + SAMPLES)
    except UnreadableFile as error:
        return _import_read_failed(upload, str(error))
    header_index = find_header_row(table.rows)
    headers = [_cell(h) for h in (table.rows[header_index] if table.rows else [])]
    if not any(headers):
        return _import_read_failed(upload, _("The file is empty."))
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
    upload.save(update_fields=["columns", "mapping", "updated_at"])
    return upload


def _import_read_failed(upload: ParticipantImport, message: str):
    if upload.file:
        upload.file.delete(save=False)
    upload.file = ""
    upload.status = ParticipantImport.Status.FAILED
    upload.summary = {"file_error": message}
    upload.save(update_fields=["file", "status", "summary", "updated_at"])
    raise ValidationError(message)


def participant_import_set_mapping(
    *,
    upload: ParticipantImport,
    mapping: dict[int, str],
    skip_invalid: bool,
    defaults: dict[str, str] | None = None,
    allow_missing_mobile: bool = False,
) -> ParticipantImport:
    """The columns chosen, plus a value for every required column the file lacks
    (`defaults`, e.g. the designation of an SEC Pradhan result sheet) and whether people
    without a mobile may be imported."""
    allowed = set(import_columns.FIELD_NAMES) | {import_columns.IGNORE, ""}
    chosen = [value for value in mapping.values() if value and value != import_columns.IGNORE]
    if any(value not in allowed for value in mapping.values()):
        raise ValidationError(_("Choose a field from the list for every column."))
    duplicated = {value for value in chosen if chosen.count(value) > 1}
    if duplicated:
        raise ValidationError(
            _("Each field may come from one column only: %(fields)s.")
            % {"fields": ", ".join(str(import_columns.FIELD_LABELS[f]) for f in sorted(duplicated))}
        )
    choices = {"designation": Designation.values, "gender": Gender.values}
    defaults = {
        name: value
        for name, value in (defaults or {}).items()
        if name in import_columns.DEFAULTABLE and value and name not in chosen
    }
    if any(value not in choices[name] for name, value in defaults.items()):
        raise ValidationError(_("Choose a value from the list."))
    upload.mapping = {str(k): v for k, v in mapping.items() if v}
    upload.skip_invalid = skip_invalid
    upload.defaults = defaults
    upload.allow_missing_mobile = allow_missing_mobile
    upload.status = ParticipantImport.Status.UPLOADED
    upload.save(
        update_fields=[
            "mapping",
            "skip_invalid",
            "defaults",
            "allow_missing_mobile",
            "status",
            "updated_at",
        ]
    )
    return upload


@transaction.atomic
def person_gram_panchayat_set(*, person: Person, gram_panchayat: GramPanchayat, user) -> Person:
    """The district officer's pick for a person whose imported gram panchayat needed review:
    links the LGD record (and its block) and takes the person off the review list. Audited
    as an edit of the person, by `user`."""
    if gram_panchayat.district_id != person.district_id:
        raise ValidationError(_("This gram panchayat is not in the person's district."))
    person.gram_panchayat = gram_panchayat
    if gram_panchayat.block_id:
        person.block_id = gram_panchayat.block_id
    person.needs_place_review = False
    person.full_clean(exclude=["mobile"] if person.mobile is None else None)
    with set_actor(user):
        person.save()
    return person


def person_place_review_keep_typed(*, person: Person, user) -> Person:
    """ "None of these": the officer read the candidates and none is the person's gram
    panchayat (not in LGD, or renamed); the name stays as typed and the person leaves the
    review list. Audited as an edit of the person, by `user`."""
    person.needs_place_review = False
    with set_actor(user):
        person.save(update_fields=["needs_place_review", "updated_at"])
    return person


def place_review_accept_clear(*, people, user) -> int:
    """Link every person of `people` (review rows, see selectors.place_review_rows) whose
    best candidate is the clear best to it, one audited edit each, in one transaction;
    returns how many."""
    accepted = 0
    with transaction.atomic():
        for row in place_review_rows(people):
            if row.clear and row.candidates and row.candidates[0].score is not None:
                person_gram_panchayat_set(
                    person=row.person,
                    gram_panchayat=row.candidates[0].gram_panchayat,
                    user=user,
                )
                accepted += 1
    return accepted


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


# --- Opt-outs: a person who asked for no messages that are not essential -----------------


class OptOutRefused(Refused):
    """An opt-out the rules refuse (another district's person, no mobile)."""


def person_opt_out(*, user: User, person: Person, reason: str = "") -> OptOut:
    """Record that `person` wants no messages that are not essential (their mobile's
    opt-out, with who took the request and when; audited). The state cell, or the person's
    own district officer."""
    if not may_edit_person(user, person):
        raise OptOutRefused(_("Only the person's own district officer may record this."))
    if not person.mobile:
        raise OptOutRefused(_("This person has no mobile number: there is nothing to stop."))
    return opt_out_record(user=user, mobile=person.mobile, reason=reason)


def person_opt_out_withdraw(*, user: User, person: Person) -> bool:
    """`person` gets every message again; False if they had not opted out. Audited."""
    if not may_edit_person(user, person):
        raise OptOutRefused(_("Only the person's own district officer may record this."))
    if not person.mobile:
        return False
    return opt_out_withdraw(user=user, mobile=person.mobile)


# What an erasure after the retention period removes (privacy, DPDP Act): everything that
# names or reaches the person. District, block, designation, gender and the dates of office
# stay, so the counts of who was trained (RGSA reports by gender) stay true.
PERSONAL_FIELDS = (
    "name",
    "name_alt",
    "name_key",
    "mobile",
    "email",
    "date_of_birth",
    "social_category",
    "gram_panchayat",
    "gram_panchayat_name",
    "source_row",
)


@transaction.atomic
def person_personal_data_erase(*, person: Person, reason: str) -> Person:
    """Erase `person`'s personal fields (PERSONAL_FIELDS), audited as one edit with `reason`
    and no values: the values in their earlier audit entries are erased too."""
    locked = Person.objects.select_for_update().get(pk=person.pk)
    locked.name = ""
    locked.name_alt = ""
    locked.mobile = None
    locked.email = ""
    locked.date_of_birth = None
    locked.social_category = ""
    locked.gram_panchayat = None
    locked.gram_panchayat_name = ""
    locked.needs_place_review = False
    locked.source_row = None
    locked.audit_reason = reason[:500]  # type: ignore[attr-defined]  # read by auditlog
    with set_actor(None):
        locked.save()  # type: ignore[no-untyped-call]
    audit_redact(locked, PERSONAL_FIELDS)
    return locked
