"""clean_text: the shortcut for text that is already clean gives what the full folding gives."""

import sys
import unicodedata

import pytest

from sashakt.core.text import clean_text


def test_the_only_printable_whitespace_is_the_ascii_space():
    # clean_text returns printable text without doubled or outer spaces unchanged; that is
    # right only while no other whitespace character counts as printable.
    printable_spaces = [
        hex(code)
        for code in range(sys.maxunicode + 1)
        if chr(code).isspace() and chr(code).isprintable()
    ]
    assert printable_spaces == ["0x20"]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("Ram Kumar", "Ram Kumar"),
        ("  Ram   Kumar ", "Ram Kumar"),
        ("Ram\tKumar", "Ram Kumar"),
        ("Ram\u00a0Kumar", "Ram Kumar"),
        ("राम\u2003कुमार\n", "राम कुमार"),
        ("रा\u200bम", "राम"),
        (unicodedata.normalize("NFD", "क़ादीपुर"), "क़ादीपुर"),
        (9839012345, "9839012345"),
        ("", ""),
        (" ", ""),
        (None, ""),
    ],
)
def test_clean_text_folds_spaces_and_normalises(value, expected):
    assert clean_text(value) == expected
