"""The portal's pages: parse, call one selector or action, render."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gonghui.accounts.models import User
from gonghui.accounts.sessions import BACKEND
from gonghui.kernel import errors, qr, web
from gonghui.kernel.masking import mask_phone
from gonghui.kernel.web import AuthedRequest
from gonghui.members.selectors import member_for_user

from . import actions, exports, forms, selectors
from .abilities import (
    card_abilities,
    device_abilities,
    join_abilities,
    place_abilities,
    places_abilities,
    portal_abilities,
    request_abilities,
    trade_route_abilities,
    trade_routes_abilities,
)
from .actions.cards import token_seconds
from .actions.requests import hardship_household
from .actions.signin import signin_code_check, signin_code_send
from .home import portal_home_for_user
from .models import Category, HelpRequest, PlaceKind

# ------------------------------------------------------------------------------------ home


@login_required
@require_GET
def home(request: AuthedRequest) -> HttpResponse:
    """The worker's phone page: card, my things, what the unions offer, ask for help, places."""
    return render(request, "portal/home.html", portal_home_for_user(user=request.user))


# ------------------------------------------------------------------------------ sign-in


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    """A worker signs in with a one-time code sent to their mobile (or with their password on
    the ordinary sign-in page)."""
    form = forms.SignInForm(web.posted(request))
    status, sent = 200, False
    if request.method == "POST":
        status = web.INVALID
        if form.is_valid():
            try:
                if "send" in request.POST:
                    signin_code_send(phone=form.cleaned_data["phone"])
                    status, sent = 200, True
                else:
                    user = signin_code_check(phone=form.cleaned_data["phone"], code=form.cleaned_data["code"])
                    auth_login(request, user, backend=BACKEND)
                    return device_remembered(request, user, redirect("portal:home"))
            except ValidationError as exc:
                web.apply_errors(form, exc)
    return render(request, "portal/sign_in.html", {"form": form, "sent": sent}, status=status)


# A device not seen before: the password is accepted on the ordinary sign-in page, the code sent
# to the worker's mobile signs them in, and the device is remembered by a signed, HttpOnly cookie.
DEVICE_COOKIE = "gonghui_device"
DEVICE_SALT = "gonghui.portal.device"
DEVICE_DAYS = 365
PENDING = "portal.new_device"
PENDING_SECONDS = 10 * 60


def device_cookie(keys: list[str]) -> str:
    """The cookie's value: the device keys, signed (and dated) with the site's secret."""
    return signing.TimestampSigner(salt=DEVICE_SALT).sign(",".join(keys[: actions.devices.KEPT]))


def _device_keys(request: HttpRequest) -> list[str]:
    """The device keys this browser carries; none when the cookie is missing, stale or tampered."""
    try:
        value = signing.TimestampSigner(salt=DEVICE_SALT).unsign(
            request.COOKIES.get(DEVICE_COOKIE, ""), max_age=DEVICE_DAYS * 86400
        )
    except signing.BadSignature:
        return []
    return [k for k in value.split(",") if k][: actions.devices.KEPT]


def device_remembered(request: HttpRequest, user: User, response: HttpResponse) -> HttpResponse:
    """Remember this device for the user (after a code) and name it in the browser's cookie."""
    keys = _device_keys(request)
    device = actions.device_remember(user=user, keys=keys, user_agent=request.headers.get("user-agent", ""))
    keys = [device.key] + [k for k in keys if k != device.key]
    response.set_cookie(
        DEVICE_COOKIE, device_cookie(keys), max_age=DEVICE_DAYS * 86400,
        httponly=True, secure=settings.SESSION_COOKIE_SECURE, samesite="Lax",
    )  # fmt: skip
    return response


