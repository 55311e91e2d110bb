"""Names across scripts: what a district officer types must meet what LGD or a colleague wrote."""

import pytest

from sashakt.core.text.translit import (
    devanagari_to_latin,
    latin_to_devanagari,
    other_script,
    phonetic_key,
)


@pytest.mark.parametrize(
    ("hindi", "latin"),
    [
        ("राम कुमार", "Ram Kumar"),
        ("सुनीता वर्मा", "Sunita Verma"),
        ("कमला", "Kamla"),  # the middle inherent vowel is not said
        ("अमरनाथ", "Amarnath"),
        ("गोरखपुर", "Gorakhpur"),
        ("बिल्हौर", "Bilhaur"),
        ("मिश्र", "Mishra"),  # kept after a cluster ending in r
        ("संभल", "Sambhal"),  # anusvara before a labial is m
        ("रामेश्वर", "Rameshwar"),
        ("भीतरगाँव", "Bhitargaon"),
        ("क़ासिम", "Qasim"),
    ],
)
def test_devanagari_names_read_the_way_they_are_spelt_in_english(hindi, latin):
    assert devanagari_to_latin(hindi) == latin


def test_latin_names_get_a_devanagari_rendering():
    assert latin_to_devanagari("Sunita Verma") == "सुनीता वर्मा"
    assert latin_to_devanagari("Ram Kumar") == "राम कुमार"
    # Not in the word list: spelt by the rules, final a and i long.
    assert latin_to_devanagari("Neelima") == "नीलिमा"
    assert latin_to_devanagari("Anand") == "अनंद"


def test_other_script_picks_the_direction_and_gives_up_on_unknown_letters():
    assert other_script("राम कुमार") == "Ram Kumar"
    assert other_script("Ram Kumar") == "राम कुमार"
    assert other_script("Zoë 42") == ""
    assert other_script("  ") == ""


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("बिल्हौर", "BILHAUR"),
        ("राम कुमार", "Ram Kumar"),
        ("वर्मा", "Varma"),
        ("Verma", "Varma"),
        ("Srivastava", "Shrivastav"),
        ("घाटमपुर", "GHATAMPUR"),
        ("भीतरगाँव", "BHITARGAON"),
        ("सरोजनीनगर", "SAROJANI NAGAR"),
        ("बख्शी का तालाब", "BAKSHI KA TALAB"),
        ("चिनहट", "CHINHAT"),
        ("ककवन", "KAKWAN"),
        ("सम्भल", "संभल"),
        ("Mohammad", "Mohammed"),
        ("Chaubey", "Choubey"),
    ],
)
def test_spellings_people_treat_as_the_same_share_a_phonetic_key(one, other):
    assert phonetic_key(one) == phonetic_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [("Kanpur Nagar", "Kanpur Dehat"), ("Ram", "Rim"), ("गीता", "सीता"), ("Lalganj", "Lalpur")],
)
def test_different_names_keep_different_keys(one, other):
    assert phonetic_key(one) != phonetic_key(other)
