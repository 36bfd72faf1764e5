"""Meeting records: list, create, edit, attendance, agenda, documents, status, minutes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gonghui.kernel import scope
from gonghui.kernel.web import AuthedRequest, apply_errors, int_param

from .. import actions, selectors
from ..forms import AgendaForm, AttendanceForm, DocumentForm, MeetingEditForm, MeetingForm, ReasonForm
from ..minutes import minutes_docx
from ..models import Attendance, MeetingKind, MeetingStatus, PassOnStatus
from ..workflow import MEETING
from ._common import DOCX, INVALID, disposition, org_param


@login_required
@require_GET
def meeting_list(request: AuthedRequest) -> HttpResponse:
    within = org_param(request, "within")
    kind = request.GET.get("kind", "")
    kind = kind if kind in MeetingKind.values else ""
    rows, next_id = selectors.meeting_list_for_actor(
        actor=request.user, within=within, kind=kind, before_id=int_param(request, "before")
    )
    params = request.GET.copy()
    if next_id:
        params["before"] = str(next_id)
    default = within or selectors.default_org_for_actor(actor=request.user, perm="edit")
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "rows": rows,
            "within": within,
            "kind": kind,
            "kinds": MeetingKind.choices,
            "next_query": params.urlencode() if next_id else "",
            "new_org": default if default is not None and scope.can(request.user, "edit", default) else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: AuthedRequest) -> HttpResponse:
    org = org_param(request, "org", perm="edit") or selectors.default_org_for_actor(actor=request.user)
    if org is None:
        raise PermissionDenied("您没有可以登记会议的工会。")
    form = MeetingForm(
        request.POST if request.method == "POST" else None,
        initial={"kind": MeetingKind.PLENARY, "held_on": timezone.localdate()},
    )
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            try:
                meeting = actions.meeting_create(actor=request.user, org=org, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"已建立会议记录「{meeting.name}」。")
                return redirect("meetings:meeting", meeting_id=meeting.pk)
    return render(
        request,
        "meetings/form.html",
        {"form": form, "title": f"登记会议 · {org.name}", "org": org},
        status=status,
    )


@login_required
@require_GET
def meeting_detail(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_actor(actor=request.user, pk=meeting_id)
    can_edit = scope.can(request.user, "edit", meeting.org)
    members = [a for a in meeting.attendance.all() if a.role == Attendance.Role.MEMBER]
    guests = [a for a in meeting.attendance.all() if a.role == Attendance.Role.GUEST]
    passon = None
    if meeting.to_pass_on:
        tasks = meeting.pass_ons
        passon = {"total": tasks.count(), "done": tasks.filter(status=PassOnStatus.DONE).count()}
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "members": members,
            "present": sum(1 for a in members if a.present),
            "absent": [a for a in members if not a.present],
            "guests": guests,
            "agenda": list(meeting.agenda.all()),
            "elections": selectors.meeting_elections(meeting),
            "documents": list(meeting.documents.all()),
            "passon": passon,
            "passed_on": list(meeting.passed_on.select_related("meeting__org")[:20]),
            "can_edit": can_edit,
            "is_draft": meeting.status == MeetingStatus.DRAFT,
            "steps": MEETING.allowed(meeting.status) if can_edit else [],
            "agenda_form": AgendaForm(),
            "document_form": DocumentForm(),
            "rules": selectors.rules_for_org(meeting.org),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_actor(actor=request.user, pk=meeting_id, perm="edit")
    initial = {k: getattr(meeting, k) for k in MeetingEditForm.base_fields}
    form = MeetingEditForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            try:
                actions.meeting_update(actor=request.user, meeting=meeting, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "已保存。")
                return redirect("meetings:meeting", meeting_id=meeting.pk)
    return render(
        request, "meetings/form.html", {"form": form, "title": f"修改 · {meeting.name}", "meeting": meeting},
        status=status,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_actor(actor=request.user, pk=meeting_id, perm="edit")
    rows = list(meeting.attendance.filter(role=Attendance.Role.MEMBER).order_by("id"))
    guests = "\n".join(
        f"{g.name} {g.title}".strip() for g in meeting.attendance.filter(role=Attendance.Role.GUEST)
    )
    form = AttendanceForm(
        request.POST if request.method == "POST" else None, rows=rows, initial={"guests": guests}
    )
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            try:
                actions.attendance_set(
                    actor=request.user, meeting=meeting, absent=form.absent(), notes=form.notes(),
                    guests=form.guest_list(),
                )  # fmt: skip
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "已保存出席情况。")
                return redirect("meetings:meeting", meeting_id=meeting.pk)
    return render(request, "meetings/attendance.html", {"form": form, "meeting": meeting}, status=status)


@login_required
@require_POST
def agenda_add(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_actor(actor=request.user, pk=meeting_id, perm="edit")
    form = AgendaForm(request.POST)
    if form.is_valid():
        try:
            actions.agenda_add(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "已添加议程。")
            return redirect("meetings:meeting", meeting_id=meeting.pk)
    return render(
        request, "meetings/form.html", {"form": form, "title": f"添加议程 · {meeting.name}", "meeting": meeting},
        status=INVALID,
    )  # fmt: skip


@login_required
@require_POST
def agenda_remove(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_actor(actor=request.user, pk=meeting_id, perm="edit")
    item_id = request.POST.get("item", "")
    try:
        if not item_id.isdigit():
            raise ValidationError("请选择要删除的议程。")
        actions.agenda_remove(actor=request.user, meeting=meeting, item_id=int(item_id))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return redirect("meetings:meeting", meeting_id=meeting.pk)
    messages.success(request, "已删除议程。")
    return redirect("meetings:meeting", meeting_id=meeting.pk)


@login_required
@require_POST
def document_add(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_actor(actor=request.user, pk=meeting_id, perm="edit")
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            actions.document_add(
                actor=request.user,
                meeting=meeting,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "已上传会议文件。")
            return redirect("meetings:meeting", meeting_id=meeting.pk)
    return render(
        request, "meetings/form.html",
        {"form": form, "title": f"上传会议文件 · {meeting.name}", "meeting": meeting, "multipart": True},
        status=INVALID,
    )  # fmt: skip


@login_required
@require_GET
def document_download(request: AuthedRequest, document_id: int) -> HttpResponseBase:
    doc = selectors.document_get_for_actor(actor=request.user, pk=document_id)
    try:
        handle = doc.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404("文件不存在") from exc
    return FileResponse(handle, as_attachment=True, filename=doc.filename, content_type=doc.content_type)


@login_required
@require_POST
def meeting_status(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_actor(actor=request.user, pk=meeting_id, perm="edit")
    step = request.POST.get("step", "")
    steps = {"record": actions.meeting_record, "reopen": actions.meeting_reopen}
    if step not in steps:
        return render(
            request,
            "meetings/form.html",
            {"form": None, "title": "未知的操作", "meeting": meeting},
            status=INVALID,
        )
    try:
        steps[step](actor=request.user, meeting=meeting)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return redirect("meetings:meeting", meeting_id=meeting.pk)
    messages.success(request, "会议记录已确认。" if step == "record" else "会议记录已退回修改。")
    return redirect("meetings:meeting", meeting_id=meeting.pk)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cancel(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_actor(actor=request.user, pk=meeting_id, perm="edit")
    form = ReasonForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = INVALID
        if form.is_valid():
            try:
                actions.meeting_cancel(
                    actor=request.user, meeting=meeting, reason=form.cleaned_data["reason"]
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "会议记录已作废。")
                return redirect("meetings:meeting", meeting_id=meeting.pk)
    return render(
        request, "meetings/form.html",
        {"form": form, "title": f"作废 · {meeting.name}", "meeting": meeting, "danger": True}, status=status,
    )  # fmt: skip


@login_required
@require_GET
def minutes(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_actor(actor=request.user, pk=meeting_id)
    actions.minutes_export_record(actor=request.user, meeting=meeting)
    response = HttpResponse(minutes_docx(meeting), content_type=DOCX)
    response["Content-Disposition"] = disposition(f"{meeting.name}纪要.docx")
    return response