def new_device_step(
    sender: Any, request: HttpRequest, user: User, next_url: str, **kwargs: Any
) -> HttpResponse | None:
    """`accounts.signals.password_accepted`: a worker's password on a device not seen before asks
    for the code sent to their mobile before the session is made."""
    phone = actions.device_phone(user)
    if phone is None:
        return None
    agent = request.headers.get("user-agent", "")
    if actions.device_known(user=user, keys=_device_keys(request), user_agent=agent) is not None:
        return None
    note = ""
    try:
        actions.device_code_send(user=user)
    except ValidationError as exc:  # sent less than a minute ago (still good), or too often
        note = " ".join(errors.messages_of(exc))
    request.session[PENDING] = {
        "user": user.pk, "backend": getattr(user, "backend", BACKEND),
        "next": next_url, "at": int(time.time()), "note": note,
    }  # fmt: skip
    return redirect("portal:device_check")


def device_pending(request: HttpRequest) -> tuple[dict[str, Any], User, str] | None:
    """The sign-in waiting for the code on a new device in this session (its record, the worker
    and their mobile); None when there is none, or it is too old."""
    pending = request.session.get(PENDING)
    if not isinstance(pending, dict) or time.time() - int(pending.get("at", 0)) > PENDING_SECONDS:
        return None
    user = User.objects.filter(pk=int(pending.get("user") or 0), is_active=True).first()
    phone = actions.device_phone(user) if user is not None else None
    if user is None or phone is None:
        return None
    return pending, user, phone


@require_http_methods(["GET", "POST"])
def device_check(request: HttpRequest) -> HttpResponse:
    """The code sent to the worker's mobile, asked after their password on a new device."""
    found = device_pending(request)
    if found is None:  # no password given here, or given too long ago
        request.session.pop(PENDING, None)
        if request.method == "POST":
            return render(request, "portal/device_check.html", {"expired": True}, status=web.INVALID)
        messages.info(request, gettext("登录已超时，请重新登录。"))
        return redirect("accounts:login")
    pending, user, phone = found
    form = forms.DeviceCodeForm(web.posted(request))
    status, sent = 200, False
    if request.method == "POST":
        status = web.INVALID
        try:
            if "send" in request.POST:
                actions.device_code_send(user=user)
                status, sent = 200, True
            elif form.is_valid():
                actions.device_code_check(user=user, code=form.cleaned_data["code"])
                request.session.pop(PENDING, None)
                auth_login(request, user, backend=pending["backend"])
                return device_remembered(request, user, redirect(pending.get("next") or "portal:home"))
        except ValidationError as exc:
            web.apply_errors(form, exc)
    return render(request, "portal/device_check.html", {
        "form": form, "sent": sent, "note": "" if request.method == "POST" else pending.get("note", ""),
        "phone": mask_phone(phone),
    }, status=status)  # fmt: skip


@login_required
@require_GET
def devices(request: AuthedRequest) -> HttpResponse:
    """The devices the worker is remembered on; forgetting one asks for the code there again."""
    here = set(_device_keys(request))
    rows = [
        (d, device_abilities(request.user, d), d.key in here) for d in selectors.devices_of(user=request.user)
    ]
    return render(
        request, "portal/devices.html", {"rows": rows, "asks": actions.device_phone(request.user) is not None}
    )


@login_required
@require_POST
def device_forget(request: AuthedRequest, device_id: int) -> HttpResponse:
    device = selectors.device_get_for_actor(actor=request.user, pk=device_id)
    return web.step(
        request,
        act=lambda: actions.device_forget(actor=request.user, device=device),
        done=lambda _: redirect("portal:devices"),
        refused=lambda: redirect("portal:devices"),
        message=gettext("已移除该设备，在该设备上用密码登录时须再次输入短信验证码。"),
    )


# ------------------------------------------------------------------------------ joining


@require_http_methods(["GET", "POST"])
def join_new(request: HttpRequest) -> HttpResponse:
    """网上入会: open to a worker who is not signed in (their login is made with it)."""
    signed_in = request.user.is_authenticated
    form = forms.JoinForm(web.posted(request), signed_in=signed_in)

    def act(data: dict[str, Any]) -> Any:
        application = actions.join_submit(
            actor=request.user if isinstance(request.user, User) else None, name=data["name"], id_number=data["id_number"],
            phone=data["phone"], password=data.get("password") or "", **form.work_values(),
        )  # fmt: skip
        if not signed_in and application.user is not None:
            auth_login(request, application.user, backend=BACKEND)
        return application

    return web.submit(
        request, form, act=act,
        done=lambda a: redirect("portal:join_detail", application_id=a.pk),
        message=lambda a: gettext("申请已提交，由「%(org)s」受理。") % {"org": a.org.name},
        template="portal/join_form.html", context={"title": "网上入会"},
    )  # fmt: skip


