"""Officer pages: centres, rooms, services, providers, schedules, holidays, articles, and the
bookings of the centres in the officer's scope (calendar by day, booking on a member's behalf)."""

from __future__ import annotations

import datetime as dt
from itertools import groupby
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gonghui.kernel import scope
from gonghui.kernel.web import AuthedRequest, apply_errors
from gonghui.units import selectors as unit_selectors

from .. import actions, selectors
from ..forms import (
    ArticleForm,
    CentreForm,
    ExceptionForm,
    HolidayForm,
    ProviderForm,
    RoomForm,
    ScheduleForm,
    ServiceForm,
    SupervisorForm,
    UnitsForm,
    split_codes,
)
from ..models import Centre, Provider
from ._common import INVALID, org_param, post_int, user_by_username

FORM = "services/form.html"


def _form(
    request: AuthedRequest, form: Any, title: str, back: str, status: int, **extra: Any
) -> HttpResponse:
    return render(request, FORM, {"form": form, "title": title, "back": back, **extra}, status=status)


@login_required
@require_GET
def centre_list(request: AuthedRequest) -> HttpResponse:
    within = org_param(request, "within")
    centres = list(selectors.centres_for_actor(actor=request.user, within=within)[:200])
    default = within or unit_selectors.default_org_for_actor(actor=request.user, perm="edit")
    serving = [] if within else selectors.centres_serving_actor(actor=request.user)
    return render(
        request,
        "services/centres.html",
        {
            "centres": centres,
            "within": within,
            "can_create": default is not None,
            "is_provider": bool(selectors.providers_of_user(request.user)),
            "serving": serving,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def centre_create(request: AuthedRequest) -> HttpResponse:
    org = org_param(request, "org", perm="edit") or unit_selectors.default_org_for_actor(actor=request.user)
    if org is None:
        raise PermissionDenied("您没有可以设立服务中心的工会。")
    form = CentreForm(request.POST or None, initial={"org": org.name})
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            d = form.cleaned_data
            try:
                target = unit_selectors.org_resolve_for_actor(actor=request.user, text=d["org"])
                supervisor = user_by_username(d["supervisor"], field="supervisor")
                centre = actions.centre_create(
                    actor=request.user, org=target, name=d["name"], address=d["address"], phone=d["phone"],
                    functions=d["functions"], intro=d["intro"], supervisor=supervisor,
                )  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"已设立「{centre.name}」。")
                return redirect("services:centre", centre_id=centre.pk)
    return _form(request, form, "设立服务中心", reverse("services:index"), status)


@login_required
@require_GET
def centre_detail(request: AuthedRequest, centre_id: int) -> HttpResponse:
    centre = selectors.centre_get_for_actor(actor=request.user, pk=centre_id)
    today = timezone.localdate()
    return render(
        request,
        "services/centre.html",
        {
            "c": centre,
            "rooms": list(centre.rooms.all()),
            "services": list(centre.services.all()),
            "providers": list(centre.providers.prefetch_related("services").all()),
            "holidays": list(centre.holidays.filter(on__gte=today)),
            "articles": list(selectors.articles_for_actor(actor=request.user, centre=centre)[:50]),
            "can_edit": scope.can(request.user, "edit", centre.org),
            "can_manage": scope.can(request.user, "manage", centre.org),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def centre_supervisor(request: AuthedRequest, centre_id: int) -> HttpResponse:
    centre = selectors.centre_get_for_actor(actor=request.user, pk=centre_id, perm="manage")
    initial = {"supervisor": centre.supervisor.username if centre.supervisor else ""}
    form = SupervisorForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            try:
                user = user_by_username(form.cleaned_data["supervisor"], field="supervisor")
                actions.centre_set_supervisor(actor=request.user, centre=centre, supervisor=user)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "已更新督导。")
                return redirect("services:centre", centre_id=centre.pk)
    back = reverse("services:centre", args=[centre.pk])
    return _form(request, form, f"{centre.name} · 指定督导", back, status)


def _centre_child_form(
    request: AuthedRequest, centre_id: int, form_class: type, title: str, make: Any, done: str
) -> HttpResponse:
    centre = selectors.centre_get_for_actor(actor=request.user, pk=centre_id, perm="edit")
    form = form_class(request.POST or None)
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            try:
                make(centre, form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, done)
                return redirect("services:centre", centre_id=centre.pk)
    back = reverse("services:centre", args=[centre.pk])
    return _form(request, form, f"{centre.name} · {title}", back, status)


@login_required
@require_http_methods(["GET", "POST"])
def room_create(request: AuthedRequest, centre_id: int) -> HttpResponse:
    def make(centre: Centre, d: dict[str, Any]) -> None:
        actions.room_create(actor=request.user, centre=centre, name=d["name"], purpose=d["purpose"])

    return _centre_child_form(request, centre_id, RoomForm, "添加功能室", make, "已添加功能室。")


@login_required
@require_http_methods(["GET", "POST"])
def service_create(request: AuthedRequest, centre_id: int) -> HttpResponse:
    def make(centre: Centre, d: dict[str, Any]) -> None:
        actions.service_create(
            actor=request.user, centre=centre, kind=d["kind"], name=d["name"], description=d["description"]
        )

    return _centre_child_form(request, centre_id, ServiceForm, "添加服务项目", make, "已添加服务项目。")


@login_required
@require_http_methods(["GET", "POST"])
def holiday_create(request: AuthedRequest, centre_id: int) -> HttpResponse:
    def make(centre: Centre, d: dict[str, Any]) -> None:
        actions.holiday_add(actor=request.user, centre=centre, on=d["on"], name=d["name"])

    return _centre_child_form(request, centre_id, HolidayForm, "登记闭馆日", make, "已登记闭馆日。")


@login_required
@require_http_methods(["GET", "POST"])
def article_create(request: AuthedRequest, centre_id: int) -> HttpResponse:
    def make(centre: Centre, d: dict[str, Any]) -> None:
        actions.article_create(
            actor=request.user, centre=centre, category=d["category"], title=d["title"], body=d["body"],
            publish=d["publish"],
        )  # fmt: skip

    return _centre_child_form(request, centre_id, ArticleForm, "撰写知识文章", make, "已保存文章。")


@login_required
@require_http_methods(["GET", "POST"])
def article_edit(request: AuthedRequest, knowledge_id: int) -> HttpResponse:
    article = selectors.article_get_for_actor(actor=request.user, pk=knowledge_id, for_write=True)
    initial = {
        "category": article.category,
        "title": article.title,
        "body": article.body,
        "publish": article.published,
    }
    form = ArticleForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            d = form.cleaned_data
            try:
                actions.article_update(
                    actor=request.user, article=article, category=d["category"], title=d["title"], body=d["body"],
                    publish=d["publish"],
                )  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "已保存。")
                return redirect("services:knowledge_detail", knowledge_id=article.pk)
    return _form(
        request,
        form,
        f"修改「{article.title}」",
        reverse("services:knowledge_detail", args=[article.pk]),
        status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def provider_create(request: AuthedRequest, centre_id: int) -> HttpResponse:
    centre = selectors.centre_get_for_actor(actor=request.user, pk=centre_id, perm="edit")
    services = list(centre.services.filter(active=True))
    form = ProviderForm(request.POST or None, services=[(s.pk, s.name) for s in services])
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            d = form.cleaned_data
            try:
                user = user_by_username(d["username"], field="username")
                units, problems = unit_selectors.units_by_codes_for_actor(
                    actor=request.user, codes=split_codes(d["units"]), perm="view"
                )
                if problems:
                    raise ValidationError({"units": problems})
                chosen = [s for s in services if str(s.pk) in d["services"]]
                provider = actions.provider_create(
                    actor=request.user, centre=centre, kind=d["kind"], name=d["name"], title=d["title"], bio=d["bio"],
                    user=user, services=chosen, units=units,
                )  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"已添加{provider.name}。")
                return redirect("services:provider", provider_id=provider.pk)
    return _form(
        request,
        form,
        f"{centre.name} · 添加咨询师/律师",
        reverse("services:centre", args=[centre.pk]),
        status,
    )


@login_required
@require_GET
def provider_detail(request: AuthedRequest, provider_id: int) -> HttpResponse:
    provider = selectors.provider_get_for_actor(actor=request.user, pk=provider_id)
    today = timezone.localdate()
    slots = selectors.free_slots(provider, first=today, last=today + dt.timedelta(days=6))
    days = [(d, list(g)) for d, g in groupby(slots, key=lambda s: timezone.localtime(s.starts_at).date())]
    return render(
        request,
        "services/provider.html",
        {
            "p": provider,
            "schedules": selectors.schedules_current(provider, on=today),
            "exceptions": list(provider.exceptions.select_related("room").filter(on__gte=today)),
            "days": days,
            "bookings": selectors.bookings_of_provider(provider, first=today)[:50],
            "units": list(provider.units.all()[:100]),
            "can_edit": scope.can(request.user, "edit", provider.centre.org),
        },
    )


def _provider_child_form(
    request: AuthedRequest, provider_id: int, form_class: type, title: str, make: Any, done: str
) -> HttpResponse:
    provider = selectors.provider_get_for_actor(actor=request.user, pk=provider_id, perm="edit")
    rooms = [(r.pk, r.name) for r in provider.centre.rooms.filter(active=True)]
    form = form_class(request.POST or None, rooms=rooms)
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            d = form.cleaned_data
            room = provider.centre.rooms.filter(pk=d.get("room")).first() if d.get("room") else None
            try:
                make(provider, d, room)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, done)
                return redirect("services:provider", provider_id=provider.pk)
    return _form(
        request, form, f"{provider.name} · {title}", reverse("services:provider", args=[provider.pk]), status
    )


