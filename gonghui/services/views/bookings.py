"""Officer pages of bookings: the centres' calendar by day or week, and booking a free slot on a
member's behalf."""

from __future__ import annotations

import datetime as dt
from itertools import groupby
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from gonghui.kernel import web
from gonghui.kernel.web import AuthedRequest

from .. import actions, selectors
from ..abilities import provider_abilities
from ..forms import OfficerBookForm
from ..models import Booking


@login_required
@require_GET
def booking_list(request: AuthedRequest) -> HttpResponse:
    """The bookings of one day or a week (first opened: the coming week from today), by provider:
    the centre's calendar."""
    cid = web.int_param(request, "centre")
    centre = selectors.centre_get_for_actor(actor=request.user, pk=cid) if cid else None
    day = web.date_param(request, "day") or timezone.localdate()
    span = request.GET.get("span", "" if "day" in request.GET else "week")
    week = span == "week"
    last = day + dt.timedelta(days=6 if week else 0)
    rows = selectors.bookings_for_actor(actor=request.user, centre=centre, first=day, last=last)
    by_day = [(d, list(g)) for d, g in groupby(rows, key=lambda b: timezone.localtime(b.starts_at).date())]
    return render(
        request,
        "services/bookings.html",
        {
            "by_day": by_day, "centre": centre, "day": day, "week": week,
            "prev": day - dt.timedelta(days=7 if week else 1), "next": day + dt.timedelta(days=7 if week else 1),
            "centres": list(selectors.centres_for_actor(actor=request.user)[:100]),
        },
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def booking_create_for(request: AuthedRequest) -> HttpResponse:
    """An officer books a free slot for a member of their subtree (found by ID number), at any
    centre that serves it, as far ahead as a member may book."""
    pid = web.int_param(request, "provider")
    if pid is None:
        if request.method == "POST":
            return HttpResponseBadRequest("请先选择咨询师或律师。")
        return redirect("services:index")
    provider = selectors.provider_get_for_booking(actor=request.user, pk=pid)
    ab = provider_abilities(request.user, provider)
    ab.require("book_for", gettext("您管辖的工会不在该中心的服务范围内，或该咨询师暂停服务。"))
    slot_choices = [
        (
            s.starts_at.isoformat(),
            f"{timezone.localtime(s.starts_at):%m月%d日 %H:%M}–{timezone.localtime(s.ends_at):%H:%M}",
        )
        for s in selectors.bookable_slots(provider)
    ]
    services = list(provider.services.filter(active=True))
    form = OfficerBookForm(
        web.posted(request), services=[(s.pk, s.name) for s in services], slots=slot_choices
    )

    def act(d: dict[str, Any]) -> Booking:
        member = selectors.member_find_for_actor(actor=request.user, id_number=d["id_number"])
        service = next(s for s in services if s.pk == d["service"])
        return actions.booking_create(
            actor=request.user, member=member, provider=provider, service=service,
            starts_at=dt.datetime.fromisoformat(d["starts_at"]), note=d["note"],
        )  # fmt: skip

    back = reverse("services:provider", args=[provider.pk]) if ab.view else reverse("services:index")
    return web.submit(
        request,
        form,
        act=act,
        done=lambda b: redirect("services:booking", booking_id=b.pk),
        message=lambda b: gettext("已为%(name)s预约。") % {"name": b.member.name},
        template="services/form.html",
        context={
            "title": gettext("代会员预约 · %(name)s（%(name2)s）")
            % {"name": provider.name, "name2": provider.centre.name},
            "back": back,
        },
    )
