"""The report page and its export; the tables administrators keep (低保 lines, approval rules)."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from gonghui.kernel import scope
from gonghui.kernel.audit import audit
from gonghui.kernel.exporting import watermark
from gonghui.kernel.web import AuthedRequest, apply_errors, int_param

from .. import actions, selectors
from ..actions.config import RULE_OWNERS
from ..choices import Kind, Tier
from ..forms import LineForm, ReportForm, RuleForm
from ..report import assistance_report, report_chart, report_title, report_xlsx
from ._common import INVALID, disposition, org_or_default, stamp


def _report(request: AuthedRequest):  # type: ignore[no-untyped-def]
    org = org_or_default(request)
    form = ReportForm(request.GET or None)
    year, quarter = timezone.localdate().year, None
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
def report_export(request: AuthedRequest) -> HttpResponse:
    if request.GET.get("format") != "xlsx":
        # A download needs its format: without one, back to the report it would export.
        params = request.GET.copy()
        params.pop("format", None)
        return redirect(f"{reverse('assistance:report')}?{params.urlencode()}")
    report, _form = _report(request)
    with transaction.atomic():
        audit(actor=request.user, action="assistance.report.export", org=report.subject,
              detail={"format": "xlsx", "year": report.year, "quarter": report.quarter})  # fmt: skip
    buf = io.BytesIO()
    report_xlsx(report, buf, watermark=watermark(request.user))
    response = HttpResponse(
        buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = disposition(f"困难职工帮扶统计_{report.subject.name}_{stamp()}.xlsx")
    return response


@login_required
@require_http_methods(["GET", "POST"])
def lines_page(request: AuthedRequest) -> HttpResponse:
    """低保 lines: everyone may read them; a federation's administrator sets those of its area."""
    if not scope.scope_of(request.user).paths("view") and not request.user.is_superuser:
        raise PermissionDenied("无权查看低保标准。")
    form = LineForm(request.POST if request.method == "POST" else None,
                    initial={"year": timezone.localdate().year})  # fmt: skip
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            d = form.cleaned_data
            try:
                actions.subsistence_line_set(actor=request.user, division=d["division"], year=d["year"],
                                             monthly=d["monthly"], note=d["note"])  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request, f"已设置 {d['division']} {d['year']} 年低保标准为 {d['monthly']} 元。"
                )
                return redirect("assistance:lines")
    year = int_param(request, "year")
    return render(
        request,
        "assistance/lines.html",
        {"form": form, "lines": selectors.subsistence_lines(year=year)},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def rules_page(request: AuthedRequest) -> HttpResponse:
    org = org_or_default(request)
    owner = selectors.rules_owner_for(actor=request.user, org=org)
    can_manage = scope.can(request.user, "manage", org) and org.level in RULE_OWNERS
    form = RuleForm(request.POST if request.method == "POST" and "delete" not in request.POST else None)
    status = 200
    if request.method == "POST":
        scope.require(request.user, "manage", org)
        status = INVALID
        if "delete" in request.POST:
            raw = request.POST.get("delete", "")
            rule = selectors.approval_rule_of_owner(owner=org, pk=int(raw) if raw.isdigit() else None)
            if rule is not None:
                actions.approval_rule_delete(actor=request.user, rule=rule)
                messages.success(request, "已删除该条规则。")
                return redirect(f"{reverse('assistance:rules')}?org={org.pk}")
        elif form.is_valid():
            d = form.cleaned_data
            try:
                actions.approval_rule_set(actor=request.user, owner=org, level=d["level"], limit=d["limit"],
                                          escalate_days=d["escalate_days"], publicity_days=d["publicity_days"])  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "审批权限规则已保存，新提交的申请按新规则确定审批单位。")
                return redirect(f"{reverse('assistance:rules')}?org={org.pk}")
    return render(request, "assistance/rules.html", {
        "org": org, "owner": owner, "rules": selectors.approval_rules_of(owner), "own_rules": owner == org,
        "can_manage": can_manage, "form": form,
    }, status=status)  # fmt: skip
