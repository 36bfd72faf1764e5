"""Joining online (网上入会): the worker applies, the application is routed to the union that takes
them, that union approves (the register's own actions make the membership) or sends it back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from gonghui.accounts.actions import role_grant, user_create
from gonghui.accounts.models import User
from gonghui.kernel.actions import action, step_action
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused
from gonghui.kernel.workflow import transition
from gonghui.members import fields as member_fields
from gonghui.members import keys
from gonghui.members.actions import (
    holder_of,
    member_apply,
    member_approve,
    member_link_user,
    transfer_request,
)
from gonghui.members.models import Member
from gonghui.members.selectors import member_for_user
from gonghui.orgs.models import Level, Org
from gonghui.units.models import Unit

from ..models import JoinApplication, Occupation, Route, Work
from ..workflow import JOIN
from .cards import card_issue
from .routes import trade_route_for

OPEN_STATES = (JoinApplication.State.SUBMITTED, JoinApplication.State.RETURNED)


@dataclass(frozen=True)
class Destination:
    org: Org
    route: str
    unit: Unit | None = None


def _active(org: Org | None) -> Org | None:
    return org if org is not None and org.is_active else None


def join_route(
    *, work: str, employer_name: str = "", employer_credit_code: str = "", occupation: str = "",
    home: Org | None = None,
) -> Destination:  # fmt: skip
    """Where an application goes:
    - a worker with an employer: the union that covers the unit in the units register (its own
      enterprise union, or the joint or regional union that covers small firms); a unit with no
      union yet: the union whose ledger lists it (the street responsible for organising it);
    - a worker without a fixed employer (新就业形态): the union that the table of trade routes
      names for their occupation and the area where they live (the row of the nearest union above
      their street), else the street union where they live, as a floating member (流动会员);
    - an employer the register does not know: the street union where they live."""
    if work == Work.EMPLOYED:
        unit = None
        if employer_credit_code:
            unit = (
                Unit.objects.select_related("covering_org", "registered_org")
                .filter(credit_code=employer_credit_code)
                .first()
            )
        if unit is None and employer_name:
            unit = (
                Unit.objects.select_related("covering_org", "registered_org")
                .filter(name=employer_name, status="active")
                .order_by("id")
                .first()
            )
        if unit is not None and unit.is_active:
            covering = _active(unit.covering_org)
            if covering is not None:
                return Destination(covering, Route.EMPLOYER, unit)
            registered = _active(unit.registered_org)
            if registered is not None:
                return Destination(registered, Route.ORGANISER, unit)
        if home is not None:
            return Destination(home, Route.FLOATING, unit)
        raise Refused(
            {"employer_name": gettext("单位名录中没有找到该单位。请核对单位名称或统一社会信用代码，"
                              "或填写居住地街道，作为流动会员入会。")}
        )  # fmt: skip
    if home is None:
        raise Refused({"home": gettext("请选择居住地所在的街道（乡镇）。")})
    row = trade_route_for(occupation=occupation, home=home)
    if row is not None:
        return Destination(row.receiving, Route.INDUSTRY)
    return Destination(home, Route.FLOATING)


def _clean_person(name: Any, id_number: Any, phone: Any, errors: dict[str, str]) -> tuple[str, Any, str]:
    clean_name = member_fields.parsed(errors, "name", member_fields.parse_name, name)
    info = member_fields.parsed(errors, "id_number", member_fields.parse_id_number, id_number)
    clean_phone = member_fields.parsed(errors, "phone", member_fields.parse_phone, phone)
    if not clean_phone and "phone" not in errors:
        errors["phone"] = gettext("请填写手机号码。")
    return clean_name, info, clean_phone


def town_named(text: str) -> Org | None:
    """The street (town) union a worker names as where they live: 「赤岗街道」, 「海珠区赤岗街道」,
    「赤岗街道总工会」; None when they name none."""
    words = " ".join(str(text or "").split())
    if not words:
        return None
    core = words.removesuffix("总工会").removesuffix("工会")
    found = list(
        Org.objects.select_related("parent").filter(
            level=Level.TOWN, status="active", name__contains=core[-20:]
        )[:50]
    )
    if not found:
        # 「海珠区赤岗街道」: the district first, then the street.
        found = [
            o
            for o in Org.objects.select_related("parent").filter(level=Level.TOWN, status="active")[:5000]
            if o.name.removesuffix("总工会") in core
        ]
    if len(found) > 1:
        narrowed = [o for o in found if o.parent and o.parent.name.removesuffix("总工会")[-4:] in words]
        found = narrowed or found
    if len(found) == 1:
        return found[0]
    if not found:
        raise Refused(
            {
                "home": gettext(
                    "没有找到「%(words)s」的街道（乡镇）工会，请填写街道或乡镇名称，如“赤岗街道”。"
                )
                % {"words": words}
            }
        )
    names = "、".join(f"{o.parent.name if o.parent else ''}{o.name}" for o in found[:5])
    raise Refused(
        {
            "home": gettext(
                "有多个街道（乡镇）工会与「%(words)s」相符：%(names)s。请写上所在区县，如“海珠区赤岗街道”。"
            )
            % {"words": words, "names": names}
        }
    )


def _clean_work(values: dict[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    work = values.get("work") or ""
    if work not in Work.values:
        errors["work"] = gettext("请选择就业情况。")
    out: dict[str, Any] = {"work": work, "migrant_worker": bool(values.get("migrant_worker"))}
    for field, parse, more in (
        ("employer_name", member_fields.parse_short_text, {"label": "工作单位", "max_length": 100}),
        ("employer_credit_code", member_fields.parse_credit_code, {}),
        ("platform", member_fields.parse_short_text, {"label": "服务平台", "max_length": 50}),
    ):
        out[field] = member_fields.parsed(errors, field, parse, values.get(field), **more)
    occupation = values.get("occupation") or ""
    if work == Work.EMPLOYED:
        occupation = ""
        if (
            not out.get("employer_name")
            and not out.get("employer_credit_code")
            and "employer_name" not in errors
        ):
            errors["employer_name"] = gettext("请填写工作单位名称或统一社会信用代码。")
    elif work == Work.NEW_FORM and occupation not in Occupation.values:
        errors["occupation"] = gettext("请选择从事的职业。")
    out["occupation"] = occupation
    home = values.get("home")
    if isinstance(home, str):
        try:
            home = town_named(home)
        except Refused as exc:
            errors.update({k: v[0] for k, v in exc.message_dict.items()})
            home = None
    if home is not None and (home.level != Level.TOWN or not home.is_active):
        errors["home"] = gettext("请选择居住地所在的街道（乡镇）工会。")
    out["home"] = home
    return out


def _open_application(bidx: str) -> JoinApplication | None:
    return JoinApplication.objects.filter(id_number_bidx=bidx, state__in=OPEN_STATES).first()


def _verified(existing: Member, *, user: User | None, phone_bidx: str | None) -> bool:
    """The worker is the holder of that membership: their own login, or the phone on record."""
    mine = member_for_user(user=user) if user is not None else None
    return (mine is not None and mine.pk == existing.pk) or (
        bool(existing.phone_bidx) and existing.phone_bidx == phone_bidx
    )


@action
def join_submit(
    *, actor: User | None, name: Any, id_number: Any, phone: Any, password: str = "", **values: Any
) -> JoinApplication:
    """A worker applies to join. Signed in (`actor`), the application is theirs; new, they
    choose a password and their login (their mobile number) is made with the application.
    Someone already a member anywhere in the province is not given a second membership: when
    it is verifiably theirs, the application records it and offers a transfer instead."""
    errors: dict[str, str] = {}
    clean_name, info, clean_phone = _clean_person(name, id_number, phone, errors)
    work = _clean_work(values, errors)
    if errors:
        raise Refused(errors)
    bidx = keys.id_bidx(info.number)
    phone_bidx = keys.phone_bidx(clean_phone)
    if _open_application(bidx) is not None:
        raise Refused({"id_number": gettext("此身份证号已有一份办理中的网上入会申请，请勿重复提交。")})
    destination = join_route(
        work=work["work"], employer_name=work["employer_name"], employer_credit_code=work["employer_credit_code"],
        occupation=work["occupation"], home=work["home"],
    )  # fmt: skip
    user = actor if actor is not None and actor.is_authenticated else None
    mine = member_for_user(user=user) if user is not None else None
    if mine is not None and mine.id_number_bidx != bidx:
        raise Refused({"id_number": gettext("您的账号已关联会员档案，只能为本人申请。")})
    existing = holder_of(bidx)
    if existing is not None and not _verified(existing, user=user, phone_bidx=phone_bidx):
        raise Refused(
            {"id_number": gettext("此身份证号已在其他工会登记为会员，一人只能有一个会籍。请使用登记会籍时留下的"
                          "手机号码申请（可办理转会），或联系原工会。")}
        )  # fmt: skip
    if user is None:
        try:
            user = user_create(actor=None, username=clean_phone, password=password, full_name=clean_name)
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "username" in exc.error_dict:
                raise Refused({"phone": gettext("该手机号码已注册，请先登录后再申请。")}) from None
            raise Refused({"password": list(exc.messages)}) from None
    state = (
        JoinApplication.State.MEMBER_ELSEWHERE if existing is not None else JoinApplication.State.SUBMITTED
    )
    application = JoinApplication.objects.create(
        org=destination.org, route=destination.route, unit=destination.unit, user=user, name=clean_name,
        sex=info.sex, birth_date=info.birth_date, id_number=info.number, id_number_bidx=bidx,
        phone=clean_phone, phone_bidx=phone_bidx, existing=existing, state=state, **work,
    )  # fmt: skip
    audit(
        actor=user, action="portal.join.submit", obj=application, org=destination.org,
        detail={"name": clean_name, "route": application.get_route_display(), "member_elsewhere": existing is not None},
    )  # fmt: skip
    return application


def _locked(application: JoinApplication) -> JoinApplication:
    return (
        JoinApplication.objects.select_for_update(of=("self",))
        .select_related("org", "existing__org", "user")
        .get(pk=application.pk)
    )


def placement_refusal(application: JoinApplication, place_in: Org | None) -> str:
    """Members belong to a grassroots union: an application taken by a street union is placed in
    one of the grassroots unions under it (a joint or community union)."""
    if application.org.level == Level.GRASSROOTS:
        return ""
    if place_in is None:
        return "请选择会员所在的基层工会（本工会下属的联合工会、社区工会等）。"
    if place_in.level != Level.GRASSROOTS or not place_in.is_descendant_of(application.org):
        return f"会员只能编入「{application.org.name}」下属的基层工会。"
    if not place_in.is_active:
        return f"「{place_in.name}」{place_in.get_status_display()}。"
    return ""


@action
def join_approve(
    *,
    actor: User | None,
    application: JoinApplication,
    place_in: Org | None = None,
    on: dt.date | None = None,
) -> JoinApplication:
    """The union approves: the register's own actions register and approve the membership, the
    worker's login is linked to it, and their membership card is issued."""
    application = _locked(application)
    JOIN.check(actor, application, "approve")
    why = placement_refusal(application, place_in)
    if why:
        raise Refused({"place_in": why})
    org = application.org if application.org.level == Level.GRASSROOTS else place_in
    assert org is not None
    employer = application.employer_name or (
        f"{application.get_occupation_display()}（{application.platform or '无固定用人单位'}）"
        if application.work == Work.NEW_FORM
        else ""
    )
    member = member_apply(
        actor=actor, org=org, name=application.name, id_number=application.id_number, phone=application.phone,
        employer_name=employer[:100], employer_credit_code=application.employer_credit_code,
        migrant_worker=application.migrant_worker, note="网上入会申请", on=on,
    )  # fmt: skip
    member = member_approve(actor=actor, member=member, on=on, note="网上入会申请批准")
    if application.user is not None:
        role_grant(actor=None, user=application.user, org=org, kind="member")
        member_link_user(actor=None, member=member, user=application.user)
    card_issue(actor=None, member=member)
    application.member, application.decided_at, application.decided_by = member, timezone.now(), actor
    transition(
        JOIN, application, "approve", actor=actor, org=application.org,
        detail={"name": application.name, "to_org": org.name},
        extra_fields=("member", "decided_at", "decided_by"),
    )  # fmt: skip
    return application


