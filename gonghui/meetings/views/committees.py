"""Committees, rosters on a date, seats, voting rules."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from gonghui.kernel import web
from gonghui.kernel.abilities import NONE
from gonghui.kernel.cleaning import today
from gonghui.kernel.web import AuthedRequest, posted, submit
from gonghui.members.selectors import member_get_for_actor

from .. import actions, exports, selectors
from ..abilities import committee_abilities, meetings_abilities, seat_abilities
from ..forms import CommitteeForm, RulesForm, SeatEndForm, SeatsForm, parse_fraction
from ..models import Committee, MajorityBasis, Seat

_committee_for = web.guarded(selectors.committee_get_for_actor, committee_abilities)


def _to_committee(committee: Committee) -> HttpResponse:
    return redirect("meetings:committee", committee_id=committee.pk)


_seat_for = web.guarded(selectors.seat_get_for_actor, seat_abilities)


@login_required
@require_GET
def committee_list(request: AuthedRequest) -> HttpResponse:
    org = web.org_chosen(request, "within")
    rows = list(selectors.committees_for_actor(actor=request.user, within=org)[:200]) if org else []
    return render(
        request,
        "meetings/committee_list.html",
        {
            "org": org,
            "rows": rows,
            "rules": selectors.rules_for_org(org) if org else None,
            "ab": meetings_abilities(request.user, org) if org else NONE,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def committee_create(request: AuthedRequest) -> HttpResponse:
    org = web.org_for(request, meetings_abilities, "create_committee", "您没有可以登记委员会的工会。")
    return submit(
        request, CommitteeForm(posted(request)),
        act=lambda data: actions.committee_create(actor=request.user, org=org, **data),
        done=_to_committee, message=lambda committee: gettext("已登记%(committee)s。") % {"committee": committee},
        template="meetings/form.html", context={"title": gettext("登记委员会 · %(name)s") % {"name": org.name}, "org": org},
    )  # fmt: skip


@login_required
@require_GET
def committee_detail(request: AuthedRequest, committee_id: int) -> HttpResponse:
    committee = selectors.committee_get_for_actor(actor=request.user, pk=committee_id)
    on = web.date_param(request, "on") or today()
    roster = selectors.roster_on(committee, on)
    return render(
        request,
        "meetings/committee_detail.html",
        {
            "committee": committee,
            "ab": committee_abilities(request.user, committee),
            "on": on,
            "roster": [(s, seat_abilities(request.user, s)) for s in roster],
            "history": list(selectors.seat_history(committee)[:500]),
            "meetings": selectors.committee_meetings(committee)[:50],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def seats_register(request: AuthedRequest, committee_id: int) -> HttpResponse:
    committee = _committee_for(request, committee_id, "register_seats")
    form = SeatsForm(posted(request), committee=committee, initial={"on": committee.starts_on})

    def act(data: dict[str, Any]) -> list[Seat]:
        people = []
        for person, member_id in form.lines():
            if member_id is not None:
                try:
                    member = member_get_for_actor(actor=request.user, pk=member_id)
                except (Http404, PermissionDenied):
                    raise ValidationError(
                        {
                            "people": gettext("%(name)s：会员编号#%(member_id)s不存在或不在您的管辖范围内。")
                            % {"name": person.name, "member_id": member_id}
                        }
                    ) from None
                person = actions.SeatIn(person.name, person.post, person.title, member)
            people.append(person)
        return actions.seats_register(actor=request.user, committee=committee, people=people, on=data["on"])

    return submit(
        request, form, act=act, done=lambda _: _to_committee(committee),
        message=lambda seats: gettext("已登记%(value)s人。") % {"value": len(seats)},
        template="meetings/form.html", context={"title": gettext("登记委员 · %(committee)s") % {"committee": committee}, "committee": committee},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def seat_end(request: AuthedRequest, seat_id: int) -> HttpResponse:
    seat = _seat_for(request, seat_id, "end")
    return submit(
        request, SeatEndForm(posted(request), initial={"on": today()}),
        act=lambda data: actions.seat_end(actor=request.user, seat=seat, **data),
        done=lambda s: redirect("meetings:committee", committee_id=s.committee_id),
        message=gettext("已登记%(name)s离任。") % {"name": seat.name},
        template="meetings/form.html",
        context={"title": gettext("登记离任 · %(name)s（%(committee)s）") % {"name": seat.name, "committee": seat.committee}, "committee": seat.committee, "danger": True},
    )  # fmt: skip


@login_required
@require_GET
def roster_export(request: AuthedRequest, committee_id: int) -> HttpResponseBase:
    committee = _committee_for(request, committee_id, "export")
    on = web.date_param(request, "on") or today()
    actions.roster_export_record(actor=request.user, committee=committee, on=on)
    return web.download(
        exports.roster_xlsx(actor=request.user, committee=committee, on=on),
        web.filename(f"{committee}名单_{on:%Y%m%d}", "xlsx"),
        web.XLSX,
    )


@login_required
@require_http_methods(["GET", "POST"])
def rules_edit(request: AuthedRequest) -> HttpResponse:
    org = web.org_for(
        request, meetings_abilities, "set_rules", "您没有可以设定选举规则的工会。", perm="manage"
    )
    current = selectors.rules_for_org(org)
    form = RulesForm(
        posted(request),
        initial={
            "quorum": f"{current.quorum_num}/{current.quorum_den}",
            "majority_basis": current.majority_basis,
        },
    )

    def act(data: dict[str, Any]) -> Any:
        fraction = parse_fraction(data["quorum"], field="quorum")
        if fraction is None:
            raise ValidationError({"quorum": gettext("请填写法定人数，如 2/3。")})
        return actions.rules_set(
            actor=request.user, org=org, quorum_num=fraction[0], quorum_den=fraction[1],
            majority_basis=data["majority_basis"],
        )  # fmt: skip

    return submit(
        request, form, act=act,
        done=lambda _: redirect(f"{reverse('meetings:committees')}?within={org.pk}"),
        message=gettext("已保存选举规则。"), template="meetings/form.html",
        context={"title": gettext("选举规则 · %(name)s") % {"name": org.name}, "org": org,
                 "note": gettext("现行：%(quorum)s；%(majority)s（%(source)s）。") % {
                     "quorum": current.quorum_label, "majority": current.majority_label, "source": current.source},
                 "bases": MajorityBasis.choices},
    )  # fmt: skip
