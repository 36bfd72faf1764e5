"""The mutual aid report as xlsx or csv, through the one export writer."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from gonghui.kernel.exporting import Sheet, csv_stream, xlsx_bytes

from .selectors import PlanFigures, UnionFigures

HEADER = ["互助保障计划", "参保份数", "已收互助金（元）", "申领件数", "已给付（元）", "赔付率（%）"]


def report_rows(rows: Sequence[PlanFigures]) -> list[list[Any]]:
    return [
        [
            r.plan.name,
            r.shares,
            r.contributions,
            r.claims,
            r.paid_out,
            r.loss_ratio if r.loss_ratio is not None else "",
        ]
        for r in rows
    ]


UNION_HEADER = ["工会", "参保份数", "应缴（元）", "已缴（元）", "欠缴（元）", "已给付（元）"]
QUARTER_HEADER = ["季度", "给付件数", "给付金额（元）"]


def report_xlsx(
    *, actor: Any, title: str, rows: Sequence[PlanFigures], unions: Sequence[UnionFigures] = (),
    quarters: Sequence[tuple[str, int, Any]] = (),
) -> bytes:  # fmt: skip
    """By plan, by union below (their statements) and payouts by quarter, one sheet each."""
    sheets = [
        Sheet("按计划", header=HEADER, rows=report_rows(rows), title=title, widths=[40, 10, 16, 10, 14, 10]),
        Sheet(
            "按单位",
            header=UNION_HEADER,
            title=title,
            widths=[36, 10, 14, 14, 14, 14],
            rows=[[u.org.name, u.shares, u.due, u.paid, u.owing, u.claims_paid] for u in unions],
        ),
        Sheet(
            "按季度",
            header=QUARTER_HEADER,
            title=title,
            rows=[list(q) for q in quarters],
            widths=[12, 10, 16],
        ),
    ]
    return xlsx_bytes(sheets, actor=actor)


def report_csv(*, actor: Any, rows: Sequence[PlanFigures]) -> Iterator[str]:
    return csv_stream(report_rows(rows), header=HEADER, actor=actor)
