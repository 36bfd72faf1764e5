"""Pages of campaigns and activities: the officer's lists, forms, check-in and results, and the
worker's phone pages (open activities, sign-up, the check-in code). Each parses, calls one
selector or action, and renders; what a person may do comes from the abilities."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gonghui.kernel import charts, qr, web
from gonghui.kernel.errors import Refused
from gonghui.kernel.web import AuthedRequest, posted
from gonghui.members.selectors import member_get_for_actor
from gonghui.orgs.models import Org

from . import actions, importing, report, rules, selectors
from .abilities import (
    activity_abilities,
    benefit_abilities,
    campaign_abilities,
    campaign_goal_abilities,
    group_abilities,
    org_abilities,
    signup_abilities,
    voucher_abilities,
    worker_abilities,
)
from .forms import (
    ActivityForm,
    BenefitForm,
    CampaignForm,
    CancelForm,
    EditForm,
    GroupForm,
    PartnerForm,
    ResultForm,
    VolunteerForm,
)
from .models import Activity, Benefit, SignUp, Voucher


def _org(request: AuthedRequest, name: str = "within", perm: str = "view") -> Org | None:
    return web.org_param(request, name, perm=perm) or web.org_chosen(request, perm=perm)


def _posted_org(request: AuthedRequest) -> Org:
    """The union a form is posted for: named in the address, never guessed."""
    org = web.org_param(request, "org", perm="edit")
    if org is None:
        if request.method == "POST":
            raise Http404("请选择工会。")
        org = web.first_org(request.user, "edit")
        if org is None:
            raise PermissionDenied("您无权在任何工会办理此事项。")
    return org


def _format(request: AuthedRequest) -> str:
    return web.choice_param(request, "format", ["xlsx", "csv"]) or "xlsx"


def _file(
    request: AuthedRequest, what: str, stem: str, rows: Any, org: Org, title: str = ""
) -> HttpResponseBase:
    fmt = _format(request)
    rows = list(rows)
    actions.export_record(actor=request.user, org=org, what=stem, rows=len(rows), fmt=fmt)
    if fmt == "csv":
        lines = report.csv(what, actor=request.user, rows=rows)
        return web.download((line.encode("utf-8") for line in lines), web.filename(stem, "csv"), web.CSV)
    return web.download(
        report.xlsx(what, actor=request.user, rows=rows, title=title), web.filename(stem, "xlsx"), web.XLSX
    )


# ------------------------------------------------------------------------ the officer's lists


@login_required
@require_GET
def activity_list(request: AuthedRequest) -> HttpResponse:
    org = _org(request)
    if org is None:
        return redirect("activities:open")
    due = request.GET.get("todo") == "1"
    rows = selectors.activity_list_for_actor(actor=request.user, within=org, due=due)[:200]
    return render(request, "activities/list.html", {
        "org": org, "rows": rows, "due": due, "ab": org_abilities(request.user, org),
        "campaigns": selectors.campaign_list_for_actor(actor=request.user, org=org),
    })  # fmt: skip


@login_required
@require_GET
def activity_export(request: AuthedRequest) -> HttpResponseBase:
    org = web.org_param(request, "within", missing="请选择导出范围（工会）。")
    rows = selectors.activity_list_for_actor(actor=request.user, within=org).order_by("starts_at", "pk")
    return _file(request, "activities", "活动台账", rows, org, title=f"{org.name}活动台账")


# -------------------------------------------------------------------------------- campaigns


@login_required
@require_http_methods(["GET", "POST"])
def campaign_create(request: AuthedRequest) -> HttpResponse:
    org = _posted_org(request)
    org_abilities(request.user, org).require("open_campaign")
    form = CampaignForm(posted(request))
    return web.submit(
        request, form,
        act=lambda data: actions.campaign_open(actor=request.user, org=org, **data),
        done=lambda c: redirect("activities:campaign", campaign_id=c.pk),
        message=gettext("专项活动已发起，下级工会可以在其中添加活动。"),
        template="activities/form.html", context={"title": f"{org.name} · 发起专项活动", "org": org},
    )  # fmt: skip


def _campaign_page(request: AuthedRequest, campaign_id: int) -> HttpResponse:
    at = web.org_param(request, "org")
    campaign = selectors.campaign_get_for_actor(actor=request.user, pk=campaign_id, at=at)
    at = at or campaign.org
    progress = selectors.campaign_progress(campaign, at)
    chart = charts.categories_chart(
        [r.label for r in progress.rows],
        y_axis=[{"type": "value", "name": "人次"}, {"type": "value", "name": "元"}],
        series=[
            charts.bar("服务人次", [r.people for r in progress.rows]),
            charts.line("目标服务人次", [r.goal_people if r.has_goal else None for r in progress.rows],
                        symbol="diamond", lineStyle={"type": "dashed"}),
            charts.bar("物资价值（元）", [float(r.goods_value) for r in progress.rows], yAxisIndex=1),
        ],
    )  # fmt: skip
    rows = selectors.activity_list_for_actor(actor=request.user, within=at, campaign=campaign)[:200]
    return render(request, "activities/campaign.html", {
        "campaign": campaign, "at": at, "progress": progress, "chart": chart, "rows": rows,
        "ab": campaign_abilities(request.user, campaign), "here": org_abilities(request.user, at),
        "goals": campaign_goal_abilities(request.user, campaign, at), "benefits": selectors.benefits_of(campaign),
    })  # fmt: skip


@login_required
@require_GET
def campaign_detail(request: AuthedRequest, campaign_id: int) -> HttpResponse:
    return _campaign_page(request, campaign_id)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_goals(request: AuthedRequest, campaign_id: int) -> HttpResponse:
    """Split the goals a union holds in the campaign among the unions directly below it."""
    at = web.org_param(request, "org", perm="edit")
    campaign = selectors.campaign_get_for_actor(actor=request.user, pk=campaign_id, at=at)
    at = at or campaign.org
    campaign_goal_abilities(request.user, campaign, at).require(
        "split_goals", actions.goal_split_refusal(campaign, at) or "您无权分解目标。"
    )
    rows = selectors.goal_split_rows(campaign, at)

    def page(status: int = 200) -> HttpResponse:
        values = request.POST if request.method == "POST" else None
        lines = [
            {"org": c, "people": values.get(f"people_{c.pk}", "") if values else (g.goal_people if g else ""),
             "money": values.get(f"money_{c.pk}", "") if values else (g.goal_money if g else ""),
             "goods": values.get(f"goods_{c.pk}", "") if values else (g.goal_goods if g else "")}
            for c, g in rows
        ]  # fmt: skip
        return render(request, "activities/goals.html", {
            "campaign": campaign, "at": at, "lines": lines, "whole": selectors.goal_of(campaign, at),
        }, status=status)  # fmt: skip

    if request.method == "GET":
        return page()
    shares = [
        actions.GoalShare(c.pk, request.POST.get(f"people_{c.pk}", ""), request.POST.get(f"money_{c.pk}", ""),
                          request.POST.get(f"goods_{c.pk}", ""))
        for c, _g in rows
    ]  # fmt: skip
    return web.step(
        request, act=lambda: actions.campaign_goals_split(actor=request.user, campaign=campaign, org=at, shares=shares),
        done=lambda _p: redirect(f"{reverse('activities:campaign', args=[campaign.pk])}?org={at.pk}"),
        refused=page, message=gettext("目标已分解到下级工会。"),
    )  # fmt: skip


def _campaign_step(request: AuthedRequest, campaign_id: int, act: Any, message: str) -> HttpResponse:
    campaign = selectors.campaign_get_for_actor(actor=request.user, pk=campaign_id, perm="edit")
    return web.step(
        request, act=lambda: act(actor=request.user, campaign=campaign),
        done=lambda c: redirect("activities:campaign", campaign_id=c.pk),
        refused=lambda: _campaign_page(request, campaign_id), message=message,
    )  # fmt: skip


@login_required
@require_POST
def campaign_close(request: AuthedRequest, campaign_id: int) -> HttpResponse:
    return _campaign_step(request, campaign_id, actions.campaign_close, gettext("专项活动已结束。"))


@login_required
@require_POST
def campaign_reopen(request: AuthedRequest, campaign_id: int) -> HttpResponse:
    return _campaign_step(request, campaign_id, actions.campaign_reopen, gettext("专项活动已重新开启。"))


# --------------------------------------------------------------------------------- benefits


@login_required
@require_http_methods(["GET", "POST"])
def benefit_create(request: AuthedRequest, campaign_id: int) -> HttpResponse:
    """The campaign's union sets a benefit its members claim (a voucher each)."""
    campaign = selectors.campaign_get_for_actor(actor=request.user, pk=campaign_id, perm="edit")
    campaign_abilities(request.user, campaign).require(
        "add_benefit", actions.benefit_set_refusal(campaign) or gettext("您无权设置领取福利。")
    )
    initial = {"claim_from": max(campaign.starts_on, timezone.localdate()), "claim_until": campaign.ends_on}
    form = BenefitForm(posted(request), initial=initial, groups=selectors.groups_usable(campaign.org))
    return web.submit(
        request, form,
        act=lambda data: actions.benefit_set(actor=request.user, campaign=campaign, **data),
        done=lambda b: redirect("activities:benefit", benefit_id=b.pk),
        message=gettext("领取福利已设置，范围内的会员可以在「普惠服务与活动」中领取。"),
        template="activities/form.html",
        context={"title": f"{campaign.title} · {gettext('设置领取福利')}", "org": campaign.org},
    )  # fmt: skip


