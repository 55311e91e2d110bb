from decimal import Decimal

from django import template

from sashakt.logistics.rules_money import rupees as rupees_text

register = template.Library()


@register.filter
def rupees(value: Decimal | None) -> str:
    """₹1,23,456.00 (Indian grouping, two places); empty for no amount."""
    return "" if value is None or value == "" else rupees_text(value)
