"""Centres, rooms, services, providers, schedules, exceptions and holidays."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils.translation import gettext

from gonghui.accounts.models import User
from gonghui.kernel import cleaning, scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused
from gonghui.orgs.models import Org
from gonghui.units.models import Unit

from ..models import (
    WEEKDAYS,
    Booking,
    Centre,
    Holiday,
    Provider,
    ProviderKind,
    Room,
    ScheduleException,
    Service,
    ServiceKind,
    WeeklySchedule,
)
from ..selectors import counsels_at, day_start
from ..slots import overlaps
from ._common import Errors, gather

WEEKDAY_LABELS = dict(WEEKDAYS)
MIN_SLOT, MAX_SLOT = 10, 240


def _supervisor_refusal(actor: User | None, org: Org, supervisor: User | None) -> str:
    """Why this person may not supervise the centres of `org` ("" when they may). A supervisor
    reads every consultation of the centre: a counsellor (在岗) of a centre of that union itself,
    never someone who names themselves."""
    if supervisor is None:
        return ""
    if actor is not None and supervisor.pk == actor.pk:
        return "不能指定自己为督导：督导可查阅本中心的全部在线咨询，须由管理员另行指定。"
    if not counsels_at(supervisor, org):
        return (
            f"「{supervisor.display_name}」不是「{org.name}」的心理咨询师，不能担任督导：督导须是本工会"
            "服务中心在岗的心理咨询师（先在中心添加为心理咨询师并关联其登录账号）。"
        )
    return ""


@action
def centre_create(
    *, actor: User | None, org: Org, name: str, address: str = "", phone: str = "", functions: str = "",
    intro: str = "", supervisor: User | None = None,
) -> Centre:  # fmt: skip
    scope.require(actor, "edit", org)
    errors: Errors = {}
    clean_name = gather(errors, cleaning.text, name, field="name", label="中心名称", max_length=100)
    values = {
        "address": gather(
            errors, cleaning.text, address, field="address", label="地址", max_length=200, required=False
        ),
        "phone": gather(
            errors, cleaning.text, phone, field="phone", label="服务电话", max_length=40, required=False
        ),
        "functions": gather(
            errors,
            cleaning.text,
            functions,
            field="functions",
            label="功能设置",
            max_length=300,
            required=False,
        ),
    }
    if clean_name and Centre.objects.filter(org=org, name=clean_name).exists():
        errors["name"] = [f"「{org.name}」已有名为「{clean_name}」的服务中心。"]
    if not org.is_active:
        errors["org"] = [f"「{org.name}」{org.get_status_display()}，不能设立服务中心。"]
    why = _supervisor_refusal(actor, org, supervisor)
    if why:
        errors["supervisor"] = [why]
    if errors:
        raise Refused(errors)
    centre = Centre.objects.create(
        org=org, name=clean_name, intro=(intro or "").strip(), supervisor=supervisor, **values
    )
    audit(actor=actor, action="centre.create", obj=centre, org=org, detail={"name": centre.name})
    return centre


@action
def centre_set_supervisor(*, actor: User | None, centre: Centre, supervisor: User | None) -> Centre:
    """The supervisor (督导) reads the centre's consultation threads; each read is audited. Only
    a counsellor of the centre's own union, and not the person appointing (`_supervisor_refusal`)."""
    scope.require(actor, "manage", centre.org)
    why = _supervisor_refusal(actor, centre.org, supervisor)
    if why:
        raise Refused({"supervisor": why})
    before = centre.supervisor.username if centre.supervisor else ""
    centre.supervisor = supervisor
    centre.save(update_fields=["supervisor"])
    audit(
        actor=actor, action="centre.supervisor", obj=centre, org=centre.org,
        detail={"before": {"user": before}, "after": {"user": supervisor.username if supervisor else ""}},
    )  # fmt: skip
    return centre