@login_required
@require_http_methods(["GET", "POST"])
def schedule_create(request: AuthedRequest, provider_id: int) -> HttpResponse:
    def make(provider: Provider, d: dict[str, Any], room: Any) -> None:
        actions.schedule_add(
            actor=request.user, provider=provider, weekday=d["weekday"], start=d["start"], end=d["end"],
            slot_minutes=d["slot_minutes"], valid_from=d["valid_from"], valid_to=d["valid_to"], room=room,
        )  # fmt: skip

    return _provider_child_form(request, provider_id, ScheduleForm, "添加每周排班", make, "已添加排班。")


@login_required
@require_http_methods(["GET", "POST"])
def exception_create(request: AuthedRequest, provider_id: int) -> HttpResponse:
    def make(provider: Provider, d: dict[str, Any], room: Any) -> None:
        actions.exception_add(
            actor=request.user, provider=provider, on=d["on"], start=d["start"], end=d["end"],
            extra=d["kind"] == "extra", slot_minutes=d["slot_minutes"], room=room, note=d["note"],
        )  # fmt: skip

    return _provider_child_form(request, provider_id, ExceptionForm, "加开或停诊", make, "已登记排班调整。")


@login_required
@require_http_methods(["GET", "POST"])
def provider_units(request: AuthedRequest, provider_id: int) -> HttpResponse:
    """The enterprises a lawyer is linked to (律师入企)."""
    provider = selectors.provider_get_for_actor(actor=request.user, pk=provider_id, perm="edit")
    initial = {"units": "\n".join(provider.units.values_list("credit_code", flat=True))}
    form = UnitsForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            try:
                units, problems = unit_selectors.units_by_codes_for_actor(
                    actor=request.user, codes=split_codes(form.cleaned_data["units"]), perm="view"
                )
                if problems:
                    raise ValidationError({"units": problems})
                actions.provider_set_units(actor=request.user, provider=provider, units=units)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "已更新挂钩企业。")
                return redirect("services:provider", provider_id=provider.pk)
    back = reverse("services:provider", args=[provider.pk])
    return _form(request, form, f"{provider.name} · 挂钩企业", back, status)


@login_required
@require_POST
def schedule_end(request: AuthedRequest, provider_id: int) -> HttpResponse:
    """Stop one of the provider's weekly hours from today (booked sessions stay booked)."""
    provider = selectors.provider_get_for_actor(actor=request.user, pk=provider_id, perm="edit")
    pk = post_int(request, "schedule")
    schedule = provider.schedules.filter(pk=pk).first() if pk is not None else None
    if schedule is None:
        messages.error(request, "请选择要停止的排班。")
        return redirect("services:provider", provider_id=provider.pk)
    actions.schedule_end(actor=request.user, schedule=schedule)
    messages.success(request, f"已停止排班（{schedule}），今天以后不再开放预约。")
    return redirect("services:provider", provider_id=provider.pk)
