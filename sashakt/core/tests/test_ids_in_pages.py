"""Ids written into pages stay plain digits, however large: a grouped "1,540" in a hidden
input or a link's query would break the form or the drill-down (seen on the dashboard)."""

from django.template import engines
from django.utils import translation


def test_a_large_id_renders_without_grouping_while_figures_are_grouped():
    template = engines["django"].from_string(
        '{% load humanize %}<input value="{{ pk }}"> {{ figure|intcomma }}'
    )
    for language in ("hi", "en"):
        with translation.override(language):
            html = template.render({"pk": 1540, "figure": 1234567})
        assert 'value="1540"' in html
        assert "12,34,567" in html
