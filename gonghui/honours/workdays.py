"""Working days for 公示: a notice "公示5个工作日" runs over working days, so weekends and public
holidays do not count and the weekend days worked in their place (调休上班) do.

The calendar is data: the State Council's yearly notice of holiday arrangements (国务院办公厅关于
XXXX年部分节假日安排的通知). 2025 and 2026 are as published. 2027 holds the statutory holidays
(全体公民放假的节日办法, 2025 revision) on their 2027 dates and no 调休 yet: add the swaps when
the 2027 notice is out. Outside the years listed, Monday to Friday are working days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable


def _days(year: int, spans: Iterable[tuple[int, int, int, int]]) -> set[dt.date]:
    out: set[dt.date] = set()
    for m1, d1, m2, d2 in spans:
        day, last = dt.date(year, m1, d1), dt.date(year, m2, d2)
        while day <= last:
            out.add(day)
            day += dt.timedelta(days=1)
    return out


# (month, day, month, day) spans of days off, and the weekend days worked instead.
HOLIDAYS: dict[int, set[dt.date]] = {
    2025: _days(2025, [
        (1, 1, 1, 1),  # 元旦
        (1, 28, 2, 4),  # 春节
        (4, 4, 4, 6),  # 清明节
        (5, 1, 5, 5),  # 劳动节
        (5, 31, 6, 2),  # 端午节
        (10, 1, 10, 8),  # 国庆节、中秋节
    ]),
    2026: _days(2026, [
        (1, 1, 1, 3),  # 元旦
        (2, 15, 2, 23),  # 春节
        (4, 4, 4, 6),  # 清明节
        (5, 1, 5, 5),  # 劳动节
        (6, 19, 6, 21),  # 端午节
        (9, 25, 9, 27),  # 中秋节
        (10, 1, 10, 7),  # 国庆节
    ]),
    2027: _days(2027, [
        (1, 1, 1, 1),  # 元旦
        (2, 5, 2, 8),  # 春节（除夕至正月初三）
        (4, 5, 4, 5),  # 清明节
        (5, 1, 5, 2),  # 劳动节
        (6, 9, 6, 9),  # 端午节
        (9, 15, 9, 15),  # 中秋节
        (10, 1, 10, 3),  # 国庆节
    ]),
}  # fmt: skip
WORKED_WEEKENDS: dict[int, set[dt.date]] = {
    2025: {dt.date(2025, 1, 26), dt.date(2025, 2, 8), dt.date(2025, 4, 27), dt.date(2025, 9, 28),
           dt.date(2025, 10, 11)},
    2026: {dt.date(2026, 1, 4), dt.date(2026, 2, 14), dt.date(2026, 2, 28), dt.date(2026, 5, 9),
           dt.date(2026, 9, 20), dt.date(2026, 10, 10)},
    2027: set(),
}  # fmt: skip


def is_working_day(day: dt.date) -> bool:
    if day in WORKED_WEEKENDS.get(day.year, ()):
        return True
    if day in HOLIDAYS.get(day.year, ()):
        return False
    return day.weekday() < 5


def working_days_end(start: dt.date, days: int) -> dt.date:
    """The last day of a period of `days` working days beginning on `start` (counted from `start`
    when it is a working day, else from the next one)."""
    day = start
    left = days
    while True:
        if is_working_day(day):
            left -= 1
            if left <= 0:
                return day
        day += dt.timedelta(days=1)
