"""Pages of the member register. Each view parses, calls one selector or action, renders; the
buttons a page shows come from the record's abilities (abilities.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gonghui.core.models import Job
from gonghui.kernel import web
from gonghui.kernel.abilities import NONE, Abilities
from gonghui.kernel.errors import Refused
from gonghui.kernel.web import AuthedRequest
from gonghui.orgs import selectors as org_selectors
from gonghui.orgs.models import Org

from . import actions, exporting, jobs, selectors
from .abilities import import_abilities, member_abilities, members_abilities, transfer_abilities
from .choices import Status
from .forms import DecideForm, EditForm, ImportForm, JoinForm, StatusForm, TransferForm
from .models import Member, Transfer, auto_approve_days
from .workflow import side_step

INLINE_IMPORT_BYTES = 512 * 1024  # smaller files are imported during the request
LIST_FILTERS = ("status", "name", "id_number", "phone")
EXPORT_FORMATS = ("xlsx", "csv")
LEDGER_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")


def _filters(request: AuthedRequest) -> dict[str, str]:
    return {k: request.GET.get(k, "").strip() for k in LIST_FILTERS}


@login_required
@require_GET
def member_list(request: AuthedRequest) -> HttpResponse:
    user = request.user
    within = web.org_param(request, "within")
    todo = request.GET.get("todo") == "1"  # 待审批入会申请: those the actor decides
    filters = _filters(request)
    if todo:
        filters["status"] = Status.PENDING
    rows, next_cursor = selectors.member_list_for_actor(
        actor=user, within=within, status=filters["status"], name=filters["name"], id_number=filters["id_number"],
        phone=filters["phone"], after=web.int_param(request, "after"), perm="approve" if todo else "view",
    )  # fmt: skip
    place = selectors.register_place_for_actor(actor=user, within=within)
    export_params = request.GET.copy()
    export_params.pop("after", None)
    export_params.pop("todo", None)
    if todo:
        export_params["status"] = Status.PENDING
    if place is not None:
        export_params["within"] = str(place.pk)
    ab = members_abilities(user, place)
    return render(request, "members/list.html", {
        "rows": rows, "within": within, "place": place, "filters": filters, "statuses": Status.choices,
        "ab": ab, "todo": todo, "next_query": web.next_query(request, next_cursor, key="after"),
        "export_query": export_params.urlencode(),
    })  # fmt: skip


@login_required
@require_GET
def member_me(request: AuthedRequest) -> HttpResponse:
    member = selectors.member_for_user(user=request.user)
    if member is None:
        return render(request, "members/me.html", {"member": None})
    return _detail(request, member, own=True)


def _honours(member: Member) -> list[Any]:
    """The person's honours (劳模档案), read-only, when the honours module is installed."""
    from django.apps import apps

    if not apps.is_installed("gonghui.honours"):
        return []
    from gonghui.honours.selectors import honours_of_member

    return list(honours_of_member(member)[:50])


def _detail(request: AuthedRequest, member: Member, *, own: bool = False) -> HttpResponse:
    """The member's page; a member looking at their own record gets no officer's buttons."""
    user = request.user
    transfers = list(member.transfers.select_related("from_org", "to_org").order_by("-requested_at")[:20])
    return render(request, "members/detail.html", {
        "m": member, "own": own, "events": selectors.member_events(member)[:100], "transfers": transfers,
        "honours": _honours(member),
        "ab": NONE if own else member_abilities(user, member),
        "breadcrumbs": [] if own else org_selectors.org_breadcrumbs_for_actor(actor=user, org=member.org),
    })  # fmt: skip


@login_required
@require_GET
def member_detail(request: AuthedRequest, member_id: int) -> HttpResponse:
    member = selectors.member_get_for_actor(actor=request.user, pk=member_id)
    return _detail(request, member, own=selectors.member_seen_as_own(actor=request.user, member=member))


