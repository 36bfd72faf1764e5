from __future__ import annotations

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def yuan(value: Decimal | int | None) -> str:
    """Money as Chinese reports print it: 3,800,000.00 (two decimals, thousands grouped)."""
    if value is None or value == "":
        return "—"
    return f"{Decimal(value):,.2f}"
