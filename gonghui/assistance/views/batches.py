"""Pages of batch relief: select, approve (progress), the bank's payment file and return file."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gonghui.core.models import Job
from gonghui.kernel import web
from gonghui.kernel.exporting import watermark
from gonghui.kernel.web import AuthedRequest
from gonghui.orgs.selectors import org_resolve_for_actor

from .. import actions, selectors
from ..abilities import assistance_abilities, batch_abilities
from ..forms import BatchForm, ReturnFileForm
from ..models import Batch
from ..workflow import BATCH
from ._common import org_for

DETAIL = "assistance/batch_detail.html"


@login_required
@require_GET
def batch_list(request: AuthedRequest) -> HttpResponse:
    org = web.first_org(request.user, "edit")
    return render(request, "assistance/batch_list.html", {
        "rows": selectors.batch_list_for_actor(actor=request.user),
        "ab": assistance_abilities(request.user, org), "org": org,
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def batch_create(request: AuthedRequest) -> HttpResponse:
    org = org_for(request, "create_batch")
    form = BatchForm(web.posted(request), initial={"within": org.name, "tier": "deep"})

    def act(data: dict[str, Any]) -> Batch:
        within = org_resolve_for_actor(actor=request.user, text=data["within"], perm="view", field="within")
        return actions.batch_create(
            actor=request.user, org=org, title=data["title"], kind=data["kind"], amount=data["amount"],
            criteria=actions.Criteria(within=within, tier=data["tier"], cause=data["cause"]),
        )  # fmt: skip

    return web.submit(
        request, form, act=act,
        done=lambda b: redirect("assistance:batch_detail", batch_id=b.pk),
        message=lambda b: gettext("已选出 %(value)s 户，请核对后批准。") % {"value": b.lines.count()},
        template="assistance/form.html",
        context={"title": gettext("新建批量救助 · 由「%(name)s」发放") % {"name": org.name}, "back_url": "assistance:batches",
                 "help": "按范围、困难类别和致困原因选出在档家庭（须已登记银行卡号），每户发放同一金额；批准时一次从本级帮扶专项资金中支出。"},
    )  # fmt: skip


def _detail_ctx(
    request: AuthedRequest, batch: Batch, return_form: ReturnFileForm | None = None
) -> dict[str, Any]:
    return {
        "batch": batch, "lines": selectors.batch_lines(batch), "totals": actions.batch_totals(batch),
        "job": selectors.batch_latest_job(batch), "ab": batch_abilities(request.user, batch),
        "held_back": BATCH.held_back(request.user, batch),
        "return_form": return_form or ReturnFileForm(),
    }  # fmt: skip


def _detail(request: AuthedRequest, batch: Batch) -> HttpResponse:
    return render(request, DETAIL, _detail_ctx(request, batch))


def _to_detail(batch: Batch) -> HttpResponse:
    return redirect("assistance:batch_detail", batch_id=batch.pk)


batch_detail = web.record_page(selectors.batch_get_for_actor, _detail)


@login_required
@require_POST
def batch_approve(request: AuthedRequest, batch_id: int) -> HttpResponse:
    batch = selectors.batch_get_for_actor(actor=request.user, pk=batch_id)

    def done(job: Job) -> HttpResponse:
        # The job ran within the request (a small batch) or waits for the worker (its progress shows).
        if job.failed:
            messages.error(request, job.error)
        elif job.succeeded:
            messages.success(request, job.result.get("summary", "已批准。"))
        return _to_detail(batch)

    return web.step(
        request,
        act=lambda: actions.batch_approve(actor=request.user, batch=batch),
        done=done, refused=lambda: _detail(request, batch),
    )  # fmt: skip


@login_required
@require_GET
def batch_payment_file(request: AuthedRequest, batch_id: int) -> HttpResponse:
    batch = selectors.batch_get_for_actor(actor=request.user, pk=batch_id)
    fmt = web.choice_param(request, "format", ["xlsx", "csv"]) or "xlsx"
    return web.step(
        request,
        act=lambda: actions.batch_payment_file(
            actor=request.user, batch=batch, fmt=fmt, watermark=watermark(request.user)
        ),
        done=lambda data: cast(HttpResponse, web.download(
            data, web.filename(f"代发明细_{batch.title}", fmt), web.XLSX if fmt == "xlsx" else web.CSV
        )),
        refused=lambda: _detail(request, batch),
    )  # fmt: skip


@login_required
@require_POST
def batch_bank_return(request: AuthedRequest, batch_id: int) -> HttpResponse:
    batch = selectors.batch_get_for_actor(actor=request.user, pk=batch_id)
    form = ReturnFileForm(*web.posted(request, files=True))

    def act(data: dict[str, Any]) -> dict[str, Any]:
        upload = data["file"]
        return actions.batch_return_apply(
            actor=request.user, batch=batch, data=upload.read(), filename=upload.name or "回盘.xlsx"
        )

    def said(result: dict[str, Any]) -> str:
        if result["failed"]:
            return gettext("已按回盘文件登记：发放成功 %(paid)s 户，失败 %(failed)s 户，退回资金 %(refund)s 元。") % {
                "paid": result["paid"], "failed": result["failed"], "refund": result["refund"],
            }  # fmt: skip
        return gettext("已按回盘文件登记：发放成功 %(paid)s 户，失败 %(failed)s 户。") % {
            "paid": result["paid"], "failed": result["failed"],
        }  # fmt: skip

    return web.submit(
        request, form, act=act, done=lambda _r: _to_detail(batch), message=said,
        template=DETAIL, context=_detail_ctx(request, batch, return_form=form),
    )  # fmt: skip
