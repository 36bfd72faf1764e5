"""Which union approves an application, read from ApprovalRule rows (no thresholds in code).

The rules of the nearest ancestor of the applying union that has any (itself included) apply.
Going up from the applying union, the first federation whose level has a rule with a limit at
or above the amount approves; a level without a union on the way (a grassroots union directly
under a county) is skipped, and so is a union that no longer works (merged or dissolved). When
nothing covers the amount, the topmost union of the rule set approves.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from gonghui.orgs.models import Level, Org
from gonghui.orgs.selectors import org_ancestors

from .models import ApprovalRule

APPROVING_LEVELS = (Level.TOWN, Level.COUNTY, Level.CITY, Level.INDUSTRY, Level.PROVINCE)


@dataclass(frozen=True)
class Route:
    approver: Org
    rule: ApprovalRule


def _chain(org: Org) -> list[Org]:
    """The union itself, then its ancestors, nearest first."""
    return [org, *reversed(org_ancestors(org))]


def rules_for(org: Org) -> tuple[Org | None, list[ApprovalRule]]:
    chain = _chain(org)
    rules = list(ApprovalRule.objects.filter(owner__in=chain).select_related("owner"))
    for node in chain:
        own = [r for r in rules if r.owner_id == node.pk]
        if own:
            return node, own
    return None, []


def route(*, org: Org, amount: Decimal, above: Org | None = None) -> Route:
    """The approver for `amount` from `org`; with `above`, the next approver above that union
    (escalation), whatever the amount."""
    owner, rules = rules_for(org)
    if owner is None:
        raise ValidationError(gettext("尚未设置帮扶审批权限规则，请联系上级工会管理员设置。"))
    by_level = {r.level: r for r in rules}
    candidates = [
        n
        for n in _chain(org)
        if n.level in by_level
        and n.level in APPROVING_LEVELS
        and n.path.startswith(owner.path)
        and n.is_active
    ]
    if above is not None:
        higher = [n for n in candidates if len(n.path) < len(above.path)]
        if not higher:
            raise ValidationError(
                gettext("「%(name)s」已是最高审批层级，不能再上报。") % {"name": above.name}
            )
        node = higher[0]
        return Route(node, by_level[node.level])
    for node in candidates:
        limit = by_level[node.level].limit
        if limit is None or amount <= limit:
            return Route(node, by_level[node.level])
    if not candidates:
        raise ValidationError(gettext("审批权限规则中没有适用于该工会上级的层级，请联系管理员。"))
    top = candidates[-1]
    return Route(top, by_level[top.level])


def rule_for_approver(*, org: Org, approver: Org) -> ApprovalRule | None:
    _owner, rules = rules_for(org)
    return next((r for r in rules if r.level == approver.level), None)
