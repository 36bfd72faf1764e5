"""Cancel, attendance and no-shows, feedback, reminders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from gonghui.core.models import AuditEntry
from gonghui.services import actions
from gonghui.services.models import Booking
from gonghui.services.selectors import free_slots

from .. import factories as f


@pytest.fixture
def booking(svc):  # type: ignore[no-untyped-def]
    return f.book(svc.worker, svc.counsellor, f.at(f.next_weekday(0), 10))


def test_member_cancels_and_the_slot_is_free_again(svc, booking, outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        actions.booking_cancel(actor=svc.worker_user, booking=booking, reason="临时加班")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED and booking.cancel_reason == "临时加班"
    day = f.next_weekday(0)
    assert booking.starts_at in [s.starts_at for s in free_slots(svc.counsellor, first=day, last=day)]
    assert outbox[-1].kind == "cancelled"
    assert AuditEntry.objects.filter(action="booking.cancel", object_id=str(booking.pk)).exists()


def test_a_session_that_has_begun_cannot_be_cancelled(svc, booking, clock):
    clock(booking.starts_at + dt.timedelta(minutes=5))
    with pytest.raises(ValidationError, match="已经开始或结束"):
        actions.booking_cancel(actor=svc.worker_user, booking=booking)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.BOOKED


def test_a_cancelled_booking_cannot_be_cancelled_again(svc, booking):
    actions.booking_cancel(actor=svc.worker_user, booking=booking)
    with pytest.raises(ValidationError, match="当前状态为「已取消」，不能取消"):
        actions.booking_cancel(actor=svc.worker_user, booking=booking)


def test_someone_elses_booking_cannot_be_cancelled(svc, booking, tree, personas):
    stranger = f.make_worker(tree.grassroots, "路人")
    with pytest.raises(PermissionDenied):
        actions.booking_cancel(actor=stranger.login.user, booking=booking)
    with pytest.raises(PermissionDenied):
        actions.booking_cancel(actor=personas.sibling, booking=booking)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.BOOKED


def test_provider_records_a_no_show_only_after_the_start(svc, booking, clock):
    with pytest.raises(ValidationError, match="尚未开始"):
        actions.booking_mark(actor=svc.counsellor_user, booking=booking, attended=False)
    clock(booking.starts_at + dt.timedelta(minutes=20))
    actions.booking_mark(actor=svc.counsellor_user, booking=booking, attended=False)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.NO_SHOW
    assert AuditEntry.objects.filter(action="booking.no_show", object_id=str(booking.pk)).exists()


def test_the_member_cannot_mark_their_own_attendance(svc, booking, clock):
    clock(booking.ends_at)
    with pytest.raises(PermissionDenied):
        actions.booking_mark(actor=svc.worker_user, booking=booking, attended=True)


def test_feedback_after_an_attended_session_once(svc, booking, clock):
    with pytest.raises(ValidationError, match="到访登记后才能评价"):
        actions.booking_feedback(actor=svc.worker_user, booking=booking, rating=5)
    clock(booking.ends_at)
    actions.booking_mark(actor=svc.counsellor_user, booking=booking, attended=True)
    with pytest.raises(ValidationError, match="1至5星"):
        actions.booking_feedback(actor=svc.worker_user, booking=booking, rating=6)
    actions.booking_feedback(actor=svc.worker_user, booking=booking, rating=4, comment="很有帮助")
    booking.refresh_from_db()
    assert (booking.rating, booking.feedback) == (4, "很有帮助")
    with pytest.raises(ValidationError, match="已评价过"):
        actions.booking_feedback(actor=svc.worker_user, booking=booking, rating=1)
    with pytest.raises(PermissionDenied):
        actions.booking_feedback(actor=svc.counsellor_user, booking=booking, rating=1)


def test_reminders_go_once_to_sessions_within_a_day(
    svc, booking, outbox, tree, django_capture_on_commit_callbacks
):
    later = f.book(
        f.make_worker(tree.grassroots, "孙五"), svc.counsellor, booking.starts_at + dt.timedelta(hours=1)
    )
    eve = booking.starts_at - dt.timedelta(hours=20)
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.bookings_remind(now=eve, ahead=dt.timedelta(hours=20, minutes=30)) == 1
    assert [n.kind for n in outbox] == ["reminder"] and "提醒" in outbox[0].text
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.bookings_remind(now=eve, ahead=dt.timedelta(hours=22)) == 1  # only the later one now
    assert outbox[-1].meta["booking"] == str(later.pk)
    assert actions.bookings_remind(now=eve, ahead=dt.timedelta(hours=22)) == 0


def test_the_remind_command_reports_what_it_sent(svc, booking, capsys):
    call_command("services_remind", hours=24 * 14)
    assert "已发送 1 条预约提醒" in capsys.readouterr().out
    booking.refresh_from_db()
    assert booking.reminded_at is not None and booking.reminded_at <= timezone.now()
