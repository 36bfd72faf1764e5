"""What the honours pages share."""

from __future__ import annotations

from typing import Any

from gonghui.kernel import web
from gonghui.kernel.web import AuthedRequest


def _home_org(request: AuthedRequest, perm: str = "view") -> Any:
    return web.org_chosen(request, perm=perm)
