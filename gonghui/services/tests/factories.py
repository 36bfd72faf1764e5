"""Centres, providers, members with logins, bookings and cases made through the real actions,
and plain rows inside a given org for the scope walk."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.utils import timezone

from gonghui.accounts.actions import role_grant, user_create
from gonghui.accounts.models import User
from gonghui.conftest import PASSWORD
from gonghui.kernel.codes import id_number_make
from gonghui.members.actions import member_apply, member_approve, member_link_user
from gonghui.members.models import Member
from gonghui.members.tests.factories import member_in
from gonghui.orgs.models import Org
from gonghui.services import actions
from gonghui.services.models import (
    Article,
    Booking,
    Centre,
    Provider,
    ProviderKind,
    RightsCase,
    Room,
    Service,
    ServiceKind,
    Thread,
)

_seq = itertools.count(1)


def next_weekday(weekday: int, *, weeks: int = 1) -> dt.date:
    """The date of `weekday` (0 = Monday) in a coming week, never today."""
    today = timezone.localdate()
    return today + dt.timedelta(days=(weekday - today.weekday()) % 7 + 7 * (weeks - 1) or 7)


def at(day: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hh, mm)))


def make_user(username: str) -> User:
    return user_create(actor=None, username=username, password=PASSWORD, full_name=username)


def make_worker(
    org: Org, name: str = "林小青", *, username: str | None = None, phone: str = "13800138001"
) -> Member:
    """An approved member of `org` with their own login (role `member` there)."""
    n = next(_seq)
    member = member_apply(
        actor=None, org=org, name=name, id_number=id_number_make("440105", dt.date(1990, 1, 1) + dt.timedelta(days=n), n % 1000),
        phone=phone, on=dt.date(2020, 1, 1),
    )  # fmt: skip
    member = member_approve(actor=None, member=member, on=dt.date(2020, 1, 2))
    user = make_user(username or f"worker{n}")
    role_grant(actor=None, user=user, org=org, kind="member")
    member_link_user(actor=None, member=member, user=user)
    return member


def make_centre(
    org: Org, name: str = "心灵港湾职工心理咨询服务中心", *, supervisor: User | None = None
) -> Centre:
    return actions.centre_create(
        actor=None, org=org, name=name, address="新工人文化宫三楼", functions="心理咨询室、心理测评区",
        supervisor=supervisor,
    )  # fmt: skip


def make_service(centre: Centre, name: str = "个体心理咨询", kind: str = ServiceKind.COUNSELLING) -> Service:
    return actions.service_create(actor=None, centre=centre, kind=kind, name=name)


def make_room(centre: Centre, name: str = "心理咨询室一") -> Room:
    return actions.room_create(actor=None, centre=centre, name=name)


def make_provider(
    centre: Centre, name: str = "李心怡", *, kind: str = ProviderKind.COUNSELLOR, user: User | None = None,
    services: list[Service] | None = None, **extra: Any,
) -> Provider:  # fmt: skip
    services = services or list(centre.services.all()) or [make_service(centre)]
    return actions.provider_create(
        actor=None, centre=centre, kind=kind, name=name, user=user, services=services, **extra
    )


def weekly(
    provider: Provider, weekday: int, start: str = "09:00", end: str = "12:00", minutes: int = 60,
    room: Room | None = None, valid_from: dt.date | None = None,
) -> Any:  # fmt: skip
    return actions.schedule_add(
        actor=None, provider=provider, weekday=weekday, start=dt.time.fromisoformat(start),
        end=dt.time.fromisoformat(end), slot_minutes=minutes, room=room,
        valid_from=valid_from or timezone.localdate(),
    )  # fmt: skip


def book(
    member: Member, provider: Provider, starts_at: dt.datetime, actor: Any = None, **extra: Any
) -> Booking:
    """Booked by the member's own login unless another actor is given."""
    if actor is None:
        actor = member.login.user
    return actions.booking_create(
        actor=actor,
        member=member,
        provider=provider,
        service=provider.services.first(),
        starts_at=starts_at,
        **extra,
    )


def make_case(org: Org, *, actor: Any = None, **values: Any) -> RightsCase:
    values.setdefault("category", "wages")
    values.setdefault("summary", "某厂拖欠工资三个月。")
    values.setdefault("parties", 3)
    values.setdefault("intake_on", dt.date(2013, 3, 1))
    return actions.case_create(actor=actor, org=org, **values)


# ------------------------------------------------------------------------- the scope walk
# Plain rows, without audit rows: the walk counts any audit row on an outsider as a breach.


def centre_in(org: Org) -> Centre:
    centre, _ = Centre.objects.get_or_create(org=org, name=f"{org.name}服务中心")
    return centre


def provider_in(org: Org) -> Provider:
    centre = centre_in(org)
    service, _ = Service.objects.get_or_create(
        centre=centre, name="心理咨询", defaults={"kind": ServiceKind.COUNSELLING}
    )
    provider, made = Provider.objects.get_or_create(
        centre=centre, name="走查咨询师", defaults={"kind": ProviderKind.LAWYER}
    )
    if made:
        provider.services.add(service)
    return provider


def booking_in(org: Org) -> Booking:
    provider = provider_in(org)
    found = Booking.objects.filter(provider=provider).first()
    if found is not None:
        return found
    start = timezone.now() + dt.timedelta(days=2)
    return Booking.objects.create(
        centre=provider.centre, provider=provider, service=provider.services.first(), member=member_in(org),
        starts_at=start, ends_at=start + dt.timedelta(hours=1), channel=Booking.Channel.OFFICER,
    )  # fmt: skip


def thread_in(org: Org) -> Thread:
    provider = provider_in(org)
    found = Thread.objects.filter(provider=provider).first()
    return found or Thread.objects.create(
        centre=provider.centre,
        provider=provider,
        member=member_in(org),
        subject="走查咨询",
        last_at=timezone.now(),
    )


def article_in(org: Org) -> Article:
    centre = centre_in(org)
    found = Article.objects.filter(centre=centre).first()
    return found or Article.objects.create(
        centre=centre, category=Article.Category.MENTAL, title="走查文章", body="正文", published=True,
        published_at=timezone.now(),
    )  # fmt: skip


def case_in(org: Org) -> RightsCase:
    found = RightsCase.objects.filter(org=org).first()
    return found or RightsCase.objects.create(
        org=org,
        number=f"走查-{org.pk}",
        category="wages",
        intake_on=dt.date(2013, 3, 1),
        summary="走查",
        parties=2,
    )


# The scope walk's URL arguments (gonghui/core/tests/test_scope_walk.py): a maker of each, in an org.
WALK = {
    "centre_id": centre_in,
    "provider_id": provider_in,
    "booking_id": booking_in,
    "thread_id": thread_in,
    "knowledge_id": article_in,
    "case_id": case_in,
}
