from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from . import scope


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    s = scope.scope_of(user)
    return {
        "nav_can_audit": s.superuser or bool(s.paths("audit")),
        "nav_is_officer": s.superuser or bool(s.paths("view")),
    }
