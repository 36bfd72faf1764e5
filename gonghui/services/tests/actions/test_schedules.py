"""Weekly hours, exceptions and holidays: bad input is refused in Chinese and changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gonghui.services import actions
from gonghui.services.models import Holiday, ScheduleException, WeeklySchedule
from gonghui.services.selectors import free_slots

from .. import factories as f

T = dt.time.fromisoformat


def test_an_overlapping_schedule_is_refused_and_nothing_changes(svc):
    before = WeeklySchedule.objects.count()
    with pytest.raises(ValidationError) as exc:
        f.weekly(svc.counsellor, 0, "11:00", "13:00", 60)
    assert "与已有排班（星期一 09:00–12:00）重叠" in str(exc.value)
    assert WeeklySchedule.objects.count() == before


def test_adjacent_hours_and_other_weekdays_are_fine(svc):
    f.weekly(svc.counsellor, 0, "12:00", "13:00", 60)
    f.weekly(svc.counsellor, 1, "09:00", "12:00", 60)
    assert WeeklySchedule.objects.filter(provider=svc.counsellor).count() == 3


def test_overlap_with_hours_that_ended_before_is_fine(svc):
    old = WeeklySchedule.objects.get(provider=svc.counsellor)
    actions.schedule_end(actor=None, schedule=old, on=timezone.localdate())
    new = f.weekly(
        svc.counsellor, 0, "10:00", "11:00", 60, valid_from=timezone.localdate() + dt.timedelta(days=1)
    )
    assert WeeklySchedule.objects.filter(provider=svc.counsellor).count() == 2
    assert new.valid_from == timezone.localdate() + dt.timedelta(days=1)


def test_a_room_given_to_another_provider_at_that_time_is_refused(svc):
    other = f.make_provider(svc.centre, "赵咨询师", services=[svc.counselling])
    with pytest.raises(ValidationError, match="已排给王咨询师"):
        f.weekly(other, 0, "10:00", "11:00", 60, room=svc.room)


def test_times_that_make_no_slot_are_refused(svc):
    with pytest.raises(ValidationError, match="结束时间应晚于开始时间"):
        f.weekly(svc.counsellor, 3, "12:00", "09:00", 60)
    with pytest.raises(ValidationError, match="排不下一次60分钟"):
        f.weekly(svc.counsellor, 3, "09:00", "09:30", 60)
    with pytest.raises(ValidationError, match="10至240分钟"):
        f.weekly(svc.counsellor, 3, "09:00", "12:00", 5)


def test_an_officer_outside_the_subtree_cannot_schedule(svc, personas):
    with pytest.raises(PermissionDenied):
        actions.schedule_add(
            actor=personas.sibling, provider=svc.counsellor, weekday=4, start=T("09:00"), end=T("10:00"),
            slot_minutes=60,
        )  # fmt: skip


def test_cancelled_hours_with_bookings_in_them_are_refused(svc):
    day = f.next_weekday(0)
    f.book(svc.worker, svc.counsellor, f.at(day, 10))
    with pytest.raises(ValidationError, match="已有1个预约"):
        actions.exception_add(
            actor=None, provider=svc.counsellor, on=day, start=T("09:00"), end=T("12:00"), extra=False
        )
    assert not ScheduleException.objects.exists()
    actions.exception_add(
        actor=None, provider=svc.counsellor, on=day, start=T("11:00"), end=T("12:00"), extra=False
    )
    assert [s.starts_at for s in free_slots(svc.counsellor, first=day, last=day)] == [f.at(day, 9)]


def test_added_hours_become_bookable(svc):
    day = f.next_weekday(5)
    actions.exception_add(
        actor=None,
        provider=svc.counsellor,
        on=day,
        start=T("14:00"),
        end=T("16:00"),
        extra=True,
        slot_minutes=60,
    )
    assert [s.starts_at for s in free_slots(svc.counsellor, first=day, last=day)] == [
        f.at(day, 14),
        f.at(day, 15),
    ]
    assert f.book(svc.worker, svc.counsellor, f.at(day, 15)).starts_at == f.at(day, 15)


def test_an_exception_in_the_past_is_refused(svc):
    with pytest.raises(ValidationError, match="已经过去的日期"):
        actions.exception_add(
            actor=None, provider=svc.counsellor, on=timezone.localdate() - dt.timedelta(days=1), start=T("09:00"),
            end=T("10:00"), extra=True,
        )  # fmt: skip


def test_a_holiday_closes_the_day_unless_sessions_are_booked(svc):
    day = f.next_weekday(0)
    actions.holiday_add(actor=None, centre=svc.centre, on=day, name="调休")
    assert free_slots(svc.counsellor, first=day, last=day) == []
    with pytest.raises(ValidationError, match="已登记为闭馆日"):
        actions.holiday_add(actor=None, centre=svc.centre, on=day, name="调休")
    week_after = day + dt.timedelta(days=7)
    f.book(svc.worker, svc.counsellor, f.at(week_after, 9))
    with pytest.raises(ValidationError, match="当天已有1个预约"):
        actions.holiday_add(actor=None, centre=svc.centre, on=week_after, name="国庆")
    assert Holiday.objects.count() == 1
