"""Statistics of rights cases for a subtree: cases, people served, amounts recovered, by child
union (drill-down) and by category. One generator fed by the scoped selector; formatters for
the page (ECharts option), xlsx and the API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.db.models import Count, Q, Sum
from django.utils import timezone

from gonghui.kernel import charts, scope
from gonghui.kernel.exporting import Cell, Sheet, xlsx_into
from gonghui.orgs.branches import by_branch
from gonghui.orgs.models import Org
from gonghui.orgs.selectors import org_breadcrumbs_for_actor

from .models import CaseCategory, CaseStage
from .selectors import cases_for_actor

ZERO = Decimal("0.00")


@dataclass
class Figures:
    cases: int = 0
    closed: int = 0
    people: int = 0
    migrants: int = 0
    recovered: Decimal = ZERO

    def add(self, other: Figures) -> None:
        self.cases += other.cases
        self.closed += other.closed
        self.people += other.people
        self.migrants += other.migrants
        self.recovered += other.recovered

    @property
    def recovered_wan(self) -> Decimal:
        """万元, as reports give it (380万元)."""
        return (self.recovered / 10000).quantize(Decimal("0.01"))


@dataclass
class Row:
    org: Org
    label: str
    own: bool
    figures: Figures
    drill: bool = False  # a child union: its name opens its own figures


@dataclass
class CaseStats:
    subject: Org
    year: int | None
    rows: list[Row]
    total: Figures
    by_category: list[tuple[str, str, Figures]] = field(default_factory=list)
    breadcrumbs: list[Org] = field(default_factory=list)


def _figures(qs: Any, key: str) -> dict[str, Figures]:
    out: dict[str, Figures] = {}
    for r in qs:
        out[r[key]] = Figures(
            cases=r["cases"], closed=r["closed"], people=r["people"] or 0, migrants=r["migrants"] or 0,
            recovered=(r["recovered"] or ZERO).quantize(Decimal("0.01")),
        )  # fmt: skip
    return out


AGGREGATES: dict[str, Any] = {
    "cases": Count("id"),
    "closed": Count("id", filter=Q(stage=CaseStage.CLOSED)),
    "people": Sum("parties"),
    "migrants": Sum("migrants"),
    "recovered": Sum("amount_recovered"),
}


def case_stats(*, actor: Any, org: Org, year: int | None = None) -> CaseStats:
    """Figures of the subtree under `org` (which the actor must be able to view), one row per
    child union with cases in its subtree, plus the union's own cases."""
    qs = cases_for_actor(actor=actor, within=org, year=year)
    by_prefix = _figures(by_branch(qs, org, **AGGREGATES).order_by(), "branch")
    by_cat = _figures(qs.values("category").annotate(**AGGREGATES).order_by(), "category")
    own = by_prefix.pop(org.path, None)
    children = {c.path: c for c in Org.objects.filter(path__in=list(by_prefix))}
    rows = [
        Row(children[p], children[p].short_name or children[p].name, False, f, drill=True)
        for p, f in sorted(by_prefix.items(), key=lambda kv: (-kv[1].cases, kv[0]))
        if p in children
    ]
    if own is not None:
        rows.insert(0, Row(org, f"{org.name}（本级）", True, own))
    total = Figures()
    for r in rows:
        total.add(r.figures)
    categories = [(code, str(label), by_cat.get(code, Figures())) for code, label in CaseCategory.choices]
    return CaseStats(
        subject=org, year=year, rows=rows, total=total, by_category=categories,
        breadcrumbs=[*org_breadcrumbs_for_actor(actor=actor, org=org)] if scope.can(actor, "view", org) else [],
    )  # fmt: skip


def stats_chart(stats: CaseStats) -> dict[str, Any]:
    """Cases, workers served and money recovered per union."""
    rows = stats.rows[:30]
    return charts.categories_chart(
        [r.label for r in rows],
        y_axis=[{"type": "value", "name": "宗/人", "minInterval": 1}, {"type": "value", "name": "万元"}],
        series=[
            charts.bar("案件数", [r.figures.cases for r in rows]),
            charts.bar("服务职工人数", [r.figures.people for r in rows]),
            charts.line("挽回经济损失（万元）", [float(r.figures.recovered_wan) for r in rows], yAxisIndex=1),
        ],
        right=70,
    )


HEADERS = ("工会", "案件数", "已结案", "服务职工人数", "其中农民工", "挽回经济损失（元）")


def stats_title(stats: CaseStats) -> str:
    period = f"{stats.year}年" if stats.year else "全部年度"
    return f"{stats.subject.name}维权案件统计（{period}）"


def stats_xlsx(stats: CaseStats, out: IO[bytes], *, actor: Any) -> None:
    def sheet(name: str, first_col: str, lines: list[tuple[str, Figures]]) -> Sheet:
        rows = [
            [
                Cell(label, "bold" if i == len(lines) - 1 else "cell"),
                f.cases,
                f.closed,
                f.people,
                f.migrants,
                f.recovered,
            ]
            for i, (label, f) in enumerate(lines)
        ]
        return Sheet(
            name, title=stats_title(stats), notes=[""], header=(first_col, *HEADERS[1:]), rows=rows,
            widths=[32, 16, 16, 16, 16, 16], styles={1: "num", 2: "num", 3: "num", 4: "num", 5: "money"},
        )  # fmt: skip

    sheets = [
        sheet("按工会", "工会", [(r.label, r.figures) for r in stats.rows] + [("合计", stats.total)]),
        sheet("按类别", "类别", [(label, f) for _c, label, f in stats.by_category] + [("合计", stats.total)]),
    ]
    xlsx_into(
        out, sheets, actor=actor,
        styles={
            "head": {"bold": True, "bg_color": "#F2F2F2", "border": 1},
            "num": {"num_format": "#,##0", "border": 1},
            "money": {"num_format": "#,##0.00", "border": 1},
            "cell": {"border": 1},
            "bold": {"border": 1, "bold": True},
        },
    )  # fmt: skip


def current_year() -> int:
    return timezone.localdate().year


def year_choices(now: dt.date | None = None) -> list[int]:
    y = (now or timezone.localdate()).year
    return list(range(y, y - 15, -1))
