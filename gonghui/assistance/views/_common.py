from __future__ import annotations

from django.core.exceptions import PermissionDenied

from gonghui.kernel import web
from gonghui.kernel.web import AuthedRequest
from gonghui.orgs.models import Org
from gonghui.orgs.selectors import default_org_for_actor

from .. import selectors
from ..abilities import household_abilities


def org_or_default(request: AuthedRequest, perm: str = "view", name: str = "org") -> Org:
    """The union named by `?org=` (where the person holds `perm`), else their first such union."""
    org = web.org_param(request, name, perm) or default_org_for_actor(actor=request.user, perm=perm)
    if org is None:
        raise PermissionDenied("您没有可以办理困难职工帮扶的工会。")
    return org


# The household a form works on, when this person may do that with it now.
household_for = web.guarded(selectors.household_get_for_actor, household_abilities)