def _benefit_page(request: AuthedRequest, benefit: Benefit) -> HttpResponse:
    ab = benefit_abilities(request.user, benefit)
    return render(request, "activities/benefit.html", {
        "benefit": benefit, "campaign": benefit.campaign, "ab": ab, "counts": selectors.benefit_counts(benefit),
        "vouchers": selectors.benefit_vouchers(benefit) if ab.ledger else [],
        "mine": [v for v in selectors.my_vouchers(request.user) if v.benefit_id == benefit.pk],
    })  # fmt: skip


benefit_detail = web.record_page(selectors.benefit_get_for_actor, _benefit_page)


@login_required
@require_POST
def benefit_claim(request: AuthedRequest, benefit_id: int) -> HttpResponse:
    benefit = selectors.benefit_get_for_actor(actor=request.user, pk=benefit_id)
    return web.step(
        request, act=lambda: actions.voucher_claim(actor=request.user, benefit=benefit),
        done=lambda v: redirect("activities:voucher", voucher_id=v.pk),
        refused=lambda: _benefit_page(request, selectors.benefit_get_for_actor(actor=request.user, pk=benefit_id)),
        message=gettext("领取成功，请凭券码到工会领取。"),
    )  # fmt: skip


@login_required
@require_POST
def benefit_redeem(request: AuthedRequest, benefit_id: int) -> HttpResponse:
    """Redeem the voucher whose code the worker shows."""
    benefit = selectors.benefit_get_for_actor(actor=request.user, pk=benefit_id, perm="edit")
    return web.step(
        request,
        act=lambda: actions.voucher_redeem_by_code(actor=request.user, benefit=benefit,
                                                   code=request.POST.get("code", "")),
        done=lambda _v: redirect("activities:benefit", benefit_id=benefit.pk),
        refused=lambda: _benefit_page(request, selectors.benefit_get_for_actor(actor=request.user, pk=benefit_id)),
        message=lambda v: gettext("已核销：%(name)s 的第 %(seq)s 号券。") % {"name": v.name, "seq": v.seq},
    )  # fmt: skip


