"""Meeting records: list, create, edit, attendance, agenda, documents, steps, minutes."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gonghui.kernel import web
from gonghui.kernel.abilities import NONE
from gonghui.kernel.cleaning import today
from gonghui.kernel.errors import Refused
from gonghui.kernel.web import AuthedRequest, posted, submit

from .. import actions, selectors
from ..abilities import meeting_abilities, meetings_abilities
from ..forms import AgendaForm, AttendanceForm, DocumentForm, MeetingEditForm, MeetingForm, ReasonForm
from ..minutes import minutes_docx
from ..models import Attendance, Meeting, MeetingKind

TODOS = ("elections",)  # ?todo=elections: meetings with results the person may still confirm


_meeting_for = web.guarded(selectors.meeting_get_for_actor, meeting_abilities)


def _to_meeting(meeting: Meeting) -> HttpResponse:
    return redirect("meetings:meeting", meeting_id=meeting.pk)


def _detail(request: AuthedRequest, meeting: Meeting, status: int = 200) -> HttpResponse:
    attendance = list(meeting.attendance.all())
    members = [a for a in attendance if a.role == Attendance.Role.MEMBER]
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "ab": meeting_abilities(request.user, meeting),
            "members": members,
            "present": sum(1 for a in members if a.present),
            "absent": [a for a in members if not a.present],
            "guests": [a for a in attendance if a.role == Attendance.Role.GUEST],
            "agenda": list(meeting.agenda.all()),
            "elections": selectors.meeting_elections(meeting),
            "documents": list(meeting.documents.all()),
            "passon": selectors.passon_progress(meeting),
            "passed_on": list(meeting.passed_on.select_related("meeting__org")[:20]),
            "agenda_form": AgendaForm(),
            "document_form": DocumentForm(),
            "rules": selectors.rules_for_org(meeting.org),
        },
        status=status,
    )


@login_required
@require_GET
def meeting_list(request: AuthedRequest) -> HttpResponse:
    within = web.org_param(request, "within")
    kind = web.choice_param(request, "kind", MeetingKind.choices)
    todo = web.choice_param(request, "todo", TODOS)
    rows, next_id = selectors.meeting_list_for_actor(
        actor=request.user, within=within, kind=kind, elections_to_confirm=todo == "elections",
        before_id=web.int_param(request, "before"),
    )  # fmt: skip
    new_org = within or web.first_org(request.user, "edit")
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "rows": rows,
            "within": within,
            "kind": kind,
            "todo": todo,
            "kinds": MeetingKind.choices,
            "next_query": web.next_query(request, next_id),
            "new_org": new_org,
            "org_ab": meetings_abilities(request.user, new_org) if new_org else NONE,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: AuthedRequest) -> HttpResponse:
    org = web.org_for(request, meetings_abilities, "create_meeting", "您没有可以登记会议的工会。")
    form = MeetingForm(posted(request), initial={"kind": MeetingKind.PLENARY, "held_on": today()})
    return submit(
        request, form,
        act=lambda data: actions.meeting_create(actor=request.user, org=org, **data),
        done=_to_meeting, message=lambda meeting: gettext("已建立会议记录「%(name)s」。") % {"name": meeting.name},
        template="meetings/form.html", context={"title": gettext("登记会议 · %(name)s") % {"name": org.name}, "org": org},
    )  # fmt: skip


meeting_detail = web.record_page(selectors.meeting_get_for_actor, _detail)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting_for(request, meeting_id, "edit")
    initial = {k: getattr(meeting, k) for k in MeetingEditForm.base_fields}
    return submit(
        request, MeetingEditForm(posted(request), initial=initial),
        act=lambda data: actions.meeting_update(actor=request.user, meeting=meeting, **data),
        done=_to_meeting, message=gettext("已保存。"),
        template="meetings/form.html", context={"title": gettext("修改 · %(name)s") % {"name": meeting.name}, "meeting": meeting},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting_for(request, meeting_id, "attendance")
    rows = list(meeting.attendance.filter(role=Attendance.Role.MEMBER).order_by("id"))
    guests = "\n".join(
        f"{g.name} {g.title}".strip() for g in meeting.attendance.filter(role=Attendance.Role.GUEST)
    )
    form = AttendanceForm(posted(request), rows=rows, initial={"guests": guests})
    return submit(
        request, form,
        act=lambda _: actions.attendance_set(
            actor=request.user, meeting=meeting, absent=form.absent(), notes=form.notes(), guests=form.guest_list()
        ),
        done=_to_meeting, message=gettext("已保存出席情况。"),
        template="meetings/attendance.html", context={"meeting": meeting},
    )  # fmt: skip


@login_required
@require_POST
def agenda_add(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting_for(request, meeting_id, "agenda")
    return submit(
        request, AgendaForm(posted(request)),
        act=lambda data: actions.agenda_add(actor=request.user, meeting=meeting, **data),
        done=lambda _: _to_meeting(meeting), message=gettext("已添加议程。"),
        template="meetings/form.html", context={"title": gettext("添加议程 · %(name)s") % {"name": meeting.name}, "meeting": meeting},
    )  # fmt: skip


@login_required
@require_POST
def agenda_remove(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_actor(actor=request.user, pk=meeting_id)

    def act() -> Meeting:
        item_id = web.post_int(request, "item")
        if item_id is None:
            raise Refused(gettext("请选择要删除的议程。"))
        return actions.agenda_remove(actor=request.user, meeting=meeting, item_id=item_id)

    return web.step(
        request,
        act=act,
        done=_to_meeting,
        refused=lambda: _detail(request, meeting),
        message=gettext("已删除议程。"),
    )


@login_required
@require_POST
def document_add(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting_for(request, meeting_id, "add_document")
    return submit(
        request, DocumentForm(*posted(request, files=True)),
        act=lambda data: actions.document_add(
            actor=request.user, meeting=meeting, title=data["title"], upload=data["file"]
        ),
        done=lambda _: _to_meeting(meeting), message=gettext("已上传会议文件。"),
        template="meetings/form.html",
        context={"title": gettext("上传会议文件 · %(name)s") % {"name": meeting.name}, "meeting": meeting, "multipart": True},
    )  # fmt: skip


document_download = web.kept_download(selectors.document_get_for_actor)


STEPS = {
    "record": (actions.meeting_record, "会议记录已确认。"),
    "reopen": (actions.meeting_reopen, "会议记录已退回修改。"),
}


@login_required
@require_POST
def meeting_status(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    """确认会议记录 / 退回修改 (the workflow's steps without a form of their own)."""
    meeting = selectors.meeting_get_for_actor(actor=request.user, pk=meeting_id)
    take, message = STEPS.get(request.POST.get("step", ""), (None, ""))

    def act() -> Any:
        if take is None:
            raise Refused(gettext("未知的操作。"))
        return take(actor=request.user, meeting=meeting)

    return web.step(
        request, act=act, done=_to_meeting, refused=lambda: _detail(request, meeting), message=message
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cancel(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting_for(request, meeting_id, "cancel")
    return submit(
        request, ReasonForm(posted(request)),
        act=lambda data: actions.meeting_cancel(actor=request.user, meeting=meeting, reason=data["reason"]),
        done=_to_meeting, message=gettext("会议记录已作废。"),
        template="meetings/form.html", context={"title": gettext("作废 · %(name)s") % {"name": meeting.name}, "meeting": meeting, "danger": True},
    )  # fmt: skip


@login_required
@require_GET
def minutes(request: AuthedRequest, meeting_id: int) -> HttpResponseBase:
    meeting = _meeting_for(request, meeting_id, "minutes")
    actions.minutes_export_record(actor=request.user, meeting=meeting)
    return web.download(minutes_docx(meeting), f"{meeting.name}纪要.docx", web.DOCX)
