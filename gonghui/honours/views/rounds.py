"""Selection rounds, their places, 公示 and conferring."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gonghui.kernel import cleaning, web
from gonghui.kernel.web import AuthedRequest, posted, submit

from .. import actions, report, selectors
from ..abilities import (
    honours_abilities,
    nomination_abilities,
    quota_abilities,
    round_abilities,
)
from ..forms import (
    ConferForm,
    QuotaForm,
    RoundForm,
)
from ..models import RoundState

# ---- rounds ----------------------------------------------------------------------------------------


@login_required
@require_GET
def rounds(request: AuthedRequest) -> HttpResponse:
    within = web.org_param(request, "within")
    state = web.choice_param(request, "state", RoundState.choices)
    org = web.first_org(request.user)
    nominating = web.first_org(request.user, "edit")
    rows = selectors.round_rows(actor=request.user, within=within, state=state)
    for row in rows:
        row["ab"] = round_abilities(request.user, row["round"], org=nominating)
    return render(request, "honours/rounds.html", {
        "rows": rows, "within": within, "state": state, "states": RoundState.choices,
        "org": org, "org_ab": honours_abilities(request.user, org) if org else None, "nominating_org": nominating,
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: AuthedRequest) -> HttpResponse:
    org = web.org_for(request, honours_abilities, "open_round", "您无权开展评选。", perm="approve")
    today = cleaning.today()
    form = RoundForm(posted(request), kinds=selectors.kinds_for_org(org),
                     initial={"year": today.year, "notice_days": 7})  # fmt: skip
    return submit(
        request, form,
        act=lambda data: actions.round_open(actor=request.user, org=org, **data),
        done=lambda r: redirect("honours:round", round_id=r.pk),
        message=gettext("评选已开展。可以向下级工会分配名额。"),
        template="honours/form.html", context={"title": gettext("开展评选 · %(name)s") % {"name": org.name}},
    )  # fmt: skip


def _round_page(request: AuthedRequest, round: Any, status: int = 200, **extra: Any) -> HttpResponse:
    ab = round_abilities(request.user, round)
    nominations = selectors.nominations_of(round, actor=request.user).order_by("state", "org__path", "id")
    return render(request, "honours/round_detail.html", {
        "round": round, "ab": ab, "quotas": selectors.quotas_of(round, actor=request.user),
        "rows": [(n, nomination_abilities(request.user, n)) for n in nominations],
        "quota_form": QuotaForm(unions=selectors.unions_to_allot(round, actor=request.user)) if ab.allot else None,
        "confer_form": ConferForm(initial={"conferred_on": cleaning.today()}) if ab.confer else None,
        "held_back": selectors.round_held_back(request.user, round),
        "notice_url": selectors.notice_url(round),
        **extra,
    }, status=status)  # fmt: skip


round_detail = web.record_page(selectors.round_get_for_actor, _round_page)


@login_required
@require_GET
def round_export(request: AuthedRequest, round_id: int) -> HttpResponseBase:
    round = selectors.round_get_for_actor(actor=request.user, pk=round_id)
    fmt = web.choice_param(request, "format", ["xlsx", "csv"]) or "xlsx"
    rows = selectors.nominations_of(round, actor=request.user).order_by("org__path", "id")
    actions.nominations_export_record(actor=request.user, round=round, fmt=fmt, count=rows.count())
    name = f"{round.title}推荐对象"
    if fmt == "csv":
        lines = report.nominations_csv(actor=request.user, rows=rows)
        return web.download((line.encode("utf-8") for line in lines), web.filename(name, "csv"), web.CSV)
    return web.download(
        report.nominations_xlsx(actor=request.user, round=round, rows=rows),
        web.filename(name, "xlsx"),
        web.XLSX,
    )


_round_for = web.guarded(selectors.round_get_for_actor, round_abilities)


@login_required
@require_POST
def round_quota(request: AuthedRequest, round_id: int) -> HttpResponse:
    round = _round_for(request, round_id, "allot")
    form = QuotaForm(request.POST, unions=selectors.unions_to_allot(round, actor=request.user))
    return _allot(request, form, round, done=lambda: redirect("honours:round", round_id=round.pk),
                  again=lambda f: _round_page(request, round, status=web.INVALID, quota_form=f))  # fmt: skip


def _allot(request: AuthedRequest, form: QuotaForm, round: Any, *, done: Any, again: Any) -> HttpResponse:
    if form.is_valid():
        org = selectors.org_below(round, form.cleaned_data["org"])
        try:
            q = actions.quota_set(
                actor=request.user, round=round, org=org, places=form.cleaned_data["places"]
            )
        except ValidationError as exc:
            web.apply_errors(form, exc)
        else:
            messages.success(
                request,
                gettext("已为「%(name)s」分配名额%(places)s名。") % {"name": q.org.name, "places": q.places},
            )
            return done()
    response: HttpResponse = again(form)
    response.status_code = web.INVALID
    return response


_round_step = web.Steps(
    get=selectors.round_get_for_actor, record="round", page=_round_page,
    done=lambda r: redirect("honours:round", round_id=r.pk),
)  # fmt: skip
round_publish = _round_step(actions.round_publish, gettext_lazy("拟表彰名单已公示。"))
round_confer = _round_step.form(
    actions.round_confer, ConferForm, "confer_form", gettext_lazy("已确认表彰，荣誉已记入劳模档案。")
)
round_cancel = _round_step(
    actions.round_cancel,
    gettext_lazy("评选已取消。"),
    extra=lambda request, _r: {"reason": request.POST.get("reason", "")},
)


# ---- places held by a union below --------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def quota_detail(request: AuthedRequest, quota_id: int) -> HttpResponse:
    quota = selectors.quota_get_for_actor(actor=request.user, pk=quota_id)
    round = quota.round
    ab = quota_abilities(request.user, quota)
    unions = selectors.unions_below(quota.org, actor=request.user)
    form = QuotaForm(posted(request), unions=unions) if ab.allot else None

    def page(f: Any = form) -> HttpResponse:
        nominations = selectors.nominations_below(quota.org, round)
        return render(request, "honours/quota_detail.html", {
            "quota": quota, "round": round, "ab": ab, "form": f, "subs": selectors.sub_quotas(quota),
            "used": selectors.quota_used(quota),
            "rows": [(n, nomination_abilities(request.user, n)) for n in nominations],
        })  # fmt: skip

    if request.method == "POST":
        ab.require("allot")
        assert form is not None
        return _allot(
            request, form, round, done=lambda: redirect("honours:quota", quota_id=quota.pk), again=page
        )
    return page()