def _voucher_page(request: AuthedRequest, voucher: Voucher) -> HttpResponse:
    ab = voucher_abilities(request.user, voucher)
    context: dict[str, Any] = {"voucher": voucher, "benefit": voucher.benefit, "ab": ab}
    if ab.code:
        context.update(code=actions.code_shown(voucher.code), qr=qr.svg(voucher.code, box_size=8))
    return render(request, "activities/voucher.html", context)


voucher_detail = web.record_page(selectors.voucher_get_for_actor, _voucher_page)
voucher_redeem = web.Steps(
    get=selectors.voucher_get_for_actor, record="voucher", page=_voucher_page,
    done=lambda v: redirect("activities:voucher", voucher_id=v.pk),
)(actions.voucher_redeem, gettext_lazy("已核销。"), perm="edit")  # fmt: skip


# ------------------------------------------------------------------------------- activities


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request: AuthedRequest) -> HttpResponse:
    org = _posted_org(request)
    org_abilities(request.user, org).require("add_activity")
    campaigns = selectors.campaigns_open_to(org)
    initial: dict[str, Any] = {}
    picked = web.int_param(request, "campaign")
    if picked is not None:
        initial["campaign"] = campaigns.filter(pk=picked).first()
    form = ActivityForm(
        posted(request), initial=initial, campaigns=campaigns, partners=selectors.partners_usable(org),
        groups=selectors.groups_usable(org),
    )  # fmt: skip
    return web.submit(
        request, form,
        act=lambda data: actions.activity_create(actor=request.user, org=org, **data),
        done=lambda a: redirect("activities:activity", activity_id=a.pk),
        message=gettext("活动已发布，职工可以报名。"),
        template="activities/form.html", context={"title": f"{org.name} · 新建活动", "org": org},
    )  # fmt: skip


