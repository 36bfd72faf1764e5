"""What the honours pages share."""

from __future__ import annotations

from typing import Any

from gonghui.kernel import web
from gonghui.kernel.web import AuthedRequest
from gonghui.orgs.selectors import default_org_for_actor


def _home_org(request: AuthedRequest, perm: str = "view") -> Any:
    return web.org_param(request, "org", perm=perm) or default_org_for_actor(actor=request.user, perm=perm)