@action
def join_send_back(*, actor: User | None, application: JoinApplication, reason: str) -> JoinApplication:
    """The union returns the application with the reason; the worker may correct and resubmit."""
    application = _locked(application)
    JOIN.check(actor, application, "send_back")
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise Refused({"reason": gettext("请填写退回理由。")})
    if len(reason) > 200:
        raise Refused({"reason": gettext("退回理由不能超过200个字。")})
    application.return_reason, application.decided_at, application.decided_by = reason, timezone.now(), actor
    transition(
        JOIN, application, "send_back", actor=actor, org=application.org, detail={"reason": reason},
        extra_fields=("return_reason", "decided_at", "decided_by"),
    )  # fmt: skip
    return application


@action
def join_resubmit(*, actor: User | None, application: JoinApplication, **values: Any) -> JoinApplication:
    """The worker corrects where they work (name and ID stay) and sends it again; routed anew."""
    application = _locked(application)
    JOIN.check(actor, application, "resubmit")
    errors: dict[str, str] = {}
    work = _clean_work(values, errors)
    if errors:
        raise Refused(errors)
    destination = join_route(
        work=work["work"], employer_name=work["employer_name"], employer_credit_code=work["employer_credit_code"],
        occupation=work["occupation"], home=work["home"],
    )  # fmt: skip
    for key, value in work.items():
        setattr(application, key, value)
    application.org, application.route, application.unit = (
        destination.org,
        destination.route,
        destination.unit,
    )
    application.return_reason, application.submitted_at = "", timezone.now()
    transition(
        JOIN, application, "resubmit", actor=actor, org=destination.org,
        detail={"route": application.get_route_display(), "to_org": destination.org.name},
        extra_fields=(*work, "org", "route", "unit", "return_reason", "submitted_at"),
    )  # fmt: skip
    return application


