from __future__ import annotations

from django.core.exceptions import PermissionDenied

from gonghui.kernel import web
from gonghui.kernel.web import AuthedRequest
from gonghui.orgs.models import Org
from gonghui.orgs.selectors import default_org_for_actor


def org_or_default(request: AuthedRequest, perm: str = "view", name: str = "org") -> Org:
    """The union named by `?org=` (where the person holds `perm`), else their first such union."""
    org = web.org_param(request, name, perm) or default_org_for_actor(actor=request.user, perm=perm)
    if org is None:
        raise PermissionDenied("您没有可以办理困难职工帮扶的工会。")
    return org