def _new_name(
    errors: Errors, model: type[Room] | type[Service], centre: Centre, name: str, *, label: str, taken: str
) -> str:
    """A room's or a service's name, which no other of the centre's may bear (`taken` says so)."""
    clean = gather(errors, cleaning.text, name, field="name", label=label, max_length=50)
    if clean and model.objects.filter(centre=centre, name=clean).exists():
        errors["name"] = [taken.format(clean)]
    return clean


@action
def room_create(*, actor: User | None, centre: Centre, name: str, purpose: str = "") -> Room:
    scope.require(actor, "edit", centre.org)
    errors: Errors = {}
    clean = _new_name(errors, Room, centre, name, label="房间名称", taken="本中心已有「{}」。")
    clean_purpose = gather(
        errors, cleaning.text, purpose, field="purpose", label="用途", max_length=100, required=False
    )
    if errors:
        raise Refused(errors)
    room = Room.objects.create(centre=centre, name=clean, purpose=clean_purpose)
    audit(actor=actor, action="room.create", obj=room, org=centre.org, detail={"name": room.name})
    return room


@action
def service_create(
    *, actor: User | None, centre: Centre, kind: str, name: str, description: str = ""
) -> Service:
    scope.require(actor, "edit", centre.org)
    errors: Errors = {}
    if kind not in ServiceKind.values:
        errors["kind"] = ["请选择服务类别。"]
    clean = _new_name(errors, Service, centre, name, label="服务名称", taken="本中心已有「{}」服务。")
    desc = gather(
        errors, cleaning.text, description, field="description", label="说明", max_length=300, required=False
    )
    if errors:
        raise Refused(errors)
    service = Service.objects.create(centre=centre, kind=kind, name=clean, description=desc)
    audit(actor=actor, action="service.create", obj=service, org=centre.org, detail={"name": service.name})
    return service


@action
def provider_create(
    *, actor: User | None, centre: Centre, kind: str, name: str, title: str = "", bio: str = "",
    user: User | None = None, services: Sequence[Service] = (), units: Sequence[Unit] = (),
) -> Provider:  # fmt: skip
    scope.require(actor, "edit", centre.org)
    errors: Errors = {}
    if kind not in ProviderKind.values:
        errors["kind"] = ["请选择类型（心理咨询师或律师）。"]
    clean = gather(errors, cleaning.text, name, field="name", label="姓名", max_length=50)
    clean_title = gather(
        errors, cleaning.text, title, field="title", label="资质", max_length=100, required=False
    )
    if not services:
        errors["services"] = ["请至少选择一项服务。"]
    if any(s.centre_id != centre.pk for s in services):
        errors["services"] = ["只能选择本中心的服务项目。"]
    if units and kind != ProviderKind.LAWYER:
        errors["units"] = ["只有律师挂钩联系企业（律师入企）。"]
    for unit in units:
        if actor is not None and not _can_see(actor, unit.org):
            errors["units"] = ["只能挂钩您管辖范围内的企业。"]
    if user is not None and Provider.objects.filter(centre=centre, user=user).exists():
        errors["user"] = [f"账号「{user.username}」已是本中心的咨询师/律师。"]
    if errors:
        raise Refused(errors)
    provider = Provider.objects.create(
        centre=centre, kind=kind, name=clean, title=clean_title, bio=(bio or "").strip(), user=user
    )
    provider.services.set(services)
    provider.units.set(units)
    audit(
        actor=actor, action="provider.create", obj=provider, org=centre.org,
        detail={"name": provider.name, "kind_": provider.get_kind_display(), "units": [u.name for u in units]},
    )  # fmt: skip
    return provider


def _can_see(actor: User, org: Org) -> bool:
    return scope.can(actor, "view", org)


