from django import template
from django.urls import reverse
from django.utils.http import urlencode

register = template.Library()


@register.simple_tag
def people_url(measure: str, query: dict | None = None) -> str:
    """Link from a dashboard number to the people it counts (same filters)."""
    return (
        reverse("reports:dashboard_people") + "?" + urlencode({"measure": measure, **(query or {})})
    )


@register.simple_tag
def export_url(table: str, suffix: str, query: dict | None = None) -> str:
    url = reverse("reports:dashboard_export", args=[table, suffix])
    return url + ("?" + urlencode(query) if query else "")


@register.filter
def get_count(counts: dict, key: str) -> int:
    return counts.get(key, 0) if counts else 0


@register.filter
def lookup(mapping: dict, key):
    return mapping.get(key) if mapping else None
