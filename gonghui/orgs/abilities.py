"""What a person may do with a union of the tree now (the org page's buttons, the API)."""

from __future__ import annotations

from typing import Any

from gonghui.kernel import scope
from gonghui.kernel.abilities import Abilities
from gonghui.kernel.registry import registry

from .models import Org, Status


def org_abilities(actor: Any, org: Org) -> Abilities:
    """The same rules `orgs.actions` check: records need `edit` at the union, structure needs
    `manage` at the union (its sub-unions) or at its parent (move, merge, split, dissolve); a
    merged or dissolved union is history and changes no more."""
    active = org.is_active
    by_parent = active and org.parent_id is not None and scope.can(actor, "manage", org.parent)
    return Abilities(
        edit=active and scope.can(actor, "edit", org),
        create_child=active and scope.can(actor, "manage", org),
        move=by_parent,
        merge=by_parent,
        split=by_parent,
        dissolve=by_parent
        and not Org.objects.filter(parent=org, status=Status.ACTIVE).exists()
        and not registry.dissolution_refusals(org),
        reveal=scope.can(actor, "reveal", org),
        audit=scope.can(actor, "audit", org),
    )
