"""Test data of the organisation tree."""

from typing import Any

from gonghui.orgs.actions import org_split
from gonghui.orgs.models import Org

# The scope walk's URL arguments (gonghui/core/tests/test_scope_walk.py): a maker of each, in an org.
WALK: dict[str, Any] = {
    "org_id": lambda org: org.pk,
}


def street_split_off(tree: Any, new_name: str = "海珠新区总工会", **extra: Any) -> Org:
    """The split each module's records must survive: 赤岗街道 leaves 海珠区 for a new district
    union, which is returned; the street and the unions below it keep their ids."""
    return org_split(actor=None, org=tree.haizhu, new_name=new_name, children=[tree.street], **extra)