def _offered(request: AuthedRequest, ab: Abilities, doing: str) -> None:
    """A form for a doing the person may not do is refused (403) before it is shown. A posted
    form goes to the action, which checks the same rules: a step the record no longer allows
    (someone else was quicker) is then told as such, with 422."""
    if request.method != "POST":
        ab.require(doing)


def _member_for(request: AuthedRequest, member_id: int, doing: str) -> Member:
    member = selectors.member_get_for_actor(actor=request.user, pk=member_id)
    _offered(request, member_abilities(request.user, member), doing)
    return member


def _to_member(member: Member) -> HttpResponse:
    return redirect("members:detail", member_id=member.pk)


@login_required
@require_POST
def member_reveal(request: AuthedRequest, member_id: int) -> HttpResponse:
    """The detail page's numbers in full; `?field=phone`: the edit form's phone field, filled."""
    member = selectors.member_get_for_actor(actor=request.user, pk=member_id, perm="reveal")
    if web.choice_param(request, "field", ["phone"]):
        values = actions.member_reveal(actor=request.user, member=member, fields=("phone",))
        return render(request, "members/_revealed_phone.html", values)
    values = actions.member_reveal(actor=request.user, member=member)
    return render(request, "members/_revealed.html", values)


@login_required
@require_http_methods(["GET", "POST"])
def member_join(request: AuthedRequest, org_id: int) -> HttpResponse:
    org = org_selectors.org_get_for_actor(actor=request.user, pk=org_id)
    _offered(request, members_abilities(request.user, org), "join")
    form = JoinForm(web.posted(request))
    return web.submit(
        request, form,
        act=lambda d: actions.member_apply(actor=request.user, org=org, name=d["name"], id_number=d["id_number"],
                                           note=d["note"], **form.values()),
        done=lambda m: _to_member(m),
        message=lambda m: gettext("已登记「%(name)s」的入会申请，待基层工会批准。") % {"name": m.name},
        template="members/form.html", context={"org": org, "title": gettext("登记入会申请 · %(name)s") % {"name": org.name}},
    )  # fmt: skip


JOIN_PICK_PAGE = 50


