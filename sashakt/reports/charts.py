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
    value: float
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


def bar_chart(items: list[tuple[str, float, str, str]], *, maximum: float = 0) -> BarChart:
    """Horizontal bars from (label, value, css class, link) items, scaled to `maximum` (a
    full bar: 100 for a percentage, 5 for a rating) or else to the largest value."""
    largest = maximum or max((value for _, value, _, _ in items), default=0) or 1
    bars = []
    y = 18
    for label, value, css_class, url in items:
        bars.append(Bar(label, value, y, round(WIDTH * value / largest, 1), css_class, url))
        y += BAR_HEIGHT + GAP + 16
    return BarChart(bars, WIDTH, y)
