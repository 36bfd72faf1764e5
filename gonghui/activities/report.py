"""The files the activities pages hand out, written by the one export writer."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from django.utils import timezone

from gonghui.kernel.exporting import Sheet, csv_stream, xlsx_file

from .models import Activity, SignUp, Volunteer

ACTIVITY_HEADER = ["活动名称", "类别", "主办工会", "所属专项活动", "地点", "开始时间", "名额", "报名", "候补", "签到", "其中现场加入",
                   "服务人次", "发放物资", "物资价值（元）", "慰问金（元）", "状态"]  # fmt: skip
ROSTER_HEADER = ["序号", "姓名", "所在工会", "报名时间", "状态", "签到时间", "报名方式"]
VOLUNTEER_HEADER = ["姓名", "登记工会", "服务特长", "登记日期", "参加活动（次）", "累计服务时长（小时）"]


def _t(value: Any) -> str:
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M}" if value else ""


def activity_rows(rows: Iterable[Activity]) -> Iterator[list[Any]]:
    for a in rows:
        yield [a.title, a.get_kind_display(), a.org.name, a.campaign.title if a.campaign else "", a.place,
               _t(a.starts_at), a.capacity, getattr(a, "confirmed", 0), getattr(a, "waiting", 0),
               getattr(a, "attended", 0), getattr(a, "walk_ins", 0), a.people_served, a.goods, a.goods_value, a.money,
               a.get_state_display()]  # fmt: skip


def roster_rows(rows: Iterable[SignUp]) -> Iterator[list[Any]]:
    for s in rows:
        yield [s.seq, s.name, s.unit or ("非会员" if s.walk_in else ""), _t(s.created_at), s.get_state_display(),
               _t(s.checked_in_at), "现场加入" if s.walk_in else "报名"]  # fmt: skip


def volunteer_rows(rows: Iterable[Volunteer]) -> Iterator[list[Any]]:
    for v in rows:
        yield [v.name, v.org.name, v.skills, v.registered_on, getattr(v, "served", 0), getattr(v, "total", 0)]


FILES: dict[str, tuple[str, list[str], Callable[[Iterable[Any]], Iterator[list[Any]]], list[int]]] = {
    "activities": (
        "活动台账",
        ACTIVITY_HEADER,
        activity_rows,
        [30, 10, 24, 20, 24, 16, 6, 6, 6, 6, 8, 8, 20, 12, 12, 8],
    ),
    "roster": ("活动报名签到表", ROSTER_HEADER, roster_rows, [6, 12, 24, 16, 8, 16, 10]),
    "volunteers": ("志愿者服务时长", VOLUNTEER_HEADER, volunteer_rows, [12, 24, 24, 12, 12, 16]),
}


def xlsx(what: str, *, actor: Any, rows: Iterable[Any], title: str = "") -> IO[bytes]:
    name, header, make, widths = FILES[what]
    return xlsx_file(Sheet(name, header=header, rows=make(rows), widths=widths, title=title), actor=actor)


def csv(what: str, *, actor: Any, rows: Iterable[Any]) -> Iterator[str]:
    _name, header, make, _widths = FILES[what]
    return csv_stream(make(rows), header=header, actor=actor)
