"""Pages of mutual aid: parse, call one selector or action, render."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gonghui.kernel import charts, cleaning, web
from gonghui.kernel.web import AuthedRequest
from gonghui.orgs.models import Org

from . import actions, selectors
from .abilities import claim_abilities, enrolment_abilities, mutualaid_abilities
from .forms import AttachForm, ChildForm, ClaimForm, EnrolmentForm, PaymentForm, RejectForm
from .models import Benefit, Claim, Enrolment
from .template import enrolment_template_xlsx
from .workflow import CLAIM, ENROLMENT, group_meets_rule


def _org(request: AuthedRequest, perm: str = "view") -> Org:
    return web.org_chosen(request, perm=perm, refusal=gettext("您没有可以办理医疗互助的工会。"))


def _reason(request: AuthedRequest, _record: Any) -> dict[str, str]:
    return {"reason": request.POST.get("reason", "")}


# -------------------------------------------------------------------------------- overview


@login_required
@require_GET
def home(request: AuthedRequest) -> HttpResponse:
    org = _org(request)
    year = web.year_param(request)
    top, _rows = selectors.progress_for_actor(actor=request.user, org=org, year=year)
    enrolments = selectors.enrolments_for_actor(actor=request.user, within=org, year=year)[:100]
    return render(request, "mutualaid/home.html", {
        "org": org, "year": year, "top": top, "plans": selectors.plans_for_actor(actor=request.user), "enrolments": enrolments,
        "ab": mutualaid_abilities(request.user, org),
        "to_decide": selectors.claims_to_decide_count(request.user),
    })  # fmt: skip


# ------------------------------------------------------------------------------ enrolments


@login_required
@require_http_methods(["GET", "POST"])
def enrolment_new(request: AuthedRequest) -> HttpResponse:
    org = _org(request, "edit")
    mutualaid_abilities(request.user, org).require("enrol", gettext("团体参保由基层工会办理。"))
    form = EnrolmentForm(
        web.posted(request),
        plans=selectors.plans_for_actor(actor=request.user),
        initial={"year": cleaning.today().year},
    )
    return web.submit(
        request, form,
        act=lambda data: actions.enrolment_create(actor=request.user, org=org, **data),
        done=lambda e: redirect("mutualaid:enrolment", enrolment_id=e.pk),
        message=gettext("参保单已建立，请从会员名册中添加参保人员。"),
        template="mutualaid/form.html", context={"title": gettext("%(name)s · 新建团体参保") % {"name": org.name}},
    )  # fmt: skip


def _enrolment_page(
    request: AuthedRequest, e: Enrolment, status: int = 200, child_form: ChildForm | None = None
) -> HttpResponse:
    ab = enrolment_abilities(request.user, e)
    name = request.GET.get("name", "").strip()[:20]
    children = e.plan.covers_child  # the plan's kind, not a state: members add children, not themselves
    if ab.add and children and child_form is None:
        child_form = ChildForm(parents=selectors.parents(e))
    return render(request, "mutualaid/enrolment.html", {
        "e": e, "ab": ab, "lines": selectors.enrolment_lines(e), "contributions": e.contributions.all(),
        "candidates": selectors.candidates(e, name=name) if ab.add and not children else [], "name": name,
        "child_form": child_form if ab.add else None,
        "in_service": selectors.enrolment_in_service(e), "rule": group_meets_rule(e) if ab.submit or ab.add else "",
        "held_back": ENROLMENT.held_back(request.user, e),
        "claims": selectors.claims_for_actor(actor=request.user).filter(line__enrolment=e)[:50],
    }, status=status)  # fmt: skip


enrolment_detail = web.record_page(selectors.enrolment_get_for_actor, _enrolment_page)


_enrolment_for = web.guarded(selectors.enrolment_get_for_actor, enrolment_abilities)
_enrolment_step = web.Steps(
    get=selectors.enrolment_get_for_actor, record="enrolment", page=_enrolment_page,
    done=lambda e: redirect("mutualaid:enrolment", enrolment_id=e.pk),
)  # fmt: skip


def _said_added(added: actions.Added) -> str:
    text = gettext("已添加 %(count)s 人。") % {"count": len(added.lines)}
    if added.skipped:
        text += gettext("未能参保 %(count)s 人：%(people)s") % {
            "count": len(added.skipped), "people": "；".join(added.skipped),
        }  # fmt: skip
    return text


def _members_to_add(request: AuthedRequest, e: Enrolment) -> dict[str, Any]:
    ids = [int(v) for v in request.POST.getlist("member") if v.isdigit() and len(v) <= 18]
    return {
        "members": selectors.candidates_by_id(e, ids), "healthy_confirmed": bool(request.POST.get("healthy")),
        "skip_ineligible": bool(request.POST.get("skip")),
    }  # fmt: skip


enrolment_add = _enrolment_step(actions.enrolment_add, _said_added, extra=_members_to_add)


def _list_file(request: AuthedRequest, _e: Enrolment) -> dict[str, Any]:
    upload = request.FILES.get("file")
    return {
        "data": upload.read() if upload else b"", "filename": upload.name if upload and upload.name else "名单.xlsx",
        "healthy_confirmed": bool(request.POST.get("healthy")),
    }  # fmt: skip


enrolment_import = _enrolment_step(
    actions.enrolment_import,
    lambda added: gettext("已按名单添加 %(count)s 人。") % {"count": len(added.lines)},
    extra=_list_file,
)


@login_required
@require_POST
def enrolment_add_child(request: AuthedRequest, enrolment_id: int) -> HttpResponse:
    e = selectors.enrolment_get_for_actor(actor=request.user, pk=enrolment_id)
    form = ChildForm(request.POST, parents=selectors.parents(e))
    if not form.is_valid():
        return _enrolment_page(request, e, status=web.INVALID, child_form=form)
    return web.step(
        request,
        act=lambda: actions.enrolment_add_child(actor=request.user, enrolment=e, **form.cleaned_data),
        done=lambda _line: redirect("mutualaid:enrolment", enrolment_id=e.pk),
        refused=lambda: _enrolment_page(request, e, status=web.INVALID, child_form=form),
        message=lambda line: gettext("已添加 %(insured)s。") % {"insured": line.insured},
    )


@login_required
@require_GET
def enrolment_template(request: AuthedRequest, enrolment_id: int) -> HttpResponseBase:
    e = _enrolment_for(request, enrolment_id, "add", gettext("参保单填报中才能按名单添加人员。"))
    name = web.filename(f"{e.org.name}{e.year}年{e.plan.name}参保名单（模板）", "xlsx")
    return web.download(enrolment_template_xlsx(e), name, web.XLSX)


enrolment_remove = _enrolment_step(
    actions.enrolment_remove, gettext_lazy("已移除。"),
    extra=lambda request, e: {"line": selectors.line_of_enrolment(e, web.post_int(request, "line"))},
)  # fmt: skip
enrolment_submit = _enrolment_step(
    actions.enrolment_submit,
    lambda e: (
        gettext("已提交：%(shares)s 人参保，应缴互助金 %(amount)s 元，缴清后于下月1日起生效。")
        % {"shares": e.shares, "amount": e.amount_due}
    ),
)
enrolment_reopen = _enrolment_step(actions.enrolment_reopen, gettext_lazy("已退回修改。"))
enrolment_cancel = _enrolment_step(actions.enrolment_cancel, gettext_lazy("参保单已撤销。"), extra=_reason)


@login_required
@require_http_methods(["GET", "POST"])
def enrolment_pay(request: AuthedRequest, enrolment_id: int) -> HttpResponse:
    e = _enrolment_for(
        request, enrolment_id, "record_payment", gettext("互助金由上级工会（代办点）确认到账。")
    )
    form = PaymentForm(web.posted(request), initial={"amount": e.balance, "paid_on": cleaning.today()})
    return web.submit(
        request, form,
        act=lambda data: actions.contribution_record(actor=request.user, enrolment=e, **data),
        done=lambda _c: redirect("mutualaid:enrolment", enrolment_id=e.pk),
        message=gettext("缴费已登记。"),
        template="mutualaid/form.html", context={"title": gettext("%(name)s · %(name2)s · 登记缴费") % {"name": e.org.name, "name2": e.plan.name}, "back": e},
    )  # fmt: skip


# ----------------------------------------------------------------------------------- claims


@login_required
@require_http_methods(["GET", "POST"])
def claim_new(request: AuthedRequest, enrolment_id: int) -> HttpResponse:
    e = _enrolment_for(request, enrolment_id, "claim", gettext("参保单生效后，由本单位工会为参保人员申领。"))
    form = ClaimForm(
        web.posted(request), lines=selectors.enrolment_lines(e), benefits=Benefit.objects.filter(plan=e.plan)
    )
    return web.submit(
        request, form,
        act=lambda data: actions.claim_submit(actor=request.user, **data),
        done=lambda c: redirect("mutualaid:claim", claim_id=c.pk),
        message=lambda c: gettext("申领已提交，由「%(name)s」审核；请上传申领材料。") % {"name": c.approver.name},
        template="mutualaid/form.html", context={"title": gettext("%(name)s · 申领互助金") % {"name": e.org.name}, "back": e},
    )  # fmt: skip


@login_required
@require_GET
def claim_list(request: AuthedRequest) -> HttpResponse:
    todo = request.GET.get("todo") == "1"
    within = web.org_param(request)
    state = web.choice_param(request, "state", Claim.State.choices)
    claims = selectors.claims_for_actor(actor=request.user, within=within, state=state, to_decide=todo)[:200]
    return render(request, "mutualaid/claims.html", {
        "claims": claims, "todo": todo, "chosen": state, "states": Claim.State.choices, "within": within,
    })  # fmt: skip


def _claim_page(request: AuthedRequest, c: Claim, **forms: Any) -> HttpResponse:
    ab = claim_abilities(request.user, c)
    return render(request, "mutualaid/claim.html", {
        "c": c, "ab": ab, "files": c.files.all(), "materials": c.benefit.material_list,
        "have": set(c.files.values_list("material", flat=True)), "held_back": CLAIM.held_back(request.user, c),
        "attach_form": forms.get("attach_form") or AttachForm(materials=c.benefit.material_list),
        "reject_form": forms.get("reject_form") or RejectForm(),
    })  # fmt: skip


claim_detail = web.record_page(selectors.claim_get_for_actor, _claim_page)


_claim_step = web.Steps(
    get=selectors.claim_get_for_actor, record="claim", page=_claim_page,
    done=lambda c: redirect("mutualaid:claim", claim_id=c.pk),
)  # fmt: skip


@login_required
@require_POST
def claim_attach(request: AuthedRequest, claim_id: int) -> HttpResponse:
    c = selectors.claim_get_for_actor(actor=request.user, pk=claim_id)
    form = AttachForm(request.POST, request.FILES, materials=c.benefit.material_list)
    if not form.is_valid():
        response = _claim_page(request, c, attach_form=form)
        response.status_code = web.INVALID
        return response
    return web.step(
        request,
        act=lambda: actions.claim_attach(actor=request.user, claim=c, material=form.cleaned_data["material"],
                                         upload=form.cleaned_data["file"]),
        done=lambda _f: redirect("mutualaid:claim", claim_id=c.pk),
        refused=lambda: _claim_page(request, selectors.claim_get_for_actor(actor=request.user, pk=c.pk)),
        message=gettext("材料已上传。"),
    )  # fmt: skip


def _said_approved(c: Claim) -> str:
    text = gettext("已核准给付 %(amount)s 元。") % {"amount": c.payable}
    return text + (gettext("（%(note)s）") % {"note": c.cap_note} if c.cap_note else "")


claim_approve = _claim_step(actions.claim_approve, _said_approved)
claim_reject = _claim_step(actions.claim_reject, gettext_lazy("已不予给付。"), extra=_reason)
claim_pay = _claim_step(
    actions.claim_pay, gettext_lazy("已登记给付。"),
    extra=lambda request, _c: {"paid_on": request.POST.get("paid_on") or None},
)  # fmt: skip
claim_withdraw = _claim_step(actions.claim_withdraw, gettext_lazy("申领已撤回。"))


@login_required
@require_GET
def claim_file(request: AuthedRequest, claim_id: int, file_id: int) -> HttpResponseBase:
    c = selectors.claim_get_for_actor(actor=request.user, pk=claim_id)
    item = selectors.claim_file_of(c, file_id)
    if item is None:
        raise Http404("记录不存在")
    return web.kept_upload(item.file, item.name, item.content_type)


# ------------------------------------------------------------------ bank payouts and collections


@dataclass(frozen=True)
class _Bank:
    """One round trip through the bank: the list waiting, the file sent, the return read."""

    name: str  # the URL names' stem: payout → payouts, payout_file, payout_return
    template: str
    waiting: Callable[[Org], Any]
    waiting_key: str
    file: Callable[..., tuple[bytes, int]]
    back: Callable[..., actions.ReturnResult]
    org_kw: str  # the actions' name for the union: approver or org
    no_reveal: Any  # lazy text: why the file is refused without `reveal`
    stem: Any  # lazy text: the file's name
    done: Any  # lazy text with %(count)s
    failed: Any  # lazy text with %(count)s and %(lines)s


def _bank_views(bank: _Bank) -> tuple[Callable[..., Any], Callable[..., Any], Callable[..., Any]]:
    def page(request: AuthedRequest, org: Org) -> HttpResponse:
        return render(request, bank.template, {
            "org": org, bank.waiting_key: bank.waiting(org)[:500], "ab": mutualaid_abilities(request.user, org),
        })  # fmt: skip

    @login_required
    @require_GET
    def listing(request: AuthedRequest) -> HttpResponse:
        return page(request, _org(request))

    @login_required
    @require_GET
    def file(request: AuthedRequest) -> HttpResponseBase:
        org = _org(request)
        mutualaid_abilities(request.user, org).require(f"{bank.name}_file", str(bank.no_reveal))
        content, _n = bank.file(actor=request.user, **{bank.org_kw: org})
        return web.download(content, web.filename(f"{bank.stem}_{org.name}", "xlsx"), web.XLSX)

    @login_required
    @require_POST
    def back(request: AuthedRequest) -> HttpResponse:
        org = _org(request)
        upload = request.FILES.get("file")

        def said(r: actions.ReturnResult) -> str:
            text = bank.done % {"count": r.paid}
            if r.failed:
                text += bank.failed % {"count": len(r.failed), "lines": "；".join(r.failed)}
            return str(text)

        return web.step(
            request,
            act=lambda: bank.back(
                actor=request.user, data=upload.read() if upload else b"",
                filename=upload.name if upload and upload.name else "回盘.xlsx", **{bank.org_kw: org},
            ),
            done=lambda _r: redirect(f"{reverse(f'mutualaid:{bank.name}s')}?org={org.pk}"),
            refused=lambda: page(request, org),
            message=said,
        )  # fmt: skip

    return listing, file, back


payouts, payout_file, payout_return = _bank_views(_Bank(
    name="payout", template="mutualaid/payouts.html", waiting=selectors.claims_to_pay, waiting_key="claims",
    file=actions.payout_file, back=actions.payout_return, org_kw="approver",
    no_reveal=gettext_lazy("生成代发文件需要查看银行账号的权限。"), stem=gettext_lazy("互助金代发明细"),
    done=gettext_lazy("已登记给付 %(count)s 笔。"), failed=gettext_lazy("银行退回 %(count)s 笔：%(lines)s"),
))  # fmt: skip
collections, collection_file, collection_return = _bank_views(_Bank(
    name="collection", template="mutualaid/collections.html", waiting=selectors.enrolments_to_collect,
    waiting_key="enrolments", file=actions.collection_file, back=actions.collection_return, org_kw="org",
    no_reveal=gettext_lazy("生成代收文件需要查看银行账号的权限。"), stem=gettext_lazy("互助金代收明细"),
    done=gettext_lazy("已登记缴费 %(count)s 笔。"), failed=gettext_lazy("银行未扣款 %(count)s 笔：%(lines)s"),
))  # fmt: skip


# ----------------------------------------------------------------------------------- quotas


def _quotas_page(request: AuthedRequest, org: Org, year: int) -> HttpResponse:
    top, rows = selectors.progress_for_actor(actor=request.user, org=org, year=year)
    chart = charts.categories_chart(
        [r.org.name for r in rows],
        y_axis={"type": "value", "name": "份"},
        series=[
            charts.bar("任务数", [r.quota or 0 for r in rows]),
            charts.bar("已参保", [r.shares for r in rows]),
        ],
    )
    return render(request, "mutualaid/quotas.html", {
        "org": org, "year": year, "top": top, "rows": rows, "chart": chart,
        "ab": mutualaid_abilities(request.user, org),
    })  # fmt: skip


@login_required
@require_GET
def quotas(request: AuthedRequest) -> HttpResponse:
    return _quotas_page(request, _org(request), web.year_param(request))


@login_required
@require_POST
def quota_set(request: AuthedRequest) -> HttpResponse:
    org = _org(request)
    year = web.year_param(request)
    target = selectors.org_below(org, web.post_int(request, "target"))
    return web.step(
        request,
        act=lambda: actions.quota_set(actor=request.user, org=target, year=year, shares=request.POST.get("shares", "")),
        done=lambda q: redirect(f"{reverse('mutualaid:quotas')}?org={org.pk}&year={year}"),
        refused=lambda: _quotas_page(request, org, year),
        message=lambda q: gettext("已下达「%(name)s」%(year)s年任务 %(shares)s 份。") % {"name": target.name, "year": year, "shares": q.shares},
    )  # fmt: skip


# ---------------------------------------------------------------------------------- reports


@login_required
@require_GET
def report(request: AuthedRequest) -> HttpResponseBase:
    org = _org(request)
    year = web.year_param(request)
    fmt = web.choice_param(request, "format", ["xlsx", "csv"])
    if fmt:
        content, _n = actions.report_export(actor=request.user, org=org, year=year, fmt=fmt)
        name = web.filename(f"医疗互助保障统计_{org.name}_{year}", fmt)
        if fmt == "xlsx":
            return web.download(content, name, web.XLSX)  # type: ignore[arg-type]
        return web.download("".join(content), name, web.CSV)  # type: ignore[arg-type]
    return render(request, "mutualaid/report.html", {
        "org": org, "year": year, "rows": selectors.report_for_actor(actor=request.user, org=org, year=year),
        "unions": selectors.report_by_union_for_actor(actor=request.user, org=org, year=year),
        "quarters": selectors.paid_by_quarter_for_actor(actor=request.user, org=org, year=year),
    })  # fmt: skip


# ----------------------------------------------------------------------------- the worker


@login_required
@require_GET
def me(request: AuthedRequest) -> HttpResponse:
    return render(request, "mutualaid/me.html", {
        "lines": selectors.own_lines(user=request.user), "claims": selectors.own_claims(user=request.user),
        "may_claim": selectors.own_covered_lines(user=request.user).exists(),
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def me_claim(request: AuthedRequest) -> HttpResponse:
    lines = selectors.own_covered_lines(user=request.user)
    if not lines.exists():
        raise PermissionDenied("您没有已生效的互助保障，不能申领。")
    form = ClaimForm(
        web.posted(request), lines=lines, benefits=Benefit.objects.filter(plan__in=lines.values("plan"))
    )
    return web.submit(
        request, form,
        act=lambda data: actions.claim_submit(actor=request.user, by_member=True, **data),
        done=lambda c: redirect("mutualaid:claim", claim_id=c.pk),
        message=lambda c: gettext("申领已提交，由「%(name)s」审核；请上传申领材料。") % {"name": c.approver.name},
        template="mutualaid/me_claim.html", context={"title": gettext("申领互助金")},
    )  # fmt: skip
