"""The honour register as a chart, an xlsx and a csv (written by the one export writer)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO, Any

from gonghui.kernel.exporting import Sheet, csv_stream, xlsx_file

from .models import Honour

HEADER = ["姓名（集体名称）", "性别", "荣誉称号", "级别", "授予日期", "表彰文号", "授予机关", "获评时工作单位",
          "获评时职务（岗位）", "现所在工会", "登记工会"]  # fmt: skip
WIDTHS = [18, 6, 18, 8, 12, 22, 16, 30, 16, 24, 24]


def register_lines(rows: Iterable[Honour]) -> Iterator[list[Any]]:
    for h in rows.iterator() if hasattr(rows, "iterator") else rows:
        current = h.member.org.name if h.member_id and h.member else ""
        yield [h.name, h.sex, h.title, h.get_level_display(), h.awarded_on.isoformat(), h.doc_no, h.awarding_body,
               h.unit, h.job, current, h.org.name]  # fmt: skip


def register_xlsx(*, actor: Any, rows: Iterable[Honour]) -> IO[bytes]:
    return xlsx_file(Sheet("劳模档案", header=HEADER, rows=register_lines(rows), widths=WIDTHS), actor=actor)


def register_csv(*, actor: Any, rows: Iterable[Honour]) -> Iterator[str]:
    return csv_stream(register_lines(rows), header=HEADER, actor=actor)


def register_chart(counts: dict[str, Any]) -> dict[str, Any]:
    """ECharts options: honours conferred per year."""
    return {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 40, "right": 20, "top": 30, "bottom": 30},
        "xAxis": {"type": "category", "data": [str(y) for y in counts["years"]]},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {
                "type": "bar",
                "name": "荣誉（人次）",
                "data": counts["per_year"],
                "itemStyle": {"color": "#c0392b"},
            }
        ],
    }
