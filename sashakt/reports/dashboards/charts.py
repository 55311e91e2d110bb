"""Server-rendered SVG charts: the geometry is computed here, templates only draw it.

Every chart on a page also has its table beside it (the same rows)."""

from dataclasses import dataclass

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 0  # labels sit above the bars so they fit a 360-px phone
WIDTH = 300


@dataclass
class Bar:
    label: str
    value: int
    y: int
    width: float
    css_class: str = ""
    url: str = ""

    @property
    def text_y(self) -> int:
        return self.y - 4


@dataclass
class BarChart:
    bars: list[Bar]
    width: int
    height: int


def bar_chart(items: list[tuple[str, int, str, str]]) -> BarChart:
    """Horizontal bars from (label, value, css class, link) items, scaled to the largest."""
    largest = max((value for _, value, _, _ in items), default=0) or 1
    bars = []
    y = 18
    for label, value, css_class, url in items:
        bars.append(Bar(label, value, y, round(WIDTH * value / largest, 1), css_class, url))
        y += BAR_HEIGHT + GAP + 16
    return BarChart(bars, WIDTH, y)


GROUP_LABEL = 18  # room for a row's label above its bars
GROUP_BAR = 14
GROUP_GAP = 12


@dataclass
class GroupBar:
    value: float | None  # None: nothing to draw (not counted, or not shown)
    y: int
    width: float
    css_class: str

    @property
    def text_x(self) -> float:
        return self.width + 4

    @property
    def text_y(self) -> int:
        return self.y + GROUP_BAR - 3


@dataclass
class GroupRow:
    label: str
    label_y: int
    bars: list[GroupBar]


@dataclass
class GroupedBarChart:
    rows: list[GroupRow]
    width: int
    height: int
    legend: list[tuple[str, str]]  # (css class, label) per series


def grouped_bar_chart(
    rows: list[tuple[str, list[float | None]]],
    series: list[tuple[str, str]],
    *,
    maximum: float,
) -> GroupedBarChart:
    """One label per row and under it one bar per series (e.g. pre- and post-test), each bar
    scaled to `maximum` with its value written at its end; `series` gives each bar's
    (css class, label) for the legend."""
    drawn = []
    y = 0
    for label, values in rows:
        bars = []
        top = y + GROUP_LABEL
        for index, (value, (css_class, _)) in enumerate(zip(values, series, strict=True)):
            width = round(WIDTH * min(value, maximum) / maximum, 1) if value is not None else 0
            bars.append(GroupBar(value, top + index * (GROUP_BAR + 3), width, css_class))
        drawn.append(GroupRow(label, y + 13, bars))
        y = top + len(series) * (GROUP_BAR + 3) + GROUP_GAP
    return GroupedBarChart(drawn, WIDTH, max(y, 1), series)
