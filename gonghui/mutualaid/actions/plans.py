"""Plans and their benefit schedules, installed by the union that runs them."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext

from gonghui.kernel import cleaning, scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused
from gonghui.orgs.models import Org

from ..models import Benefit, Plan

# ------------------------------------------------------------------------------------ plans


@action
def plan_create(
    *, actor: Any, org: Org, code: str, name: str, kind: str, term_years: int, price: Any, period_cap: Any,
    benefits: Sequence[dict[str, Any]], requires: Plan | None = None, sex: str = "", healthy_required: bool = False,
    min_age: int = 16, max_age: int = 60, min_ratio: Decimal = Decimal("0.60"), min_people: int = 10,
    waiting_days: int = 0, note: str = "", covers_child: bool = False,
) -> Plan:  # fmt: skip
    """A plan and its benefit schedule, run by a union (the province's 职工保障互助会)."""
    scope.require(actor, "manage", org)
    if term_years not in (1, 2, 3):
        raise Refused({"term_years": gettext("保障期限应为1年、2年或3年。")})
    if not min_age <= max_age:
        raise Refused({"max_age": gettext("最高年龄不能小于最低年龄。")})
    plan = Plan.objects.create(
        org=org, code=code, name=cleaning.text(name, field="name", label="计划名称", max_length=100),
        kind=cleaning.choice(kind, Plan.Kind.choices, field="kind", label="险种"), term_years=term_years,
        price=cleaning.money(price, field="price", label="每份互助金", allow_zero=False),
        period_cap=cleaning.money(period_cap, field="period_cap", label="累计给付上限", allow_zero=False),
        requires=requires, sex=sex, healthy_required=healthy_required, min_age=min_age, max_age=max_age,
        min_ratio=min_ratio, min_people=min_people, waiting_days=waiting_days, note=note, covers_child=covers_child,
    )  # fmt: skip
    for i, b in enumerate(benefits):
        Benefit.objects.create(
            plan=plan, order=i, name=b["name"], basis=b["basis"], deductible=Decimal(b.get("deductible", "0")),
            rate=Decimal(b.get("rate", "1")), amount=Decimal(b.get("amount", "0")),
            event_cap=Decimal(b["event_cap"]), materials="\n".join(b.get("materials", ())),
        )  # fmt: skip
    audit(actor=actor, action="mutualaid.plan.create", obj=plan, org=org, detail={"name": plan.name})
    return plan
