"""The mutual aid report as xlsx or csv, through the one export writer."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from gonghui.kernel.exporting import Sheet, csv_stream, xlsx_bytes

from .selectors import PlanFigures

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


def report_xlsx(*, actor: Any, title: str, rows: Sequence[PlanFigures]) -> bytes:
    sheet = Sheet(
        "医疗互助保障统计",
        header=HEADER,
        rows=report_rows(rows),
        title=title,
        widths=[40, 10, 16, 10, 14, 10],
    )
    return xlsx_bytes(sheet, actor=actor)


def report_csv(*, actor: Any, rows: Sequence[PlanFigures]) -> Iterator[str]:
    return csv_stream(report_rows(rows), header=HEADER, actor=actor)
