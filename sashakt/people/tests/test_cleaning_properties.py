"""Property tests (hypothesis, issue 28) of the registry's cleaning of names and mobiles, the
rules the import, the form and the API's upsert share."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sashakt.core.text.translit import phonetic_key
from sashakt.people.cleaning import CellError, clean_mobile, clean_name

names = st.text(alphabet=st.characters(categories=["L", "M", "Zs", "Pd"]), min_size=0, max_size=160)


@settings(max_examples=300, deadline=None)
@given(value=names)
def test_a_cleaned_name_is_trimmed_short_lettered_and_cleans_to_itself(value):
    try:
        name = clean_name(value)
    except CellError:
        return  # refused with a message: empty, too long, no letter, malformed legacy text
    assert name == name.strip() and 0 < len(name) <= 150
    assert any(ch.isalpha() for ch in name)
    assert "  " not in name
    assert clean_name(name) == name


@settings(max_examples=200, deadline=None)
@given(value=st.text(alphabet="0123456789 -+.", max_size=16))
def test_clean_mobile_gives_ten_digits_or_refuses(value):
    try:
        mobile = clean_mobile(value)
    except CellError:
        return
    assert len(mobile) == 10 and mobile.isdigit() and mobile[0] in "6789"
    assert clean_mobile(mobile) == mobile


latin_names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ", max_size=40)


@settings(max_examples=200, deadline=None)
@given(value=latin_names)
def test_the_name_key_does_not_depend_on_spacing_or_case(value):
    try:
        name = clean_name(value)
    except CellError:
        return
    assert phonetic_key(name) == phonetic_key(f"  {name.upper()} ")


@pytest.mark.parametrize("typed", ["", "   ", "12345", "---"])
def test_a_name_without_letters_is_refused(typed):
    with pytest.raises(CellError):
        clean_name(typed)
