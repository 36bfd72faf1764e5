"""Officer pages: centres, rooms, services, providers, schedules, holidays and articles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from itertools import groupby
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gonghui.kernel import web
from gonghui.kernel.errors import Refused
from gonghui.kernel.web import AuthedRequest
from gonghui.orgs.selectors import org_resolve_for_actor
from gonghui.units import selectors as unit_selectors

from .. import actions, selectors
from ..abilities import centre_abilities, provider_abilities, services_abilities, worker_abilities
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
from ..models import Centre, Provider, Room

FORM = "services/form.html"


@login_required
@require_GET
def centre_list(request: AuthedRequest) -> HttpResponse:
    within = web.org_param(request, "within")
    centres = list(selectors.centres_for_actor(actor=request.user, within=within)[:200])
    here = within or web.first_org(request.user, "edit")
    return render(
        request,
        "services/centres.html",
        {
            "centres": centres,
            "within": within,
            "ab": services_abilities(request.user, here),
            "me": worker_abilities(request.user),
            "serving": [] if within else selectors.centres_serving_actor(actor=request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def centre_create(request: AuthedRequest) -> HttpResponse:
    org = web.org_chosen(request, perm="edit")
    services_abilities(request.user, org).require("create_centre", gettext("您没有可以设立服务中心的工会。"))
    assert org is not None  # `create_centre` says so

    def act(d: dict[str, Any]) -> Centre:
        return actions.centre_create(
            actor=request.user, org=org_resolve_for_actor(actor=request.user, text=d["org"]), name=d["name"],
            address=d["address"], phone=d["phone"], functions=d["functions"], intro=d["intro"],
            supervisor=selectors.user_by_username(d["supervisor"], field="supervisor"),
        )  # fmt: skip

    return web.submit(
        request,
        CentreForm(web.posted(request), initial={"org": org.name}),
        act=act,
        done=lambda c: redirect("services:centre", centre_id=c.pk),
        message=lambda c: gettext("已设立「%(name)s」。") % {"name": c.name},
        template=FORM,
        context={"title": gettext("设立服务中心"), "back": reverse("services:index")},
    )


@login_required
@require_GET
def centre_detail(request: AuthedRequest, centre_id: int) -> HttpResponse:
    centre = selectors.centre_get_for_actor(actor=request.user, pk=centre_id)
    return render(
        request,
        "services/centre.html",
        {
            "c": centre,
            "supervisor": selectors.centre_supervisor(centre),
            "ab": centre_abilities(request.user, centre),
            "rooms": list(centre.rooms.all()),
            "services": list(centre.services.all()),
            "providers": list(centre.providers.prefetch_related("services").all()),
            "holidays": list(centre.holidays.filter(on__gte=timezone.localdate())),
            "articles": list(selectors.articles_for_actor(actor=request.user, centre=centre)[:50]),
        },
    )


def _centre_form(
    request: AuthedRequest, centre_id: int, doing: str, form: forms.Form, title: str,
    make: Callable[[Centre, dict[str, Any]], Any], message: str | Callable[[Any], str],
    done: Callable[[Any], HttpResponse] | None = None,
) -> HttpResponse:  # fmt: skip
    """A form that adds something to a centre (then back to the centre's page, unless `done`
    says where): refused (403) before it is shown unless the person may `doing`."""
    centre = selectors.centre_get_for_actor(actor=request.user, pk=centre_id)
    centre_abilities(request.user, centre).require(doing)
    return web.submit(
        request,
        form,
        act=lambda d: make(centre, d),
        done=done or (lambda _x: redirect("services:centre", centre_id=centre.pk)),
        message=message,
        template=FORM,
        context={"title": f"{centre.name} · {title}", "back": reverse("services:centre", args=[centre.pk])},
    )


@login_required
@require_http_methods(["GET", "POST"])
def centre_supervisor(request: AuthedRequest, centre_id: int) -> HttpResponse:
    centre = selectors.centre_get_for_actor(actor=request.user, pk=centre_id)
    initial = {"supervisor": centre.supervisor.username if centre.supervisor else ""}
    return _centre_form(
        request, centre_id, "set_supervisor", SupervisorForm(web.posted(request), initial=initial), gettext("指定督导"),
        lambda c, d: actions.centre_set_supervisor(
            actor=request.user, centre=c, supervisor=selectors.user_by_username(d["supervisor"], field="supervisor")
        ),
        gettext("已更新督导。"),
    )  # fmt: skip


def _adds(
    doing: str, form_class: type[forms.Form], title: Any, action: Callable[..., Any], message: Any
) -> Callable[..., HttpResponse]:
    """The page of a form that adds one thing to a centre, its fields the action's arguments."""

    @login_required
    @require_http_methods(["GET", "POST"])
    def view(request: AuthedRequest, centre_id: int) -> HttpResponse:
        return _centre_form(
            request, centre_id, doing, form_class(web.posted(request)), str(title),
            lambda c, d: action(actor=request.user, centre=c, **d), str(message),
        )  # fmt: skip

    return view


