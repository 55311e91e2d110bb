"""Untrusted spreadsheets are checked before reading, read within limits and in a child
process with a memory limit (issue 10, items 1, 5 and 6)."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from sashakt.core.sandbox import run_isolated
from sashakt.core.spreadsheets import ReaderLimits, UnreadableFile, read_table, read_table_here
from sashakt.core.tests import hostile_files
from sashakt.people.models import ParticipantImport, Person

HOSTILE = {
    "far-corner.xlsx": (hostile_files.far_corner_xlsx, "too large"),
    "far-corner-undeclared.xlsx": (hostile_files.far_corner_without_dimension_xlsx, "too large"),
    "zip-bomb.xlsx": (hostile_files.zip_bomb_xlsx, "too large"),
    "long-field.csv": (hostile_files.long_field_csv, "Line 2 of this CSV file"),
    "million-rows.csv": (hostile_files.million_row_csv, "2,00,000 rows"),
    "photo.xlsx": (hostile_files.binary_renamed_xlsx, "not a spreadsheet"),
}


def _calamine_without_any_check(path: str) -> int:
    """What the importer did before: hand the file straight to calamine."""
    from python_calamine import CalamineWorkbook

    return len(CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python())


def _allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 1024 * 1024))


@pytest.mark.parametrize("name", HOSTILE)
def test_each_hostile_file_ends_in_a_clear_error(name, tmp_path):
    make, expected = HOSTILE[name]
    path = make(tmp_path / name)
    with translation.override("en"), pytest.raises(UnreadableFile) as refused:
        read_table(path)
    assert expected in str(refused.value)


def test_the_far_corner_file_is_tiny_and_refused_before_any_reader_allocates(tmp_path):
    path = hostile_files.far_corner_xlsx(tmp_path / "far.xlsx")
    assert path.stat().st_size < 5000
    limits = ReaderLimits.from_settings().__dict__
    with pytest.raises(UnreadableFile):
        read_table_here(path, limits)  # in this process: the checks, not the memory limit


def test_messages_are_in_hindi(tmp_path):
    path = hostile_files.binary_renamed_xlsx(tmp_path / "photo.xlsx")
    with translation.override("hi"), pytest.raises(UnreadableFile) as refused:
        read_table(path)
    assert "स्प्रेडशीट" in str(refused.value)


def test_an_ordinary_file_still_reads_with_row_numbers_from_a1(tmp_path):
    table = read_table(hostile_files.normal_xlsx(tmp_path / "people.xlsx"))
    assert table.rows == [["नाम", "मोबाइल"], ["राम कुमार", "9839012345"]]
    csv_path = tmp_path / "people.csv"
    csv_path.write_text("\ufeffनाम;मोबाइल\nराम कुमार;9839012345\n", encoding="utf-8")
    assert read_table(csv_path).rows == [["नाम", "मोबाइल"], ["राम कुमार", "9839012345"]]


def test_an_xlsx_named_csv_is_read_as_what_it_is(tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(hostile_files.normal_xlsx(tmp_path / "people.xlsx").read_bytes())
    assert read_table(path).rows[1] == ["राम कुमार", "9839012345"]


def test_an_over_long_cell_is_refused_with_its_row_and_column(tmp_path, settings):
    settings.SPREADSHEET_LIMITS = {**settings.SPREADSHEET_LIMITS, "max_cell_chars": 100}
    path = tmp_path / "long.csv"
    path.write_text("name,mobile\nRam," + "9" * 150 + "\n", encoding="utf-8")
    with translation.override("en"), pytest.raises(UnreadableFile) as refused:
        read_table(path)
    assert "Row 2, column 2 holds 150 characters" in str(refused.value)


def test_a_reader_that_would_exhaust_memory_kills_only_its_child(tmp_path):
    path = hostile_files.far_corner_xlsx(tmp_path / "far.xlsx")
    with translation.override("en"), pytest.raises(UnreadableFile) as refused:
        run_isolated(
            f"{__name__}._calamine_without_any_check",
            str(path),
            memory_bytes=1024 * 1024 * 1024,
            timeout=60,
        )
    assert "more than 1024 MB of memory" in str(refused.value)
    with pytest.raises(UnreadableFile):
        run_isolated(f"{__name__}._allocate", 1500, memory_bytes=1024 * 1024 * 1024, timeout=60)
    # This process is untouched and the next child works.
    assert run_isolated(f"{__name__}._allocate", 10, memory_bytes=1 << 30, timeout=60) == 10 << 20


@pytest.mark.django_db
@pytest.mark.parametrize("name", HOSTILE)
def test_the_import_page_refuses_each_hostile_file_keeps_nothing_and_still_answers(
    name, personas, client, settings, tmp_path
):
    make, _expected = HOSTILE[name]
    path = make(tmp_path / name)
    people_before = Person.objects.count()
    settings.JOBS_BACKEND = "immediate"
    client.force_login(personas.dpro_kanpur)
    with path.open("rb") as upload:
        response = client.post(reverse("people:import_start"), {"file": upload})
    # The request only stores the file (or refuses it by its first bytes); the reading job
    # fails the import with the reason, which the import page shows.
    if response.status_code == 200:
        assert response.context["form"].errors["file"]  # a message on the form, not a 500
        assert ParticipantImport.objects.count() == 0
    else:
        assert response.status_code == 302
        upload = ParticipantImport.objects.get()
        assert upload.status == ParticipantImport.Status.FAILED and not upload.file
        assert upload.check_job.status == "failed"
        page = client.get(response["Location"]).content.decode()
        assert upload.summary["file_error"] and escape(upload.summary["file_error"]) in page
    assert Person.objects.count() == people_before
    imports = settings.MEDIA_ROOT / "imports"
    assert not imports.exists() or not any(p.is_file() for p in imports.rglob("*"))
    assert client.get(reverse("people:import_start")).status_code == 200


def _read_in_pool_worker(path: str):
    try:
        return len(read_table(path).rows)
    except UnreadableFile as error:
        return str(error)


def _exhaust_in_pool_worker(megabytes: int):
    try:
        return run_isolated(f"{__name__}._allocate", megabytes, memory_bytes=1 << 30, timeout=60)
    except UnreadableFile as error:
        return str(error)


def test_a_celery_prefork_worker_reads_in_a_child_too(tmp_path):
    from billiard.pool import Pool  # Celery's prefork pool: daemonic worker processes

    normal = hostile_files.normal_xlsx(tmp_path / "people.xlsx")
    far = hostile_files.far_corner_xlsx(tmp_path / "far.xlsx")
    with translation.override("en"), Pool(1) as pool:
        assert pool.apply(translation.activate, ("en",)) is None
        assert pool.apply(_read_in_pool_worker, (str(normal),)) == 2
        assert "too large" in pool.apply(_read_in_pool_worker, (str(far),))
        assert "more than 1024 MB" in pool.apply(_exhaust_in_pool_worker, (1500,))
        assert pool.apply(_exhaust_in_pool_worker, (10,)) == 10 << 20  # the worker lives on


def _one_cell_xlsx(path, column: str, row: int):
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
        b'<row r="%d"><c r="%s%d" t="inlineStr"><is><t>x</t></is></c></row>'
        b"</sheetData></worksheet>" % (row, column.encode(), row)
    )
    return hostile_files._rewrite_zip(
        hostile_files._workbook_bytes(), path, {"xl/worksheets/sheet1.xml": sheet}
    )


@pytest.mark.parametrize(
    "max_rows, max_columns, column, row, refused",
    [(98, 26, "Z", 100, False), (98, 26, "AA", 1, True), (98, 26, "A", 101, True),
     (200_000, 200, "GR", 200_002, False), (200_000, 200, "K", 99_999, False),
     (200_000, 200, "GS", 2, True), (200_000, 200, "ZZ", 5, True), (200_000, 200, "AAA", 3, True),
     (200_000, 200, "A", 200_003, True), (200_000, 200, "B", 1_000_000, True),
     (1_000, 800, "ADR", 7, False), (1_000, 800, "ADU", 7, True)],
)  # fmt: skip
def test_a_cell_beyond_the_limits_is_refused_at_the_boundary(
    tmp_path, max_rows, max_columns, column, row, refused
):
    # The check looks only at positions written with as many letters or digits as the
    # limit: one more or one fewer than the limit must still be told apart.
    limits = {
        **ReaderLimits.from_settings().__dict__,
        "max_rows": max_rows,
        "max_columns": max_columns,
    }
    path = _one_cell_xlsx(tmp_path / "one-cell.xlsx", column, row)
    if refused:
        with translation.override("en"), pytest.raises(UnreadableFile, match="too large"):
            read_table_here(path, limits)
    else:
        assert read_table_here(path, limits).rows[-1][-1] == "x"
