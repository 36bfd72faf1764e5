"""Indicators computed from the modules' own registers, for a union's whole subtree at a month's
end: the same figures the modules' own reports give for the same scope and date.

Each source answers for many unions at once (`compute(orgs, year, month)` → {org id: value}),
so that a month's computation for every target is one pass per source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum

from gonghui.kernel.cleaning import today
from gonghui.orgs.models import Org

from .progress import month_end


@dataclass(frozen=True)
class Source:
    key: str
    label: str  # as the source module names the figure
    unit: str
    measure: str  # "cumulative" or "level"
    compute: Callable[[Sequence[Org], int, int], dict[int, Decimal | None]]


def _two_universal(attr: str) -> Callable[[Sequence[Org], int, int], dict[int, Decimal | None]]:
    def compute(orgs: Sequence[Org], year: int, month: int) -> dict[int, Decimal | None]:
        from gonghui.units.report import two_universal_report

        on = min(month_end(year, month), today())
        out: dict[int, Decimal | None] = {}
        for org in orgs:
            value = getattr(two_universal_report(actor=None, org=org, on=on).total, attr)
            out[org.pk] = None if value is None else Decimal(value).quantize(Decimal("0.01"))
        return out

    return compute


def _by_subtree(
    orgs: Sequence[Org], rows: Callable[[Org], Decimal | int | None]
) -> dict[int, Decimal | None]:
    return {org.pk: Decimal(rows(org) or 0).quantize(Decimal("0.01")) for org in orgs}


def _assistance(field: str) -> Callable[[Sequence[Org], int, int], dict[int, Decimal | None]]:
    def compute(orgs: Sequence[Org], year: int, month: int) -> dict[int, Decimal | None]:
        from gonghui.assistance.models import Payment
        from gonghui.assistance.report import COUNTED

        start, end = dt.date(year, 1, 1), month_end(year, month)

        def one(org: Org) -> Decimal | int | None:
            qs = Payment.objects.filter(
                household__org__path__startswith=org.path, status__in=COUNTED, approved_on__range=(start, end)
            )
            agg = qs.aggregate(
                money=Sum("amount"), times=Count("id"), households=Count("household", distinct=True)
            )
            return agg[field]

        return _by_subtree(orgs, one)

    return compute


def _cases(field: str) -> Callable[[Sequence[Org], int, int], dict[int, Decimal | None]]:
    def compute(orgs: Sequence[Org], year: int, month: int) -> dict[int, Decimal | None]:
        from gonghui.services.models import CaseStage, RightsCase

        end = month_end(year, month)

        def one(org: Org) -> Decimal | int | None:
            qs = RightsCase.objects.filter(
                org__path__startswith=org.path,
                intake_on__year=year,
                stage=CaseStage.CLOSED,
                closed_on__lte=end,
            )
            agg = qs.aggregate(closed=Count("id"), recovered=Sum("amount_recovered"), people=Sum("parties"))
            return agg[field]

        return _by_subtree(orgs, one)

    return compute


SOURCES: dict[str, Source] = {
    s.key: s
    for s in (
        Source("units.union_rate", "建会率（“两个普遍”统计）", "%", "level", _two_universal("union_rate")),
        Source("units.membership_rate", "入会率（“两个普遍”统计）", "%", "level", _two_universal("membership_rate")),
        Source(
            "units.contract_unit_rate", "集体合同单位覆盖率（“两个普遍”统计）", "%", "level",
            _two_universal("contract_unit_rate"),
        ),
        Source("units.members", "会员人数（“两个普遍”统计）", "人", "level", _two_universal("members")),
        Source("assistance.money", "帮扶金额（困难帮扶统计）", "元", "cumulative", _assistance("money")),
        Source("assistance.times", "帮扶人次（困难帮扶统计）", "人次", "cumulative", _assistance("times")),
        Source("assistance.households", "帮扶困难职工户数", "户", "cumulative", _assistance("households")),
        Source("services.cases_closed", "维权案件结案数（维权案件统计）", "件", "cumulative", _cases("closed")),
        Source("services.recovered", "挽回经济损失（维权案件统计）", "元", "cumulative", _cases("recovered")),
    )
}  # fmt: skip

SOURCE_CHOICES = [
    ("reported", "看管人按月报送"),
    *((s.key, f"系统计算：{s.label}") for s in SOURCES.values()),
]


def compute(key: str, orgs: Sequence[Org], year: int, month: int) -> dict[int, Decimal | None]:
    return SOURCES[key].compute(orgs, year, month)
