from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gonghui.core.models import AuditEntry
from gonghui.services import actions
from gonghui.services.models import Booking

from .. import factories as f


def monday(hh: int = 9) -> dt.datetime:
    return f.at(f.next_weekday(0), hh)


def test_member_books_a_free_slot_online_and_is_told(svc, outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        booking = f.book(svc.worker, svc.counsellor, monday(10))
    assert booking.status == Booking.Status.BOOKED
    assert booking.channel == Booking.Channel.ONLINE
    assert booking.room == svc.room
    assert booking.ends_at - booking.starts_at == dt.timedelta(hours=1)
    assert AuditEntry.objects.filter(
        action="booking.create", object_id=str(booking.pk), org=svc.centre.org
    ).exists()
    assert [n.kind for n in outbox] == ["confirmed"]
    assert "王咨询师" in outbox[0].text and svc.worker.name == outbox[0].to_name


def test_the_booked_slot_is_no_longer_free(svc):
    from gonghui.services.selectors import free_slots

    day = f.next_weekday(0)
    before = free_slots(svc.counsellor, first=day, last=day)
    f.book(svc.worker, svc.counsellor, monday(10))
    after = free_slots(svc.counsellor, first=day, last=day)
    assert len(before) == 3 and len(after) == 2
    assert monday(10) not in [s.starts_at for s in after]


def test_a_slot_cannot_be_booked_twice(svc, tree):
    other = f.make_worker(tree.grassroots, "周二")
    f.book(svc.worker, svc.counsellor, monday(9))
    with pytest.raises(ValidationError) as exc:
        f.book(other, svc.counsellor, monday(9))
    assert "该时段已被预约" in str(exc.value)
    assert Booking.objects.count() == 1


def test_the_room_cannot_hold_two_sessions_at_once(svc, tree):
    other = f.make_provider(svc.centre, "赵咨询师", services=[svc.counselling])
    f.weekly(other, 0, "09:00", "10:00", 60)
    # The room is free on paper for the other counsellor's hours only if nobody uses it then.
    from gonghui.services.models import WeeklySchedule

    WeeklySchedule.objects.filter(provider=other).update(room=svc.room)  # as an older record might say
    f.book(svc.worker, svc.counsellor, monday(9))
    with pytest.raises(ValidationError, match="功能室已被占用"):
        f.book(f.make_worker(tree.grassroots, "钱三"), other, monday(9))


def test_a_slot_in_the_past_is_refused_and_nothing_changes(svc):
    past = f.at(
        timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday() + 7), 9
    )  # a Monday gone by
    audit_before = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match="不能预约已经过去"):
        f.book(svc.worker, svc.counsellor, past)
    assert not Booking.objects.exists()
    assert AuditEntry.objects.count() == audit_before


def test_a_time_outside_the_schedule_is_refused(svc):
    with pytest.raises(ValidationError, match="没有排班"):
        f.book(svc.worker, svc.counsellor, f.at(f.next_weekday(1), 9))  # Tuesday
    with pytest.raises(ValidationError, match="没有排班"):
        f.book(svc.worker, svc.counsellor, monday(9) + dt.timedelta(minutes=30))


def test_officer_books_on_behalf_of_a_member_in_the_subtree(svc, personas):
    booking = f.book(svc.worker, svc.counsellor, monday(11), actor=personas.street)
    assert booking.channel == Booking.Channel.OFFICER
    assert booking.booked_by == personas.street


def test_officer_cannot_book_for_a_member_outside_the_subtree(svc, personas, tree):
    outsider = f.make_worker(tree.sibling_grassroots, "吴四")
    with pytest.raises(PermissionDenied, match="不在您的管辖范围内"):
        f.book(outsider, svc.counsellor, monday(9), actor=personas.street)
    assert not Booking.objects.exists()


def test_a_member_outside_the_centres_catchment_is_refused(svc, tree):
    centre = f.make_centre(tree.street, "赤岗街道职工服务站")
    provider = f.make_provider(centre, "钱咨询师")
    f.weekly(provider, 0)
    outsider = f.make_worker(tree.sibling_grassroots, "吴四")
    with pytest.raises(ValidationError, match="只为「赤岗街道总工会」下辖工会的会员服务"):
        f.book(outsider, provider, monday(9))


def test_a_provider_books_only_the_services_they_offer(svc):
    legal = svc.lawyer.services.first()
    with pytest.raises(ValidationError, match="不提供「法律咨询」服务"):
        actions.booking_create(
            actor=svc.worker_user,
            member=svc.worker,
            provider=svc.counsellor,
            service=legal,
            starts_at=monday(9),
        )


def test_a_member_holds_at_most_three_coming_sessions(svc):
    f.weekly(svc.counsellor, 2, "09:00", "12:00", 60)
    for hh in (9, 10, 11):
        f.book(svc.worker, svc.counsellor, monday(hh))
    with pytest.raises(ValidationError, match="已有3个待进行的预约"):
        f.book(svc.worker, svc.counsellor, f.at(f.next_weekday(2), 9))
