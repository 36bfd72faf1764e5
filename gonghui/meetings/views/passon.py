"""Passing meetings on (传达贯彻): sending the task down, recording it, the report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gonghui.kernel import scope
from gonghui.kernel.web import AuthedRequest, apply_errors

from .. import actions, selectors
from ..forms import PassOnRecordForm, PassOnRequireForm
from ..models import Meeting, PassOnStatus
from ..report import passon_chart, passon_report, passon_xlsx
from ._common import INVALID, XLSX, filename, org_param


@login_required
@require_http_methods(["GET", "POST"])
def passon_require(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_actor(actor=request.user, pk=meeting_id, perm="edit")
    form = PassOnRequireForm(request.POST if request.method == "POST" else None, initial={"depth": 1})
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            try:
                n = actions.passon_require(actor=request.user, meeting=meeting, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"已部署{n}个下级工会传达贯彻。")
                return redirect("meetings:passon_report", meeting_id=meeting.pk)
    return render(
        request, "meetings/form.html", {"form": form, "title": f"部署传达贯彻 · {meeting.name}", "meeting": meeting},
        status=status,
    )  # fmt: skip


def _report_page(request: AuthedRequest, meeting: Meeting, default_subject: object) -> HttpResponse:
    subject = org_param(request, "org") or default_subject
    report = passon_report(actor=request.user, meeting=meeting, subject=subject)  # type: ignore[arg-type]
    return render(
        request,
        "meetings/passon_report.html",
        {
            "report": report,
            "chart": passon_chart(report),
            "can_see_meeting": scope.can(request.user, "view", meeting.org),
        },
    )


@login_required
@require_GET
def passon_report_page(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_actor(actor=request.user, pk=meeting_id)
    return _report_page(request, meeting, meeting.org)


@login_required
@require_GET
def passon_export(request: AuthedRequest, meeting_id: int) -> HttpResponseBase:
    meeting = selectors.meeting_get_for_actor(actor=request.user, pk=meeting_id)
    subject = org_param(request, "org") or meeting.org
    passon_report(actor=request.user, meeting=meeting, subject=subject)  # the same checks as the page
    actions.passon_export_record(actor=request.user, meeting=meeting, subject=subject, fmt="xlsx")
    return FileResponse(
        passon_xlsx(actor=request.user, meeting=meeting, subject=subject),
        as_attachment=True,
        filename=filename(f"传达贯彻情况_{subject.name}", "xlsx"),
        content_type=XLSX,
    )


@login_required
@require_GET
def passon_list(request: AuthedRequest) -> HttpResponse:
    pending = request.GET.get("all") != "1"
    return render(
        request,
        "meetings/passon_list.html",
        {"rows": selectors.passons_for_actor(actor=request.user, pending_only=pending), "pending": pending},
    )


@login_required
@require_http_methods(["GET", "POST"])
def passon_record(request: AuthedRequest, passon_id: int) -> HttpResponse:
    task = selectors.passon_get_for_actor(actor=request.user, pk=passon_id, perm="edit")
    local = selectors.local_meetings_after(org=task.org, on=task.meeting.held_on)
    initial = {"on": task.on, "how": task.how, "note": task.note, "via": str(task.via_id or "")}
    form = PassOnRecordForm(
        request.POST if request.method == "POST" else None, meetings=local, initial=initial
    )
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            try:
                actions.passon_record(
                    actor=request.user, task=task, on=form.cleaned_data["on"], how=form.cleaned_data["how"],
                    note=form.cleaned_data["note"], via=form.via_meeting(),
                )  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "已登记传达贯彻情况。")
                return redirect("meetings:passon_list")
    return render(
        request, "meetings/passon_record.html", {"form": form, "task": task, "done": task.status == PassOnStatus.DONE},
        status=status,
    )  # fmt: skip


@login_required
@require_POST
def passon_undo(request: AuthedRequest, passon_id: int) -> HttpResponse:
    task = selectors.passon_get_for_actor(actor=request.user, pk=passon_id, perm="edit")
    try:
        actions.passon_undo(actor=request.user, task=task)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "已撤销登记。")
    return redirect("meetings:passon_record", passon_id=task.pk)


@login_required
@require_GET
def passon_subtree_report(request: AuthedRequest, passon_id: int) -> HttpResponse:
    """A union below sees how its own subtree passes the meeting on."""
    task = selectors.passon_get_for_actor(actor=request.user, pk=passon_id)
    return _report_page(request, task.meeting, task.org)
