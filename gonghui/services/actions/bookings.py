"""Bookings: a member books a free slot (or an officer books on the member's behalf), cancels,
is reminded; the provider records attendance or a no-show; the member rates the session.

No double booking: the action locks the provider's row and checks for overlaps in its
transaction (on SQLite, writers are serialised anyway); on PostgreSQL the exclusion constraints
of migration 0001 refuse any overlap that got past the check.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from gonghui.accounts.models import User
from gonghui.kernel import cleaning, scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused
from gonghui.members.choices import Status as MemberStatus
from gonghui.members.models import Member

from .. import notify
from ..models import Booking, Provider, Room, Service
from ..selectors import BOOKING_WINDOW_DAYS, booking_horizon, own_member, serves, slot_for
from ..workflow import BOOKING, member_of, transition
from ._common import Errors, gather, person, refuse

ANY = NON_FIELD_ERRORS
MAX_OPEN_BOOKINGS = 3
TAKEN = "该时段已被预约，请选择其他时段。"
ROOM_TAKEN = "该时段功能室已被占用，请选择其他时段。"


def _when(at: dt.datetime) -> str:
    return f"{timezone.localtime(at):%Y年%m月%d日 %H:%M}"


def _notice(booking: Booking, kind: str, text_: str) -> notify.Notice:
    member = booking.member
    login = getattr(member, "login", None)
    return notify.Notice(
        kind=kind, to_name=member.name, to_phone=member.phone or "", text=text_,
        user_id=login.user_id if login is not None else None, meta={"booking": str(booking.pk)},
    )  # fmt: skip


def _send_after_commit(notice: notify.Notice) -> None:
    transaction.on_commit(lambda: notify.send(notice))


@action
def booking_create(
    *, actor: User | None, member: Member, provider: Provider, service: Service, starts_at: dt.datetime,
    note: str = "", now: dt.datetime | None = None,
) -> Booking:  # fmt: skip
    """Book one of the provider's free slots for the member. The actor is the member (online)
    or an officer who may edit the member's union (on their behalf)."""
    now = now or timezone.now()
    channel = Booking.Channel.OFFICER
    if actor is not None:
        mine = own_member(actor)
        if mine is not None and mine.pk == member.pk:
            channel = Booking.Channel.ONLINE
        elif not scope.can(actor, "edit", member.org):
            raise PermissionDenied("该会员不在您的管辖范围内，不能代为预约。")
    provider = (
        Provider.objects.select_for_update(of=("self",)).select_related("centre__org").get(pk=provider.pk)
    )
    centre = provider.centre
    errors: Errors = {}
    if member.status != MemberStatus.ACTIVE:
        refuse(
            errors,
            ANY,
            f"{member.name}的会籍状态为「{member.get_status_display()}」，只有正常会籍的会员可以预约。",
        )
    if not centre.active or not provider.active:
        refuse(errors, ANY, "该中心或咨询师暂停服务。")
    if not serves(centre, member.org):
        refuse(errors, ANY, f"「{centre.name}」只为「{centre.org.name}」下辖工会的会员服务。")
    if service.centre_id != centre.pk or not provider.services.filter(pk=service.pk).exists():
        refuse(errors, "service", f"{provider.name}不提供「{service.name}」服务。")
    if starts_at <= now:
        refuse(errors, "starts_at", "不能预约已经过去或正在进行的时段。")
    elif starts_at > booking_horizon(now):
        refuse(errors, "starts_at", f"只能预约{BOOKING_WINDOW_DAYS}天以内的时段。")
    clean_note = gather(
        errors, cleaning.text, note, field="note", label="预约说明", max_length=200, required=False
    )
    if errors:
        raise Refused(errors)
    slot = slot_for(provider, starts_at)
    if slot is None:
        raise Refused(
            {
                "starts_at": gettext("%(name)s在%(value)s没有排班，请选择排班内的时段。")
                % {"name": provider.name, "value": _when(starts_at)}
            }
        )
    room = Room.objects.select_for_update().filter(pk=slot.room_id).first() if slot.room_id else None
    # The member's row last (provider → room → member, always in this order): their count of
    # coming sessions and their own overlaps are checked one booking at a time.
    Member.objects.select_for_update(of=("self",)).filter(pk=member.pk).first()
    holding = Booking.objects.filter(
        status__in=Booking.HOLDING, starts_at__lt=slot.ends_at, ends_at__gt=slot.starts_at
    )
    if holding.filter(provider=provider).exists():
        raise Refused(TAKEN, code="taken")
    if room is not None and holding.filter(room=room).exists():
        raise Refused(ROOM_TAKEN, code="taken")
    if holding.filter(member=member, status=Booking.Status.BOOKED).exists():
        raise Refused(gettext("%(name)s在该时段已有其他预约。") % {"name": member.name})
    if (
        Booking.objects.filter(member=member, status=Booking.Status.BOOKED, starts_at__gt=now).count()
        >= MAX_OPEN_BOOKINGS
    ):
        raise Refused(
            gettext("%(name)s已有%(MAX_OPEN_BOOKINGS)s个待进行的预约，请先完成或取消后再预约。")
            % {"name": member.name, "MAX_OPEN_BOOKINGS": MAX_OPEN_BOOKINGS}
        )
    try:
        with transaction.atomic():
            booking = Booking.objects.create(
                centre=centre, provider=provider, service=service, room=room, member=member,
                starts_at=slot.starts_at, ends_at=slot.ends_at, channel=channel, note=clean_note,
                booked_by=person(actor),
            )  # fmt: skip
    except IntegrityError as exc:  # the exclusion constraint (PostgreSQL) caught a race
        raise Refused(TAKEN, code="taken") from exc
    audit(
        actor=actor, action="booking.create", obj=booking, org=centre.org,
        detail={"provider": provider.name, "starts_at": _when(booking.starts_at), "service": service.name,
                "channel": booking.get_channel_display()},
    )  # fmt: skip
    where = f"，{room.name}" if room else ""
    _send_after_commit(
        _notice(
            booking,
            "confirmed",
            f"您已预约{centre.name}{provider.name}的{service.name}，时间{_when(booking.starts_at)}{where}。",
        )
    )
    return booking


