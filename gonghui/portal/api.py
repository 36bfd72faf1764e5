"""The worker's side of the portal over REST (and an officer's card scan), on the same selectors
and actions as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import login as auth_login
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import gettext
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.utils import check_csrf

from gonghui.accounts import actions as accounts
from gonghui.accounts.models import User
from gonghui.accounts.sessions import BACKEND
from gonghui.kernel import scope
from gonghui.kernel.errors import Refused
from gonghui.kernel.masking import mask_phone
from gonghui.kernel.registry import registry
from gonghui.kernel.schemas import abilities_of
from gonghui.kernel.web import AuthedRequest, RecordId
from gonghui.members.selectors import member_for_user
from gonghui.orgs.models import Org

from . import actions, selectors
from .abilities import (
    card_abilities,
    join_abilities,
    portal_abilities,
    request_abilities,
    trade_route_abilities,
)
from .actions.cards import token_seconds
from .actions.signin import RESEND_SECONDS, signin_code_check, signin_code_send
from .models import Card, Device, HelpRequest, JoinApplication, TradeRoute
from .views import PENDING, device_pending, device_remembered

router = Router(tags=["会员服务"])


# ------------------------------------------------------------------------------ sign-in
# The sign-in page's steps over the API, on the same actions (a code sent to the mobile, a
# password, the code for a device not seen before), rate-limited by them and by the lockout as the
# pages are, and ending in the same session. They need no session, but do check the CSRF token as
# every other write of the API: a page elsewhere must not sign a browser in to someone else's
# account. The token comes from GET /signin/csrf, and anew with each sign-in (it changes then).


def _csrf(request: HttpRequest) -> None:
    if check_csrf(request):
        raise HttpError(403, "CSRF check Failed")


def _signed_in(request: HttpRequest, user: User, response: HttpResponse | None = None) -> dict[str, Any]:
    if response is not None:  # a code was given: this device is remembered, as on the page
        device_remembered(request, user, response)
    return {"name": user.display_name, "csrftoken": get_token(request)}


class CsrfOut(Schema):
    csrftoken: str = Field(..., description="放在 X-CSRFToken 请求头中（同时设置 csrftoken Cookie）")


class PhoneIn(Schema):
    phone: str = Field(..., max_length=30)


class CodeIn(PhoneIn):
    code: str = Field(..., max_length=20)


class PasswordIn(Schema):
    username: str = Field(..., max_length=150)
    password: str = Field(..., max_length=4096)


class DeviceCodeIn(Schema):
    code: str = Field(..., max_length=20)


class CodeSentOut(Schema):
    detail: str
    resend_after: int = Field(..., description="多少秒后可再次获取")


class SignedInOut(Schema):
    name: str
    csrftoken: str = Field(..., description="登录后新的 CSRF 令牌")


class DeviceStepOut(Schema):
    detail: str
    phone: str = Field(..., description="验证码发送到的手机号码（隐去中间四位）")
    note: str = Field("", description="验证码未能发送等情况的说明")


@router.get("/signin/csrf", response=CsrfOut, auth=None, summary="登录前获取 CSRF 令牌")
def signin_csrf(request: HttpRequest) -> dict[str, Any]:
    return {"csrftoken": get_token(request)}


@router.post("/signin/code", response=CodeSentOut, auth=None, summary="获取短信登录验证码")
def signin_code(request: HttpRequest, payload: PhoneIn) -> dict[str, Any]:
    _csrf(request)
    signin_code_send(phone=payload.phone)
    return {
        "detail": gettext("如该号码已登记，验证码已发送，5分钟内有效。"),
        "resend_after": RESEND_SECONDS,
    }


@router.post("/signin", response=SignedInOut, auth=None, summary="用短信验证码登录（记住本设备）")
def signin(request: HttpRequest, response: HttpResponse, payload: CodeIn) -> dict[str, Any]:
    _csrf(request)
    user = signin_code_check(phone=payload.phone, code=payload.code)
    auth_login(request, user, backend=BACKEND)
    return _signed_in(request, user, response)


@router.post(
    "/signin/password", response={200: SignedInOut, 202: DeviceStepOut}, auth=None,
    summary="用密码登录（新设备须再输入发送到手机的验证码：202）",
)  # fmt: skip
def signin_password(request: HttpRequest, payload: PasswordIn) -> Any:
    _csrf(request)
    user = accounts.login_attempt(request=request, username=payload.username, password=payload.password)
    if user is None:  # counted by the lockout, as on the page
        raise Refused({"password": gettext(accounts.LOGIN_REFUSED)})
    if accounts.login_further_step(request=request, user=user, next_url="/") is not None:
        found = device_pending(request)
        if found is None:  # a step the API does not take
            raise Refused({"password": gettext("请在网页上登录。")})
        pending, _user, phone = found
        return Status(202, {
            "detail": gettext("您第一次在这台设备上登录。为保护您的账号，验证码已发送至 %(phone)s，5分钟内有效。")
            % {"phone": mask_phone(phone)},
            "phone": mask_phone(phone), "note": pending.get("note", ""),
        })  # fmt: skip
    auth_login(request, user)
    return _signed_in(request, user)


@router.post("/signin/device/code", response=CodeSentOut, auth=None, summary="新设备登录：重新获取验证码")
def signin_device_code(request: HttpRequest) -> dict[str, Any]:
    _csrf(request)
    found = device_pending(request)
    if found is None:
        raise Refused({"code": gettext("登录已超时，请重新登录。")})
    actions.device_code_send(user=found[1])
    return {"detail": gettext("验证码已重新发送。"), "resend_after": RESEND_SECONDS}


@router.post("/signin/device", response=SignedInOut, auth=None, summary="新设备登录：输入发送到手机的验证码")
def signin_device(request: HttpRequest, response: HttpResponse, payload: DeviceCodeIn) -> dict[str, Any]:
    _csrf(request)
    found = device_pending(request)
    if found is None:
        request.session.pop(PENDING, None)
        raise Refused({"code": gettext("登录已超时，请重新登录。")})
    pending, user, _phone = found
    actions.device_code_check(user=user, code=payload.code)
    request.session.pop(PENDING, None)
    auth_login(request, user, backend=pending["backend"])
    return _signed_in(request, user, response)


class CardOut(Schema):
    number: str
    name: str
    org_name: str
    state: str
    token: str = Field("", description="二维码内容：签名的时效令牌，不含个人信息")
    expires_in: int = Field(0, description="令牌有效秒数")


class MeOut(Schema):
    member_name: str | None
    org_name: str | None
    status: str | None
    card: CardOut | None
    abilities: list[str]


def _card_out(user: Any, card: Card | None) -> dict[str, Any] | None:
    if card is None:
        return None
    show = card_abilities(user, card).show
    return {
        "number": card.number, "name": card.member.name, "org_name": card.member.org.name,
        "state": card.state, "token": actions.card_token(card) if show else "",
        "expires_in": token_seconds() if show else 0,
    }  # fmt: skip


@router.get("/me", response=MeOut, summary="我的会员服务：会籍、会员服务卡（含二维码令牌）")
def me(request: AuthedRequest) -> dict[str, Any]:
    member = member_for_user(user=request.user)
    return {
        "member_name": member.name if member else None,
        "org_name": member.org.name if member else None,
        "status": member.status if member else None,
        "card": _card_out(request.user, selectors.card_for_user(user=request.user)),
        "abilities": portal_abilities(request.user).names(),
    }


@router.post("/card", response={201: CardOut}, summary="申领或补发会员服务卡（之前出示的二维码随即作废）")
def card_issue(request: AuthedRequest) -> Status[dict[str, Any] | None]:
    card = actions.card_issue(actor=request.user, member=member_for_user(user=request.user))
    return Status(201, _card_out(request.user, card))


class LineOut(Schema):
    text: str
    url: str
    note: str


class PanelOut(Schema):
    key: str
    title: str
    lines: list[LineOut]
    url: str
    empty: str


@router.get("/mine", response=list[PanelOut], summary="我的事项：会籍、申请、预约、活动、培训等，各模块汇总")
def mine(request: AuthedRequest) -> list[dict[str, Any]]:
    return [
        {"key": p.key, "title": str(p.title), "url": p.url, "empty": str(p.empty),
         "lines": [{"text": str(line.text), "url": line.url, "note": str(line.note)} for line in p.lines]}
        for p in registry.panels(request.user)
    ]  # fmt: skip


class OfferOut(Schema):
    key: str
    kind: str
    title: str
    url: str
    org: str
    when: str
    place: str
    note: str


@router.get("/offers", response=list[OfferOut], summary="我可以参加的普惠服务与活动")
def offers(request: AuthedRequest) -> list[dict[str, Any]]:
    return [
        {"key": o.key, "kind": str(o.kind), "title": o.title, "url": o.url, "org": o.org,
         "when": str(o.when or ""), "place": o.place, "note": o.note}
        for o in registry.offers(request.user)
    ]  # fmt: skip


class JoinIn(Schema):
    name: str
    id_number: str
    phone: str
    work: str = Field(..., description="employed（有固定工作单位）或 new_form（新就业形态）")
    employer_name: str = ""
    employer_credit_code: str = ""
    occupation: str = Field("", description="rider/driver/courier/trucker/domestic/other")
    platform: str = ""
    home_id: int | None = Field(None, ge=1, le=2**63 - 1, description="居住地街道（乡镇）工会")
    migrant_worker: bool = False


class JoinOut(Schema):
    id: int
    name: str
    org_name: str = Field(..., alias="org.name")
    route: str
    route_label: str = Field(..., alias="get_route_display")
    state: str
    state_label: str = Field(..., alias="get_state_display")
    return_reason: str
    submitted_at: dt.datetime
    abilities: list[str]

    resolve_abilities = abilities_of(join_abilities)


def _home(home_id: int | None) -> Org | None:
    home = selectors.towns().filter(pk=home_id).first() if home_id else None
    if home_id and home is None:
        raise Refused({"home_id": gettext("请选择居住地所在的街道（乡镇）工会。")})
    return home


@router.post("/joins", response={201: JoinOut}, summary="网上入会申请（已登录的职工）")
def join_submit(request: AuthedRequest, payload: JoinIn) -> Status[JoinApplication]:
    data = payload.dict()
    home = _home(data.pop("home_id"))
    return Status(201, actions.join_submit(actor=request.user, home=home, **data))


class NewJoinIn(JoinIn):
    password: str = Field(..., max_length=4096, description="登录密码（至少12位）：以手机号码或身份证号登录")


class JoinedOut(JoinOut):
    csrftoken: str = Field(..., description="登录后新的 CSRF 令牌")

    @staticmethod
    def resolve_csrftoken(application: JoinApplication, context: dict[str, Any]) -> str:
        return get_token(context["request"])


@router.post(
    "/join", response={201: JoinedOut}, auth=None,
    summary="网上入会（未登录的职工：同时开通账号并登录，如网页上一样）",
)  # fmt: skip
def join_new(request: HttpRequest, payload: NewJoinIn) -> Status[JoinApplication]:
    _csrf(request)
    data = payload.dict()
    home = _home(data.pop("home_id"))
    actor = request.user if isinstance(request.user, User) else None
    application = actions.join_submit(actor=actor, home=home, **data)
    if actor is None and application.user is not None:
        auth_login(request, application.user, backend=BACKEND)
    return Status(201, application)


@router.get("/joins", response=list[JoinOut], summary="我的入会申请")
def my_joins(request: AuthedRequest) -> list[JoinApplication]:
    return list(selectors.my_joins(user=request.user)[:50])


@router.get("/joins/{application_id}", response=JoinOut, summary="入会申请")
def join_detail(request: AuthedRequest, application_id: RecordId) -> JoinApplication:
    return selectors.join_get_for_actor(actor=request.user, pk=application_id)


@router.post("/joins/{application_id}/transfer", response=JoinOut, summary="已是其他工会会员：申请转会")
def join_transfer(request: AuthedRequest, application_id: RecordId) -> JoinApplication:
    application = selectors.join_get_for_actor(actor=request.user, pk=application_id)
    return actions.join_request_transfer(actor=request.user, application=application)


class RequestIn(Schema):
    category: str = Field(..., description="wages/injury/contract/hardship/other")
    text: str
    anonymous: bool = False


class AnswerOut(Schema):
    text: str
    org_name: str = Field(..., alias="org.name")
    due_on: dt.date | None
    at: dt.datetime


class RequestOut(Schema):
    id: int
    category: str
    category_label: str = Field(..., alias="get_category_display")
    text: str
    anonymous: bool
    state: str
    state_label: str = Field(..., alias="get_state_display")
    org_name: str = Field(..., alias="org.name")
    submitted_at: dt.datetime
    answer_by: dt.datetime
    escalations: int
    rating: int | None
    answers: list[AnswerOut]
    abilities: list[str]

    @staticmethod
    def resolve_answers(obj: HelpRequest) -> list[Any]:
        return list(obj.answers.select_related("org"))

    resolve_abilities = abilities_of(request_abilities)


@router.post("/requests", response={201: RequestOut}, summary="提出诉求")
def request_submit(request: AuthedRequest, payload: RequestIn) -> Status[HelpRequest]:
    return Status(201, actions.request_submit(actor=request.user, **payload.dict()))


@router.get("/requests", response=list[RequestOut], summary="我的诉求")
def my_requests(request: AuthedRequest) -> list[HelpRequest]:
    return list(selectors.my_requests(user=request.user)[:100])


@router.get("/requests/{request_id}", response=RequestOut, summary="诉求")
def request_detail(request: AuthedRequest, request_id: RecordId) -> HelpRequest:
    return selectors.request_get_for_actor(actor=request.user, pk=request_id)


@router.post("/requests/{request_id}/escalate", response=RequestOut, summary="逾期未答复：上报上级工会")
def request_escalate(request: AuthedRequest, request_id: RecordId) -> HelpRequest:
    r = selectors.request_get_for_actor(actor=request.user, pk=request_id)
    return actions.request_escalate(actor=request.user, request=r)


class RateIn(Schema):
    rating: int = Field(..., ge=1, le=5)
    note: str = ""


@router.post("/requests/{request_id}/rate", response=RequestOut, summary="评价办理结果")
def request_rate(request: AuthedRequest, request_id: RecordId, payload: RateIn) -> HelpRequest:
    r = selectors.request_get_for_actor(actor=request.user, pk=request_id)
    return actions.request_rate(actor=request.user, request=r, rating=payload.rating, note=payload.note)


class PlaceOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    address: str
    lng: float
    lat: float
    hours: str
    services: str
    phone: str
    km: float | None


@router.get("/places", response=list[PlaceOut], summary="附近的服务阵地（按位置或区县）")
def places(
    request: AuthedRequest,
    lat: float | None = None,
    lng: float | None = None,
    division: str = "",
    kind: str = "",
) -> list[dict[str, Any]]:
    if lat is None or lng is None or not (-90 <= lat <= 90 and -180 <= lng <= 180):
        lat = lng = None  # no usable position: by district
    near = selectors.places_near(lat=lat, lng=lng, division=division[:6], kind=kind)
    return [
        {"id": n.place.pk, "name": n.place.name, "kind": n.place.kind, "kind_label": n.place.get_kind_display(),
         "address": n.place.address, "lng": float(n.place.lng), "lat": float(n.place.lat), "hours": n.place.hours,
         "services": n.place.services, "phone": n.place.phone,
         "km": round(n.km, 2) if n.km is not None else None}
        for n in near
    ]  # fmt: skip


class ScanIn(Schema):
    code: str = Field(..., max_length=500)
    place: str = Field("", max_length=100)


class ScanOut(Schema):
    name: str
    org_name: str
    number: str
    status: str


@router.post("/scan", response=ScanOut, summary="工作人员核验会员服务卡（记入审计）")
def scan(request: AuthedRequest, payload: ScanIn) -> dict[str, Any]:
    card = actions.card_scan(actor=request.user, code=payload.code, place=payload.place)
    return {"name": card.member.name, "org_name": card.member.org.name, "number": card.number,
            "status": card.member.get_status_display()}  # fmt: skip


class DeviceOut(Schema):
    id: int
    label: str
    first_seen: dt.datetime
    last_seen: dt.datetime


@router.get("/devices", response=list[DeviceOut], summary="我的登录设备（在这些设备上用密码即可登录）")
def devices(request: AuthedRequest) -> list[Device]:
    return list(selectors.devices_of(user=request.user)[:50])


@router.post("/devices/{device_id}/forget", response={204: None}, summary="移除登录设备")
def device_forget(request: AuthedRequest, device_id: RecordId) -> Status[None]:
    actions.device_forget(
        actor=request.user, device=selectors.device_get_for_actor(actor=request.user, pk=device_id)
    )
    return Status(204, None)


class TradeRouteOut(Schema):
    id: int
    org_id: int
    org_name: str = Field(..., alias="org.name")
    occupation: str
    occupation_label: str = Field(..., alias="get_occupation_display")
    receiving_id: int
    receiving_name: str = Field(..., alias="receiving.name")
    note: str
    abilities: list[str]

    resolve_abilities = abilities_of(trade_route_abilities)


class TradeRouteIn(Schema):
    org_id: RecordId
    occupation: str = Field(..., max_length=16)
    receiving_id: RecordId
    note: str = Field("", max_length=200)


@router.get(
    "/trade-routes", response=list[TradeRouteOut], summary="新就业形态入会去向（职业 × 区域 → 接收工会）"
)
def trade_routes(request: AuthedRequest) -> list[TradeRoute]:
    return list(selectors.trade_routes_for_actor(actor=request.user)[:500])


@router.put("/trade-routes", response=TradeRouteOut, summary="设定某区域某职业的接收工会（已有则修改）")
def trade_route_set(request: AuthedRequest, payload: TradeRouteIn) -> TradeRoute:
    org = scope.org_get(request.user, payload.org_id, "edit")
    receiving = Org.objects.filter(pk=payload.receiving_id).first()
    return actions.trade_route_set(actor=request.user, org=org, occupation=payload.occupation,
                                   receiving=receiving, note=payload.note)  # fmt: skip


@router.delete("/trade-routes/{route_id}", response={204: None}, summary="删除入会去向（该职业转为流动会员）")
def trade_route_remove(request: AuthedRequest, route_id: RecordId) -> Status[None]:
    route = selectors.trade_route_get_for_actor(actor=request.user, pk=route_id, perm="edit")
    actions.trade_route_remove(actor=request.user, route=route)
    return Status(204, None)
