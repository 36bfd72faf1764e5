"""Pages of batch relief: select, approve (progress), the bank's payment file and return file."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gonghui.core.models import Job
from gonghui.kernel import scope
from gonghui.kernel.exporting import watermark
from gonghui.kernel.web import AuthedRequest, apply_errors

from .. import actions, selectors
from ..forms import BatchForm, ReturnFileForm
from ._common import INVALID, disposition, org_or_default, stamp

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_GET
def batch_list(request: AuthedRequest) -> HttpResponse:
    return render(
        request, "assistance/batch_list.html", {"rows": selectors.batch_list_for_actor(actor=request.user)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def batch_create(request: AuthedRequest) -> HttpResponse:
    org = org_or_default(request, perm="edit")
    scope.require(request.user, "edit", org)
    form = BatchForm(
        request.POST if request.method == "POST" else None, initial={"within": org.name, "tier": "deep"}
    )
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            d = form.cleaned_data
            try:
                within = selectors.org_resolve_for_actor(
                    actor=request.user, text=d["within"], perm="view", field="within"
                )
                batch = actions.batch_create(
                    actor=request.user, org=org, title=d["title"], kind=d["kind"], amount=d["amount"],
                    criteria=actions.Criteria(within=within, tier=d["tier"], cause=d["cause"]),
                )  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"已选出 {batch.lines.count()} 户，请核对后批准。")
                return redirect("assistance:batch_detail", batch_id=batch.pk)
    return render(request, "assistance/form.html", {
        "form": form, "title": f"新建批量救助 · 由「{org.name}」发放", "back_url": "assistance:batches",
        "help": "按范围、困难类别和致困原因选出在档家庭（须已登记银行卡号），每户发放同一金额；批准时一次从本级帮扶专项资金中支出。",
    }, status=status)  # fmt: skip


@login_required
@require_GET
def batch_detail(request: AuthedRequest, batch_id: int) -> HttpResponse:
    batch = selectors.batch_get_for_actor(actor=request.user, pk=batch_id)
    job = selectors.batch_latest_job(batch)
    return render(request, "assistance/batch_detail.html", {
        "batch": batch, "lines": selectors.batch_lines(batch), "totals": actions.batch_totals(batch), "job": job,
        **selectors.batch_abilities(actor=request.user, batch=batch), "return_form": ReturnFileForm(),
    })  # fmt: skip


@login_required
@require_POST
def batch_approve(request: AuthedRequest, batch_id: int) -> HttpResponse:
    batch = selectors.batch_get_for_actor(actor=request.user, pk=batch_id, perm="approve")
    try:
        job = actions.batch_approve(actor=request.user, batch=batch)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        if job.status == Job.Status.FAILED:
            messages.error(request, job.error)
        elif job.status == Job.Status.DONE:
            messages.success(request, job.result.get("summary", "已批准。"))
    return redirect("assistance:batch_detail", batch_id=batch.pk)


@login_required
@require_GET
def batch_payment_file(request: AuthedRequest, batch_id: int) -> HttpResponseBase:
    batch = selectors.batch_get_for_actor(actor=request.user, pk=batch_id, perm="reveal")
    fmt = request.GET.get("format", "xlsx")
    if fmt not in ("xlsx", "csv"):
        fmt = "xlsx"
    try:
        data = actions.batch_payment_file(
            actor=request.user, batch=batch, fmt=fmt, watermark=watermark(request.user)
        )
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return redirect("assistance:batch_detail", batch_id=batch.pk)
    response = HttpResponse(data, content_type=XLSX if fmt == "xlsx" else "text/csv; charset=utf-8")
    response["Content-Disposition"] = disposition(f"代发明细_{batch.title}_{stamp()}.{fmt}")
    return response


@login_required
@require_POST
def batch_bank_return(request: AuthedRequest, batch_id: int) -> HttpResponse:
    batch = selectors.batch_get_for_actor(actor=request.user, pk=batch_id, perm="edit")
    form = ReturnFileForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = actions.batch_return_apply(
                actor=request.user, batch=batch, data=upload.read(), filename=upload.name or "回盘.xlsx"
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            refund = f"，退回资金 {result['refund']} 元" if result["failed"] else ""
            messages.success(
                request,
                f"已按回盘文件登记：发放成功 {result['paid']} 户，失败 {result['failed']} 户{refund}。",
            )
            return redirect("assistance:batch_detail", batch_id=batch.pk)
    ctx = {
        "batch": batch, "lines": selectors.batch_lines(batch), "totals": actions.batch_totals(batch), "job": None,
        **selectors.batch_abilities(actor=request.user, batch=batch), "return_form": form,
    }  # fmt: skip
    return render(request, "assistance/batch_detail.html", ctx, status=INVALID)
