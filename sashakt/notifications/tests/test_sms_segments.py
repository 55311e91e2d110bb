"""sms_segments: the parts a text costs, at the GSM-7 and Unicode boundaries."""

import pytest

from sashakt.notifications.sms import GSM7, UNICODE, sms_segments


@pytest.mark.parametrize(
    ("length", "segments"),
    [(1, 1), (70, 1), (71, 2), (134, 2), (135, 3), (201, 3), (202, 4)],
)
def test_a_hindi_text_is_unicode_70_in_one_part_then_67_a_part(length, segments):
    text = ("नमस्ते प्रधान जी " * 20)[:length]
    assert sms_segments(text) == (UNICODE, length, segments)


@pytest.mark.parametrize(("length", "segments"), [(160, 1), (161, 2), (306, 2), (307, 3)])
def test_an_english_text_is_gsm7_160_in_one_part_then_153_a_part(length, segments):
    text = ("Your seat is confirmed. " * 20)[:length]
    assert sms_segments(text) == (GSM7, length, segments)


def test_gsm7_extension_characters_count_twice():
    assert sms_segments("x" * 158 + "[") == (GSM7, 160, 1)
    assert sms_segments("x" * 159 + "€") == (GSM7, 161, 2)
    assert sms_segments("{#var#}") == (GSM7, 9, 1)


def test_one_hindi_letter_or_a_curly_quote_makes_an_english_text_unicode():
    english = "Dear Sunita Devi, your seat is confirmed for 12/01/2027 at IIT Kanpur."
    assert sms_segments(english).encoding == GSM7
    assert sms_segments(english + " क") == (UNICODE, len(english) + 2, 2)
    assert sms_segments("It’s ready").encoding == UNICODE


def test_a_character_beyond_the_basic_plane_counts_as_two():
    assert sms_segments("🙏" * 35) == (UNICODE, 70, 1)
    assert sms_segments("🙏" * 35 + "क") == (UNICODE, 71, 2)


def test_the_default_hindi_sign_in_code_fits_in_two_parts():
    text = "सशक्त: आपका साइन इन कोड 482913 है। यह 15 मिनट तक चलेगा। इसे किसी को न बताएँ।"
    encoding, characters, segments = sms_segments(text)
    assert (encoding, characters, segments) == (UNICODE, len(text), 2)