@action
def provider_set_units(*, actor: User | None, provider: Provider, units: Sequence[Unit]) -> Provider:
    """The enterprises a lawyer is linked to (律师入企)."""
    scope.require(actor, "edit", provider.centre.org)
    if provider.kind != ProviderKind.LAWYER:
        raise Refused({"units": gettext("只有律师挂钩联系企业（律师入企）。")})
    if actor is not None and any(not _can_see(actor, u.org) for u in units):
        raise Refused({"units": gettext("只能挂钩您管辖范围内的企业。")})
    before = sorted(provider.units.values_list("name", flat=True))
    provider.units.set(units)
    audit(
        actor=actor, action="provider.units", obj=provider, org=provider.centre.org,
        detail={"before": {"units": before}, "after": {"units": sorted(u.name for u in units)}},
    )  # fmt: skip
    return provider


def _room_check(errors: Errors, room: Room | None, provider: Provider) -> None:
    if room is not None and room.centre_id != provider.centre_id:
        errors["room"] = ["只能选择本中心的功能室。"]


def _slot_check(errors: Errors, start: dt.time, end: dt.time, minutes: int) -> None:
    if end <= start:
        errors["end"] = ["结束时间应晚于开始时间。"]
    elif not MIN_SLOT <= minutes <= MAX_SLOT:
        errors["slot_minutes"] = [f"每次时长应在{MIN_SLOT}至{MAX_SLOT}分钟之间。"]
    else:
        span = (dt.datetime.combine(dt.date.min, end) - dt.datetime.combine(dt.date.min, start)).seconds // 60
        if span < minutes:
            errors["slot_minutes"] = [f"该时段只有{span}分钟，排不下一次{minutes}分钟的咨询。"]


def _periods_meet(a_from: dt.date, a_to: dt.date | None, b_from: dt.date, b_to: dt.date | None) -> bool:
    return (a_to is None or b_from <= a_to) and (b_to is None or a_from <= b_to)


@action
def schedule_add(
    *, actor: User | None, provider: Provider, weekday: int, start: dt.time, end: dt.time, slot_minutes: int,
    valid_from: dt.date | None = None, valid_to: dt.date | None = None, room: Room | None = None,
) -> WeeklySchedule:  # fmt: skip
    """Regular weekly hours. Refused when they overlap the provider's own hours, or the room's
    hours given to someone else, on the same weekday in an overlapping period."""
    scope.require(actor, "edit", provider.centre.org)
    Provider.objects.select_for_update().filter(pk=provider.pk).first()
    valid_from = valid_from or cleaning.today()
    errors: Errors = {}
    if weekday not in WEEKDAY_LABELS:
        errors["weekday"] = ["请选择星期几。"]
    _slot_check(errors, start, end, slot_minutes)
    _room_check(errors, room, provider)
    if valid_to is not None and valid_to < valid_from:
        errors["valid_to"] = ["截止日期不能早于起始日期。"]
    if not errors:
        same_day = WeeklySchedule.objects.filter(weekday=weekday).select_related("provider")
        for other in same_day.filter(provider=provider):
            if overlaps(start, end, other.start, other.end) and _periods_meet(
                valid_from, valid_to, other.valid_from, other.valid_to
            ):
                errors["start"] = [f"与已有排班（{other}）重叠，请调整时间。"]
                break
        if room is not None and "start" not in errors:
            for other in same_day.filter(room=room).exclude(provider=provider):
                if overlaps(start, end, other.start, other.end) and _periods_meet(
                    valid_from, valid_to, other.valid_from, other.valid_to
                ):
                    errors["room"] = [f"「{room.name}」在该时段已排给{other.provider.name}（{other}）。"]
                    break
    if errors:
        raise Refused(errors)
    schedule = WeeklySchedule.objects.create(
        provider=provider, weekday=weekday, start=start, end=end, slot_minutes=slot_minutes, room=room,
        valid_from=valid_from, valid_to=valid_to,
    )  # fmt: skip
    audit(
        actor=actor, action="schedule.add", obj=provider, org=provider.centre.org,
        detail={"hours": str(schedule), "room": room.name if room else "", "valid_from": str(valid_from)},
    )  # fmt: skip
    return schedule