def _activity_context(request: AuthedRequest, activity: Activity) -> dict[str, Any]:
    ab = activity_abilities(request.user, activity)
    context: dict[str, Any] = {
        "activity": activity, "ab": ab, "left": selectors.places_left(activity),
        "partners": list(activity.partners.all()),
        "mine": [s for s in selectors.my_signups(request.user, current=False) if s.activity_id == activity.pk][:1],
        "refusal": rules.signup_refusal(request.user, activity),
        "held_back": [] if ab.result else [w for w in [rules.checkin_refusal(activity)] if w and ab.export],
    }  # fmt: skip
    if ab.add_signup:
        q = request.GET.get("member_q", "").strip()
        context.update(
            member_q=q, candidates=selectors.members_to_add(actor=request.user, activity=activity, name=q)
        )
    if ab.export:
        roster = selectors.roster(activity)
        handouts, handed = selectors.handouts(activity)
        context.update(
            roster=roster, handouts=handouts, handed=handed, served=selectors.volunteers_for_activity(activity),
            volunteers=selectors.volunteers_usable(actor=request.user, activity=activity) if ab.hours else [],
            cancel_form=CancelForm(), history=selectors.activity_history(activity),
        )  # fmt: skip
    return context


def _activity_page(request: AuthedRequest, activity: Activity) -> HttpResponse:
    return render(request, "activities/activity.html", _activity_context(request, activity))


activity_detail = web.record_page(selectors.activity_get_for_actor, _activity_page)


@login_required
@require_GET
def roster_export(request: AuthedRequest, activity_id: int) -> HttpResponseBase:
    activity = selectors.activity_get_for_actor(actor=request.user, pk=activity_id, perm="edit")
    rows = SignUp.objects.filter(activity=activity).order_by("seq")
    return _file(request, "roster", f"{activity.title}报名签到表", rows, activity.org, title=activity.title)


@login_required
@require_POST
def signup_add(request: AuthedRequest, activity_id: int) -> HttpResponse:
    activity = selectors.activity_get_for_actor(actor=request.user, pk=activity_id, perm="edit")
    pk = web.post_int(request, "member")
    if pk is None:
        raise Http404("请选择会员。")
    member = member_get_for_actor(actor=request.user, pk=pk)
    return web.step(
        request, act=lambda: actions.signup_add(actor=request.user, activity=activity, member=member),
        done=lambda s: redirect(reverse("activities:activity", args=[activity.pk]) + "#roster"),
        refused=lambda: _activity_page(request, activity), message=rules.signup_said,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: AuthedRequest, activity_id: int) -> HttpResponse:
    activity = selectors.activity_get_for_actor(actor=request.user, pk=activity_id, perm="edit")
    activity_abilities(request.user, activity).require("edit", gettext("活动已结束或已取消，不能再修改。"))
    initial = {k: getattr(activity, k) for k in actions.EDITABLE}
    form = EditForm(posted(request), initial=initial)
    return web.submit(
        request, form,
        act=lambda data: actions.activity_edit(actor=request.user, activity=activity, **data),
        done=lambda a: redirect("activities:activity", activity_id=a.pk),
        message=gettext("活动已修改。"), template="activities/form.html",
        context={"title": f"{activity.title} · 修改活动", "org": activity.org, "activity": activity},
    )  # fmt: skip