def _join_page(request: AuthedRequest, application: Any, **extra: Any) -> HttpResponse:
    ab = join_abilities(request.user, application)
    return render(request, "portal/join_detail.html", {
        "a": application, "ab": ab,
        "approve_form": extra.pop("approve_form", None)
        or forms.ApproveForm(choices=selectors.placement_choices(application)),
        "reason_form": extra.pop("reason_form", None) or forms.ReasonForm(),
        "own": application.user_id == request.user.pk, **extra,
    })  # fmt: skip


join_detail = web.record_page(selectors.join_get_for_actor, _join_page)


@login_required
@require_POST
def join_approve(request: AuthedRequest, application_id: int) -> HttpResponse:
    application = selectors.join_get_for_actor(actor=request.user, pk=application_id, perm="approve")
    form = forms.ApproveForm(request.POST, choices=selectors.placement_choices(application))
    form.is_valid()
    return web.step(
        request,
        act=lambda: actions.join_approve(
            actor=request.user, application=application, place_in=form.cleaned_data.get("place_in")
        ),
        done=lambda a: redirect("portal:join_detail", application_id=a.pk),
        refused=lambda: _join_page(request, application, approve_form=form),
        message=lambda a: (
            gettext("已批准入会，%(name)s已成为「%(org)s」会员，会员服务卡已发放。")
            % {"name": a.name, "org": a.member.org.name if a.member else a.org.name}
        ),
    )


_join_step = web.Steps(
    get=selectors.join_get_for_actor, record="application", page=_join_page,
    done=lambda a: redirect("portal:join_detail", application_id=a.pk),
)  # fmt: skip
join_send_back = _join_step(
    actions.join_send_back, gettext_lazy("已退回申请人。"), perm="approve",
    extra=lambda request, _a: {"reason": request.POST.get("reason", "")},
)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def join_resubmit(request: AuthedRequest, application_id: int) -> HttpResponse:
    application = selectors.join_get_for_actor(actor=request.user, pk=application_id)
    initial = {k: getattr(application, k) for k in forms.WORK_FIELDS}
    initial["home"] = application.home.name if application.home else ""
    form = forms.WorkForm(web.posted(request), initial=initial)
    return web.submit(
        request, form,
        act=lambda data: actions.join_resubmit(actor=request.user, application=application, **form.work_values()),
        done=lambda a: redirect("portal:join_detail", application_id=a.pk),
        message=lambda a: gettext("申请已重新提交，由「%(org)s」受理。") % {"org": a.org.name},
        template="portal/join_form.html", context={"title": "修改入会申请", "a": application},
    )  # fmt: skip


join_withdraw = _join_step(actions.join_withdraw, "申请已撤回。")
join_transfer = _join_step(actions.join_request_transfer, "转会申请已提交，由转出、转入双方工会审批。")


@login_required
@require_GET
def joins(request: AuthedRequest) -> HttpResponse:
    within = web.org_param(request, "within") if request.GET.get("within") else None
    todo = request.GET.get("todo") == "1"
    qs = selectors.joins_for_actor(actor=request.user, todo=todo, within=within)
    return render(request, "portal/joins.html", {
        "applications": qs[:200], "todo": todo, "within": within, "scope_param": "within",
    })  # fmt: skip


# ------------------------------------------------------------------------------- the card


# A card's code is drawn anew at most every few seconds. The code holds only the card's number
# and version, signed with the time it was made, so one made seconds ago is as good as a new one;
# drawing it is most of the card page's time, and a phone may reload the page at will. A
# re-issued card has a new version and gets a new code at once; a suspended one shows none.
_drawn: dict[tuple[int, int, int], tuple[float, str, str]] = {}
DRAWN_MOST = 10_000