@action
def schedule_end(
    *, actor: User | None, schedule: WeeklySchedule, on: dt.date | None = None
) -> WeeklySchedule:
    """Stop regular hours after `on` (default today); booked sessions stay booked."""
    provider = schedule.provider
    scope.require(actor, "edit", provider.centre.org)
    on = on or cleaning.today()
    if on < schedule.valid_from:
        on = schedule.valid_from
    schedule.valid_to = on
    schedule.save(update_fields=["valid_to"])
    audit(
        actor=actor, action="schedule.end", obj=provider, org=provider.centre.org,
        detail={"hours": str(schedule), "on": str(on)},
    )  # fmt: skip
    return schedule


def _bookings_between(provider: Provider, start: dt.datetime, end: dt.datetime) -> int:
    return Booking.objects.filter(
        provider=provider, status=Booking.Status.BOOKED, starts_at__lt=end, ends_at__gt=start
    ).count()


@action
def exception_add(
    *, actor: User | None, provider: Provider, on: dt.date, start: dt.time, end: dt.time, extra: bool,
    slot_minutes: int = 50, room: Room | None = None, note: str = "",
) -> ScheduleException:  # fmt: skip
    """Hours added (加开) or cancelled (停诊) on one date. Cancelling hours with sessions booked
    in them is refused: the members are told first (cancel their bookings)."""
    scope.require(actor, "edit", provider.centre.org)
    Provider.objects.select_for_update().filter(pk=provider.pk).first()
    errors: Errors = {}
    if on < cleaning.today():
        errors["on"] = ["不能调整已经过去的日期。"]
    _slot_check(errors, start, end, slot_minutes if extra else MIN_SLOT)
    _room_check(errors, room, provider)
    clean_note = gather(
        errors, cleaning.text, note, field="note", label="说明", max_length=100, required=False
    )
    if not errors and not extra:
        tz = day_start(on).tzinfo
        n = _bookings_between(
            provider, dt.datetime.combine(on, start, tzinfo=tz), dt.datetime.combine(on, end, tzinfo=tz)
        )
        if n:
            errors["start"] = [f"该时段已有{n}个预约，请先通知会员并取消预约，再登记停诊。"]
    if errors:
        raise Refused(errors)
    kind = ScheduleException.Kind.EXTRA if extra else ScheduleException.Kind.CANCELLED
    change = ScheduleException.objects.create(
        provider=provider, on=on, start=start, end=end, kind=kind, slot_minutes=slot_minutes, room=room,
        note=clean_note,
    )  # fmt: skip
    audit(
        actor=actor,
        action="schedule.exception",
        obj=provider,
        org=provider.centre.org,
        detail={"hours": str(change)},
    )
    return change


@action
def holiday_add(*, actor: User | None, centre: Centre, on: dt.date, name: str) -> Holiday:
    scope.require(actor, "edit", centre.org)
    errors: Errors = {}
    clean = gather(errors, cleaning.text, name, field="name", label="名称", max_length=50)
    if on < cleaning.today():
        errors["on"] = ["不能登记已经过去的日期。"]
    elif Holiday.objects.filter(centre=centre, on=on).exists():
        errors["on"] = [f"{on:%Y-%m-%d} 已登记为闭馆日。"]
    else:
        n = Booking.objects.filter(
            centre=centre, status=Booking.Status.BOOKED, starts_at__gte=day_start(on),
            starts_at__lt=day_start(on + dt.timedelta(days=1)),
        ).count()  # fmt: skip
        if n:
            errors["on"] = [f"当天已有{n}个预约，请先通知会员并取消预约，再登记闭馆。"]
    if errors:
        raise Refused(errors)
    holiday = Holiday.objects.create(centre=centre, on=on, name=clean)
    audit(
        actor=actor, action="holiday.add", obj=centre, org=centre.org, detail={"on": str(on), "name": clean}
    )
    return holiday
