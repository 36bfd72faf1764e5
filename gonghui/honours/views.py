"""Pages of the honours module: parse, call one selector or action, render."""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gonghui.kernel import cleaning, filetypes, web
from gonghui.kernel.web import AuthedRequest, posted, submit
from gonghui.orgs.selectors import default_org_for_actor, org_get_for_actor

from . import actions, importing, report, selectors
from .abilities import (
    honour_abilities,
    honours_abilities,
    nomination_abilities,
    objection_abilities,
    quota_abilities,
    round_abilities,
    studio_abilities,
)
from .forms import (
    AnswerForm,
    AttachmentForm,
    CareForm,
    ConferForm,
    HonourForm,
    ImportForm,
    KindForm,
    NominationForm,
    ObjectionForm,
    QuotaForm,
    ReasonForm,
    RoundForm,
    StudioForm,
    StudioYearForm,
)
from .models import Category, Level, Nomination, RoundState, StudioLevel


def _home_org(request: AuthedRequest, perm: str = "view") -> Any:
    return web.org_param(request, "org", perm=perm) or default_org_for_actor(actor=request.user, perm=perm)


# ---- rounds ----------------------------------------------------------------------------------------


@login_required
@require_GET
def rounds(request: AuthedRequest) -> HttpResponse:
    within = web.org_param(request, "within")
    state = web.choice_param(request, "state", RoundState.choices)
    org = default_org_for_actor(actor=request.user, perm="view")
    nominating = default_org_for_actor(actor=request.user, perm="edit")
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
    org = _home_org(request, "approve")
    if org is None:
        raise PermissionDenied("您无权开展评选。")
    honours_abilities(request.user, org).require("open_round")
    today = cleaning.today()
    form = RoundForm(posted(request), kinds=selectors.kinds_for_org(org),
                     initial={"year": today.year, "notice_days": 7})  # fmt: skip
    return submit(
        request, form,
        act=lambda data: actions.round_open(actor=request.user, org=org, **data),
        done=lambda r: redirect("honours:round", round_id=r.pk),
        message="评选已开展。可以向下级工会分配名额。",
        template="honours/form.html", context={"title": f"开展评选 · {org.name}"},
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


@login_required
@require_GET
def round_detail(request: AuthedRequest, round_id: int) -> HttpResponse:
    round = selectors.round_get_for_actor(actor=request.user, pk=round_id)
    return _round_page(request, round)


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


@login_required
@require_POST
def round_quota(request: AuthedRequest, round_id: int) -> HttpResponse:
    round = selectors.round_get_for_actor(actor=request.user, pk=round_id)
    round_abilities(request.user, round).require("allot")
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
            messages.success(request, f"已为「{q.org.name}」分配名额{q.places}名。")
            return done()
    response: HttpResponse = again(form)
    response.status_code = web.INVALID
    return response


def _round_step(request: AuthedRequest, round_id: int, act: Any, message: str) -> HttpResponse:
    round = selectors.round_get_for_actor(actor=request.user, pk=round_id)
    return web.step(
        request, act=lambda: act(round),
        done=lambda r: redirect("honours:round", round_id=r.pk),
        refused=lambda: _round_page(request, round), message=message,
    )  # fmt: skip


@login_required
@require_POST
def round_publish(request: AuthedRequest, round_id: int) -> HttpResponse:
    return _round_step(request, round_id, lambda r: actions.round_publish(actor=request.user, round=r),
                       "拟表彰名单已公示。")  # fmt: skip


@login_required
@require_POST
def round_confer(request: AuthedRequest, round_id: int) -> HttpResponse:
    round = selectors.round_get_for_actor(actor=request.user, pk=round_id)
    form = ConferForm(request.POST)
    if form.is_valid():
        return web.step(
            request, act=lambda: actions.round_confer(actor=request.user, round=round, **form.cleaned_data),
            done=lambda r: redirect("honours:round", round_id=r.pk),
            refused=lambda: _round_page(request, round), message="已确认表彰，荣誉已记入劳模档案。",
        )  # fmt: skip
    return _round_page(request, round, status=web.INVALID, confer_form=form)


@login_required
@require_POST
def round_cancel(request: AuthedRequest, round_id: int) -> HttpResponse:
    return _round_step(
        request, round_id,
        lambda r: actions.round_cancel(actor=request.user, round=r, reason=request.POST.get("reason", "")),
        "评选已取消。",
    )  # fmt: skip


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


# ---- nominations -------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def nomination_create(request: AuthedRequest) -> HttpResponse:
    org = web.org_param(request, "org", perm="edit")
    if org is None:
        raise Http404("请选择推荐单位。")
    round = selectors.round_for_nominating(actor=request.user, pk=web.int_param(request, "round"), org=org)
    round_abilities(request.user, round, org=org).require("nominate", "本单位现在不能在该评选中推荐。")
    members = selectors.members_of(org, actor=request.user)
    form = NominationForm(posted(request), members=members, initial={"frontline": True})

    def act(data: dict[str, Any]) -> Nomination:
        member = selectors.member_of(org, data.pop("member", None), actor=request.user)
        return actions.nomination_create(actor=request.user, round=round, org=org, member=member, **data)

    return submit(
        request, form, act=act,
        done=lambda n: redirect("honours:nomination", nomination_id=n.pk),
        message="推荐对象已登记，核对无误后请报送。",
        template="honours/form.html",
        context={"title": f"推荐 · {round.title}", "note": f"推荐单位：{org.name}。{selectors.round_terms(round)}"},
    )  # fmt: skip


def _nomination_page(
    request: AuthedRequest, nomination: Nomination, status: int = 200, **extra: Any
) -> HttpResponse:
    ab = nomination_abilities(request.user, nomination)
    objections = selectors.objections_of(nomination, actor=request.user)
    return render(request, "honours/nomination_detail.html", {
        "n": nomination, "ab": ab, "reviews": nomination.reviews.select_related("org", "actor"),
        "objections": [(o, objection_abilities(request.user, o)) for o in objections],
        "objection_form": ObjectionForm(initial={"received_on": cleaning.today()}) if ab.object else None,
        "answer_form": AnswerForm(), "files": nomination.files.all(),
        "held_back": selectors.nomination_held_back(request.user, nomination),
        "chain": selectors.review_chain(nomination),
        **extra,
    }, status=status)  # fmt: skip


@login_required
@require_GET
def nomination_detail(request: AuthedRequest, nomination_id: int) -> HttpResponse:
    nomination = selectors.nomination_get_for_actor(actor=request.user, pk=nomination_id)
    return _nomination_page(request, nomination)


@login_required
@require_http_methods(["GET", "POST"])
def nomination_edit(request: AuthedRequest, nomination_id: int) -> HttpResponse:
    nomination = selectors.nomination_get_for_actor(actor=request.user, pk=nomination_id)
    nomination_abilities(request.user, nomination).require("edit")
    initial = {
        f: getattr(nomination, f) for f in ("name", "sex", "unit", "job", "frontline", "leader", "deeds")
    }
    form = NominationForm(posted(request), initial=initial)
    return submit(
        request, form,
        act=lambda data: actions.nomination_update(actor=request.user, nomination=nomination, **data),
        done=lambda n: redirect("honours:nomination", nomination_id=n.pk),
        message="已保存。", template="honours/form.html",
        context={"title": f"修改推荐对象 · {nomination.name}", "nomination": nomination},
    )  # fmt: skip


def _nomination_step(request: AuthedRequest, nomination_id: int, act: Any, message: str) -> HttpResponse:
    nomination = selectors.nomination_get_for_actor(actor=request.user, pk=nomination_id)
    return web.step(
        request, act=lambda: act(nomination),
        done=lambda n: redirect("honours:nomination", nomination_id=n.pk),
        refused=lambda: _nomination_page(request, nomination), message=message,
    )  # fmt: skip


@login_required
@require_POST
def nomination_submit(request: AuthedRequest, nomination_id: int) -> HttpResponse:
    return _nomination_step(request, nomination_id,
                            lambda n: actions.nomination_submit(actor=request.user, nomination=n),
                            "已报送。")  # fmt: skip


@login_required
@require_POST
def nomination_recommend(request: AuthedRequest, nomination_id: int) -> HttpResponse:
    comment = request.POST.get("comment", "")
    return _nomination_step(
        request, nomination_id,
        lambda n: actions.nomination_recommend(actor=request.user, nomination=n, comment=comment),
        "已审核通过并上报。",
    )  # fmt: skip


@login_required
@require_POST
def nomination_select(request: AuthedRequest, nomination_id: int) -> HttpResponse:
    comment = request.POST.get("comment", "")
    return _nomination_step(
        request, nomination_id,
        lambda n: actions.nomination_select(actor=request.user, nomination=n, comment=comment),
        "已确定为拟表彰对象。",
    )  # fmt: skip


@login_required
@require_POST
def nomination_send_back(request: AuthedRequest, nomination_id: int) -> HttpResponse:
    reason = ReasonForm(request.POST).data.get("reason", "")
    return _nomination_step(
        request, nomination_id,
        lambda n: actions.nomination_send_back(actor=request.user, nomination=n, reason=reason), "已退回修改。",
    )  # fmt: skip


@login_required
@require_POST
def nomination_reject(request: AuthedRequest, nomination_id: int) -> HttpResponse:
    reason = request.POST.get("reason", "")
    return _nomination_step(
        request, nomination_id,
        lambda n: actions.nomination_reject(actor=request.user, nomination=n, reason=reason), "已不予推荐。",
    )  # fmt: skip


@login_required
@require_POST
def nomination_withdraw(request: AuthedRequest, nomination_id: int) -> HttpResponse:
    return _nomination_step(request, nomination_id,
                            lambda n: actions.nomination_withdraw(actor=request.user, nomination=n), "已撤回。")  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def nomination_attach(request: AuthedRequest, nomination_id: int) -> HttpResponse:
    nomination = selectors.nomination_get_for_actor(actor=request.user, pk=nomination_id)
    nomination_abilities(request.user, nomination).require("attach")
    return submit(
        request, AttachmentForm(*(posted(request, files=True) or ())),
        act=lambda data: actions.nomination_attach(actor=request.user, nomination=nomination, title=data["title"],
                                                   upload=data["file"]),
        done=lambda _: redirect("honours:nomination", nomination_id=nomination.pk), message="材料已上传。",
        template="honours/form.html",
        context={"title": f"上传推荐材料 · {nomination.name}", "nomination": nomination, "multipart": True},
    )  # fmt: skip


@login_required
@require_GET
def attachment_download(request: AuthedRequest, attachment_id: int) -> HttpResponseBase:
    attachment = selectors.attachment_get_for_actor(actor=request.user, pk=attachment_id)
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404("文件不存在") from exc
    name, content_type = filetypes.served(attachment.content_type, attachment.filename, handle)
    return web.download(handle, name, content_type)


@login_required
@require_POST
def objection_record(request: AuthedRequest, nomination_id: int) -> HttpResponse:
    nomination = selectors.nomination_get_for_actor(actor=request.user, pk=nomination_id)
    form = ObjectionForm(request.POST)
    if form.is_valid():
        try:
            actions.objection_record(actor=request.user, nomination=nomination, **form.cleaned_data)
        except ValidationError as exc:
            web.apply_errors(form, exc)
        else:
            messages.success(request, "异议已登记，答复前不能表彰。")
            return redirect("honours:nomination", nomination_id=nomination.pk)
    return _nomination_page(request, nomination, status=web.INVALID, objection_form=form)


@login_required
@require_POST
def objection_answer(request: AuthedRequest, objection_id: int) -> HttpResponse:
    objection = selectors.objection_get_for_actor(actor=request.user, pk=objection_id)
    nomination = objection.nomination
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            actions.objection_answer(actor=request.user, objection=objection, **form.cleaned_data)
        except ValidationError as exc:
            web.apply_errors(form, exc)
        else:
            messages.success(request, "异议已答复。")
            return redirect("honours:nomination", nomination_id=nomination.pk)
    return _nomination_page(request, nomination, status=web.INVALID, answer_form=form)


@login_required
@require_GET
def review(request: AuthedRequest) -> HttpResponse:
    waiting = selectors.nominations_to_review(actor=request.user)
    return render(request, "honours/review.html", {
        "rows": [(n, nomination_abilities(request.user, n)) for n in waiting[:200]],
        "quotas": selectors.my_quotas(actor=request.user),
    })  # fmt: skip


# ---- 公示: the public page ----------------------------------------------------------------------------


@require_GET
def notice(request: HttpRequest) -> HttpResponse:
    """The public 公示 page (no sign-in): only the published fields of each person."""
    round = selectors.notice_round(request.GET.get("t", ""))
    return render(request, "honours/notice.html", {"round": round, "rows": selectors.notice_rows(round)})


# ---- the honour register ---------------------------------------------------------------------------


def _register_filters(request: AuthedRequest) -> dict[str, Any]:
    year = web.int_param(request, "year")
    return {
        "within": web.org_param(request, "within"),
        "level": web.choice_param(request, "level", Level.choices),
        "category": web.choice_param(request, "category", Category.choices),
        "year": year if year and cleaning.YEAR_FIRST <= year <= cleaning.YEAR_LAST else None,
        "q": request.GET.get("q", "").strip()[:50],
    }


@login_required
@require_GET
def register(request: AuthedRequest) -> HttpResponse:
    filters = _register_filters(request)
    rows = selectors.honours_for_actor(actor=request.user, **filters)
    org = filters["within"] or default_org_for_actor(actor=request.user, perm="view")
    counts = selectors.honour_counts(actor=request.user, within=filters["within"])
    return render(request, "honours/register.html", {
        "rows": rows[:300], "total": rows.count(), **filters, "levels": Level.choices,
        "categories": Category.choices, "counts": counts, "chart": report.register_chart(counts),
        "org_ab": honours_abilities(request.user, org) if org else None, "org": org,
        "export_query": _export_query(request, org),
    })  # fmt: skip


def _export_query(request: AuthedRequest, org: Any) -> str:
    params = request.GET.copy()
    if org is not None and "within" not in params:
        params["within"] = str(org.pk)
    params.pop("format", None)
    return params.urlencode()


@login_required
@require_GET
def register_export(request: AuthedRequest) -> HttpResponseBase:
    filters = _register_filters(request)
    if filters["within"] is None:
        raise Http404("请选择导出范围（工会）。")
    fmt = web.choice_param(request, "format", ["xlsx", "csv"]) or "xlsx"
    rows = selectors.honours_for_actor(actor=request.user, **filters)
    actions.register_export_record(actor=request.user, within=filters["within"], fmt=fmt, count=rows.count())
    if fmt == "csv":
        lines = report.register_csv(actor=request.user, rows=rows)
        return web.download(
            (line.encode("utf-8") for line in lines), web.filename("劳模档案", "csv"), web.CSV
        )
    return web.download(
        report.register_xlsx(actor=request.user, rows=rows), web.filename("劳模档案", "xlsx"), web.XLSX
    )


@login_required
@require_http_methods(["GET", "POST"])
def register_import(request: AuthedRequest) -> HttpResponse:
    org = _home_org(request, "edit")
    if org is None:
        raise PermissionDenied("您无权导入劳模档案。")
    honours_abilities(request.user, org).require("record_honour")
    form = ImportForm(*(posted(request, files=True) or ()))
    context: dict[str, Any] = {"org": org, "form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            outcome = importing.register_import(
                actor=request.user, org=org, data=upload.read(), filename=upload.name or ""
            )
        except ValidationError as exc:
            web.apply_errors(form, exc)
        else:
            if not outcome.errors:
                messages.success(
                    request, f"已导入{outcome.created}条荣誉，其中{outcome.linked}条关联了会员实名库。"
                )
                return redirect(f"{reverse('honours:register')}?within={org.pk}")
            context["outcome"] = outcome
        return render(request, "honours/import.html", context, status=web.INVALID)
    if request.method == "POST":
        return render(request, "honours/import.html", context, status=web.INVALID)
    return render(request, "honours/import.html", context)


@login_required
@require_GET
def register_template(request: AuthedRequest, org_id: int) -> HttpResponseBase:
    org = org_get_for_actor(actor=request.user, pk=org_id, perm="edit")
    buf = io.BytesIO()
    importing.template_xlsx(buf, org=org)
    return web.download(buf.getvalue(), "劳模档案导入模板.xlsx", web.XLSX)


@login_required
@require_http_methods(["GET", "POST"])
def honour_create(request: AuthedRequest) -> HttpResponse:
    org = _home_org(request, "edit")
    if org is None:
        raise PermissionDenied("您无权登记荣誉。")
    honours_abilities(request.user, org).require("record_honour")
    members = selectors.members_of(org, actor=request.user)
    form = HonourForm(posted(request), kinds=selectors.kinds_for_org(org), members=members)

    def act(data: dict[str, Any]) -> Any:
        member = selectors.member_of(org, data.pop("member", None), actor=request.user)
        return actions.honour_record(actor=request.user, org=org, member=member, **data)

    return submit(
        request, form, act=act, done=lambda h: redirect("honours:honour", honour_id=h.pk),
        message="荣誉已记入劳模档案。", template="honours/form.html",
        context={"title": f"登记荣誉 · {org.name}", "note": "登记以往获得的荣誉（如全国劳模、省五一劳动奖章）。"},
    )  # fmt: skip


def _honour_page(request: AuthedRequest, honour: Any, status: int = 200, **extra: Any) -> HttpResponse:
    ab = honour_abilities(request.user, honour)
    return render(request, "honours/honour_detail.html", {
        "h": honour, "ab": ab, "person": selectors.honours_of_person(honour, actor=request.user),
        "care": selectors.care_of(honour, actor=request.user),
        "studios": selectors.studios_led_by(honour, actor=request.user),
        "care_form": CareForm(households=selectors.households_for(honour, actor=request.user),
                              initial={"on": cleaning.today()}) if ab.care else None,
        **extra,
    }, status=status)  # fmt: skip


@login_required
@require_GET
def honour_detail(request: AuthedRequest, honour_id: int) -> HttpResponse:
    return _honour_page(request, selectors.honour_get_for_actor(actor=request.user, pk=honour_id))


@login_required
@require_POST
def care_create(request: AuthedRequest, honour_id: int) -> HttpResponse:
    honour = selectors.honour_get_for_actor(actor=request.user, pk=honour_id)
    honour_abilities(request.user, honour).require("care")
    households = selectors.households_for(honour, actor=request.user)
    form = CareForm(request.POST, households=households)
    if form.is_valid():
        data = dict(form.cleaned_data)
        household = selectors.household_pick(households, data.pop("household"))
        try:
            actions.care_record(
                actor=request.user, org=honour.org, honour=honour, household=household, **data
            )
        except ValidationError as exc:
            web.apply_errors(form, exc)
        else:
            messages.success(request, "已登记。")
            return redirect("honours:honour", honour_id=honour.pk)
    return _honour_page(request, honour, status=web.INVALID, care_form=form)


@login_required
@require_GET
def care(request: AuthedRequest) -> HttpResponse:
    within = web.org_param(request, "within")
    year = web.year_param(request)
    return render(request, "honours/care.html", {
        "rows": selectors.unvisited(actor=request.user, year=year, within=within), "year": year, "within": within,
        "given": selectors.care_given(actor=request.user, year=year, within=within),
    })  # fmt: skip


# ---- kinds ----------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def kinds(request: AuthedRequest) -> HttpResponse:
    org = _home_org(request, "view")
    ab = honours_abilities(request.user, org) if org else None
    form = KindForm(posted(request)) if ab and ab.add_kind else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("您无权设立荣誉种类。")
        return submit(
            request, form, act=lambda data: actions.kind_create(actor=request.user, org=org, **data),
            done=lambda k: redirect(f"{request.path}?org={org.pk}"), message="已设立。",
            template="honours/kinds.html", context={"rows": selectors.kinds_for_org(org), "org": org},
        )  # fmt: skip
    return render(
        request, "honours/kinds.html", {"rows": selectors.kinds_for_org(org), "org": org, "form": form}
    )


# ---- studios --------------------------------------------------------------------------------------------


@login_required
@require_GET
def studios(request: AuthedRequest) -> HttpResponse:
    within = web.org_param(request, "within")
    level = web.choice_param(request, "level", StudioLevel.choices)
    org = within or default_org_for_actor(actor=request.user, perm="view")
    rows = selectors.studios_for_actor(actor=request.user, within=within, level=level)
    return render(request, "honours/studios.html", {
        "rows": rows[:300], "total": rows.count(), "within": within, "level": level, "levels": StudioLevel.choices,
        "by_level": selectors.studio_level_counts(actor=request.user, within=within),
        "by_county": selectors.studios_by_county(actor=request.user, within=org) if org else [],
        "org": org, "org_ab": honours_abilities(request.user, org) if org else None,
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def studio_create(request: AuthedRequest) -> HttpResponse:
    org = _home_org(request, "edit")
    if org is None:
        raise PermissionDenied("您无权登记创新工作室。")
    honours_abilities(request.user, org).require("record_studio")
    return submit(
        request, StudioForm(posted(request)),
        act=lambda data: actions.studio_create(actor=request.user, org=org, **data),
        done=lambda s: redirect("honours:studio", studio_id=s.pk), message="创新工作室已登记。",
        template="honours/form.html", context={"title": f"登记创新工作室 · {org.name}"},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def studio_detail(request: AuthedRequest, studio_id: int) -> HttpResponse:
    studio = selectors.studio_get_for_actor(actor=request.user, pk=studio_id)
    ab = studio_abilities(request.user, studio)
    form = (
        StudioYearForm(posted(request), initial={"year": cleaning.today().year}) if ab.record_year else None
    )
    if request.method == "POST":
        ab.require("record_year")
        assert form is not None
        return submit(
            request, form, act=lambda data: actions.studio_year_set(actor=request.user, studio=studio, **data),
            done=lambda _: redirect("honours:studio", studio_id=studio.pk), message="年度成果已登记。",
            template="honours/studio_detail.html", context={"s": studio, "ab": ab, "years": studio.years.all()},
        )  # fmt: skip
    return render(
        request,
        "honours/studio_detail.html",
        {"s": studio, "ab": ab, "years": studio.years.all(), "form": form},
    )