def _code_context(card: Any) -> dict[str, Any]:
    lasts = token_seconds()
    key, now = (card.pk, card.version, lasts), time.monotonic()
    hit = _drawn.get(key)
    if hit is None or now - hit[0] >= min(30, lasts / 10):
        token = actions.card_token(card)
        if len(_drawn) >= DRAWN_MOST:
            _drawn.clear()
        hit = _drawn[key] = (now, token, qr.svg(token, box_size=6))
    made, token, drawn = hit
    # The page fetches the next code a minute before this one expires.
    return {"qr": drawn, "refresh": max(int(lasts - 60 - (now - made)), 30), "token": token}


@login_required
@require_GET
def card(request: AuthedRequest) -> HttpResponse:
    c = selectors.card_for_user(user=request.user)
    ab = card_abilities(request.user, c)
    context: dict[str, Any] = {"card": c, "ab": ab, "member": member_for_user(user=request.user)}
    if ab.show:
        context.update(_code_context(c))
    return render(request, "portal/card.html", context)


@login_required
@require_GET
def card_code(request: AuthedRequest) -> HttpResponse:
    """The QR code alone, drawn anew (the card page fetches it before the last one expires)."""
    c = selectors.card_for_user(user=request.user)
    if not card_abilities(request.user, c).show:
        return HttpResponse(
            "会员服务卡不可用。", status=web.INVALID, content_type="text/plain; charset=utf-8"
        )
    return render(request, "portal/_card_code.html", _code_context(c))


