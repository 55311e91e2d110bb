"""Template side of `core/links.py`: `{% slot_links "batch page" batch=batch user=user as more %}`
gives the higher apps' links for a lower app's page, `{% slot_url "batch calendar" %}` the one
page registered for a slot, `{% home_url %}` the home page."""

from django import template

from sashakt.core import links

register = template.Library()


@register.simple_tag
def slot_links(slot: str, **context) -> list[links.Link]:
    return links.links_for(slot, **context)


@register.simple_tag
def slot_url(slot: str, **context) -> str:
    return links.link_url(slot, **context)


@register.simple_tag
def home_url() -> str:
    return links.home_url()
