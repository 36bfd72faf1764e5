"""A committee's roster on a date as xlsx (watermarked, no formulas)."""

from __future__ import annotations

import datetime as dt
from typing import IO, Any

from gonghui.kernel.exporting import Sheet, xlsx_file

from .models import Committee
from .selectors import roster_on

ROSTER_HEADER = ["序号", "姓名", "职务", "工作单位及职务", "任职日期", "产生方式", "会员档案"]
ROSTER_WIDTHS = [6, 12, 14, 40, 12, 12, 10]


def roster_lines(committee: Committee, on: dt.date) -> list[list[Any]]:
    return [
        [i, s.name, s.get_post_display(), s.title, s.joined_on.isoformat(), s.get_joined_how_display(),
         "已关联" if s.member_id else ""]
        for i, s in enumerate(roster_on(committee, on), start=1)
    ]  # fmt: skip


def roster_xlsx(*, actor: Any, committee: Committee, on: dt.date) -> IO[bytes]:
    return xlsx_file(
        Sheet("委员名单", header=ROSTER_HEADER, rows=roster_lines(committee, on), widths=ROSTER_WIDTHS),
        actor=actor,
    )
