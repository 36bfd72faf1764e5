"""Pages of the member register. Each view parses, calls one selector or action, renders."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gonghui.accounts.models import User
from gonghui.core.jobs import job_enqueue, job_run_now
from gonghui.core.models import Job
from gonghui.core.selectors import job_get_for_actor
from gonghui.kernel import scope
from gonghui.kernel.web import apply_errors
from gonghui.orgs import selectors as org_selectors
from gonghui.orgs.models import Org

from . import actions, exporting, selectors
from .choices import Status
from .forms import DecideForm, EditForm, ImportForm, JoinForm, StatusForm, TransferForm
from .jobs import IMPORT_KIND, upload_dir
from .models import Member
from .template import template_xlsx

INLINE_IMPORT_BYTES = 512 * 1024  # smaller files are imported during the request


def _user(request: HttpRequest) -> User:
    # Every view here is behind login_required.
    return cast(User, request.user)


def _within(request: HttpRequest) -> Org | None:
    value = request.GET.get("within", "")
    if not value:
        return None
    if not value.isdigit():
        raise Http404("组织不存在")
    return org_selectors.org_get_for_actor(actor=_user(request), pk=int(value))


LIST_FILTERS = ("status", "name", "id_number", "phone")


@login_required
@require_GET
def member_list(request: HttpRequest) -> HttpResponse:
    within = _within(request)
    after = request.GET.get("after", "")
    filters = {k: request.GET.get(k, "").strip() for k in LIST_FILTERS}
    rows, next_cursor = selectors.member_list_for_actor(
        actor=_user(request), within=within, status=filters["status"], name=filters["name"],
        id_number=filters["id_number"], phone=filters["phone"], after=int(after) if after.isdigit() else None,
    )  # fmt: skip
    params = request.GET.copy()
    if next_cursor:
        params["after"] = str(next_cursor)
    export_params = request.GET.copy()
    export_params.pop("after", None)
    roots = scope.root_orgs(_user(request))
    export_within = within or (roots[0] if len(roots) == 1 else None)
    if export_within is not None:
        export_params["within"] = str(export_within.pk)
    return render(request, "members/list.html", {
        "rows": rows, "within": within, "filters": filters, "statuses": Status.choices,
        "next_query": params.urlencode() if next_cursor else "",
        "export_query": export_params.urlencode() if export_within is not None else "",
        "can_reveal": export_within is not None and scope.can(_user(request), "reveal", export_within),
        "joinable": selectors.grassroots_for_actor(actor=_user(request), limit=20) if within is None or within.level == "grassroots" else [],
    })  # fmt: skip


@login_required
@require_GET
def member_me(request: HttpRequest) -> HttpResponse:
    member = selectors.member_for_user(user=_user(request))
    if member is None:
        return render(request, "members/me.html", {"member": None})
    return _detail(request, member, own=True)


def _detail(request: HttpRequest, member: Member, *, own: bool = False) -> HttpResponse:
    user = _user(request)
    transfers = list(member.transfers.select_related("from_org", "to_org").order_by("-requested_at")[:20])
    return render(request, "members/detail.html", {
        "m": member, "own": own, "events": selectors.member_events(member)[:100], "transfers": transfers,
        "can_edit": not own and scope.can(user, "edit", member.org),
        "can_approve": not own and scope.can(user, "approve", member.org),
        "can_reveal": not own and scope.can(user, "reveal", member.org),
        "breadcrumbs": [] if own else org_selectors.org_breadcrumbs_for_actor(actor=user, org=member.org),
    })  # fmt: skip


@login_required
@require_GET
def member_detail(request: HttpRequest, member_id: int) -> HttpResponse:
    member = selectors.member_get_for_actor(actor=_user(request), pk=member_id)
    own = selectors.member_for_user(user=_user(request)) == member and not scope.can(
        _user(request), "view", member.org
    )
    return _detail(request, member, own=own)


@login_required
@require_POST
def member_reveal(request: HttpRequest, member_id: int) -> HttpResponse:
    member = selectors.member_get_for_actor(actor=_user(request), pk=member_id, perm="reveal")
    values = actions.member_reveal(actor=_user(request), member=member)
    return render(request, "members/_revealed.html", values)


@login_required
@require_http_methods(["GET", "POST"])
def member_join(request: HttpRequest, org_id: int) -> HttpResponse:
    org = org_selectors.org_get_for_actor(actor=_user(request), pk=org_id, perm="edit")
    form = JoinForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            member = actions.member_apply(actor=_user(request), org=org, name=data["name"], id_number=data["id_number"],
                                          note=data["note"], **form.values())  # fmt: skip
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已登记「{member.name}」的入会申请，待基层工会批准。")
            return redirect("members:detail", member_id=member.pk)
    return render(
        request, "members/form.html", {"form": form, "org": org, "title": f"登记入会申请 · {org.name}"}
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, member_id: int) -> HttpResponse:
    member = selectors.member_get_for_actor(actor=_user(request), pk=member_id, perm="edit")
    initial = {k: getattr(member, k) for k in EditForm.FIELDS}
    form = EditForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.member_update(actor=_user(request), member=member, **form.values())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "已保存。")
            return redirect("members:detail", member_id=member.pk)
    return render(
        request,
        "members/form.html",
        {"form": form, "member": member, "title": f"修改「{member.name}」的信息"},
    )


STEPS: dict[str, tuple[str, str, Any]] = {
    # step: (perm, title, action)
    "approve": (
        "approve",
        "批准入会",
        lambda a, m, d: actions.member_approve(actor=a, member=m, on=d["on"], note=d["note"]),
    ),
    "reject": (
        "approve",
        "不予批准",
        lambda a, m, d: actions.member_reject(actor=a, member=m, on=d["on"], reason=d["note"]),
    ),
    "retain": (
        "edit",
        "保留会籍",
        lambda a, m, d: actions.member_retain(actor=a, member=m, on=d["on"], note=d["note"]),
    ),
    "restore": (
        "edit",
        "恢复正常会籍",
        lambda a, m, d: actions.member_restore(actor=a, member=m, on=d["on"], note=d["note"]),
    ),
    "leave": (
        "edit",
        "办理退会",
        lambda a, m, d: actions.member_leave(actor=a, member=m, on=d["on"], reason=d["note"]),
    ),
}


@login_required
@require_http_methods(["GET", "POST"])
def member_step(request: HttpRequest, member_id: int, step: str) -> HttpResponse:
    perm, title, act = STEPS[step]
    member = selectors.member_get_for_actor(actor=_user(request), pk=member_id, perm=perm)
    form = StatusForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["on"] = data["on"] or timezone.localdate()
        try:
            act(_user(request), member, data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已{title}：{member.name}。")
            return redirect("members:detail", member_id=member.pk)
    return render(
        request, "members/form.html", {"form": form, "member": member, "title": f"{title} · {member.name}"}
    )


@login_required
@require_http_methods(["GET", "POST"])
def transfer_request(request: HttpRequest, member_id: int) -> HttpResponse:
    member = selectors.member_get_for_actor(actor=_user(request), pk=member_id, perm="edit")
    form = TransferForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        to_org = selectors.transfer_target_lookup(code_or_name=form.cleaned_data["to_org"])
        try:
            if to_org is None:
                raise ValidationError({"to_org": "没有找到这个基层工会：请填写其统一社会信用代码或全称。"})
            transfer = actions.transfer_request(actor=_user(request), member=member, to_org=to_org,
                                                reason=form.cleaned_data["reason"])  # fmt: skip
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"已提出转会申请：{member.name} → {to_org.name}，待双方工会审批。")
            return redirect("members:transfer", transfer_id=transfer.pk)
    return render(
        request, "members/form.html", {"form": form, "member": member, "title": f"办理转会 · {member.name}"}
    )


@login_required
@require_GET
def transfer_list(request: HttpRequest) -> HttpResponse:
    open_only = request.GET.get("all", "") != "1"
    rows = selectors.transfer_list_for_actor(actor=_user(request), open_only=open_only)
    return render(request, "members/transfers.html", {"rows": rows, "open_only": open_only,
                                                      "days": actions.auto_approve_days()})  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def transfer_detail(request: HttpRequest, transfer_id: int) -> HttpResponse:
    transfer = selectors.transfer_get_for_actor(actor=_user(request), pk=transfer_id)
    form = DecideForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not form.is_valid():
            return render(
                request, "members/transfer.html", _transfer_ctx(request, transfer, form), status=400
            )
        data = form.cleaned_data
        try:
            if data["decision"] == "cancel":
                actions.transfer_cancel(actor=_user(request), transfer=transfer)
            elif data["side"] not in ("out", "in"):
                raise ValidationError("请选择以哪一方工会的身份审批。")
            elif data["decision"] == "approve":
                actions.transfer_approve(actor=_user(request), transfer=transfer, side=data["side"])
            else:
                actions.transfer_reject(
                    actor=_user(request), transfer=transfer, side=data["side"], reason=data["reason"]
                )
        except ValidationError as exc:
            apply_errors(form, exc)
            return render(
                request, "members/transfer.html", _transfer_ctx(request, transfer, form), status=422
            )
        messages.success(request, "已处理。")
        return redirect("members:transfer", transfer_id=transfer.pk)
    return render(request, "members/transfer.html", _transfer_ctx(request, transfer, form))


def _transfer_ctx(request: HttpRequest, transfer: Any, form: DecideForm) -> dict[str, Any]:
    from .models import Transfer

    transfer = Transfer.objects.select_related("member", "from_org", "to_org").get(pk=transfer.pk)
    return {
        "t": transfer, "form": form, "days": actions.auto_approve_days(),
        "sides": selectors.transfer_sides_for_actor(actor=_user(request), transfer=transfer),
        "can_cancel": transfer.is_open and scope.can(_user(request), "edit", transfer.from_org),
        "can_see_member": scope.can(_user(request), "view", transfer.member.org),
    }  # fmt: skip


# ---------------------------------------------------------------------------------- import


def _import_targets(actor: Any) -> list[tuple[int, str]]:
    """The unions the actor may import into: the tops of its scope, then its grassroots unions."""
    seen: dict[int, str] = {}
    for org in scope.root_orgs(actor, "edit"):
        seen[org.pk] = (
            f"{org.name}（{org.get_level_display()}，按“所属基层工会”列分配）"
            if org.level != "grassroots"
            else org.name
        )
    for org in selectors.grassroots_for_actor(actor=actor, limit=300):
        seen.setdefault(org.pk, org.name)
    return list(seen.items())


@login_required
@require_http_methods(["GET", "POST"])
def import_start(request: HttpRequest) -> HttpResponse:
    targets = _import_targets(_user(request))
    if not targets:
        raise PermissionDenied("您没有可导入会员的工会。")
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        orgs=targets,
    )
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "members/import.html", {"form": form}, status=400)
        org = org_selectors.org_get_for_actor(actor=_user(request), pk=form.cleaned_data["org"], perm="edit")
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        if suffix not in (".xlsx", ".xlsm", ".xls", ".ods", ".csv"):
            form.add_error("file", "只能导入 Excel 文件（.xlsx、.xls）或 CSV 文件（.csv）。")
            return render(request, "members/import.html", {"form": form}, status=400)
        stored = f"{uuid.uuid4().hex}{suffix}"
        with (upload_dir() / stored).open("wb") as f:
            for chunk in upload.chunks():
                f.write(chunk)
        job = _enqueue_import(request, org=org, stored=stored, file_name=upload.name,
                              good_rows=form.cleaned_data["good_rows"], size=upload.size)  # fmt: skip
        return redirect("members:import_status", job_id=job.pk)
    return render(request, "members/import.html", {"form": form})


def _enqueue_import(
    request: HttpRequest, *, org: Org, stored: str, file_name: str, good_rows: bool, size: int
) -> Job:
    job = job_enqueue(
        actor=_user(request), kind=IMPORT_KIND, org=org, title=f"导入会员名册：{file_name}",
        params={"org_id": org.pk, "stored_name": stored, "file_name": file_name, "good_rows": good_rows, "size": size},
    )  # fmt: skip
    # A small file is imported now; a big one waits for the worker (the page shows progress).
    if size <= INLINE_IMPORT_BYTES:
        job = job_run_now(job)
    return job


def _import_job(request: HttpRequest, job_id: int) -> Job:
    job = job_get_for_actor(actor=_user(request), pk=job_id)
    if job.kind != IMPORT_KIND:
        raise Http404("导入任务不存在")
    return job


@login_required
@require_GET
def import_status(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _import_job(request, job_id)
    ctx = {"job": job, "r": job.result, "org": job.org}
    if request.headers.get("HX-Request"):
        return render(request, "members/_import_status.html", ctx)
    return render(request, "members/import_status.html", ctx)


@login_required
@require_POST
def import_good_rows(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _import_job(request, job_id)
    if job.org is None or not scope.can(_user(request), "edit", job.org):
        raise PermissionDenied("无权向该工会导入会员（超出您的管辖范围）")
    stored = upload_dir() / str(job.params.get("stored_name", ""))
    if (
        job.status != Job.Status.DONE
        or job.result.get("committed")
        or not job.result.get("ok_rows")
        or not stored.is_file()
    ):
        messages.error(request, "这次导入不能再按“只导入无误的行”重新导入。")
        return redirect("members:import_status", job_id=job.pk)
    p = job.params
    new = _enqueue_import(request, org=job.org, stored=p["stored_name"], file_name=p["file_name"], good_rows=True,
                          size=int(p.get("size", 0)))  # fmt: skip
    return redirect("members:import_status", job_id=new.pk)


@login_required
@require_GET
def template_download(request: HttpRequest, org_id: int) -> HttpResponse:
    org = org_selectors.org_get_for_actor(actor=_user(request), pk=org_id, perm="edit")
    unions = (
        []
        if org.level == "grassroots"
        else [
            o.name
            for o in selectors.grassroots_for_actor(actor=_user(request), limit=2000)
            if o.path.startswith(org.path)
        ]
    )
    data = template_xlsx(org=org, unions=unions)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = _attachment(f"{org.name}会员花名册（导入模板）.xlsx")
    return response


def _attachment(name: str) -> str:
    from urllib.parse import quote

    return f"attachment; filename=\"members.{name.rsplit('.', 1)[-1]}\"; filename*=UTF-8''{quote(name)}"


@login_required
@require_GET
def member_export(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    within = _within(request)
    if within is None:
        return render(
            request, "members/export_refused.html", {"reason": "请先选择要导出的组织范围。"}, status=400
        )
    fmt = request.GET.get("format", "xlsx")
    if fmt not in ("xlsx", "csv"):
        return render(
            request, "members/export_refused.html", {"reason": "只能导出为 xlsx 或 csv。"}, status=400
        )
    filters = {k: request.GET.get(k, "").strip() for k in LIST_FILTERS}
    qs = selectors.member_queryset_for_actor(actor=_user(request), within=within, **filters)
    reveal = request.GET.get("reveal") == "1"
    paths = exporting.export_begin(
        actor=_user(request), within=within, qs=qs, fmt=fmt, reveal=reveal, filters=filters
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    name = f"{within.name}会员名册-{stamp}.{fmt}"
    if fmt == "csv":
        response: StreamingHttpResponse = StreamingHttpResponse(exporting.csv_stream(actor=_user(request), qs=qs, reveal_paths=paths),
                                         content_type="text/csv; charset=utf-8")  # fmt: skip
    else:
        response = StreamingHttpResponse(
            exporting.xlsx_stream(actor=_user(request), qs=qs, reveal_paths=paths, title=name),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = _attachment(name)
    return response
