"""The "两个普遍" figures of a union for its page and the home page, as the report counts them
(from the per-union tallies while they are fresh, else from the register)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from gonghui.kernel import scope
from gonghui.orgs.models import Org

from .report import two_universal_report


def _pct(value: Decimal | None) -> str:
    return "—" if value is None else f"{value}%"


def units_figures(actor: Any, org: Org) -> list[tuple[str, Any, str]]:
    """会员人数, 建会率, 入会率 and 集体合同职工覆盖率 of the union's whole subtree today."""
    if not scope.can(actor, "view", org):
        return []
    total = two_universal_report(actor=actor, org=org).total
    report = f"{reverse('units:report')}?org={org.pk}"
    members = f"{reverse('members:list')}?within={org.pk}"
    figures: list[tuple[str, Any, str]] = []
    if total.members is not None:
        figures.append((_("会员人数"), total.members, members))
    if total.units:
        figures += [
            (_("建会率"), _pct(total.union_rate), report),
            (_("入会率"), _pct(total.membership_rate), report),
            (_("集体合同职工覆盖率"), _pct(total.contract_worker_rate), report),
        ]
    return figures
