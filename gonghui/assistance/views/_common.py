from __future__ import annotations

from gonghui.kernel import web
from gonghui.kernel.web import AuthedRequest
from gonghui.orgs.models import Org

from .. import selectors
from ..abilities import household_abilities


def org_or_default(request: AuthedRequest, perm: str = "view", name: str = "org") -> Org:
    """The union named by `?org=` (where the person holds `perm`), else their first such union."""
    return web.org_chosen(request, name, perm, refusal="您没有可以办理困难职工帮扶的工会。")


# The household a form works on, when this person may do that with it now.
household_for = web.guarded(selectors.household_get_for_actor, household_abilities)