room_create = _adds(
    "add_room", RoomForm, gettext_lazy("添加功能室"), actions.room_create, gettext_lazy("已添加功能室。")
)
service_create = _adds(
    "add_service",
    ServiceForm,
    gettext_lazy("添加服务项目"),
    actions.service_create,
    gettext_lazy("已添加服务项目。"),
)
holiday_create = _adds(
    "add_holiday",
    HolidayForm,
    gettext_lazy("登记闭馆日"),
    actions.holiday_add,
    gettext_lazy("已登记闭馆日。"),
)
article_create = _adds(
    "add_article",
    ArticleForm,
    gettext_lazy("撰写知识文章"),
    actions.article_create,
    gettext_lazy("已保存文章。"),
)


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
    return web.submit(
        request,
        ArticleForm(web.posted(request), initial=initial),
        act=lambda d: actions.article_update(
            actor=request.user, article=article, category=d["category"], title=d["title"], body=d["body"],
            publish=d["publish"],
        ),
        done=lambda a: redirect("services:knowledge_detail", knowledge_id=a.pk),
        message=gettext("已保存。"),
        template=FORM,
        context={"title": gettext("修改「%(title)s」") % {"title": article.title}, "back": reverse("services:knowledge_detail", args=[article.pk])},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def provider_create(request: AuthedRequest, centre_id: int) -> HttpResponse:
    centre = selectors.centre_get_for_actor(actor=request.user, pk=centre_id)
    services = list(centre.services.filter(active=True))

    def make(c: Centre, d: dict[str, Any]) -> Provider:
        return actions.provider_create(
            actor=request.user, centre=c, kind=d["kind"], name=d["name"], title=d["title"], bio=d["bio"],
            user=selectors.user_by_username(d["username"], field="username"), units=_units(request, d["units"]),
            services=[s for s in services if str(s.pk) in d["services"]],
        )  # fmt: skip

    form = ProviderForm(web.posted(request), services=[(s.pk, s.name) for s in services])
    return _centre_form(
        request, centre_id, "add_provider", form, gettext("添加咨询师/律师"), make,
        lambda p: gettext("已添加%(name)s。") % {"name": p.name},
        done=lambda p: redirect("services:provider", provider_id=p.pk),
    )  # fmt: skip


def _units(request: AuthedRequest, codes: str) -> list[Any]:
    """The enterprises named by their credit codes, among those the officer may see."""
    units, problems = unit_selectors.units_by_codes_for_actor(
        actor=request.user, codes=split_codes(codes), perm="view"
    )
    if problems:
        raise Refused({"units": problems})
    return list(units)


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
            "ab": provider_abilities(request.user, provider),
            "schedules": selectors.schedules_current(provider, on=today),
            "exceptions": list(provider.exceptions.select_related("room").filter(on__gte=today)),
            "days": days,
            "bookings": selectors.bookings_of_provider(provider, first=today)[:50],
            "units": list(provider.units.all()[:100]),
        },
    )


