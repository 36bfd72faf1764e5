"""公示 counted in working days: weekends and public holidays off, 调休 weekends worked."""

from __future__ import annotations

import datetime as dt

from gonghui.honours.workdays import is_working_day, working_days_end


def test_national_day_week_does_not_count():
    # Published on Tuesday 30 September 2025: 1–8 October are off, Saturday 11 October is worked.
    assert working_days_end(dt.date(2025, 9, 30), 5) == dt.date(2025, 10, 13)


def test_a_swapped_weekend_day_counts():
    assert is_working_day(dt.date(2026, 2, 14))  # Saturday worked before 春节
    assert not is_working_day(dt.date(2026, 2, 16))  # Monday in 春节
    assert working_days_end(dt.date(2026, 2, 12), 4) == dt.date(2026, 2, 24)  # Thu, Fri, Sat 14th, Tue 24th


def test_a_notice_published_on_a_weekend_starts_on_the_next_working_day():
    assert working_days_end(dt.date(2025, 3, 1), 1) == dt.date(2025, 3, 3)


def test_plain_weeks_outside_the_calendar():
    assert working_days_end(dt.date(2031, 3, 3), 7) == dt.date(2031, 3, 11)
