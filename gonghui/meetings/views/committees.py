"""Committees, rosters on a date, seats, voting rules."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from gonghui.kernel import scope
from gonghui.kernel.web import AuthedRequest, apply_errors
from gonghui.members.selectors import member_get_for_actor

from .. import actions, exports, selectors
from ..forms import CommitteeForm, RulesForm, SeatEndForm, SeatsForm, parse_fraction
from ..models import MajorityBasis
from ._common import INVALID, XLSX, filename, org_param


def _date_param(request: AuthedRequest, name: str = "on") -> dt.date:
    raw = request.GET.get(name, "").strip()
    try:
        return dt.date.fromisoformat(raw) if raw else timezone.localdate()
    except ValueError:
        return timezone.localdate()


@login_required
@require_GET
def committee_list(request: AuthedRequest) -> HttpResponse:
    org = org_param(request, "within") or selectors.default_org_for_actor(actor=request.user, perm="view")
    rows = list(selectors.committees_for_actor(actor=request.user, within=org)[:200]) if org else []
    return render(
        request,
        "meetings/committee_list.html",
        {
            "org": org,
            "rows": rows,
            "rules": selectors.rules_for_org(org) if org else None,
            "can_edit": org is not None and scope.can(request.user, "edit", org),
            "can_manage": org is not None and scope.can(request.user, "manage", org),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def committee_create(request: AuthedRequest) -> HttpResponse:
    org = org_param(request, "org", perm="edit") or selectors.default_org_for_actor(actor=request.user)
    if org is None:
        raise PermissionDenied("您没有可以登记委员会的工会。")
    form = CommitteeForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            try:
                committee = actions.committee_create(actor=request.user, org=org, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"已登记{committee}。")
                return redirect("meetings:committee", committee_id=committee.pk)
    return render(
        request,
        "meetings/form.html",
        {"form": form, "title": f"登记委员会 · {org.name}", "org": org},
        status=status,
    )


@login_required
@require_GET
def committee_detail(request: AuthedRequest, committee_id: int) -> HttpResponse:
    committee = selectors.committee_get_for_actor(actor=request.user, pk=committee_id)
    on = _date_param(request)
    return render(
        request,
        "meetings/committee_detail.html",
        {
            "committee": committee,
            "on": on,
            "roster": selectors.roster_on(committee, on),
            "history": list(selectors.seat_history(committee)[:500]),
            "meetings": list(committee.meetings.exclude(status="cancelled").order_by("-held_on")[:50]),
            "can_edit": scope.can(request.user, "edit", committee.org),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def seats_register(request: AuthedRequest, committee_id: int) -> HttpResponse:
    committee = selectors.committee_get_for_actor(actor=request.user, pk=committee_id, perm="edit")
    form = SeatsForm(
        request.POST if request.method == "POST" else None,
        committee=committee,
        initial={"on": committee.starts_on},
    )
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            try:
                people = []
                for person, member_id in form.lines():
                    if member_id is not None:
                        try:
                            member = member_get_for_actor(actor=request.user, pk=member_id)
                        except (Http404, PermissionDenied):
                            raise ValidationError(
                                {"people": f"{person.name}：会员编号#{member_id}不存在或不在您的管辖范围内。"}
                            ) from None
                        person = actions.SeatIn(person.name, person.post, person.title, member)
                    people.append(person)
                seats = actions.seats_register(
                    actor=request.user, committee=committee, people=people, on=form.cleaned_data["on"]
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"已登记{len(seats)}人。")
                return redirect("meetings:committee", committee_id=committee.pk)
    return render(
        request,
        "meetings/form.html",
        {"form": form, "title": f"登记委员 · {committee}", "committee": committee},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def seat_end(request: AuthedRequest, seat_id: int) -> HttpResponse:
    seat = selectors.seat_get_for_actor(actor=request.user, pk=seat_id, perm="edit")
    form = SeatEndForm(
        request.POST if request.method == "POST" else None, initial={"on": timezone.localdate()}
    )
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            try:
                actions.seat_end(actor=request.user, seat=seat, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"已登记{seat.name}离任。")
                return redirect("meetings:committee", committee_id=seat.committee_id)
    return render(
        request,
        "meetings/form.html",
        {"form": form, "title": f"登记离任 · {seat.name}（{seat.committee}）", "committee": seat.committee,
         "danger": True},
        status=status,
    )  # fmt: skip


@login_required
@require_GET
def roster_export(request: AuthedRequest, committee_id: int) -> HttpResponseBase:
    committee = selectors.committee_get_for_actor(actor=request.user, pk=committee_id)
    on = _date_param(request)
    actions.roster_export_record(actor=request.user, committee=committee, on=on)
    return FileResponse(
        exports.roster_xlsx(actor=request.user, committee=committee, on=on),
        as_attachment=True,
        filename=filename(f"{committee}名单_{on:%Y%m%d}", "xlsx"),
        content_type=XLSX,
    )


@login_required
@require_http_methods(["GET", "POST"])
def rules_edit(request: AuthedRequest) -> HttpResponse:
    org = org_param(request, "org", perm="manage") or selectors.default_org_for_actor(
        actor=request.user, perm="manage"
    )
    if org is None:
        raise PermissionDenied("您没有可以设定选举规则的工会。")
    current = selectors.rules_for_org(org)
    form = RulesForm(
        request.POST if request.method == "POST" else None,
        initial={
            "quorum": f"{current.quorum_num}/{current.quorum_den}",
            "majority_basis": current.majority_basis,
        },
    )
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            try:
                fraction = parse_fraction(form.cleaned_data["quorum"], field="quorum")
                if fraction is None:
                    raise ValidationError({"quorum": "请填写法定人数，如 2/3。"})
                actions.rules_set(
                    actor=request.user, org=org, quorum_num=fraction[0], quorum_den=fraction[1],
                    majority_basis=form.cleaned_data["majority_basis"],
                )  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "已保存选举规则。")
                return redirect(f"{reverse('meetings:committees')}?within={org.pk}")
    return render(
        request,
        "meetings/form.html",
        {"form": form, "title": f"选举规则 · {org.name}", "org": org, "note": f"现行：{current.quorum_label}；"
         f"{current.majority_label}（{current.source}）。", "bases": MajorityBasis.choices},
        status=status,
    )  # fmt: skip
