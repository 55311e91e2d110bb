"""Bulk import of the participant registry from district spreadsheets.

    result = participants_import(path, user=officer)

Reads the first sheet, maps columns (Hindi or English headers, or a mapping the user chose),
converts Kruti Dev/DevLys columns, cleans and validates every row, finds duplicates within
the file and against the registry, and writes in one transaction — all or nothing, unless
`skip_invalid`. Every created or merged person gets an audit entry.
"""

import gc
import operator
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.utils.translation import gettext as _

from sashakt.core.spreadsheets import UnreadableFile, read_table
from sashakt.core.text import contains_devanagari, legacy_text
from sashakt.people import import_columns
from sashakt.people.import_columns import FIELD_LABELS, IGNORE
from sashakt.people.importing.places import PlaceResolver
from sashakt.people.importing.plan import duplicates_plan
from sashakt.people.importing.reading import cell_text, detect_mapping, find_header_row, is_blank
from sashakt.people.importing.results import BATCH, Decision, ImportResult, Progress
from sashakt.people.importing.rows import CleanRow, RowCleaner
from sashakt.people.importing.writing import plan_write
from sashakt.people.models import ParticipantImport
from sashakt.people.rules import import_district


@contextmanager
def collector_paused() -> Iterator[None]:
    """Switch Python's cyclic garbage collector off for the block, and back on after it (even
    when the block raises) unless it was already off when the block began.

    The import allocates millions of small objects and frees none until it ends: the collector
    would walk them again and again (100,000 rows of the import bench, issue 24: 33 to 38 CPU
    seconds with it, 22 to 23.5 without). The switch is process-wide: while an import runs,
    every thread of its process (in the embedded mode the web requests and the other
    in-process jobs; with Celery only the worker process running this job) leaves its reference
    cycles uncollected until the block ends; other garbage is still freed at once by reference
    counting. That is bounded by one import's length and the memory it holds anyway, which is
    why it is acceptable here and nowhere else. Two imports at once: the second finds it off
    and leaves it alone; the first switches it back on when it ends, and if the second is still
    running it finishes with the collector on (slower, not wrong)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def participants_import(*args, **kwargs) -> ImportResult:
    """Import people from a spreadsheet. See the module docstring and `_import`."""
    with collector_paused():
        return _import(*args, **kwargs)


def _import(
    path: Path | str,
    *,
    user=None,
    mapping: dict[int, str] | None = None,
    skip_invalid: bool = False,
    dry_run: bool = False,
    duplicates: str = Decision.SKIP,
    decisions: dict[int, str] | None = None,
    progress: Progress | None = None,
    defaults: dict[str, str] | None = None,
    allow_missing_mobile: bool = False,
    upload: ParticipantImport | None = None,
) -> ImportResult:
    """Import people from a spreadsheet. See the module docstring.

    `defaults` gives a value for a required column the file lacks (an SEC result sheet has
    no designation: {"designation": "pradhan"}); `allow_missing_mobile` imports people
    without a mobile (listed as "mobile needed"). `upload` is the web import being run; a
    command-line run records its own.
    """
    result = ImportResult(dry_run=dry_run)
    report = progress or (lambda done, total, message: None)
    try:
        table = read_table(path)
    except UnreadableFile as error:
        result.file_error = str(error)
        return result

    header_index = find_header_row(table.rows)
    result.header_row = header_index + 1
    headers = [cell_text(h) for h in (table.rows[header_index] if table.rows else [])]
    result.headers = headers
    detected, result.ignored_columns, result.unknown_columns = detect_mapping(headers)
    if mapping is not None:
        detected = {int(k): v for k, v in mapping.items() if v}
        result.unknown_columns = [h for i, h in enumerate(headers) if h and i not in detected]
        result.ignored_columns = [h for i, h in enumerate(headers) if detected.get(i) == IGNORE]
    result.mapping = detected
    columns = {field_name: index for index, field_name in detected.items() if field_name != IGNORE}

    officer_district = import_district(user)
    defaults = {k: v for k, v in (defaults or {}).items() if v and k not in columns}
    missing = import_columns.missing_required(
        set(columns) | set(defaults),
        district_known=officer_district is not None,
        mobile_optional=allow_missing_mobile,
    )
    if missing:
        result.file_error = _("The file has no column for: %(fields)s.") % {
            "fields": ", ".join(str(FIELD_LABELS[name]) for name in missing)
        }
        return result

    body = [
        (header_index + 2 + offset, row)
        for offset, row in enumerate(table.rows[header_index + 1 :])
    ]
    body = [(number, row) for number, row in body if not all(is_blank(c) for c in row)]
    result.rows = len(body)
    total = len(body)
    report(0, total, _("Checking rows"))

    legacy = {}
    for field_name in (
        "name",
        "name_alt",
        "district",
        "block",
        "gram_panchayat",
        "designation",
        "gender",
        "category",
    ):
        index = columns.get(field_name)
        if index is None:
            continue
        # A generator: the column is decided by a sample of its first texts.
        values = (row[index] if index < len(row) else None for _n, row in body)
        if legacy_text.column_is_legacy(values):
            legacy[field_name] = {}
            result.legacy_columns.append(headers[index])

    places = PlaceResolver()
    cleaner = RowCleaner(
        places=places,
        default_district=officer_district,
        only_district=officer_district,
        notes=result.notes,
        allow_missing_mobile=allow_missing_mobile,
    )
    clean_rows: list[CleanRow] = []
    names, indices = list(columns), list(columns.values())
    pick = operator.itemgetter(*indices) if indices else None
    width = max(indices, default=0) + 1
    for done, (number, row) in enumerate(body, start=1):
        if pick is not None and len(row) >= width:  # a sheet's rows are all this wide
            picked = pick(row)
            cells = dict(zip(names, picked if len(names) > 1 else (picked,), strict=True))
        else:
            cells = {
                name: row[index] if index < len(row) else None for name, index in columns.items()
            }
        for field_name, cache in legacy.items():
            value = cells[field_name]
            if isinstance(value, str):
                if value not in cache:
                    cache[value] = (
                        legacy_text.legacy_decode(value)
                        if not contains_devanagari(value)
                        else value
                    )
                cells[field_name] = cache[value]
        if defaults:
            cells.update(defaults)
        values = cleaner.clean(cells, result.problems, number)
        if values is not None:
            clean_rows.append(CleanRow(number, values))
        if done % BATCH == 0:
            report(done, total, _("Checking rows"))
    result.invalid = len({p.row for p in result.problems})
    result.place_review = sum(1 for row in clean_rows if row.values["needs_place_review"])
    result.mobile_needed = sum(1 for row in clean_rows if row.values["mobile"] is None)

    plan = duplicates_plan(
        clean_rows, result, user=user, duplicates=duplicates, decisions=decisions or {}
    )
    if dry_run or (result.invalid and not skip_invalid):
        return result
    report(total, total, _("Saving"))
    result.written = True
    if not plan.create and not plan.update:
        return result  # nothing changes: no event to record
    command_run = upload is None
    if command_run:  # the import still gets its number, and its page shows the counts
        upload = ParticipantImport.objects.create(
            created_by=user,
            district=officer_district,
            original_name=Path(path).name[:255],
            status=ParticipantImport.Status.IMPORTED,
        )
    plan_write(plan, user=user, upload=upload)
    result.import_id = upload.pk
    if command_run:
        upload.summary = result.as_dict()
        upload.save(update_fields=["summary", "updated_at"])
    return result
