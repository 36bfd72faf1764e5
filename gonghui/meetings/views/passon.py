"""Passing meetings on (传达贯彻): sending the task down, recording it, the report."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from gonghui.kernel import web
from gonghui.kernel.web import AuthedRequest, posted, submit
from gonghui.orgs.models import Org

from .. import actions, selectors
from ..abilities import passon_abilities
from ..forms import PassOnRecordForm, PassOnRequireForm
from ..models import Meeting, PassOn
from ..report import passon_chart, passon_report, passon_xlsx
from .meetings import _meeting_for


@login_required
@require_http_methods(["GET", "POST"])
def passon_require(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting_for(request, meeting_id, "pass_on")
    return submit(
        request, PassOnRequireForm(posted(request), initial={"depth": 1}),
        act=lambda data: actions.passon_require(actor=request.user, meeting=meeting, **data),
        done=lambda _: redirect("meetings:passon_report", meeting_id=meeting.pk),
        message=lambda n: gettext("已部署%(n)s个下级工会传达贯彻。") % {"n": n},
        template="meetings/form.html", context={"title": gettext("部署传达贯彻 · %(name)s") % {"name": meeting.name}, "meeting": meeting},
    )  # fmt: skip


def _report_page(request: AuthedRequest, meeting: Meeting, default_subject: Org) -> HttpResponse:
    subject = web.org_param(request, "org") or default_subject
    report = passon_report(actor=request.user, meeting=meeting, subject=subject)
    return render(request, "meetings/passon_report.html", {"report": report, "chart": passon_chart(report)})


@login_required
@require_GET
def passon_report_page(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_actor(actor=request.user, pk=meeting_id)
    return _report_page(request, meeting, meeting.org)


@login_required
@require_GET
def passon_export(request: AuthedRequest, meeting_id: int) -> HttpResponseBase:
    meeting = selectors.meeting_get_for_actor(actor=request.user, pk=meeting_id)
    subject = web.org_param(request, "org") or meeting.org
    passon_report(actor=request.user, meeting=meeting, subject=subject)  # the same checks as the page
    actions.passon_export_record(actor=request.user, meeting=meeting, subject=subject, fmt="xlsx")
    return web.download(
        passon_xlsx(actor=request.user, meeting=meeting, subject=subject),
        web.filename(f"传达贯彻情况_{subject.name}", "xlsx"),
        web.XLSX,
    )


@login_required
@require_GET
def passon_list(request: AuthedRequest) -> HttpResponse:
    pending = request.GET.get("all") != "1"
    tasks = selectors.passons_for_actor(actor=request.user, pending_only=pending)
    return render(
        request,
        "meetings/passon_list.html",
        {"rows": [(t, passon_abilities(request.user, t)) for t in tasks], "pending": pending},
    )


_task_for = web.guarded(selectors.passon_get_for_actor, passon_abilities)


def _record_form(task: PassOn, data: Any) -> PassOnRecordForm:
    local = selectors.local_meetings_after(org=task.org, on=task.meeting.held_on)
    initial = {"on": task.on, "how": task.how, "note": task.note, "via": str(task.via_id or "")}
    return PassOnRecordForm(data, meetings=local, initial=initial)


@login_required
@require_http_methods(["GET", "POST"])
def passon_record(request: AuthedRequest, passon_id: int) -> HttpResponse:
    task = _task_for(request, passon_id, "record")
    form = _record_form(task, posted(request))
    return submit(
        request, form,
        act=lambda data: actions.passon_record(
            actor=request.user, task=task, on=data["on"], how=data["how"], note=data["note"], via=form.via_meeting()
        ),
        done=lambda _: redirect("meetings:passon_list"), message=gettext("已登记传达贯彻情况。"),
        template="meetings/passon_record.html", context={"task": task, "ab": passon_abilities(request.user, task)},
    )  # fmt: skip


def _record_page(request: AuthedRequest, task: PassOn) -> HttpResponse:
    return render(
        request, "meetings/passon_record.html",
        {"task": task, "ab": passon_abilities(request.user, task), "form": _record_form(task, None)},
    )  # fmt: skip


passon_undo = web.Steps(
    get=selectors.passon_get_for_actor, record="task", page=_record_page,
    done=lambda t: redirect("meetings:passon_record", passon_id=t.pk),
)(actions.passon_undo, gettext_lazy("已撤销登记。"))  # fmt: skip


@login_required
@require_GET
def passon_subtree_report(request: AuthedRequest, passon_id: int) -> HttpResponse:
    """A union below sees how its own subtree passes the meeting on."""
    task = _task_for(request, passon_id, "report")
    return _report_page(request, task.meeting, task.org)