activity_cancel = web.Steps(
    get=selectors.activity_get_for_actor, record="activity", page=_activity_page,
    done=lambda a: redirect("activities:activity", activity_id=a.pk),
)(
    actions.activity_cancel, gettext_lazy("活动已取消。"), perm="edit",
    extra=lambda request, _a: {"reason": request.POST.get("reason", "")},
)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def activity_result(request: AuthedRequest, activity_id: int) -> HttpResponse:
    activity = selectors.activity_get_for_actor(actor=request.user, pk=activity_id, perm="edit")
    activity_abilities(request.user, activity).require("result", gettext("现在不能登记该活动的结果。"))
    roster = selectors.roster(activity)
    _rows, handed = selectors.handouts(activity)
    initial = {
        "people_served": activity.people_served or roster.attended, "goods": activity.goods,
        "goods_value": activity.goods_value or handed, "money": activity.money, "fund": activity.fund,
        "summary": activity.summary,
    }  # fmt: skip
    form = ResultForm(posted(request), initial=initial, funds=selectors.funds_usable(activity))
    return web.submit(
        request, form,
        act=lambda data: actions.activity_result_record(actor=request.user, activity=activity, **data),
        done=lambda a: redirect("activities:activity", activity_id=a.pk),
        message=gettext("活动结果已登记。"),
        template="activities/form.html",
        context={"title": f"{activity.title} · 登记活动结果", "org": activity.org, "activity": activity,
                 "note": gettext("签到 %(a)s 人（其中现场加入 %(w)s 人），按人登记的物资价值合计 %(h)s 元。")
                         % {"a": roster.attended, "w": roster.walk_ins, "h": handed}},
    )  # fmt: skip


@login_required
@require_POST
def handout_record(request: AuthedRequest, activity_id: int) -> HttpResponse:
    activity = selectors.activity_get_for_actor(actor=request.user, pk=activity_id, perm="edit")
    pk = web.post_int(request, "signup")
    signup = selectors.signup_for_activity(actor=request.user, activity=activity, pk=pk) if pk else None
    return web.step(
        request,
        act=lambda: actions.handout_record(
            actor=request.user, activity=activity, signup=signup, name=request.POST.get("name", ""),
            item=request.POST.get("item", ""), quantity=request.POST.get("quantity", "1") or "1",
            value=request.POST.get("value", ""),
        ),
        done=lambda h: redirect(reverse("activities:activity", args=[activity.pk]) + "#handouts"),
        refused=lambda: _activity_page(request, activity), message=gettext("物资发放已登记。"),
    )  # fmt: skip


@login_required
@require_POST
def hours_record(request: AuthedRequest, activity_id: int) -> HttpResponse:
    activity = selectors.activity_get_for_actor(actor=request.user, pk=activity_id, perm="edit")
    pk = web.post_int(request, "volunteer")
    if pk is None:
        raise Http404("请选择志愿者。")
    volunteer = selectors.volunteer_get_for_actor(actor=request.user, pk=pk)
    return web.step(
        request,
        act=lambda: actions.hours_record(actor=request.user, activity=activity, volunteer=volunteer,
                                         hours=request.POST.get("hours", ""), role=request.POST.get("role", "")),
        done=lambda h: redirect(reverse("activities:activity", args=[activity.pk]) + "#volunteers"),
        refused=lambda: _activity_page(request, activity), message=gettext("志愿服务时长已登记。"),
    )  # fmt: skip


# ---------------------------------------------------------------------------------- check-in


