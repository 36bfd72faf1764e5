from __future__ import annotations

import functools
from typing import Any

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

from gonghui.kernel import scope
from gonghui.kernel.registry import registry


def _href(url: str) -> str:
    return url if url.startswith("/") else _reversed(url, get_script_prefix(), get_urlconf())


@functools.cache
def _reversed(name: str, _prefix: str, _urlconf: str | None) -> str:
    """A menu entry's address, worked out once per address scheme (every page shows the menu)."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


@receiver(setting_changed)
def _forget_addresses(*, setting: str, **kwargs: Any) -> None:
    if setting == "ROOT_URLCONF":
        _reversed.cache_clear()


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
    links = [(n, _href(n.url)) for n in items]
    # The entry of the page in view: the longest address that starts the page's own.
    here = max((h for _n, h in links if h and h != "/" and request.path.startswith(h)), key=len, default="")
    # On a list that takes a union (`Nav.scope`), the tree picks the union to list.
    picker = next((n.scope for n, h in links if h == here and request.path == h and n.scope), "")
    return {
        "nav": [{"title": n.title, "href": h, "current": h == here, "scope": n.scope} for n, h in links],
        "scope_param": picker,
        "nav_has_tree": officer,
    }
