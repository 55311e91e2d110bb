"""Property tests (hypothesis, issue 28) of the text kit: mobile numbers and Kruti Dev."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from sashakt.core.text import clean_text, normalise_mobile
from sashakt.core.text.krutidev import krutidev_to_unicode
from sashakt.core.text.krutidev_map import HALF_FORMS

MOBILE = re.compile(r"^[6-9][0-9]{9}$")
mobiles = st.from_regex(MOBILE, fullmatch=True)
separators = st.sampled_from(["", " ", "-", "  ", " - "])


@settings(max_examples=200, deadline=None)
@given(
    mobile=mobiles, prefix=st.sampled_from(["", "+91", "+91 ", "91", "0", "+91-"]), sep=separators
)
def test_a_mobile_written_any_usual_way_reads_as_its_ten_digits(mobile, prefix, sep):
    written = prefix + mobile[:5] + sep + mobile[5:]
    assert normalise_mobile(written) == mobile
    assert normalise_mobile(f" {written} ") == mobile


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(st.text(max_size=20), st.integers(), st.floats(allow_nan=True)))
def test_a_normalised_mobile_is_ten_digits_or_nothing_and_stays_so(value):
    mobile = normalise_mobile(value)
    assert mobile is None or MOBILE.match(mobile)
    assert normalise_mobile(mobile) == mobile


@settings(max_examples=300, deadline=None)
@given(value=st.text(max_size=60))
def test_clean_text_is_idempotent_and_trimmed(value):
    cleaned = clean_text(value)
    assert clean_text(cleaned) == cleaned
    assert cleaned == cleaned.strip()


# Consonants typed as "<half form>k" (Kruti Dev's vertical bar) among the letter keys.
LETTER_HALVES = {key: half for key, half in HALF_FORMS.items() if key.isascii() and key.isalpha()}
syllables = st.sampled_from(sorted(LETTER_HALVES))
words = st.lists(syllables, min_size=1, max_size=5)


@settings(max_examples=200, deadline=None)
@given(typed=st.lists(words, min_size=1, max_size=4))
def test_kruti_dev_full_consonants_become_their_devanagari_letters(typed):
    kruti = " ".join("".join(f"{key}k" for key in word) for word in typed)
    expected = " ".join("".join(LETTER_HALVES[key].rstrip("्") for key in word) for word in typed)
    assert krutidev_to_unicode(kruti) == expected


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.characters(codec="latin-1"), max_size=40))
def test_kruti_dev_conversion_never_fails_and_keeps_the_words_apart(text):
    converted = krutidev_to_unicode(text)
    assert len(converted.split()) == len(text.split())
    assert krutidev_to_unicode("") == ""
