"""Indicators computed from the modules' own registers, for a union's whole subtree at a month's
end: the same figures the modules' own reports give for the same scope and date.

Each source answers for many unions at once (`compute(key, orgs, year, month)` → {org id: value}).
For a few unions it asks the module's own report per union; for many (a province's monthly run
over every target) it makes one grouped pass over the register by union and adds each union's
own figures into every requested union above it along the tree's paths, so the cost does not grow
with the number of unions asked about.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet, Sum

from gonghui.kernel.cleaning import today
from gonghui.orgs.models import SEGMENT, Org

from .progress import month_end

CENT = Decimal("0.01")
# From this many unions on, a source makes one grouped pass instead of asking per union.
BATCH_FROM = 20

Compute = Callable[[Sequence[Org], int, int], dict[int, Decimal | None]]
# Each union's own figure (not its subtree's) of a year up to a month's end, as a query of
# (org id, value) rows: what a monthly run on PostgreSQL rolls up the tree in SQL.
Own = Callable[[int, int], QuerySet[Any, Any]]


@dataclass(frozen=True)
class Source:
    key: str
    label: str  # as the source module names the figure
    unit: str
    measure: str  # "cumulative" or "level"
    compute: Compute
    own: Own | None = None  # None: a "两个普遍" figure (see `_PARTS`)


def roll_up(
    orgs: Sequence[Org],
    own: Iterable[tuple[str, Any]],
    zero: Callable[[], Any],
    add: Callable[[Any, Any], Any],
) -> dict[int, Any]:
    """Each requested union's subtree total: every union's own figures (by path) added into the
    requested unions at or above it."""
    wanted = {o.path: o.pk for o in orgs}
    acc = {o.pk: zero() for o in orgs}
    for path, value in own:
        for i in range(SEGMENT, len(path) + 1, SEGMENT):
            pk = wanted.get(path[:i])
            if pk is not None:
                acc[pk] = add(acc[pk], value)
    return acc


def _q(v: Any) -> Decimal:
    return Decimal(v or 0).quantize(CENT)


# What each "两个普遍" figure is made of: (part, whole) of a rate, or a count (whole None).
_PARTS: dict[str, tuple[str, str | None]] = {
    "union_rate": ("built", "should"),
    "membership_rate": ("members", "covered_employees"),
    "contract_unit_rate": ("contract_units", "units"),
    "members": ("members", None),
}

# One grouped pass of the units register per date within a monthly run (several indicators read
# it); `grouped_run()` opens and clears it.
_OWN_MEMO: dict[dt.date, dict[int, Any]] | None = None


class grouped_run:
    """Within it, the sources share their grouped passes over a register."""

    def __enter__(self) -> None:
        global _OWN_MEMO
        _OWN_MEMO = {}

    def __exit__(self, *exc: Any) -> None:
        global _OWN_MEMO
        _OWN_MEMO = None


def _units_own(on: dt.date) -> dict[int, Any]:
    from gonghui.units.report import default_threshold
    from gonghui.units.tally import tally_compute

    if _OWN_MEMO is not None and on in _OWN_MEMO:
        return _OWN_MEMO[on]
    own = tally_compute(on=on, threshold=default_threshold(), org_ids=None)
    if _OWN_MEMO is not None:
        _OWN_MEMO[on] = own
    return own


def _two_universal(attr: str) -> Compute:
    def per_union(orgs: Sequence[Org], on: dt.date) -> dict[int, Decimal | None]:
        from gonghui.units.report import two_universal_report

        return {o.pk: getattr(two_universal_report(actor=None, org=o, on=on).total, attr) for o in orgs}

    def batched(orgs: Sequence[Org], on: dt.date) -> dict[int, Decimal | None]:
        from gonghui.units.report import rate

        own = _units_own(on)
        part, whole = _PARTS[attr]
        paths = dict(Org.objects.filter(pk__in=list(own)).values_list("pk", "path"))
        if whole is None:
            return roll_up(
                orgs, ((paths[pk], getattr(f, part) or 0) for pk, f in own.items() if pk in paths), int, _plus
            )
        pairs = roll_up(
            orgs,
            (
                (paths[pk], (getattr(f, part) or 0, getattr(f, whole) or 0))
                for pk, f in own.items()
                if pk in paths
            ),
            lambda: (0, 0),
            lambda a, b: (a[0] + b[0], a[1] + b[1]),
        )
        return {pk: rate(p, w) for pk, (p, w) in pairs.items()}

    def compute(orgs: Sequence[Org], year: int, month: int) -> dict[int, Decimal | None]:
        on = min(month_end(year, month), today())
        values = (batched if len(orgs) >= BATCH_FROM else per_union)(orgs, on)
        return {pk: None if v is None else _q(v) for pk, v in values.items()}

    return compute


def _plus(a: int, b: int) -> int:
    return a + b


def _payments(year: int, month: int) -> QuerySet[Any, Any]:
    from gonghui.assistance.models import Payment
    from gonghui.assistance.report import COUNTED

    return Payment.objects.filter(
        status__in=COUNTED, approved_on__range=(dt.date(year, 1, 1), month_end(year, month))
    )


_PAID = {"money": ("amount", False), "times": ("id", False), "households": ("household", True)}


def _paid(field: str) -> Any:
    column, distinct = _PAID[field]
    return Count(column, distinct=True) if distinct else Sum(column) if field == "money" else Count(column)


def _assistance_own(field: str) -> Own:
    def own(year: int, month: int) -> QuerySet[Any, Any]:
        return (
            _payments(year, month)
            .values("household__org_id")
            .annotate(v=_paid(field))
            .values_list("household__org_id", "v")
            .order_by()
        )

    return own


def _assistance(field: str) -> Compute:
    def compute(orgs: Sequence[Org], year: int, month: int) -> dict[int, Decimal | None]:
        qs = _payments(year, month)
        aggregates = {name: _paid(name) for name in _PAID}
        if len(orgs) < BATCH_FROM:
            return {
                o.pk: _q(
                    qs.filter(household__org__path__startswith=o.path).aggregate(v=aggregates[field])["v"]
                )
                for o in orgs
            }
        own = qs.values_list("household__org__path").annotate(v=aggregates[field]).order_by()
        return {pk: _q(v) for pk, v in roll_up(orgs, own, int, lambda a, b: a + (b or 0)).items()}

    return compute


def _closed_cases(year: int, month: int) -> QuerySet[Any, Any]:
    from gonghui.services.models import CaseStage, RightsCase

    return RightsCase.objects.filter(
        intake_on__year=year, stage=CaseStage.CLOSED, closed_on__lte=month_end(year, month)
    )


def _case_figures() -> dict[str, Any]:
    return {"closed": Count("id"), "recovered": Sum("amount_recovered")}


def _cases_own(field: str) -> Own:
    def own(year: int, month: int) -> QuerySet[Any, Any]:
        return (
            _closed_cases(year, month)
            .values("org_id")
            .annotate(v=_case_figures()[field])
            .values_list("org_id", "v")
            .order_by()
        )

    return own


def _cases(field: str) -> Compute:
    def compute(orgs: Sequence[Org], year: int, month: int) -> dict[int, Decimal | None]:
        qs = _closed_cases(year, month)
        aggregates = _case_figures()
        if len(orgs) < BATCH_FROM:
            return {
                o.pk: _q(qs.filter(org__path__startswith=o.path).aggregate(v=aggregates[field])["v"])
                for o in orgs
            }
        own = qs.values_list("org__path").annotate(v=aggregates[field]).order_by()
        return {pk: _q(v) for pk, v in roll_up(orgs, own, int, lambda a, b: a + (b or 0)).items()}

    return compute


def _counted(model: str, org_field: str, filters: Callable[[int, int], dict[str, Any]]) -> Compute:
    """A count of a module's records of the year up to the month's end, by the union they hang on."""

    def compute(orgs: Sequence[Org], year: int, month: int) -> dict[int, Decimal | None]:
        from django.apps import apps

        qs = apps.get_model(model).objects.filter(**filters(year, month))
        path = f"{org_field}__path"
        if len(orgs) < BATCH_FROM:
            return {o.pk: _q(qs.filter(**{f"{path}__startswith": o.path}).count()) for o in orgs}
        own = qs.values_list(path).annotate(v=Count("id")).order_by()
        return {pk: _q(v) for pk, v in roll_up(orgs, own, int, _plus).items()}

    return compute


def _counted_own(model: str, org_field: str, filters: Callable[[int, int], dict[str, Any]]) -> Own:
    def own(year: int, month: int) -> QuerySet[Any, Any]:
        from django.apps import apps

        column = f"{org_field}_id"
        return (
            apps.get_model(model).objects.filter(**filters(year, month))
            .values(column).annotate(v=Count("id")).values_list(column, "v").order_by()
        )  # fmt: skip

    return own


def _year_to(field: str, **more: Any) -> Callable[[int, int], dict[str, Any]]:
    return lambda year, month: {f"{field}__range": (dt.date(year, 1, 1), month_end(year, month)), **more}


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
        Source("assistance.money", "帮扶金额（困难帮扶统计）", "元", "cumulative", _assistance("money"),
               _assistance_own("money")),
        Source("assistance.times", "帮扶人次（困难帮扶统计）", "人次", "cumulative", _assistance("times"),
               _assistance_own("times")),
        Source("assistance.households", "帮扶困难职工户数", "户", "cumulative", _assistance("households"),
               _assistance_own("households")),
        Source("services.cases_closed", "维权案件结案数（维权案件统计）", "件", "cumulative", _cases("closed"),
               _cases_own("closed")),
        Source("services.recovered", "挽回经济损失（维权案件统计）", "元", "cumulative", _cases("recovered"),
               _cases_own("recovered")),
        Source(
            "members.joined", "新发展会员人数（会员实名制名册，按入会日期）", "人", "cumulative",
            _counted("members.Member", "org", _year_to("join_date")),
            _counted_own("members.Member", "org", _year_to("join_date")),
        ),
        Source(
            "meetings.held", "召开会议次数（会议记录，已记录的）", "次", "cumulative",
            _counted("meetings.Meeting", "org", _year_to("held_on", status="recorded")),
            _counted_own("meetings.Meeting", "org", _year_to("held_on", status="recorded")),
        ),
        Source(
            "meetings.passed_on", "传达贯彻上级会议精神（已传达的）", "次", "cumulative",
            _counted("meetings.PassOn", "org", _year_to("on", status="done")),
            _counted_own("meetings.PassOn", "org", _year_to("on", status="done")),
        ),
    )
}  # fmt: skip

SOURCE_CHOICES = [
    ("reported", "看管人按月报送"),
    *((s.key, f"系统计算：{s.label}") for s in SOURCES.values()),
]


def compute(key: str, orgs: Sequence[Org], year: int, month: int) -> dict[int, Decimal | None]:
    return SOURCES[key].compute(orgs, year, month)
