"""Ids typed into addresses and forms: one reading for every view."""

import pytest

from sashakt.core.text import typed_id


@pytest.mark.parametrize(
    "value, expected",
    [("12", 12), ("2147483647", 2147483647), ("", None), ("0", None), ("²", None),
     ("١٢", None), ("12a", None), ("-3", None), ("9" * 30, None), ("1\x00", None), (None, None)],
)  # fmt: skip
def test_only_ascii_digits_that_fit_the_database_are_ids(value, expected):
    assert typed_id(value) == expected