def _checkin_page(request: AuthedRequest, activity: Activity, *, status: int = 200, said: str = "",
                  error: str = "") -> HttpResponse:  # fmt: skip
    q = request.GET.get("q", "").strip()
    roster = selectors.roster(activity)
    ab = activity_abilities(request.user, activity)
    member_q = request.GET.get("member_q", "").strip()
    return render(request, "activities/checkin.html", {
        "activity": activity, "ab": ab, "q": q,
        "found": selectors.checkin_search(activity, q), "roster": roster, "said": said, "error": error,
        "recent": selectors.recent_checkins(roster), "left": selectors.places_left(activity), "member_q": member_q,
        "candidates": selectors.members_to_add(actor=request.user, activity=activity, name=member_q) if ab.walk_in else [],
    }, status=status)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def checkin(request: AuthedRequest, activity_id: int) -> HttpResponse:
    activity = selectors.activity_get_for_actor(actor=request.user, pk=activity_id, perm="edit")
    activity_abilities(request.user, activity).require(
        "checkin", rules.checkin_refusal(activity) or "您无权签到。"
    )
    if request.method == "GET":
        return _checkin_page(request, activity)
    pk = web.post_int(request, "signup")
    try:
        if pk is not None:
            signup = selectors.signup_for_activity(actor=request.user, activity=activity, pk=pk)
            signup, first = actions.checkin(actor=request.user, signup=signup)
        else:
            signup, first = actions.checkin_by_code(actor=request.user, activity=activity,
                                                    code=request.POST.get("code", ""))  # fmt: skip
    except Refused as exc:
        return _checkin_page(request, activity, status=web.INVALID, error="；".join(exc.messages))
    return _checkin_page(request, activity, said=rules.checkin_said(signup, first))


@login_required
@require_POST
def walk_in(request: AuthedRequest, activity_id: int) -> HttpResponse:
    """Add a person who did not sign up, and check them in (a member, or a non-member)."""
    activity = selectors.activity_get_for_actor(actor=request.user, pk=activity_id, perm="edit")
    pk = web.post_int(request, "member")
    member = member_get_for_actor(actor=request.user, pk=pk) if pk is not None else None
    try:
        signup = actions.walk_in_add(actor=request.user, activity=activity, member=member,
                                     name=request.POST.get("name", ""), phone=request.POST.get("phone", ""))  # fmt: skip
    except Refused as exc:
        return _checkin_page(request, activity, status=web.INVALID, error="；".join(exc.messages))
    said = gettext("%(name)s 已现场加入并签到。") % {"name": signup.name}
    return _checkin_page(request, activity, said=said)


# ------------------------------------------------------------------------ the worker's pages


@login_required
@require_GET
def open_activities(request: AuthedRequest) -> HttpResponse:
    volunteer, hours = selectors.my_volunteer_hours(request.user)
    return render(request, "activities/open.html", {
        "offers": selectors.open_to_worker(request.user), "mine": selectors.my_signups(request.user, current=False)[:20],
        "benefits": selectors.benefits_open_to_worker(request.user), "vouchers": selectors.my_vouchers(request.user),
        "me": worker_abilities(request.user), "volunteer": volunteer, "hours": hours,
    })  # fmt: skip


@login_required
@require_POST
def signup_create(request: AuthedRequest, activity_id: int) -> HttpResponse:
    activity = selectors.activity_get_for_actor(actor=request.user, pk=activity_id)
    return web.step(
        request, act=lambda: actions.signup_create(actor=request.user, activity=activity),
        done=lambda s: redirect("activities:signup", signup_id=s.pk),
        refused=lambda: _activity_page(request, activity),
        message=rules.signup_said,
    )  # fmt: skip


def _signup_page(request: AuthedRequest, signup: SignUp) -> HttpResponse:
    ab = signup_abilities(request.user, signup)
    context: dict[str, Any] = {"signup": signup, "activity": signup.activity, "ab": ab,
                               "line": selectors.position_in_line(signup)}  # fmt: skip
    if ab.code:
        context.update(_code(signup))
    return render(request, "activities/signup.html", context)


