from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from gonghui.kernel import scope
from gonghui.kernel.registry import registry


def _href(url: str) -> str:
    if url.startswith("/"):
        return url
    try:
        return reverse(url)
    except NoReverseMatch:
        return ""


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The top menu from every module's `nav`, and whether the page has the org tree: officers
    see their modules' pages, members (workers) their own."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    s = scope.scope_of(user)
    officer = s.holds_any("view")
    items = sorted(
        (n for m in registry for n in m.nav if (n.members != officer) and (n.members or s.holds_any(n.perm))),
        key=lambda n: n.order,
    )
    return {
        "nav": [{"title": n.title, "href": _href(n.url)} for n in items],
        "nav_has_tree": officer,
    }
