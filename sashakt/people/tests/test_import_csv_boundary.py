"""A CSV saved as Excel's "CSV UTF-8" (with its 3-byte byte-order mark) is text wherever a
Devanagari character falls at the end of the 8,192 bytes the type check reads (issue 21)."""

from pathlib import Path

import pytest
from django.utils import translation

from sashakt.core.spreadsheets import (
    TEXT_SAMPLE_BYTES,
    ReaderLimits,
    UnreadableFile,
    is_utf8_start,
    read_table_here,
)
from sashakt.people.services import _looks_like_a_spreadsheet

BOM = "\ufeff"
ROW = "राम कुमार,प्रधान,9839012345\n"


def _csv_with_a_character_across_the_boundary(path: Path, *, bom: bool, cut: int) -> Path:
    """A file whose 3-byte character "क" starts `cut` bytes before byte 8,192 (cut 1 or 2:
    the sample ends inside it), with Devanagari on both sides of the boundary."""
    head = (BOM if bom else "") + "नाम,पद,मोबाइल\n"
    body = head
    while len((body + ROW).encode()) < TEXT_SAMPLE_BYTES - 40:
        body += ROW
    # pad with one-byte letters so that "क" starts exactly where it should
    pad = TEXT_SAMPLE_BYTES - cut - len((body + "राम ").encode())
    body += "a" * pad + "राम " + "कमल,प्रधान,9839012345\n"
    body += ROW * 3
    data = body.encode()
    start = data.index("क".encode(), TEXT_SAMPLE_BYTES - 10)
    assert start == TEXT_SAMPLE_BYTES - cut
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("bom", [True, False], ids=["csv-utf8-with-bom", "without-bom"])
@pytest.mark.parametrize("cut", [1, 2])
def test_a_character_cut_by_the_sample_is_still_text(tmp_path, bom, cut):
    path = _csv_with_a_character_across_the_boundary(tmp_path / "gram.csv", bom=bom, cut=cut)
    assert _looks_like_a_spreadsheet(path)  # the upload's check
    table = read_table_here(path, ReaderLimits.from_settings().__dict__)  # the reader's check
    assert table.rows[0] == ["नाम", "पद", "मोबाइल"]
    assert any(row[0].endswith("राम कमल") for row in table.rows)
    assert table.rows[-1] == ["राम कुमार", "प्रधान", "9839012345"]


@pytest.mark.parametrize("offset", range(6))
def test_every_position_of_the_mark_and_a_cut_character(offset):
    sample = (BOM + "a" * offset + "पंचायत" * 500).encode()[:TEXT_SAMPLE_BYTES]
    assert is_utf8_start(sample, complete=False)


def test_a_file_in_another_encoding_is_still_refused_in_plain_words(tmp_path):
    path = tmp_path / "ansi.csv"
    path.write_bytes("नाम,मोबाइल\n".encode() + b"Ram,98390\n" + b"\xe9t\xe9\n" * 10)
    assert not _looks_like_a_spreadsheet(path)
    with translation.override("en"), pytest.raises(UnreadableFile) as refused:
        read_table_here(path, ReaderLimits.from_settings().__dict__)
    assert "not in UTF-8" in str(refused.value)


def test_a_short_file_ending_inside_a_character_is_not_text():
    data = (BOM + "नाम").encode()[:-1]
    assert not is_utf8_start(data, complete=True)
    assert is_utf8_start(data, complete=False)
