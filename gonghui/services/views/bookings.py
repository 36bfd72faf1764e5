"""Officer pages of bookings: the centres' calendar by day or week, and booking a free slot on a
member's behalf."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.views.decorators.http import require_GET, require_http_methods

from gonghui.kernel import scope
from gonghui.kernel.web import AuthedRequest, apply_errors, int_param

from .. import actions, selectors
from ..forms import OfficerBookForm
from ._common import INVALID


@login_required
@require_GET
def booking_list(request: AuthedRequest) -> HttpResponse:
    """The bookings of one day (default today) or a week, by provider: the centre's calendar."""
    cid = int_param(request, "centre")
    centre = selectors.centre_get_for_actor(actor=request.user, pk=cid) if cid else None
    day = parse_date(request.GET.get("day", "") or "") if _is_iso(request.GET.get("day", "")) else None
    day = day or timezone.localdate()
    week = request.GET.get("span") == "week"
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


def _is_iso(text: str) -> bool:
    try:
        return parse_date(text) is not None
    except ValueError:
        return False


@login_required
@require_http_methods(["GET", "POST"])
def booking_create_for(request: AuthedRequest) -> HttpResponse:
    """An officer books a free slot for a member of their subtree (found by ID number)."""
    pid = int_param(request, "provider")
    if pid is None:
        if request.method == "POST":
            return HttpResponseBadRequest("请先选择咨询师或律师。")
        return redirect("services:index")
    provider = selectors.provider_get_for_booking(actor=request.user, pk=pid)
    today = timezone.localdate()
    slots = selectors.free_slots(provider, first=today, last=today + dt.timedelta(days=14))
    slot_choices = [
        (
            s.starts_at.isoformat(),
            f"{timezone.localtime(s.starts_at):%m月%d日 %H:%M}–{timezone.localtime(s.ends_at):%H:%M}",
        )
        for s in slots
    ]
    services = list(provider.services.filter(active=True))
    form = OfficerBookForm(
        request.POST or None, services=[(s.pk, s.name) for s in services], slots=slot_choices
    )
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            d = form.cleaned_data
            try:
                member = selectors.member_find_for_actor(actor=request.user, id_number=d["id_number"])
                service = next(s for s in services if s.pk == d["service"])
                starts_at = dt.datetime.fromisoformat(d["starts_at"])
                booking = actions.booking_create(
                    actor=request.user, member=member, provider=provider, service=service, starts_at=starts_at,
                    note=d["note"],
                )  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"已为{booking.member.name}预约。")
                return redirect("services:booking", booking_id=booking.pk)
    back = (
        reverse("services:provider", args=[provider.pk])
        if scope.can(request.user, "view", provider.centre.org)
        else reverse("services:index")
    )
    title = f"代会员预约 · {provider.name}（{provider.centre.name}）"
    return render(request, "services/form.html", {"form": form, "title": title, "back": back}, status=status)