def _provider_form(
    request: AuthedRequest, provider_id: int, doing: str, form_class: type[forms.Form], title: str,
    make: Callable[[Provider, dict[str, Any], Room | None], object], done: str,
) -> HttpResponse:  # fmt: skip
    """A form about one provider's hours: refused (403) unless the person may `doing`."""
    provider = selectors.provider_get_for_actor(actor=request.user, pk=provider_id)
    provider_abilities(request.user, provider).require(doing)
    rooms = list(provider.centre.rooms.filter(active=True))
    form = form_class(web.posted(request), rooms=[(r.pk, r.name) for r in rooms])  # type: ignore[call-arg]

    def act(d: dict[str, Any]) -> object:
        return make(provider, d, next((r for r in rooms if r.pk == d.get("room")), None))

    return web.submit(
        request,
        form,
        act=act,
        done=lambda _x: redirect("services:provider", provider_id=provider.pk),
        message=done,
        template=FORM,
        context={
            "title": f"{provider.name} · {title}",
            "back": reverse("services:provider", args=[provider.pk]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def schedule_create(request: AuthedRequest, provider_id: int) -> HttpResponse:
    return _provider_form(
        request, provider_id, "add_schedule", ScheduleForm, gettext("添加每周排班"),
        lambda p, d, room: actions.schedule_add(
            actor=request.user, provider=p, weekday=d["weekday"], start=d["start"], end=d["end"],
            slot_minutes=d["slot_minutes"], valid_from=d["valid_from"], valid_to=d["valid_to"], room=room,
        ),
        gettext("已添加排班。"),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def exception_create(request: AuthedRequest, provider_id: int) -> HttpResponse:
    return _provider_form(
        request, provider_id, "add_exception", ExceptionForm, gettext("加开或停诊"),
        lambda p, d, room: actions.exception_add(
            actor=request.user, provider=p, on=d["on"], start=d["start"], end=d["end"], extra=d["kind"] == "extra",
            slot_minutes=d["slot_minutes"], room=room, note=d["note"],
        ),
        gettext("已登记排班调整。"),
    )  # fmt: skip


_provider_for = web.guarded(selectors.provider_get_for_actor, provider_abilities)


@login_required
@require_http_methods(["GET", "POST"])
def provider_units(request: AuthedRequest, provider_id: int) -> HttpResponse:
    """The enterprises a lawyer is linked to (律师入企)."""
    provider = _provider_for(request, provider_id, "link_units")
    initial = {"units": "\n".join(provider.units.values_list("credit_code", flat=True))}
    return web.submit(
        request,
        UnitsForm(web.posted(request), initial=initial),
        act=lambda d: actions.provider_set_units(
            actor=request.user, provider=provider, units=_units(request, d["units"])
        ),
        done=lambda p: redirect("services:provider", provider_id=p.pk),
        message=gettext("已更新挂钩企业。"),
        template=FORM,
        context={
            "title": gettext("%(name)s · 挂钩企业") % {"name": provider.name},
            "back": reverse("services:provider", args=[provider.pk]),
        },
    )


@login_required
@require_POST
def schedule_end(request: AuthedRequest, provider_id: int) -> HttpResponse:
    """Stop one of the provider's weekly hours from today (booked sessions stay booked)."""
    provider = _provider_for(request, provider_id, "end_schedule")
    pk = web.post_int(request, "schedule")
    schedule = provider.schedules.filter(pk=pk).first() if pk is not None else None
    if schedule is None:
        messages.error(request, gettext("请选择要停止的排班。"))
        return redirect("services:provider", provider_id=provider.pk)
    actions.schedule_end(actor=request.user, schedule=schedule)
    messages.success(
        request, gettext("已停止排班（%(schedule)s），今天以后不再开放预约。") % {"schedule": schedule}
    )
    return redirect("services:provider", provider_id=provider.pk)
