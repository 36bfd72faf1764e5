"""The requests ledger as xlsx and csv (through the one export writer). A worker who asked to stay
anonymous towards the employer is never named in it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from gonghui.kernel.exporting import Sheet, csv_stream, xlsx_file

from .models import HelpRequest
from .selectors import RequestFilter, request_export_iter

HEADER = [
    "提交时间",
    "类别",
    "职工",
    "所在基层工会",
    "承办工会",
    "状态",
    "上报次数",
    "首次答复时间",
    "满意度",
    "诉求内容",
]
WIDTHS = [18, 10, 24, 30, 30, 12, 8, 18, 8, 60]


def request_line(r: HelpRequest) -> list[Any]:
    return [
        f"{r.submitted_at:%Y-%m-%d %H:%M}", r.get_category_display(), r.who, r.origin.name, r.org.name,
        r.get_state_display(), r.escalations, f"{r.first_answered_at:%Y-%m-%d %H:%M}" if r.first_answered_at else "",
        r.rating or "", r.text,
    ]  # fmt: skip


def requests_csv_stream(*, actor: Any, f: RequestFilter) -> Iterator[str]:
    return csv_stream(
        (request_line(r) for r in request_export_iter(actor=actor, f=f)), header=HEADER, actor=actor
    )


def requests_xlsx_file(*, actor: Any, f: RequestFilter) -> IO[bytes]:
    rows = (request_line(r) for r in request_export_iter(actor=actor, f=f))
    return xlsx_file(Sheet("职工诉求", header=HEADER, rows=rows, widths=WIDTHS), actor=actor)