def _locked(booking: Booking) -> Booking:
    return (
        Booking.objects.select_for_update(of=("self",))
        .select_related("centre__org", "provider", "member__org")
        .get(pk=booking.pk)
    )


@action
def booking_cancel(*, actor: User | None, booking: Booking, reason: str = "") -> Booking:
    """Cancel before the session starts: by the member, the centre, or the member's union for a
    session it booked (`workflow.BOOKING`); the member is told and the slot is free again."""
    booking = _locked(booking)
    BOOKING.check(actor, booking, "cancel")  # who may, before what they typed is read
    clean = cleaning.text(reason, field="reason", label="取消原因", max_length=200, required=False)
    booking.cancelled_at = timezone.now()
    booking.cancel_reason = clean
    transition(
        BOOKING, booking, "cancel", actor=actor, detail={"starts_at": _when(booking.starts_at), "reason": clean},
        extra_fields=("cancelled_at", "cancel_reason"),
    )  # fmt: skip
    _send_after_commit(
        _notice(
            booking, "cancelled", f"您{_when(booking.starts_at)}的{booking.provider.name}咨询预约已取消。"
        )
    )
    return booking


@action
def booking_mark(*, actor: User | None, booking: Booking, attended: bool) -> Booking:
    """The provider (or the centre) records, once the session has begun, whether the member
    came. A no-show counts against nothing automatically; it is on the record for the centre."""
    booking = _locked(booking)
    booking.marked_at = timezone.now()
    transition(
        BOOKING, booking, "attend" if attended else "no_show", actor=actor,
        detail={"starts_at": _when(booking.starts_at)}, extra_fields=("marked_at",),
    )  # fmt: skip
    return booking


@action
def booking_feedback(*, actor: User | None, booking: Booking, rating: int, comment: str = "") -> Booking:
    """The member rates a session they attended, once."""
    booking = _locked(booking)
    if actor is not None and not member_of(actor, booking):
        raise PermissionDenied("只有预约的会员本人可以评价。")
    errors: Errors = {}
    if not booking.awaits_feedback:
        refuse(
            errors, "rating", "您已评价过本次咨询。" if booking.rating is not None else "到访登记后才能评价。"
        )
    elif isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        refuse(errors, "rating", "满意度请在1至5星之间选择。")
    clean = gather(
        errors, cleaning.text, comment, field="comment", label="评价", max_length=500, required=False
    )
    if errors:
        raise Refused(errors)
    booking.rating, booking.feedback, booking.feedback_at = rating, clean, timezone.now()
    booking.save(update_fields=["rating", "feedback", "feedback_at"])
    audit(
        actor=actor, action="booking.feedback", obj=booking, org=booking.centre.org, detail={"rating": rating}
    )
    return booking


def bookings_remind(*, now: dt.datetime | None = None, ahead: dt.timedelta = dt.timedelta(hours=24)) -> int:
    """Remind members of sessions starting within `ahead`, once each (run from cron)."""
    now = now or timezone.now()
    sent = 0
    due = Booking.objects.filter(
        status=Booking.Status.BOOKED, reminded_at__isnull=True, starts_at__gt=now, starts_at__lte=now + ahead
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            booking = (
                Booking.objects.select_for_update(of=("self",))
                .select_related("centre__org", "provider", "room", "member")
                .filter(pk=pk, reminded_at__isnull=True, status=Booking.Status.BOOKED)
                .first()
            )
            if booking is None:
                continue
            booking.reminded_at = now
            booking.save(update_fields=["reminded_at"])
            audit(actor=None, action="booking.remind", obj=booking, org=booking.centre.org,
                  detail={"starts_at": _when(booking.starts_at)})  # fmt: skip
            where = f"（{booking.room.name}）" if booking.room else ""
            _send_after_commit(
                _notice(
                    booking,
                    "reminder",
                    f"提醒：您预约的{booking.centre.name}{booking.provider.name}咨询将于{_when(booking.starts_at)}开始{where}，"
                    "如不能前来请提前取消。",
                )
            )
        sent += 1
    return sent