join_withdraw = step_action(JOIN, "withdraw", record="application", lock=_locked)


@action
def join_request_transfer(*, actor: User | None, application: JoinApplication) -> JoinApplication:
    """Already a member elsewhere: the worker asks to move their membership to the union their
    application was routed to; both unions then answer it in the register (members' transfers)."""
    application = _locked(application)
    JOIN.check(actor, application, "request_transfer")
    assert application.existing is not None
    # Asked by the worker, checked above; the register's request is the system's on their behalf.
    transfer = transfer_request(
        actor=None, member=application.existing, to_org=application.org, reason="本人通过网上入会申请转会"
    )
    application.transfer = transfer
    transition(
        JOIN, application, "request_transfer", actor=actor, org=application.org,
        detail={"from_org": application.existing.org.name, "to_org": application.org.name},
        extra_fields=("transfer",),
    )  # fmt: skip
    return application


def joins_follow_merge(*, source: Org, target: Org, actor: Any, on: Any, **_: Any) -> int:
    moved = JoinApplication.objects.filter(org=source).update(org=target)
    JoinApplication.objects.filter(home=source).update(home=target if target.level == Level.TOWN else None)
    return moved


def joins_follow_dissolution(*, org: Org, **_: Any) -> int:
    """Applications waiting at a dissolved union go to the union above it."""
    if org.parent_id is None:
        return 0
    return JoinApplication.objects.filter(Q(org=org) & Q(state__in=OPEN_STATES)).update(org_id=org.parent_id)