@login_required
@require_GET
def join_pick(request: AuthedRequest) -> HttpResponse:
    """Where to register an application to join: the grassroots unions the person may register
    in (within a union when given), found by name or credit code, a page at a time."""
    within = web.org_param(request, "within")
    members_abilities(request.user, within).require("choose_join", gettext("您没有可以登记入会的基层工会。"))
    q = request.GET.get("q", "").strip()
    after = request.GET.get("after", "").strip()
    rows = selectors.grassroots_for_actor(
        actor=request.user, q=q, within=within, after=after, limit=JOIN_PICK_PAGE + 1
    )
    next_query = ""
    if len(rows) > JOIN_PICK_PAGE:
        rows = rows[:JOIN_PICK_PAGE]
        params = request.GET.copy()
        params["after"] = rows[-1].path
        next_query = params.urlencode()
    return render(request, "members/join_pick.html", {
        "rows": rows, "within": within, "q": q, "after": after, "next_query": next_query,
        "page_size": JOIN_PICK_PAGE,
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request: AuthedRequest, member_id: int) -> HttpResponse:
    member = _member_for(request, member_id, "edit")
    form = EditForm(web.posted(request), initial=EditForm.initial_for(member))
    return web.submit(
        request, form,
        act=lambda _: actions.member_update(actor=request.user, member=member, **form.values()),
        done=_to_member, message=gettext("已保存。"),
        template="members/form.html",
        context={"member": member, "title": gettext("修改「%(name)s」的信息") % {"name": member.name}, "ab": member_abilities(request.user, member)},
    )  # fmt: skip


# step: (title, action over (actor, member, cleaned form))
STEPS: dict[str, tuple[str, Callable[[Any, Member, dict[str, Any]], Member]]] = {
    "approve": ("批准入会", lambda a, m, d: actions.member_approve(actor=a, member=m, on=d["on"], note=d["note"])),
    "reject": ("不予批准", lambda a, m, d: actions.member_reject(actor=a, member=m, on=d["on"], reason=d["note"])),
    "retain": ("保留会籍", lambda a, m, d: actions.member_retain(actor=a, member=m, on=d["on"], note=d["note"])),
    "restore": ("恢复正常会籍", lambda a, m, d: actions.member_restore(actor=a, member=m, on=d["on"], note=d["note"])),
    "leave": ("办理退会", lambda a, m, d: actions.member_leave(actor=a, member=m, on=d["on"], reason=d["note"])),
}  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def member_step(request: AuthedRequest, member_id: int, step: str) -> HttpResponse:
    title, act = STEPS[step]
    member = _member_for(request, member_id, step)
    form = StatusForm(web.posted(request), step=step)
    return web.submit(
        request, form,
        act=lambda d: act(request.user, member, {**d, "on": d["on"] or timezone.localdate()}),
        done=_to_member, message=gettext("已%(title)s：%(name)s。") % {"title": title, "name": member.name},
        template="members/form.html", context={"member": member, "title": f"{title} · {member.name}"},
    )  # fmt: skip


def _transfer_to(request: AuthedRequest, member: Member, data: dict[str, Any]) -> Transfer:
    to_org = selectors.transfer_target_lookup(code_or_name=data["to_org"])
    if to_org is None:
        raise Refused({"to_org": gettext("没有找到这个基层工会：请填写其统一社会信用代码或全称。")})
    return actions.transfer_request(actor=request.user, member=member, to_org=to_org, reason=data["reason"])


@login_required
@require_http_methods(["GET", "POST"])
def transfer_request(request: AuthedRequest, member_id: int) -> HttpResponse:
    member = _member_for(request, member_id, "transfer")
    return web.submit(
        # The import report's link names the union the file was for.
        request, TransferForm(web.posted(request), initial={"to_org": request.GET.get("to", "")[:100]}),
        act=lambda d: _transfer_to(request, member, d),
        done=lambda t: redirect("members:transfer", transfer_id=t.pk),
        message=lambda t: gettext("已提出转会申请：%(name)s → %(name2)s，待双方工会审批。") % {"name": member.name, "name2": t.to_org.name},
        template="members/form.html", context={"member": member, "title": gettext("办理转会 · %(name)s") % {"name": member.name}},
    )  # fmt: skip


@login_required
@require_GET
def transfer_list(request: AuthedRequest) -> HttpResponse:
    todo = request.GET.get("todo") == "1"  # 待办转会申请: waiting for the actor's side
    open_only = request.GET.get("all", "") != "1"
    rows = selectors.transfer_list_for_actor(actor=request.user, open_only=open_only, todo=todo)
    return render(
        request,
        "members/transfers.html",
        {"rows": rows, "open_only": open_only, "todo": todo, "days": auto_approve_days()},
    )


def _decide(request: AuthedRequest, transfer: Transfer, data: dict[str, Any]) -> Transfer:
    """The page's buttons: 撤回, or one side's 同意 / 拒绝."""
    decision, side = data["decision"], data["side"]
    if decision == "cancel":
        return actions.transfer_cancel(actor=request.user, transfer=transfer)
    side_step(decision, side)  # a side must be named
    if decision == "approve":
        return actions.transfer_approve(actor=request.user, transfer=transfer, side=side)
    return actions.transfer_reject(actor=request.user, transfer=transfer, side=side, reason=data["reason"])


@login_required
@require_http_methods(["GET", "POST"])
def transfer_detail(request: AuthedRequest, transfer_id: int) -> HttpResponse:
    transfer = selectors.transfer_get_for_actor(actor=request.user, pk=transfer_id)
    return web.submit(
        request, DecideForm(web.posted(request)),
        act=lambda d: _decide(request, transfer, d),
        done=lambda t: redirect("members:transfer", transfer_id=t.pk),
        message=gettext("已处理。"),
        template="members/transfer.html",
        context={"t": transfer, "ab": transfer_abilities(request.user, transfer), "days": auto_approve_days()},
    )  # fmt: skip


# ---------------------------------------------------------------------------------- import


def _import(request: AuthedRequest, data: dict[str, Any]) -> Job:
    org = org_selectors.org_get_for_actor(actor=request.user, pk=data["org"], perm="edit")
    upload = data["file"]
    stored, size = jobs.import_store(upload, file_name=upload.name)
    return jobs.import_enqueue(
        actor=request.user, org=org, stored=stored, file_name=upload.name, good_rows=data["good_rows"],
        size=size, now=size <= INLINE_IMPORT_BYTES,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def import_start(request: AuthedRequest) -> HttpResponse:
    # Whether the person may import at all (the form then offers only their unions).
    members_abilities(request.user, None).require("import_members", gettext("您没有可导入会员的工会。"))
    targets = selectors.import_targets_for_actor(actor=request.user)
    form = ImportForm(
        *(web.posted(request, files=True) or ()), orgs=targets, initial={"org": web.int_param(request, "org")}
    )
    return web.submit(
        request, form,
        act=lambda d: _import(request, d),
        done=lambda job: redirect("members:import_status", job_id=job.pk),
        template="members/import.html",
    )  # fmt: skip


def _import_status(request: AuthedRequest, job: Job) -> HttpResponse:
    ctx = {"job": job, "r": job.result, "org": job.org, "ab": import_abilities(request.user, job)}
    fragment = request.headers.get("HX-Request")
    return render(request, "members/_import_status.html" if fragment else "members/import_status.html", ctx)


import_status = web.record_page(selectors.import_job_get_for_actor, _import_status)


@login_required
@require_POST
def import_good_rows(request: AuthedRequest, job_id: int) -> HttpResponse:
    job = selectors.import_job_get_for_actor(actor=request.user, pk=job_id)
    size = int(job.params.get("size", 0))
    return web.step(
        request,
        act=lambda: jobs.import_rerun_good_rows(actor=request.user, job=job, now=size <= INLINE_IMPORT_BYTES),
        done=lambda new: redirect("members:import_status", job_id=new.pk),
        refused=lambda: _import_status(request, job),
    )


@login_required
@require_GET
def template_download(request: AuthedRequest, org_id: int) -> HttpResponseBase:
    org = org_selectors.org_get_for_actor(actor=request.user, pk=org_id)
    members_abilities(request.user, org).require("template")
    data = selectors.import_template_for_actor(actor=request.user, org=org)
    return web.download(data, f"{org.name}会员花名册（导入模板）.xlsx", web.XLSX)


# ---------------------------------------------------------------------------------- export


def _export_refused(request: AuthedRequest, reason: str) -> HttpResponse:
    return render(request, "members/export_refused.html", {"reason": reason}, status=web.INVALID)


@login_required
@require_GET
def member_export(request: AuthedRequest) -> HttpResponseBase:
    within: Org | None = web.org_param(request, "within")
    if within is None:
        return _export_refused(request, "请先选择要导出的组织范围。")
    fmt = web.choice_param(request, "format", EXPORT_FORMATS) if "format" in request.GET else "xlsx"
    if not fmt:
        return _export_refused(request, "只能导出为 xlsx 或 csv。")
    filters = _filters(request)
    qs = selectors.member_queryset_for_actor(actor=request.user, within=within, **filters)
    paths = exporting.export_begin(
        actor=request.user, within=within, qs=qs, fmt=fmt, reveal=request.GET.get("reveal") == "1", filters=filters
    )  # fmt: skip
    name = web.filename(f"{within.name}会员名册", fmt)
    if fmt == "csv":
        lines = exporting.csv_stream(actor=request.user, qs=qs, reveal_paths=paths)
        return web.download((line.encode("utf-8") for line in lines), name, web.CSV)
    stream = exporting.xlsx_stream(actor=request.user, qs=qs, reveal_paths=paths, title=name)
    return web.download(stream, name, web.XLSX)
