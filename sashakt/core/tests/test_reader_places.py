"""Reader children are counted (issue 23, item 21): at most SPREADSHEET_READERS at once on
the machine, and the column-mapping page's read brings back only the top of a big CSV.

Before: three concurrent 1.6 KB uploads each started a child allowed 2 GB (4.9 GB in all, two
answered 500), and a 45 MB CSV came back whole into the web process to show three samples."""

import threading
import time

import pytest
from django.utils import translation

from sashakt.core.sandbox import reader_place
from sashakt.core.spreadsheets import UnreadableFile, read_table
from sashakt.core.tests import hostile_files


@pytest.fixture
def places(settings, tmp_path):
    settings.SPREADSHEET_READER_LOCK_DIR = str(tmp_path / "readers")
    settings.SPREADSHEET_READERS = 2
    settings.SPREADSHEET_READER_WAIT_SECONDS = 30
    return settings


def test_no_more_readers_than_places_run_at_once(places):
    active, most, lock = [0], [0], threading.Lock()

    def reader():
        with reader_place():
            with lock:
                active[0] += 1
                most[0] = max(most[0], active[0])
            time.sleep(0.2)
            with lock:
                active[0] -= 1

    threads = [threading.Thread(target=reader) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most[0] == 2


def test_a_read_waits_for_a_place_then_is_refused_with_a_message(places, tmp_path):
    places.SPREADSHEET_READERS = 1
    places.SPREADSHEET_READER_WAIT_SECONDS = 0.3
    path = hostile_files.normal_xlsx(tmp_path / "people.xlsx")
    with reader_place():  # another upload is being read
        started = time.monotonic()
        with translation.override("en"), pytest.raises(UnreadableFile) as refused:
            read_table(path)
        assert time.monotonic() - started >= 0.3
    assert "reading other files" in str(refused.value)
    assert read_table(path).rows[1] == ["राम कुमार", "9839012345"]  # the place is free again


def test_a_place_held_by_a_process_that_died_is_free_again(places, tmp_path):
    import multiprocessing

    places.SPREADSHEET_READERS = 1
    places.SPREADSHEET_READER_WAIT_SECONDS = 5
    child = multiprocessing.get_context("fork").Process(target=_hold_and_die, args=(places,))
    child.start()
    child.join(10)
    path = hostile_files.normal_xlsx(tmp_path / "people.xlsx")
    assert read_table(path).rows[0] == ["नाम", "मोबाइल"]


def _hold_and_die(settings):
    import os

    with reader_place():
        os._exit(1)  # killed while reading: the kernel drops its lock


def test_only_the_top_of_a_big_csv_comes_back_yet_every_row_is_checked(places, tmp_path):
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("name,mobile\n")
        for n in range(50_000):
            handle.write(f"Person {n},98390{n % 100000:05d}\n")
    table = read_table(path, first_rows=14)
    assert len(table.rows) == 14 and table.rows[13] == ["Person 12", "9839000012"]
    assert len(read_table(path).rows) == 50_001
    huge = hostile_files.million_row_csv(tmp_path / "million.csv")
    with translation.override("en"), pytest.raises(UnreadableFile, match="rows"):
        read_table(huge, first_rows=14)  # still refused over the row limit
