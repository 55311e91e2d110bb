import pytest

from sashakt.certificates.numbers import (
    ALPHABET,
    number_display,
    number_is_well_formed,
    number_new,
    number_normalise,
)


def test_numbers_are_random_unambiguous_and_check_themselves():
    numbers = {number_new() for _ in range(2000)}
    assert len(numbers) == 2000
    for number in numbers:
        assert len(number) == 10 and set(number) <= set(ALPHABET)
        assert not set(number) & set("0O1I")
        assert number_is_well_formed(number)


def test_every_single_mistyped_character_is_caught():
    number = number_new()
    for position in range(len(number)):
        for wrong in ALPHABET:
            if wrong != number[position]:
                typo = number[:position] + wrong + number[position + 1 :]
                assert not number_is_well_formed(typo), typo


def test_swapping_neighbours_is_nearly_always_caught():
    caught = total = 0
    for _ in range(300):
        number = number_new()
        for i in range(len(number) - 1):
            if number[i] != number[i + 1]:
                swapped = number[:i] + number[i + 1] + number[i] + number[i + 2 :]
                total += 1
                caught += not number_is_well_formed(swapped)
    assert caught / total > 0.95


@pytest.mark.parametrize(
    "typed", ["ssk-{a}-{b}", "SSK {a} {b}", "{a}{b}", " ssk{a}{b} ", "SSK–{a}–{b}"]
)
def test_what_people_type_or_scan_is_normalised(typed):
    number = number_new()
    assert number_normalise(typed.format(a=number[:5], b=number[5:])) == number
    assert number_display(number) == f"SSK-{number[:5]}-{number[5:]}"
