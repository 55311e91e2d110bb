"""Template side of bilingual content: `{{ venue|localized:"name" }}` shows `name_hi` on
Hindi pages and `name_en` on English ones, each falling back to the other; `{{ person|
person_name }}` shows a person's name in the page's script with the original on hover."""

import datetime

from django import template
from django.utils import formats
from django.utils.html import format_html

from sashakt.core.text import localized as _localized
from sashakt.core.text import name_in_script

register = template.Library()


@register.filter
def localized(instance, field: str) -> str:
    if instance is None:
        return ""
    return _localized(
        getattr(instance, f"{field}_hi", "") or "", getattr(instance, f"{field}_en", "") or ""
    )


@register.filter
def person_name(person) -> str:
    if person is None:
        return ""
    shown, original = name_in_script(person.name, getattr(person, "name_alt", "") or "")
    if not original:
        return shown
    return format_html('<span title="{}">{}</span>', original, shown)


@register.filter
def person_other_name(person) -> str:
    """The name in the script the page does not use (shown small under the name)."""
    if person is None or not getattr(person, "name_alt", ""):
        return ""
    shown, _original = name_in_script(person.name, person.name_alt)
    return person.name_alt if shown == person.name else person.name


@register.filter
def iso_dates(values) -> str:
    """A list of ISO dates ("2026-12-07") as dates people read ("7 दिसंबर 2026"), comma-separated."""
    shown = []
    for value in values or []:
        try:
            shown.append(formats.date_format(datetime.date.fromisoformat(str(value)), "j F Y"))
        except ValueError:
            shown.append(str(value))
    return ", ".join(shown)
