"""Template side of bilingual content: `{{ venue|localized:"name" }}` shows `name_hi` on
Hindi pages and `name_en` on English ones, each falling back to the other; `{{ person|
person_name }}` shows a person's name in the page's script with the original on hover."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from sashakt.core.text import localized as _localized

register = template.Library()


@register.filter
def localized(instance, field: str) -> str:
    if instance is None:
        return ""
    return _localized(
        getattr(instance, f"{field}_hi", "") or "", getattr(instance, f"{field}_en", "") or ""
    )


def _is_devanagari(text: str) -> bool:
    return any("\u0900" <= ch <= "\u097f" for ch in text)


def name_in_script(name: str, name_alt: str) -> tuple[str, str]:
    """(shown, original): Devanagari on Hindi pages, Latin on English ones, from a name and
    its rendering in the other script; `original` is set when the shown one is not it."""
    hindi_page = get_language() == "hi"
    if not name_alt or _is_devanagari(name) == hindi_page:
        return name, ""
    return name_alt, name


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
