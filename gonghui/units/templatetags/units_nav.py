"""The units pages' sub-menu: its links to form pages show only where the person may use them."""

from __future__ import annotations

from typing import Any

from django import template

from gonghui.kernel import web

from ..abilities import units_abilities

register = template.Library()


@register.inclusion_tag("units/_subnav.html", takes_context=True)
def units_subnav(context: dict[str, Any], current: str) -> dict[str, Any]:
    """The import page starts at the first union whose ledger the person keeps (`_start_org`)."""
    user = context["request"].user
    return {"current": current, "ab": units_abilities(user, web.first_org(user, "edit"))}
