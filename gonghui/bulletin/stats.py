"""Adoption statistics (信息报送采用情况): per unit per month or year, submitted, adopted, rate,
ranking and the units that submitted nothing — the ranking federations publish each month.

A report generator fed by one selector, with formatters for the page (table and chart) and xlsx.
The units are the direct subordinates of the chosen union; each counts its whole subtree.

Items count for the union that holds them now. When a union is merged into another, its items
go to the survivor (`actions.structure.bulletin_follow_merge`): from then on the survivor's row
holds them in every period, past ones included, the totals of the unions above do not change,
and the merged union is listed no more (not among the units that submitted nothing either). A
split moves sub-unions with their items, so their figures move to the new union's row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from gonghui.kernel import charts, scope
from gonghui.kernel.exporting import Cell, Sheet, xlsx_bytes
from gonghui.orgs.branches import by_branch
from gonghui.orgs.models import Org, Status

from .models import Bulletin, Submission, SubmissionStatus


@dataclass
class UnitRow:
    name: str
    org: Org | None
    submitted: int = 0
    adopted: int = 0
    own: bool = False  # the chosen union's own items (本级)
    rank: int | None = None

    @property
    def rate(self) -> Decimal | None:
        return adoption_rate(self.adopted, self.submitted)


@dataclass
class AdoptionReport:
    org: Org
    year: int
    month: int | None
    bulletin: Bulletin | None
    rows: list[UnitRow] = field(default_factory=list)  # units that submitted, ranked
    silent: list[Org] = field(default_factory=list)  # active units that submitted nothing
    monthly: list[tuple[int, int, int]] = field(default_factory=list)  # (month, submitted, adopted)

    @property
    def period(self) -> str:
        return f"{self.year}年{self.month}月" if self.month else f"{self.year}年"

    @property
    def submitted(self) -> int:
        return sum(r.submitted for r in self.rows)

    @property
    def adopted(self) -> int:
        return sum(r.adopted for r in self.rows)

    @property
    def rate(self) -> Decimal | None:
        return adoption_rate(self.adopted, self.submitted)

    @property
    def title(self) -> str:
        what = f"《{self.bulletin.name}》" if self.bulletin else ""
        return f"{self.org.name}{self.period}{what}信息报送采用情况"


def adoption_rate(adopted: int, submitted: int) -> Decimal | None:
    """Percent with one decimal, rounded half up: 2 of 3 → 66.7."""
    if not submitted:
        return None
    return (Decimal(adopted * 100) / Decimal(submitted)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def period_bounds(year: int, month: int | None) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) in local time (Asia/Shanghai): a month's items are those of its days there."""
    if month:
        start, end = dt.datetime(year, month, 1), dt.datetime(year + month // 12, month % 12 + 1, 1)
    else:
        start, end = dt.datetime(year, 1, 1), dt.datetime(year + 1, 1, 1)
    return timezone.make_aware(start), timezone.make_aware(end)


def _rank(rows: list[UnitRow]) -> list[UnitRow]:
    """By adopted items, then rate, then items submitted; equal adopted and rate share a rank."""
    ranked = sorted(rows, key=lambda r: (-r.adopted, -(r.rate or 0), -r.submitted, r.name))
    previous: tuple[int, Decimal | None] | None = None
    for position, row in enumerate(ranked, start=1):
        key = (row.adopted, row.rate)
        row.rank = ranked[position - 2].rank if key == previous else position
        previous = key
    return ranked


def adoption_report(
    *, actor: Any, org: Org, year: int, month: int | None = None, bulletin: Bulletin | None = None
) -> AdoptionReport:
    scope.require(actor, "view", org)
    start, end = period_bounds(year, month)
    base = Submission.objects.filter(
        org__path__startswith=org.path, submitted_at__gte=start, submitted_at__lt=end
    )
    base = base.exclude(status=SubmissionStatus.DRAFT)
    if bulletin is not None:
        base = base.filter(bulletin=bulletin)
    adopted = Count("id", filter=Q(status=SubmissionStatus.ADOPTED))
    per_unit = by_branch(base, org, submitted=Count("id"), adopted=adopted).order_by()
    children = {c.path: c for c in Org.objects.filter(parent=org).order_by("path")}
    rows: list[UnitRow] = []
    for r in per_unit:
        child = children.get(r["branch"])
        if r["branch"] == org.path:
            rows.append(UnitRow(f"{org.name}（本级）", org, r["submitted"], r["adopted"], own=True))
        elif child is not None:
            rows.append(UnitRow(child.name, child, r["submitted"], r["adopted"]))
    seen = {r.org.pk for r in rows if r.org is not None}
    silent = [c for c in children.values() if c.status == Status.ACTIVE and c.pk not in seen]
    report = AdoptionReport(
        org=org, year=year, month=month, bulletin=bulletin, rows=_rank(rows), silent=silent
    )
    if not month:
        # TruncMonth works in the current time zone, so a month is the local month.
        months = base.annotate(m=TruncMonth("submitted_at")).values("m").order_by()
        by_month = {r["m"].month: r for r in months.annotate(submitted=Count("id"), adopted=adopted)}
        empty = {"submitted": 0, "adopted": 0}
        report.monthly = [
            (m, by_month.get(m, empty)["submitted"], by_month.get(m, empty)["adopted"]) for m in range(1, 13)
        ]
    return report


# --- formatters --------------------------------------------------------------------------

RED, GREY = "#b7121f", "#9aa4b2"


def report_chart(report: AdoptionReport) -> dict[str, Any]:
    """ECharts options: submitted and adopted per unit, in rank order."""
    return charts.categories_chart(
        [r.name for r in report.rows],
        y_axis={"type": "value", "minInterval": 1},
        series=[
            charts.bar("报送", [r.submitted for r in report.rows], barMaxWidth=36),
            charts.bar("采用", [r.adopted for r in report.rows], barMaxWidth=36),
        ],
        left=40,
        right=20,
        color=[GREY, RED],
    )


def monthly_chart(report: AdoptionReport) -> dict[str, Any]:
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"data": ["报送", "采用"]},
        "grid": {"left": 40, "right": 20, "bottom": 30, "top": 40},
        "xAxis": {"type": "category", "data": [f"{m}月" for m, _s, _a in report.monthly]},
        "yAxis": {"type": "value", "minInterval": 1},
        "color": [GREY, RED],
        "series": [
            {"name": "报送", "type": "line", "data": [s for _m, s, _a in report.monthly]},
            {"name": "采用", "type": "line", "data": [a for _m, _s, a in report.monthly]},
        ],
    }


