"""Slot generation from weekly hours, exceptions and holidays (a pure function)."""

from __future__ import annotations

import datetime as dt
import itertools

from gonghui.services.slots import SHANGHAI, Change, Hours, generate_slots

MON = dt.date(2026, 3, 2)  # a Monday
T = dt.time.fromisoformat


def starts(slots):  # type: ignore[no-untyped-def]
    return [s.starts_at.strftime("%m-%d %H:%M") for s in slots]


def test_weekly_hours_are_cut_into_slots_on_their_weekday_only():
    hours = [Hours(0, T("09:00"), T("12:00"), 60, room_id=7)]
    slots = generate_slots(hours=hours, first=MON, last=MON + dt.timedelta(days=7))
    assert starts(slots) == [
        "03-02 09:00",
        "03-02 10:00",
        "03-02 11:00",
        "03-09 09:00",
        "03-09 10:00",
        "03-09 11:00",
    ]
    assert {s.room_id for s in slots} == {7}


def test_slots_are_aware_times_in_shanghai():
    slots = generate_slots(hours=[Hours(0, T("09:00"), T("10:00"), 60)], first=MON, last=MON)
    assert slots[0].starts_at.tzinfo == SHANGHAI
    assert slots[0].starts_at.astimezone(dt.UTC).hour == 1  # 09:00 in Shanghai is 01:00 UTC


def test_a_slot_that_does_not_fit_before_the_end_is_dropped():
    slots = generate_slots(hours=[Hours(0, T("09:00"), T("11:30"), 50)], first=MON, last=MON)
    assert starts(slots) == ["03-02 09:00", "03-02 09:50", "03-02 10:40"]
    assert slots[-1].ends_at.time() == T("11:30")


def test_validity_period_bounds_the_hours():
    hours = [
        Hours(
            0,
            T("09:00"),
            T("10:00"),
            60,
            valid_from=MON + dt.timedelta(days=7),
            valid_to=MON + dt.timedelta(days=7),
        )
    ]
    slots = generate_slots(hours=hours, first=MON, last=MON + dt.timedelta(days=21))
    assert starts(slots) == ["03-09 09:00"]


def test_holiday_closes_regular_hours_but_added_hours_still_apply():
    hours = [Hours(0, T("09:00"), T("11:00"), 60)]
    extra = Change(MON, T("14:00"), T("15:00"), extra=True, minutes=60)
    slots = generate_slots(hours=hours, changes=[extra], holidays=[MON], first=MON, last=MON)
    assert starts(slots) == ["03-02 14:00"]


def test_cancelled_hours_remove_every_slot_they_touch():
    hours = [Hours(0, T("09:00"), T("12:00"), 60)]
    off = Change(MON, T("09:30"), T("10:15"), extra=False)
    assert starts(generate_slots(hours=hours, changes=[off], first=MON, last=MON)) == ["03-02 11:00"]


def test_cancellation_on_another_date_changes_nothing():
    hours = [Hours(0, T("09:00"), T("10:00"), 60)]
    off = Change(MON + dt.timedelta(days=1), T("09:00"), T("10:00"), extra=False)
    assert starts(generate_slots(hours=hours, changes=[off], first=MON, last=MON)) == ["03-02 09:00"]


def test_added_hours_on_a_free_day_and_overlaps_keep_the_earlier_slot():
    hours = [Hours(0, T("09:00"), T("11:00"), 60)]
    extras = [
        Change(MON + dt.timedelta(days=2), T("19:00"), T("21:00"), extra=True, minutes=60),
        Change(MON, T("10:30"), T("12:30"), extra=True, minutes=60),
    ]
    slots = generate_slots(hours=hours, changes=extras, first=MON, last=MON + dt.timedelta(days=2))
    assert starts(slots) == ["03-02 09:00", "03-02 10:00", "03-02 11:30", "03-04 19:00", "03-04 20:00"]
    assert all(a.ends_at <= b.starts_at for a, b in itertools.pairwise(slots))


def test_empty_range_and_no_hours_give_no_slots():
    assert generate_slots(hours=[], first=MON, last=MON + dt.timedelta(days=30)) == []
    assert (
        generate_slots(
            hours=[Hours(0, T("09:00"), T("10:00"), 60)], first=MON, last=MON - dt.timedelta(days=1)
        )
        == []
    )
