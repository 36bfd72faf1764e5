"""序时进度: where a target should stand at the end of a month, and how far behind it is.

A target's quarterly milestones are cumulative percentages of the way from its baseline to its
goal (default 25/50/75/100); within a quarter the way is shared equally among its three months.
Completion is the share of the expected way actually covered (for an indicator where lower is
better the way runs downwards, and the same formula holds). A target is yellow when it is behind
its milestone by more than its yellow margin (percentage points of completion), red beyond the
red margin.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from .models import DEFAULT_MILESTONES, Flag

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
CAP = Decimal("99999.99")
# A report for month M is due by this day of the next month.
DUE_DAY = 5


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def due_date(year: int, month: int) -> dt.date:
    """The last day on which month M's report is on time (the 5th of the next month)."""
    return dt.date(year + (month == 12), month % 12 + 1, DUE_DAY)


def share(month: int, milestones: Sequence[int | float | Decimal] | None = None) -> Decimal:
    """The cumulative percentage of the year's way due by the end of `month`."""
    points = [Decimal(str(p)) for p in (milestones or DEFAULT_MILESTONES)]
    quarter = (month - 1) // 3
    before = points[quarter - 1] if quarter else Decimal(0)
    step = (month - 1) % 3 + 1
    return before + (points[quarter] - before) * step / 3


def expected(*, value: Decimal, baseline: Decimal, month: int, milestones: Sequence[int] | None) -> Decimal:
    """Where the target should stand at the end of `month` (序时进度目标值)."""
    raw = baseline + (value - baseline) * share(month, milestones) / HUNDRED
    return raw.quantize(CENT, rounding=ROUND_HALF_UP)


def completion(*, actual: Decimal, baseline: Decimal, expected_value: Decimal) -> Decimal:
    """The percentage of the expected way covered (100 = on schedule, may exceed 100)."""
    way = expected_value - baseline
    if way == 0:
        return HUNDRED
    done = ((actual - baseline) * HUNDRED / way).quantize(CENT, rounding=ROUND_HALF_UP)
    return max(-CAP, min(CAP, done))  # a goal set far too low still shows, as 99999.99%


def flag_of(done: Decimal, *, yellow: Decimal, red: Decimal) -> str:
    behind = HUNDRED - done
    if behind > red:
        return Flag.RED
    if behind > yellow:
        return Flag.YELLOW
    return Flag.GREEN


def month_open(year: int, month: int, today: dt.date) -> bool:
    """May month M be reported today (it has begun)?"""
    return dt.date(year, month, 1) <= today


def closed_months(year: int, today: dt.date) -> list[int]:
    """The months of `year` whose report is due by now (their due date has passed)."""
    return [m for m in range(1, 13) if due_date(year, m) < today]
