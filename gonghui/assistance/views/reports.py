"""The report page and its export; the tables administrators keep (低保 lines, approval rules)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from gonghui.kernel import web
from gonghui.kernel.cleaning import today
from gonghui.kernel.errors import Refused
from gonghui.kernel.exporting import watermark
from gonghui.kernel.web import AuthedRequest

from .. import actions, selectors
from ..abilities import assistance_abilities, subsistence_line_abilities
from ..choices import Kind, Tier
from ..forms import LineForm, ReportForm, RuleForm
from ..report import AssistanceReport, assistance_report, report_chart, report_title
from ._common import org_or_default


def _report(request: AuthedRequest) -> tuple[AssistanceReport, ReportForm]:
    org = org_or_default(request)
    form = ReportForm(request.GET or None)
    year, quarter = today().year, None
    if form.is_bound and form.is_valid():
        year = form.cleaned_data["year"] or year
        quarter = form.cleaned_data["quarter"]
    return assistance_report(actor=request.user, org=org, year=year, quarter=quarter), form


@login_required
@require_GET
def report_page(request: AuthedRequest) -> HttpResponse:
    report, form = _report(request)
    if not form.is_bound:
        form = ReportForm(initial={"year": report.year})
    query = f"year={report.year}" + (f"&quarter={report.quarter}" if report.quarter else "")
    return render(request, "assistance/report.html", {
        "report": report, "form": form, "chart": report_chart(report), "query": query, "kinds": Kind.choices,
        "tiers": Tier.choices, "title": report_title(report),
    })  # fmt: skip


@login_required
@require_GET
def report_export(request: AuthedRequest) -> HttpResponseBase:
    if request.GET.get("format") != "xlsx":
        # A download needs its format: without one, back to the report it would export.
        params = request.GET.copy()
        params.pop("format", None)
        return redirect(f"{reverse('assistance:report')}?{params.urlencode()}")
    report, _form = _report(request)
    data = actions.report_export(actor=request.user, report=report, watermark=watermark(request.user))
    return web.download(data, web.filename(f"困难职工帮扶统计_{report.subject.name}", "xlsx"), web.XLSX)


@login_required
@require_http_methods(["GET", "POST"])
def lines_page(request: AuthedRequest) -> HttpResponse:
    """低保 lines: every officer reads them; a federation's administrator sets those of its area."""
    lines = selectors.subsistence_lines_for_actor(actor=request.user, year=web.int_param(request, "year"))
    ab = subsistence_line_abilities(request.user)
    if request.method == "POST":
        ab.require("set_lines", gettext("只有地区总工会的管理员可以设置低保标准。"))
    return web.submit(
        request, LineForm(web.posted(request), initial={"year": today().year}),
        act=lambda data: actions.subsistence_line_set(actor=request.user, **data),
        done=lambda _line: redirect("assistance:lines"),
        message=lambda line: gettext("已设置 %(division)s %(year)s 年低保标准为 %(monthly)s 元。") % {"division": line.division, "year": line.year, "monthly": line.monthly},
        template="assistance/lines.html", context={"lines": lines, "ab": ab},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def rules_page(request: AuthedRequest) -> HttpResponse:
    org = org_or_default(request)
    owner = selectors.rules_owner_for(actor=request.user, org=org)
    ab = assistance_abilities(request.user, org)
    context: dict[str, Any] = {
        "org": org, "owner": owner, "rules": selectors.approval_rules_of(owner), "own_rules": owner == org,
        "ab": ab,
    }  # fmt: skip
    here = f"{reverse('assistance:rules')}?org={org.pk}"
    if request.method == "POST":
        ab.require("set_rules")
    if "delete" in request.POST:
        rule = selectors.approval_rule_of_owner(owner=org, pk=web.post_int(request, "delete"))

        def delete() -> None:
            if rule is None:
                raise Refused(gettext("该条规则不存在，或不是本级制定的。"))
            actions.approval_rule_delete(actor=request.user, rule=rule)

        return web.step(
            request, act=delete, done=lambda _: redirect(here), message=gettext("已删除该条规则。"),
            refused=lambda: render(request, "assistance/rules.html", {**context, "form": RuleForm()}),
        )  # fmt: skip
    return web.submit(
        request, RuleForm(web.posted(request)),
        act=lambda data: actions.approval_rule_set(actor=request.user, owner=org, **data),
        done=lambda _rule: redirect(here),
        message=gettext("审批权限规则已保存，新提交的申请按新规则确定审批单位。"),
        template="assistance/rules.html", context=context,
    )  # fmt: skip
