"""Applications, requests and places inside a given org, for the scope walk and the tests (any
level, bypassing rules where the walk needs a record the rules would not make there)."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.kernel.codes import id_number_make
from gonghui.members import keys
from gonghui.members.models import Member, MemberLogin
from gonghui.orgs.models import Org
from gonghui.portal.models import (
    Device,
    HelpRequest,
    JoinApplication,
    Place,
    Route,
    TradeRoute,
    Work,
    in_days,
)

_seq = itertools.count(1)


def _id_number() -> str:
    n = next(_seq)
    return id_number_make("440303", dt.date(1990, 1, 1) + dt.timedelta(days=n), 500 + n % 400)


def worker(username: str = "") -> User:
    return User.objects.create(username=username or f"walk-worker-{next(_seq)}")


def member_with_login(
    org: Org, *, name: str = "", user: User | None = None, phone: str = "13800000000"
) -> Member:
    number = _id_number()
    member = Member.objects.create(
        org=org, name=name or f"职工{next(_seq)}", id_number=number, id_number_bidx=keys.id_bidx(number),
        birth_date=dt.date(1990, 1, 1), sex="男", status="active", join_date=dt.date(2020, 1, 1),
        phone=phone, phone_bidx=keys.phone_bidx(phone),
    )  # fmt: skip
    MemberLogin.objects.create(user=user or worker(), member=member)
    return member


def application_in(org: Org) -> JoinApplication:
    found = JoinApplication.objects.filter(org=org).first()
    if found is not None:
        return found
    number = _id_number()
    return JoinApplication.objects.create(
        org=org, route=Route.EMPLOYER, user=worker(), name="申请人", sex="男", birth_date=dt.date(1990, 1, 1),
        id_number=number, id_number_bidx=keys.id_bidx(number), phone="13900000000",
        phone_bidx=keys.phone_bidx("13900000000"), work=Work.EMPLOYED, employer_name="某公司",
    )  # fmt: skip


def request_in(org: Org, *, overdue: bool = False) -> HelpRequest:
    found = HelpRequest.objects.filter(org=org).first()
    if found is not None and not overdue:
        return found
    member = member_with_login(org)
    return HelpRequest.objects.create(
        org=org, origin=org, member=member, user=member.login.user, category="wages", text="工资三个月未发",
        answer_by=timezone.now() - dt.timedelta(days=1) if overdue else in_days(5),
    )  # fmt: skip


def place_in(org: Org) -> Place:
    found = Place.objects.filter(org=org).first()
    if found is not None:
        return found
    return Place.objects.create(
        org=org, kind="outdoor", name=f"户外劳动者驿站{next(_seq)}", address="某路1号", division="440105",
        lng="113.3", lat="23.1", hours="全天",
    )  # fmt: skip


# The scope walk's URL arguments (gonghui/core/tests/test_scope_walk.py): a maker of each, in an org.
def trade_route_in(org: Org) -> TradeRoute:
    found = TradeRoute.objects.filter(org=org).first()
    if found is not None:
        return found
    return TradeRoute.objects.create(org=org, occupation="rider", receiving=org)


def device_in(org: Org) -> Device:
    """A remembered device of a worker of the union (nobody but that worker reaches it)."""
    user = member_with_login(org).login.user
    return Device.objects.create(user=user, key=f"{next(_seq):032x}", label="安卓手机 · 微信")


WALK = {
    "device_id": device_in,
    "application_id": application_in,
    "route_id": trade_route_in,
    "request_id": request_in,
    "place_id": place_in,
}
