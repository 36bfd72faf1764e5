"""Bookable slots from weekly hours, exceptions and holidays: a pure function of plain data.

Regular hours apply on their weekday within their validity period, except on the centre's
holidays. Added hours (加开) apply on their date, holiday or not. Cancelled hours (停诊) remove
every slot they touch. Times are wall-clock times in the centre's time zone (Asia/Shanghai);
the slots come out as aware datetimes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class Hours:
    """Regular weekly hours (weekday 0 = Monday)."""

    weekday: int
    start: dt.time
    end: dt.time
    minutes: int
    room_id: int | None = None
    valid_from: dt.date = dt.date.min
    valid_to: dt.date | None = None

    def applies(self, day: dt.date) -> bool:
        return (
            day.weekday() == self.weekday
            and self.valid_from <= day
            and (self.valid_to is None or day <= self.valid_to)
        )


@dataclass(frozen=True)
class Change:
    """Hours added (`extra=True`) or cancelled on one date."""

    on: dt.date
    start: dt.time
    end: dt.time
    extra: bool
    minutes: int = 50
    room_id: int | None = None


@dataclass(frozen=True, order=True)
class Slot:
    starts_at: dt.datetime
    ends_at: dt.datetime
    room_id: int | None = None


def _cut(
    day: dt.date, start: dt.time, end: dt.time, minutes: int, room_id: int | None, tz: dt.tzinfo
) -> list[Slot]:
    if minutes <= 0:
        raise ValueError("slot length must be positive")
    out = []
    at = dt.datetime.combine(day, start)
    stop = dt.datetime.combine(day, end)
    step = dt.timedelta(minutes=minutes)
    while at + step <= stop:
        out.append(Slot(at.replace(tzinfo=tz), (at + step).replace(tzinfo=tz), room_id))
        at += step
    return out


def generate_slots(
    *,
    hours: Iterable[Hours],
    changes: Iterable[Change] = (),
    holidays: Iterable[dt.date] = (),
    first: dt.date,
    last: dt.date,
    tz: dt.tzinfo = SHANGHAI,
) -> list[Slot]:
    """Every slot from `first` to `last` (both included), in time order, none overlapping."""
    hours = list(hours)
    closed = set(holidays)
    by_day: dict[dt.date, list[Change]] = {}
    for c in changes:
        by_day.setdefault(c.on, []).append(c)
    slots: list[Slot] = []
    day = first
    while day <= last:
        todays: list[Slot] = []
        if day not in closed:
            for h in hours:
                if h.applies(day):
                    todays += _cut(day, h.start, h.end, h.minutes, h.room_id, tz)
        for c in by_day.get(day, []):
            if c.extra:
                todays += _cut(day, c.start, c.end, c.minutes, c.room_id, tz)
        for c in by_day.get(day, []):
            if not c.extra:
                off_from = dt.datetime.combine(day, c.start).replace(tzinfo=tz)
                off_to = dt.datetime.combine(day, c.end).replace(tzinfo=tz)
                todays = [s for s in todays if s.ends_at <= off_from or s.starts_at >= off_to]
        last_end: dt.datetime | None = None
        for s in sorted(todays):
            if last_end is None or s.starts_at >= last_end:
                slots.append(s)
                last_end = s.ends_at
        day += dt.timedelta(days=1)
    return slots


def overlaps(a_start: dt.time, a_end: dt.time, b_start: dt.time, b_end: dt.time) -> bool:
    return a_start < b_end and b_start < a_end
