"""The assistance report of a subtree: households by tier and cause, money by type and period,
人次 (payments made), for each union directly below the subject (and its own files, "本级"), with
drill-down, an ECharts option and an xlsx export.

Counted: files in the archive (在档) today; money and 人次 of payments approved in the period that
were not refused by the bank (待发放 and 已发放).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth, Substr

from gonghui.kernel import charts, scope
from gonghui.kernel.exporting import Sheet, xlsx_into
from gonghui.orgs.models import Org, Status
from gonghui.orgs.selectors import org_breadcrumbs_for_actor

from .choices import Cause, Kind, Tier
from .models import Household, Payment

COUNTED = (Payment.Status.PENDING, Payment.Status.PAID)


@dataclass
class Figures:
    households: int = 0
    tiers: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Tier.values, 0))
    money: dict[str, Decimal] = field(default_factory=lambda: {k: Decimal("0.00") for k in Kind.values})
    times: int = 0  # 人次

    @property
    def total(self) -> Decimal:
        return sum(self.money.values(), Decimal("0.00"))

    def add(self, other: Figures) -> None:
        self.households += other.households
        self.times += other.times
        for k, v in other.tiers.items():
            self.tiers[k] += v
        for k, m in other.money.items():
            self.money[k] += m


@dataclass
class Row:
    org: Org
    label: str
    own: bool
    drillable: bool  # the reader may open its own report
    figures: Figures


@dataclass
class AssistanceReport:
    subject: Org
    year: int
    quarter: int | None
    start: dt.date
    end: dt.date
    rows: list[Row]  # children without files or payments are left out (counted in `quiet`)
    quiet: int
    total: Figures
    causes: list[tuple[str, int, int]]  # label, as main cause, as a secondary cause
    periods: list[tuple[str, dict[str, Decimal], int]]  # quarter label, money by kind, 人次
    breadcrumbs: list[Org]


def period(year: int, quarter: int | None) -> tuple[dt.date, dt.date]:
    if quarter:
        start = dt.date(year, 3 * quarter - 2, 1)
        end = dt.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - dt.timedelta(days=1)
        return start, end
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def assistance_report(*, actor: Any, org: Org, year: int, quarter: int | None = None) -> AssistanceReport:
    if actor is not None:
        scope.require(actor, "view", org)
    start, end = period(year, quarter)
    children = list(Org.objects.filter(parent=org, status=Status.ACTIVE).order_by("path"))
    length = len(org.path) + (len(children[0].path) - len(org.path) if children else 0)
    by_prefix: dict[str, Figures] = {c.path: Figures() for c in children}
    own = Figures()

    def bucket(path_prefix: str, own_flag: bool) -> Figures:
        return own if own_flag else by_prefix.setdefault(path_prefix, Figures())

    households = Household.objects.filter(org__path__startswith=org.path, status=Household.Status.ACTIVE)
    for prefix, org_id, tier, n in (
        households.annotate(prefix=Substr("org__path", 1, length))
        .values("prefix", "org_id", "tier")
        .annotate(n=Count("id"))
        .values_list("prefix", "org_id", "tier", "n")
    ):
        fig = bucket(prefix, org_id == org.pk)
        fig.households += n
        if tier:
            fig.tiers[tier] += n
    payments = Payment.objects.filter(
        household__org__path__startswith=org.path, status__in=COUNTED, approved_on__range=(start, end)
    )
    # Money is placed where the household's file is kept (the payer may be a union above it).
    pay_rows = (
        payments.annotate(prefix=Substr("household__org__path", 1, length))
        .values("prefix", "household__org_id", "kind")
        .annotate(total=Sum("amount"), n=Count("id"))
        .values_list("prefix", "household__org_id", "kind", "total", "n")
    )
    for prefix, org_id, kind, total, n in pay_rows:
        fig = bucket(prefix, org_id == org.pk)
        fig.money[kind] += total or Decimal("0.00")
        fig.times += n
    rows = [
        Row(org, f"{org.short_name or org.name}（本级）", True, False, own)
    ] if own.households or own.times else []  # fmt: skip
    quiet = 0
    for c in children:
        if not (by_prefix[c.path].households or by_prefix[c.path].times):
            quiet += 1
            continue
        rows.append(
            Row(
                c,
                c.short_name or c.name,
                False,
                actor is None or scope.can(actor, "view", c),
                by_prefix[c.path],
            )
        )
    total = Figures()
    for r in rows:
        total.add(r.figures)
    main = dict(households.values("main_cause").annotate(n=Count("id")).values_list("main_cause", "n"))
    secondary: dict[str, int] = dict.fromkeys(Cause.values, 0)
    for causes in (
        households.exclude(secondary_causes=[]).values_list("secondary_causes", flat=True).iterator()
    ):
        for x in causes:
            if x in secondary:
                secondary[x] += 1
    cause_rows = [(str(label), main.get(value, 0), secondary[value]) for value, label in Cause.choices]
    periods = []
    months = (
        payments.annotate(m=ExtractMonth("approved_on"))
        .values("m", "kind")
        .annotate(total=Sum("amount"), n=Count("id"))
        .values_list("m", "kind", "total", "n")
    )
    by_q: dict[int, tuple[dict[str, Decimal], list[int]]] = {
        q: ({k: Decimal("0.00") for k in Kind.values}, [0]) for q in range(1, 5)
    }
    for m, kind, t, n in months:
        q = (m - 1) // 3 + 1
        by_q[q][0][kind] += t or Decimal("0.00")
        by_q[q][1][0] += n
    for q in range(1, 5):
        if quarter and q != quarter:
            continue
        periods.append((f"{year}年第{q}季度", by_q[q][0], by_q[q][1][0]))
    crumbs = org_breadcrumbs_for_actor(actor=actor, org=org) if actor is not None else []
    return AssistanceReport(org, year, quarter, start, end, rows, quiet, total, cause_rows, periods, crumbs)


def report_chart(report: AssistanceReport) -> dict[str, Any]:
    """Money paid per union, stacked by kind, with the households on file."""
    rows = report.rows[:40]
    return charts.categories_chart(
        [r.label for r in rows],
        y_axis=[{"type": "value", "name": "元"}, {"type": "value", "name": "户", "minInterval": 1}],
        series=[
            *(
                charts.bar(label, [float(r.figures.money[k]) for r in rows], stack="money")
                for k, label in Kind.choices
            ),
            charts.line("在档户数", [r.figures.households for r in rows], yAxisIndex=1),
        ],
        left=60,
    )


def report_title(report: AssistanceReport) -> str:
    when = f"{report.year}年" + (f"第{report.quarter}季度" if report.quarter else "")
    return f"{report.subject.name} 困难职工帮扶统计（{when}）"


def report_xlsx(report: AssistanceReport, out: IO[bytes], *, watermark: str) -> None:
    kinds = Kind.choices

    def sheet(name: str, header: list[str], rows: list[list[Any]], styles: dict[int, str]) -> Sheet:
        return Sheet(
            name, title=report_title(report), notes=[""], header=header, rows=rows,
            widths=[30, *[13] * len(header)], styles={0: "cell", **styles}, frozen=1,
        )  # fmt: skip

    def by_union(r: Row) -> list[Any]:
        f = r.figures
        return [
            r.label,
            f.households,
            *(f.tiers[t] for t in Tier.values),
            *(f.money[k] for k, _l in kinds),
            f.total,
            f.times,
        ]

    money_from = 2 + len(Tier.values)
    header = [
        "工会",
        "在档户数",
        *(str(label) for label in Tier.labels),
        *(label + "（元）" for _k, label in kinds),
        "帮扶金额合计（元）",
        "帮扶人次",
    ]
    union_styles = {
        c: "yuan" if money_from <= c < money_from + len(kinds) + 1 else "num" for c in range(1, len(header))
    }
    rows = [by_union(r) for r in [*report.rows, Row(report.subject, "合计", False, False, report.total)]]
    sheets = [
        sheet("按单位", header, rows, union_styles),
        sheet("按致困原因", ["致困原因", "主要原因（户）", "次要原因（户）"], [list(c) for c in report.causes],
              {1: "num", 2: "num"}),
        sheet("按季度", ["季度", *(label + "（元）" for _k, label in kinds), "帮扶人次"],
              [[label, *(money[k] for k, _l in kinds), times] for label, money, times in report.periods],
              {**{c: "yuan" for c in range(1, len(kinds) + 1)}, len(kinds) + 1: "num"}),
    ]  # fmt: skip
    xlsx_into(
        out, sheets, mark=watermark,
        styles={
            "num": {"num_format": "#,##0", "border": 1},
            "yuan": {"num_format": "#,##0.00", "border": 1},
            "cell": {"border": 1},
        },
    )  # fmt: skip
