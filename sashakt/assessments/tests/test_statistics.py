"""Gain, Hake's g, the paired tests and item analysis against values worked out by hand."""

import math

import pytest

from sashakt.assessments.statistics import (
    gain,
    item_analysis,
    normalised_gain,
    paired_comparison,
)

PRE = [40, 50, 60, 70]
POST = [60, 65, 70, 100]


def test_gain_and_hakes_g_of_one_person():
    assert gain(40, 60) == 20
    assert normalised_gain(40, 60) == pytest.approx(20 / 60)
    assert normalised_gain(70, 100) == 1.0
    assert normalised_gain(80, 70) == pytest.approx(-10 / 20)  # forgetting shows as negative
    assert normalised_gain(100, 90) is None  # nothing left to gain: undefined


def test_the_paired_comparison_of_four_people_matches_the_hand_computation():
    result = paired_comparison(PRE, POST)
    assert result.n == 4
    assert result.mean_pre == 55 and result.mean_post == 73.75
    assert result.mean_gain == 18.75
    # Class g: (73.75 - 55) / (100 - 55) = 18.75 / 45.
    assert result.class_g == pytest.approx(0.416667, abs=1e-6)
    # Mean of individual g: (20/60 + 15/50 + 10/40 + 30/30) / 4 = 1.883333 / 4.
    assert result.mean_g == pytest.approx(0.470833, abs=1e-6)
    # Differences 20, 15, 10, 30: mean 18.75, squared deviations sum to 218.75, so
    # sd = sqrt(218.75 / 3) = 8.539126, se = sd / 2 = 4.269563, t = 18.75 / se = 4.391550.
    assert result.t_statistic == pytest.approx(18.75 / (math.sqrt(218.75 / 3) / 2))
    assert result.t_statistic == pytest.approx(4.391550, abs=1e-6)
    # Two-sided p for t = 4.3916 on 3 degrees of freedom (tables: between 0.02 and 0.025).
    assert 0.02 < result.t_p_value < 0.025
    assert result.t_p_value == pytest.approx(0.021875, abs=1e-6)
    # Wilcoxon: every difference positive, ranks 1..4, W- = 0. Exactly: P(W <= 0) is 1 of
    # the 2^4 = 16 sign patterns, two-sided 2/16.
    assert result.wilcoxon_statistic == 0
    assert result.wilcoxon_p_value == pytest.approx(2 / 16)
    assert not result.significant  # Wilcoxon on four people cannot reach 5%


def test_no_change_gives_no_test_rather_than_a_crash():
    result = paired_comparison([50, 60], [50, 60])
    assert result.mean_gain == 0
    assert result.t_statistic is None and result.wilcoxon_statistic is None


def test_an_empty_batch_has_no_figures():
    result = paired_comparison([], [])
    assert result.n == 0 and result.mean_gain is None


def test_pre_and_post_must_pair_up():
    with pytest.raises(ValueError):
        paired_comparison([1, 2], [3])


MATRIX = [
    [1, 1, 0, 1],
    [1, 0, 0, 1],
    [1, 1, 1, 1],
    [0, 0, 0, 1],
    [1, 1, 0, 1],
]


def test_item_analysis_of_a_known_matrix():
    items = item_analysis(MATRIX)
    assert [round(i.difficulty, 2) for i in items] == [0.8, 0.6, 0.2, 1.0]
    # Each item against the rest of the test (the total without it). Item 4 is 1 for
    # everyone: it adds 1 to every rest score and changes no correlation, so by hand:
    # item 1: item 1 1 1 0 1, rest 1 0 2 0 1 (+1); deviations' products sum to 0.8, sums of
    # squares 0.8 and 2.8 -> r = 0.8 / sqrt(0.8 * 2.8).
    assert items[0].discrimination == pytest.approx(0.8 / math.sqrt(0.8 * 2.8))
    # item 2: item 1 0 1 0 1, rest 1 1 2 0 1: sums 1.0, 1.2 and 2.0 -> 1 / sqrt(2.4).
    assert items[1].discrimination == pytest.approx(1 / math.sqrt(2.4))
    # item 3: item 0 0 1 0 0, rest 2 1 2 0 2: sums 0.6, 0.8 and 3.2 -> 0.6 / 1.6.
    assert items[2].discrimination == pytest.approx(0.375)
    # Everyone got item 4 right: it cannot discriminate, and says so rather than guess.
    assert items[3].discrimination is None
    assert not items[2].weak and items[0].discrimination > 0.5


def test_an_item_the_weak_answer_right_and_the_strong_wrong_is_flagged():
    matrix = [[1, 0, 0], [1, 0, 0], [0, 1, 1], [0, 1, 1]]
    first = item_analysis(matrix)[0]
    assert first.discrimination == pytest.approx(-1.0)
    assert first.weak
