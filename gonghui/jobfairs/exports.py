"""The fair's files: its result with the employers and positions, as xlsx or csv."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from gonghui.kernel.exporting import Sheet, csv_stream, xlsx_file

from .models import Position, ReviewState
from .selectors import Result, family

RESULT_HEADER = [
    "会场",
    "主办工会",
    "参会单位",
    "岗位",
    "招聘人数",
    "求职登记",
    "签到",
    "面试",
    "达成就业意向",
]
POSITION_HEADER = ["单位名称", "统一社会信用代码", "岗位名称", "招聘人数", "月薪下限", "月薪上限", "行业", "工作地点",
                   "技能要求", "岗位要求", "状态"]  # fmt: skip


def _result_rows(result: Result) -> list[list[Any]]:
    def row(r: Result, label: str) -> list[Any]:
        return [label, r.fair.org.name, r.employers, r.positions, r.openings, r.seekers, r.checked_in,
                r.interviews, r.offers]  # fmt: skip

    rows = [row(v, v.fair.title) for v in result.venues]
    rows.append(row(result, f"{result.fair.title}（合计）" if result.venues else result.fair.title))
    return rows


def _position_rows(result: Result) -> Iterator[list[Any]]:
    qs = (
        Position.objects.filter(fair_id__in=family(result.fair))
        .select_related("employer")
        .order_by("employer_id", "id")
    )
    for p in qs.iterator(chunk_size=2000):
        state = (
            p.get_state_display()
            if p.employer.state == ReviewState.APPROVED
            else p.employer.get_state_display()
        )
        yield [p.employer.name, p.employer.credit_code, p.title, p.openings, p.pay_min, p.pay_max,
               p.get_industry_display(), p.place or p.division, "、".join(p.skills), p.requirements, state]  # fmt: skip


def result_xlsx(*, actor: Any, result: Result) -> IO[bytes]:
    return xlsx_file(
        [
            Sheet(
                "招聘会成果",
                header=RESULT_HEADER,
                rows=_result_rows(result),
                title=result.fair.title,
                widths=[30, 24, 10, 10, 10, 10, 10, 10, 12],
            ),
            Sheet(
                "岗位",
                header=POSITION_HEADER,
                rows=_position_rows(result),
                widths=[30, 22, 20, 10, 10, 10, 18, 20, 24, 40, 10],
            ),
        ],
        actor=actor,
    )


def result_csv(*, actor: Any, result: Result) -> Iterator[str]:
    return csv_stream(_position_rows(result), header=POSITION_HEADER, actor=actor, title=result.fair.title)