def _xlsx_line(
    rank: int | None, name: str, submitted: int, adopted: int, rate: Decimal | None, style: str
) -> list[Any]:
    return [
        Cell(rank, style) if rank is not None else None, Cell(name, style), Cell(submitted, style),
        Cell(adopted, style), Cell(float(rate) if rate is not None else None, "rate"),
    ]  # fmt: skip


def report_xlsx(report: AdoptionReport, *, exported_by: str, exported_at: dt.datetime) -> bytes:
    """The ranking as a workbook; the first line says who exported it and when (watermark)."""
    rows = [_xlsx_line(r.rank, r.name, r.submitted, r.adopted, r.rate, "cell") for r in report.rows]
    rows.append(_xlsx_line(None, "合计", report.submitted, report.adopted, report.rate, "head"))
    rows += [[], [Cell(f"未报送单位（{len(report.silent)} 个）", "title")]]
    rows += [[None, org.name] for org in report.silent]
    local = timezone.localtime(exported_at)
    sheet = Sheet(
        "采用情况", title=report.title, notes=[""], header=["排名", "单位", "报送（篇）", "采用（篇）", "采用率（%）"],
        rows=rows, widths=[8, 36, 12, 12, 12],
    )  # fmt: skip
    return xlsx_bytes(
        sheet,
        mark=f"导出人：{exported_by}　导出时间：{local:%Y-%m-%d %H:%M:%S}　内部资料，注意保存",
        styles={
            "mark": {"font_color": "#9a6700", "italic": True},
            "head": {"bold": True, "bg_color": "#f3f4f6", "border": 1, "align": "center"},
            "cell": {"border": 1},
            "rate": {"border": 1, "num_format": "0.0"},
        },
    )
