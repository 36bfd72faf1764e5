"""The honour register as a chart, an xlsx and a csv (written by the one export writer)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO, Any

from gonghui.kernel.exporting import Sheet, csv_stream, xlsx_file

from .models import Honour, Nomination, Round

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


NOMINATION_HEADER = ["姓名（集体名称）", "性别", "工作单位", "职务（岗位）", "一线职工", "企业负责人", "推荐工会",
                     "当前审核工会", "状态", "主要事迹"]  # fmt: skip


def nomination_lines(rows: Iterable[Nomination]) -> Iterator[list[Any]]:
    for n in rows:
        yield [n.name, n.sex, n.unit, n.job, "是" if n.frontline else "否", "是" if n.leader else "否", n.org.name,
               n.at.name if n.at else "", n.get_state_display(), n.deeds]  # fmt: skip


def nominations_xlsx(*, actor: Any, round: Round, rows: Iterable[Nomination]) -> IO[bytes]:
    sheet = Sheet(
        "推荐对象", header=NOMINATION_HEADER, rows=nomination_lines(rows), title=f"{round.title}推荐对象汇总表",
        widths=[18, 6, 28, 16, 8, 10, 24, 24, 10, 60],
    )  # fmt: skip
    return xlsx_file(sheet, actor=actor)


def nominations_csv(*, actor: Any, rows: Iterable[Nomination]) -> Iterator[str]:
    return csv_stream(nomination_lines(rows), header=NOMINATION_HEADER, actor=actor)