def _code(signup: SignUp) -> dict[str, Any]:
    token = rules.token_for(signup)
    return {"token": token, "qr": qr.svg(token, box_size=8), "refresh": rules.TOKEN_REFRESH,
            "valid_minutes": rules.TOKEN_MAX_AGE // 60}  # fmt: skip


signup_detail = web.record_page(selectors.signup_get_for_actor, _signup_page)


@login_required
@require_GET
def signup_code(request: AuthedRequest, signup_id: int) -> HttpResponse:
    """A fresh code for the open sign-up page (it asks every few minutes)."""
    signup = selectors.signup_get_for_actor(actor=request.user, pk=signup_id)
    signup_abilities(request.user, signup).require("code", gettext("该报名现在没有签到码。"))
    return render(request, "activities/_code.html", {"signup": signup, **_code(signup)})


signup_cancel = web.Steps(
    get=selectors.signup_get_for_actor, record="signup", page=_signup_page,
    done=lambda s: redirect("activities:signup", signup_id=s.pk),
)(actions.signup_cancel, gettext_lazy("报名已取消。"))  # fmt: skip


# ------------------------------------------------------------------- partners and volunteers


def _org_register(
    request: AuthedRequest,
    form_class: type[forms.Form],
    ability: str,
    denied: str,
    *,
    act: Callable[[Org, dict[str, Any]], Any],
    done: Callable[[Org, Any], HttpResponse],
    message: str,
    template: str,
    context: Callable[[Org], dict[str, Any]],
) -> HttpResponse:
    """A union's register with its form below (partners, volunteers, groups): GET shows the
    union's list; POST records one more at the union named in the address."""
    org = _posted_org(request) if request.method == "POST" else _org(request)
    if org is None:
        raise PermissionDenied(denied)
    ab = org_abilities(request.user, org)
    if request.method == "POST":
        ab.require(ability)
    return web.submit(
        request, form_class(posted(request)),
        act=lambda data: act(org, data), done=lambda record: done(org, record), message=message,
        template=template, context={"org": org, "ab": ab, **context(org)},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def partners(request: AuthedRequest) -> HttpResponse:
    return _org_register(
        request, PartnerForm, "add_partner", "您无权查看合作伙伴。",
        act=lambda org, data: actions.partner_create(actor=request.user, org=org, **data),
        done=lambda org, _p: redirect(f"{reverse('activities:partners')}?org={org.pk}"),
        message=gettext("合作伙伴已登记。"), template="activities/partners.html",
        context=lambda org: {"rows": selectors.partner_list_for_actor(actor=request.user, org=org)},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def volunteers(request: AuthedRequest) -> HttpResponse:
    return _org_register(
        request, VolunteerForm, "register_volunteer", "您无权查看志愿者。",
        act=lambda org, data: actions.volunteer_register(actor=request.user, org=org, **data),
        done=lambda org, _v: redirect(f"{reverse('activities:volunteers')}?org={org.pk}"),
        message=gettext("志愿者已登记。"), template="activities/volunteers.html",
        context=lambda org: {"rows": selectors.volunteer_list_for_actor(actor=request.user, within=org)[:300],
                             "unions": selectors.volunteer_totals_by_union(actor=request.user, at=org)},
    )  # fmt: skip


@login_required
@require_GET
def volunteers_export(request: AuthedRequest) -> HttpResponseBase:
    org = web.org_param(request, "within", missing="请选择导出范围（工会）。")
    rows = selectors.volunteer_list_for_actor(actor=request.user, within=org)
    return _file(request, "volunteers", "志愿者服务时长", rows, org, title=f"{org.name}志愿者服务时长")


@login_required
@require_POST
def volunteer_join(request: AuthedRequest) -> HttpResponse:
    return web.step(
        request, act=lambda: actions.volunteer_join(actor=request.user, skills=request.POST.get("skills", "")),
        done=lambda v: redirect("activities:open"), refused=lambda: open_activities(request),
        message=gettext("您已登记为志愿者。"),
    )  # fmt: skip


# ------------------------------------------------------------------------------------ groups


@login_required
@require_http_methods(["GET", "POST"])
def groups(request: AuthedRequest) -> HttpResponse:
    return _org_register(
        request, GroupForm, "add_group", "您无权查看活动对象群体。",
        act=lambda org, data: actions.group_create(actor=request.user, org=org, **data),
        done=lambda _org, g: redirect("activities:group", group_id=g.pk),
        message=gettext("群体已建立，可以添加名单。"), template="activities/groups.html",
        context=lambda org: {"rows": selectors.group_list_for_actor(actor=request.user, org=org)},
    )  # fmt: skip


def _group_page(request: AuthedRequest, group_id: int) -> HttpResponse:
    group = selectors.group_get_for_actor(actor=request.user, pk=group_id)
    ab = group_abilities(request.user, group)
    q = request.GET.get("q", "").strip()
    member_q = request.GET.get("member_q", "").strip()
    entries, total = selectors.group_entries(group, name=q)
    return render(request, "activities/group.html", {
        "group": group, "ab": ab, "entries": entries, "total": total, "q": q, "member_q": member_q,
        "candidates": selectors.members_for_group(actor=request.user, group=group, name=member_q) if ab.add else [],
        "sources": actions.FILL_SOURCES.items(), "fields": importing.GROUP_FIELDS,
    })  # fmt: skip


@login_required
@require_GET
def group_detail(request: AuthedRequest, group_id: int) -> HttpResponse:
    return _group_page(request, group_id)


def _group_step(request: AuthedRequest, group_id: int, act: Any, message: Any) -> HttpResponse:
    group = selectors.group_get_for_actor(actor=request.user, pk=group_id, perm="edit")
    return web.step(
        request, act=lambda: act(group), done=lambda _r: redirect("activities:group", group_id=group.pk),
        refused=lambda: _group_page(request, group_id), message=message,
    )  # fmt: skip


def _posted_member(request: AuthedRequest) -> Any:
    pk = web.post_int(request, "member")
    if pk is None:
        raise Http404("请选择会员。")
    return member_get_for_actor(actor=request.user, pk=pk)


@login_required
@require_POST
def group_add(request: AuthedRequest, group_id: int) -> HttpResponse:
    member = _posted_member(request)
    return _group_step(request, group_id, lambda g: actions.group_add(actor=request.user, group=g, member=member),
                       gettext("已加入名单。"))  # fmt: skip


@login_required
@require_POST
def group_remove(request: AuthedRequest, group_id: int) -> HttpResponse:
    member = _posted_member(request)
    return _group_step(request, group_id, lambda g: actions.group_remove(actor=request.user, group=g, member=member),
                       gettext("已移出名单。"))  # fmt: skip


@login_required
@require_POST
def group_fill(request: AuthedRequest, group_id: int) -> HttpResponse:
    source = request.POST.get("source", "")
    return _group_step(request, group_id, lambda g: actions.group_fill(actor=request.user, group=g, source=source),
                       lambda n: gettext("已加入 %(n)s 人。") % {"n": n})  # fmt: skip


@login_required
@require_POST
def group_import(request: AuthedRequest, group_id: int) -> HttpResponse:
    upload = request.FILES.get("file")

    def act(group: Any) -> int:
        if upload is None:
            raise Refused({"file": gettext("请选择要导入的名单文件。")})
        if upload.size and upload.size > importing.MAX_BYTES:
            raise Refused({"file": gettext("文件过大，请分批导入。")})
        return importing.group_import(
            actor=request.user, group=group, data=upload.read(), filename=upload.name or ""
        )

    return _group_step(request, group_id, act, lambda n: gettext("名单已导入，新加入 %(n)s 人。") % {"n": n})


# ------------------------------------------------------------------------------------ import


@login_required
@require_http_methods(["GET", "POST"])
def activity_import(request: AuthedRequest) -> HttpResponseBase:
    """Upload a union's ledger of activities (all rows or none), or download its template."""
    org = _posted_org(request)
    org_abilities(request.user, org).require("import_activities")
    if request.method == "GET" and request.GET.get("template"):
        buf = io.BytesIO()
        importing.import_template_xlsx(buf, org=org)
        return web.download(buf.getvalue(), "活动台账导入模板.xlsx", web.XLSX)
    upload = request.FILES.get("file") if request.method == "POST" else None
    if request.method == "POST":
        try:
            if upload is None:
                raise Refused({"file": gettext("请选择要导入的活动台账文件。")})
            job = importing.import_enqueue(
                actor=request.user, org=org, upload=upload, filename=upload.name or ""
            )
        except Refused as exc:
            return render(request, "activities/import.html", {"org": org, "error": "；".join(exc.messages)},
                          status=web.INVALID)  # fmt: skip
        return redirect("job", job_id=job.pk)
    return render(request, "activities/import.html", {"org": org, "columns": importing.TEMPLATE_COLUMNS})