@login_required
@require_POST
def card_issue(request: AuthedRequest) -> HttpResponse:
    member = member_for_user(user=request.user)
    return web.step(
        request,
        act=lambda: actions.card_issue(actor=request.user, member=member),
        done=lambda c: redirect("portal:card"),
        refused=lambda: card(request),
        message=gettext("会员服务卡已签发，之前出示的二维码已作废。"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def scan(request: AuthedRequest) -> HttpResponse:
    """An officer reads a member's card: who it is (audited)."""
    form = forms.ScanForm(web.posted(request))
    found: dict[str, Any] = {}

    def act(data: dict[str, Any]) -> Any:
        found["card"] = actions.card_scan(
            actor=request.user, code=data["code"], place=data.get("place") or ""
        )
        return found["card"]

    if request.method == "POST" and form.is_valid():
        try:
            act(form.cleaned_data)
        except ValidationError as exc:
            web.apply_errors(form, exc)
            return render(request, "portal/scan.html", {"form": form}, status=web.INVALID)
        return render(request, "portal/scan.html", {"form": forms.ScanForm(), "card": found["card"]})
    status = web.INVALID if request.method == "POST" else 200
    return render(request, "portal/scan.html", {"form": form}, status=status)


# ------------------------------------------------------------------------------- requests


@login_required
@require_http_methods(["GET", "POST"])
def request_new(request: AuthedRequest) -> HttpResponse:
    form = forms.RequestForm(web.posted(request))
    return web.submit(
        request, form,
        act=lambda data: actions.request_submit(actor=request.user, **data),
        done=lambda r: redirect("portal:request_detail", request_id=r.pk),
        message=lambda r: gettext("诉求已提交「%(org)s」，请留意答复（%(date)s前）。")
        % {"org": r.org.name, "date": f"{r.answer_by:%m月%d日}"},
        template="portal/request_form.html", context={"title": "提出诉求"},
    )  # fmt: skip


def _request_page(request: AuthedRequest, r: HelpRequest, status: int = 200, **extra: Any) -> HttpResponse:
    ab = request_abilities(request.user, r)
    return render(request, "portal/request_detail.html", {
        "r": r, "ab": ab, "own": r.user_id == request.user.pk, "answers": r.answers.select_related("org"),
        "answer_form": extra.pop("answer_form", None) or forms.AnswerForm(),
        "hardship_form": extra.pop("hardship_form", None) or forms.HardshipForm(),
        "rate_form": extra.pop("rate_form", None) or forms.RateForm(),
        "has_household": ab.to_hardship and hardship_household(r) is not None, **extra,
    }, status=status)  # fmt: skip


request_detail = web.record_page(selectors.request_get_for_actor, _request_page)


_request_step = web.Steps(
    get=selectors.request_get_for_actor, record="request", page=_request_page,
    done=lambda r: redirect("portal:request_detail", request_id=r.pk),
)  # fmt: skip
request_answer = _request_step.form(actions.request_answer, forms.AnswerForm, "answer_form", perm="edit")
request_escalate = _request_step(
    actions.request_escalate, lambda r: gettext("已上报「%(org)s」办理。") % {"org": r.org.name}
)
request_to_case = _request_step(
    actions.request_to_case,
    lambda r: gettext("已转为维权案件 %(number)s。") % {"number": r.case.number if r.case else ""},
    perm="edit",
)


@login_required
@require_POST
def request_to_hardship(request: AuthedRequest, request_id: int) -> HttpResponse:
    r = selectors.request_get_for_actor(actor=request.user, pk=request_id, perm="edit")
    form = forms.HardshipForm(request.POST)
    if not form.is_valid():
        return _request_page(request, r, status=web.INVALID, hardship_form=form)
    return web.step(
        request,
        act=lambda: actions.request_to_hardship(actor=request.user, request=r, **form.cleaned_data),
        done=lambda x: redirect("portal:request_detail", request_id=x.pk),
        refused=lambda: _request_page(request, r, hardship_form=form),
        message=gettext("已转为帮扶申请。"),
    )


request_rate = _request_step(
    actions.request_rate, gettext_lazy("感谢您的评价。"),
    extra=lambda request, _r: {"rating": request.POST.get("rating"), "note": request.POST.get("note", "")},
)  # fmt: skip


@login_required
@require_GET
def my_requests(request: AuthedRequest) -> HttpResponse:
    return render(request, "portal/my_requests.html", {
        "requests": selectors.my_requests(user=request.user)[:100], "ab": portal_abilities(request.user),
    })  # fmt: skip


def _request_filter(request: HttpRequest) -> selectors.RequestFilter:
    return selectors.RequestFilter(
        within=web.org_param(request, "within") if request.GET.get("within") else None,
        state=web.choice_param(request, "state", HelpRequest.State.choices),
        category=web.choice_param(request, "category", Category.choices),
        todo=request.GET.get("todo") == "1",
        overdue=request.GET.get("overdue") == "1",
    )


@login_required
@require_GET
def requests(request: AuthedRequest) -> HttpResponse:
    f = _request_filter(request)
    return render(request, "portal/requests.html", {
        "requests": selectors.requests_for_actor(actor=request.user, f=f)[:200], "f": f,
        "states": HelpRequest.State.choices, "state_picked": f.state, "categories": Category.choices, "scope_param": "within",
        "query": request.GET.urlencode(),
    })  # fmt: skip


@login_required
@require_GET
def request_stats(request: AuthedRequest) -> HttpResponse:
    within = web.org_param(request, "within") if request.GET.get("within") else None
    stats = selectors.request_stats(actor=request.user, within=within)
    chart = {
        "tooltip": {},
        "xAxis": {"type": "category", "data": [r.label for r in stats["category"]]},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [{"type": "bar", "name": "诉求件数", "data": [r.count for r in stats["category"]]}],
    }
    return render(request, "portal/request_stats.html", {
        "stats": stats, "within": within, "chart": chart, "scope_param": "within",
    })  # fmt: skip


@login_required
@require_GET
def request_export(request: AuthedRequest) -> HttpResponseBase:
    f = _request_filter(request)
    fmt = request.GET.get("format", "")
    if fmt not in ("xlsx", "csv"):
        return redirect("portal:requests")
    actions.requests_export_record(actor=request.user, within=f.within, fmt=fmt)
    name = web.filename(f"职工诉求_{f.within.name}" if f.within else "职工诉求", fmt)
    if fmt == "csv":
        lines = exports.requests_csv_stream(actor=request.user, f=f)
        return web.download((line.encode("utf-8") for line in lines), name, web.CSV)
    return web.download(exports.requests_xlsx_file(actor=request.user, f=f), name, web.XLSX)


# --------------------------------------------------------------------------------- places


def _float(request: HttpRequest, name: str) -> float | None:
    try:
        value = float(request.GET.get(name, ""))
    except ValueError:
        return None
    return value if -180 <= value <= 180 else None


MAP_NAME = "guangdong"  # registered by places-map.js from the vendored outline (guangdong.json)


def places_map(near: list[Any], *, lat: float | None, lng: float | None, focus: bool) -> dict[str, Any]:
    """The ECharts option: the province's outline (the geo component) with the places as a
    scatter on it; centred on the worker, or on the places of the district they chose."""
    points = [{"name": n.place.name, "value": [float(n.place.lng), float(n.place.lat)]} for n in near]
    geo: dict[str, Any] = {
        "map": MAP_NAME, "roam": True, "scaleLimit": {"min": 1, "max": 40},
        "itemStyle": {"areaColor": "#f6f3ef", "borderColor": "#b9b1a8"},
        "emphasis": {"label": {"show": True}, "itemStyle": {"areaColor": "#fde6e4"}},
        "label": {"show": False},
    }  # fmt: skip
    if lat is not None and lng is not None:
        geo.update(center=[lng, lat], zoom=8)
    elif focus and points:
        geo.update(
            center=[
                sum(p["value"][0] for p in points) / len(points),
                sum(p["value"][1] for p in points) / len(points),
            ],
            zoom=6,
        )
    series: list[dict[str, Any]] = [
        {"type": "scatter", "coordinateSystem": "geo", "symbolSize": 10, "data": points,
         "itemStyle": {"color": "#c62828"}},
    ]  # fmt: skip
    if lat is not None and lng is not None:
        series.append({"type": "effectScatter", "coordinateSystem": "geo", "symbolSize": 14,
                       "data": [{"name": gettext("我的位置"), "value": [lng, lat]}]})  # fmt: skip
    return {"tooltip": {"trigger": "item", "formatter": "{b}"}, "geo": geo, "series": series}


@login_required
@require_GET
def places(request: AuthedRequest) -> HttpResponse:
    """Service places near the worker: by the phone's position when they allow it (the page's
    script adds lat and lng), otherwise by district."""
    lat, lng = _float(request, "lat"), _float(request, "lng")
    division = request.GET.get("division", "")[:6]
    kind = web.choice_param(request, "kind", PlaceKind.choices)
    near = selectors.places_near(lat=lat, lng=lng, division=division, kind=kind)
    chart = places_map(near, lat=lat, lng=lng, focus=bool(division))
    from gonghui.kernel.codes import division_name

    divisions = [(d, division_name(d) or d) for d in selectors.place_divisions()]
    return render(request, "portal/places.html", {
        "near": near, "chart": chart, "located": lat is not None, "divisions": divisions,
        "division": division, "kind": kind, "kinds": PlaceKind.choices,
    })  # fmt: skip


@login_required
@require_GET
def places_admin(request: AuthedRequest) -> HttpResponse:
    within = web.org_param(request, "within") if request.GET.get("within") else None
    return render(request, "portal/places_admin.html", {
        "places": selectors.places_for_actor(actor=request.user, within=within)[:300], "within": within,
        "ab": places_abilities(request.user, within), "scope_param": "within",
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def place_new(request: AuthedRequest) -> HttpResponse:
    # A place is registered at a union chosen first.
    org = web.org_param(request, "org", perm="edit", missing="请先选择工会。")
    form = forms.PlaceForm(web.posted(request))
    return web.submit(
        request, form,
        act=lambda data: actions.place_register(actor=request.user, org=org, **data),
        done=lambda p: redirect(f"{reverse('portal:places_admin')}?within={org.pk}"),
        message=gettext("服务阵地已登记。"), template="portal/place_form.html",
        context={"title": f"登记服务阵地 · {org.name}", "org": org},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def place_edit(request: AuthedRequest, place_id: int) -> HttpResponse:
    place = selectors.place_get_for_actor(actor=request.user, pk=place_id, perm="edit")
    initial = {f: getattr(place, f) for f in forms.PlaceForm.base_fields}
    form = forms.PlaceForm(web.posted(request), initial=initial)
    return web.submit(
        request, form,
        act=lambda data: actions.place_update(actor=request.user, place=place, **data),
        done=lambda p: redirect(f"{reverse('portal:places_admin')}?within={p.org_id}"),
        message=gettext("已保存。"), template="portal/place_form.html",
        context={"title": f"修改服务阵地 · {place.name}", "org": place.org, "place": place,
                 "ab": place_abilities(request.user, place)},
    )  # fmt: skip


@login_required
@require_POST
def place_close(request: AuthedRequest, place_id: int) -> HttpResponse:
    place = selectors.place_get_for_actor(actor=request.user, pk=place_id, perm="edit")
    return web.step(
        request,
        act=lambda: actions.place_close(actor=request.user, place=place),
        done=lambda p: redirect(f"{reverse('portal:places_admin')}?within={p.org_id}"),
        refused=lambda: redirect("portal:places_admin"),
        message=gettext("已停止开放。"),
    )


# --------------------------------------------------------------------------- trade routes


@login_required
@require_GET
def trade_routes(request: AuthedRequest) -> HttpResponse:
    """新就业形态入会去向: which union takes the riders, drivers, couriers … of each area."""
    within = web.org_param(request, "within") if request.GET.get("within") else None
    rows = selectors.trade_routes_for_actor(actor=request.user, within=within)[:500]
    return render(request, "portal/trade_routes.html", {
        "rows": [(r, trade_route_abilities(request.user, r)) for r in rows], "within": within,
        "ab": trade_routes_abilities(request.user, within), "scope_param": "within",
    })  # fmt: skip


def _back_to_routes(org_id: int) -> HttpResponse:
    return redirect(f"{reverse('portal:trade_routes')}?within={org_id}")


@login_required
@require_http_methods(["GET", "POST"])
def trade_route_new(request: AuthedRequest) -> HttpResponse:
    # A route is set at a union chosen first.
    org = web.org_param(request, "org", perm="edit", missing="请先选择工会。")
    form = forms.TradeRouteForm(web.posted(request), unions=selectors.receiving_choices(org))
    return web.submit(
        request, form,
        act=lambda data: actions.trade_route_set(actor=request.user, org=org, **form.values()),
        done=lambda r: _back_to_routes(org.pk),
        message=lambda r: gettext("已设定：%(area)s的%(trade)s由「%(union)s」接收入会。")
        % {"area": org.name, "trade": r.get_occupation_display(), "union": r.receiving.name},
        template="portal/trade_route_form.html", context={"title": f"设定入会去向 · {org.name}", "org": org},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def trade_route_edit(request: AuthedRequest, route_id: int) -> HttpResponse:
    route = selectors.trade_route_get_for_actor(actor=request.user, pk=route_id, perm="edit")
    initial = {"occupation": route.occupation, "receiving": route.receiving_id, "note": route.note}
    form = forms.TradeRouteForm(
        web.posted(request), initial=initial, unions=selectors.receiving_choices(route.org)
    )
    return web.submit(
        request, form,
        act=lambda data: actions.trade_route_set(actor=request.user, org=route.org, **form.values()),
        done=lambda r: _back_to_routes(route.org_id),
        message=gettext("已保存。"), template="portal/trade_route_form.html",
        context={"title": f"修改入会去向 · {route.org.name}", "org": route.org, "route": route,
                 "ab": trade_route_abilities(request.user, route)},
    )  # fmt: skip


@login_required
@require_POST
def trade_route_remove(request: AuthedRequest, route_id: int) -> HttpResponse:
    route = selectors.trade_route_get_for_actor(actor=request.user, pk=route_id, perm="edit")
    org_id = route.org_id
    return web.step(
        request,
        act=lambda: actions.trade_route_remove(actor=request.user, route=route),
        done=lambda _: _back_to_routes(org_id),
        refused=lambda: _back_to_routes(org_id),
        message=gettext("已删除。该职业的劳动者将作为流动会员加入居住地街道工会。"),
    )
