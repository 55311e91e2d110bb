"""The arithmetic of learning gain and item analysis, on plain numbers (no models).

Scores are percentages (0-100). Gain is post - pre. Hake's normalised gain is the share of
the possible improvement achieved, (post - pre) / (100 - pre); it is undefined for someone who
scored 100 before. The class's g is Hake's original (mean post - mean pre) / (100 - mean pre).
The paired comparison uses SciPy: Student's paired t-test and the Wilcoxon signed-rank test
(zero differences dropped, as Wilcoxon proposed), because small batches of scores are rarely
normal and the institute should see both.

Item analysis reads a people x items matrix of marks (0 to 1): difficulty is the mean mark
(the share who got it right; higher is easier) and discrimination is the point-biserial
correlation of the item with the rest of the test (the total without the item, so an item does
not correlate with itself). A low or negative discrimination flags a question to fix.
"""

import math
from dataclasses import dataclass

from scipy import stats

# Discrimination below this flags a question (a common rule of thumb: 0.2).
WEAK_DISCRIMINATION = 0.2


def gain(pre: float, post: float) -> float:
    return post - pre


def normalised_gain(pre: float, post: float, maximum: float = 100.0) -> float | None:
    if pre >= maximum:
        return None
    return (post - pre) / (maximum - pre)


def _finite(value) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None


@dataclass
class PairedComparison:
    n: int
    mean_pre: float | None = None
    mean_post: float | None = None
    mean_gain: float | None = None
    class_g: float | None = None  # Hake: from the means
    mean_g: float | None = None  # the mean of individual g (people with pre < 100)
    t_statistic: float | None = None
    t_p_value: float | None = None
    wilcoxon_statistic: float | None = None
    wilcoxon_p_value: float | None = None

    @property
    def significant(self) -> bool:
        """Both tests agree at the 5% level."""
        return (
            self.t_p_value is not None
            and self.wilcoxon_p_value is not None
            and self.t_p_value < 0.05
            and self.wilcoxon_p_value < 0.05
        )


def paired_comparison(pre: list[float], post: list[float]) -> PairedComparison:
    """Pre and post scores of the same people, in the same order."""
    if len(pre) != len(post):
        raise ValueError("pre and post must pair up")
    n = len(pre)
    result = PairedComparison(n=n)
    if n == 0:
        return result
    result.mean_pre = sum(pre) / n
    result.mean_post = sum(post) / n
    result.mean_gain = result.mean_post - result.mean_pre
    result.class_g = normalised_gain(result.mean_pre, result.mean_post)
    individual = [g for g in map(normalised_gain, pre, post) if g is not None]
    result.mean_g = sum(individual) / len(individual) if individual else None
    differences = [b - a for a, b in zip(pre, post, strict=True)]
    if n >= 2 and len(set(differences)) > 1:
        t = stats.ttest_rel(post, pre)
        result.t_statistic, result.t_p_value = _finite(t.statistic), _finite(t.pvalue)
    if any(differences):
        w = stats.wilcoxon(post, pre, zero_method="wilcox")
        result.wilcoxon_statistic = _finite(w.statistic)
        result.wilcoxon_p_value = _finite(w.pvalue)
    return result


@dataclass
class ItemStatistics:
    index: int
    n: int
    difficulty: float | None
    discrimination: float | None

    @property
    def weak(self) -> bool:
        return self.discrimination is not None and self.discrimination < WEAK_DISCRIMINATION


def item_analysis(matrix: list[list[float]]) -> list[ItemStatistics]:
    """One row per person, one column per item (marks 0 to 1)."""
    if not matrix:
        return []
    items = len(matrix[0])
    totals = [sum(row) for row in matrix]
    result = []
    for index in range(items):
        column = [row[index] for row in matrix]
        rest = [total - mark for total, mark in zip(totals, column, strict=True)]
        discrimination = None
        if len(set(column)) > 1 and len(set(rest)) > 1:
            discrimination = _finite(stats.pointbiserialr(column, rest).statistic)
        result.append(
            ItemStatistics(
                index=index,
                n=len(column),
                difficulty=sum(column) / len(column),
                discrimination=discrimination,
            )
        )
    return result
