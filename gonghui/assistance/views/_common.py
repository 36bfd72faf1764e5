from __future__ import annotations

from gonghui.kernel import web
from gonghui.kernel.web import AuthedRequest
from gonghui.orgs.models import Org

from .. import selectors
from ..abilities import assistance_abilities, household_abilities

NO_UNION = "您没有可以办理困难职工帮扶的工会。"


def org_or_default(request: AuthedRequest, perm: str = "view", name: str = "org") -> Org:
    """The union named by `?org=` (where the person holds `perm`), else their first such union."""
    return web.org_chosen(request, name, perm, refusal=NO_UNION)


def org_for(request: AuthedRequest, doing: str, perm: str = "edit") -> Org:
    """The union a form works in (as `org_or_default`), when the person may do `doing` there."""
    return web.org_for(request, assistance_abilities, doing, NO_UNION, perm=perm)


# The household a form works on, when this person may do that with it now.
household_for = web.guarded(selectors.household_get_for_actor, household_abilities)
