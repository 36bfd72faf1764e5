"""The training pages: officers run courses; workers enrol and check in; anyone verifies a
certificate. Each view parses, calls one selector or action, and renders."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gonghui.kernel import qr, web
from gonghui.kernel.abilities import NONE
from gonghui.kernel.errors import Refused, joined
from gonghui.kernel.web import AuthedRequest, posted, submit
from gonghui.members.models import Member
from gonghui.orgs.selectors import org_get_for_actor

from . import actions, exports, selectors, tokens
from .abilities import (
    certificate_abilities,
    course_abilities,
    course_worker_abilities,
    enrolment_abilities,
    enrolment_holder_abilities,
    training_abilities,
)
from .forms import CourseForm, PersonForm, ReasonForm, ScanForm, SelfEnrolForm, SessionForm, VerifyForm
from .models import Certificate, Course, Enrolment, Subject
from .pdf import certificate_response
from .rules import places_left, public_enrol_refusal, self_enrol_refusal, worker_member
from .workflow import COURSE

TODOS = ("certify", "attendance")
STEPS = {
    "publish": ("开放报名", "已开放报名。"),
    "close": ("截止报名", "已截止报名。"),
    "reopen": ("重新开放报名", "已重新开放报名。"),
    "finish": ("办理结业", "已办理结业。"),
    "cancel": ("取消培训班", "培训班已取消。"),
}
STEP_ACTIONS = {
    "publish": actions.course_publish, "close": actions.course_close, "reopen": actions.course_reopen,
    "finish": actions.course_finish, "cancel": actions.course_cancel,
}  # fmt: skip


def _course_for(request: AuthedRequest, course_id: int, doing: str = "") -> tuple[Course, Any]:
    course = selectors.course_get_for_actor(actor=request.user, pk=course_id)
    ab = course_abilities(request.user, course)
    if doing:
        ab.require(doing)
    return course, ab


def _to_course(course: Course) -> HttpResponse:
    return redirect("training:course", course_id=course.pk)


# ------------------------------------------------------------------------------- courses


@login_required
@require_GET
def course_list(request: AuthedRequest) -> HttpResponse:
    within = web.org_param(request, "within")
    subject = web.choice_param(request, "subject", Subject.choices)
    state = web.choice_param(request, "state", Course.State.choices)
    todo = web.choice_param(request, "todo", TODOS)
    year = web.int_param(request, "year")
    q = request.GET.get("q", "").strip()[:50]
    rows = selectors.course_list_for_actor(
        actor=request.user, within=within, subject=subject, year=year, state=state, todo=todo, q=q
    )[:200]
    new_org = within or web.first_org(request.user, "edit")
    return render(request, "training/course_list.html", {
        "rows": rows, "within": within, "subject": subject, "state": state, "todo": todo, "q": q,
        "year": year or "", "subjects": Subject.choices, "states": Course.State.choices, "new_org": new_org,
        "org_ab": training_abilities(request.user, new_org) if new_org else NONE,
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def course_create(request: AuthedRequest) -> HttpResponse:
    org = web.org_for(request, training_abilities, "create", "您没有可以开设培训班的工会。")
    form = CourseForm(posted(request))
    return submit(
        request, form,
        act=lambda d: actions.course_create(actor=request.user, org=org, **d),
        done=_to_course, message=lambda c: gettext("已开设「%(title)s」，请添加课次后开放报名。") % {"title": c.title},
        template="training/form.html", context={"title": f"开设培训班 · {org.name}", "org": org},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def course_edit(request: AuthedRequest, course_id: int) -> HttpResponse:
    course, _ab = _course_for(request, course_id, "edit")
    fields = CourseForm.base_fields
    initial = {k: getattr(course, k) for k in fields}
    form = CourseForm(posted(request), initial=initial)
    return submit(
        request, form,
        act=lambda d: actions.course_update(actor=request.user, course=course, **d),
        done=_to_course, message=gettext("培训班信息已保存。"),
        template="training/form.html", context={"title": f"修改培训班 · {course.title}", "course": course},
    )  # fmt: skip


@login_required
@require_GET
def course_detail(request: AuthedRequest, course_id: int) -> HttpResponse:
    course, ab = _course_for(request, course_id)
    return render(request, "training/course_detail.html", _detail(request, course, ab))


def _detail(request: AuthedRequest, course: Course, ab: Any, **extra: Any) -> dict[str, Any]:
    rows = selectors.roster(course)
    for r in rows:
        r.cert_ab = certificate_abilities(request.user, r.certificate) if r.certificate else NONE
    sessions = list(course.sessions.all())
    return {
        "course": course, "ab": ab, "rows": rows, "sessions": sessions,
        "steps": [(s, label) for s, (label, _m) in STEPS.items() if ab[s]],
        "held_back": _held_back(request, course),
        "session_form": SessionForm(initial={"place": course.place}), "completing": sum(r.completes for r in rows),
        "certified": sum(1 for r in rows if r.certificate), **extra,
    }  # fmt: skip


def _held_back(request: AuthedRequest, course: Course) -> list[str]:
    return COURSE.held_back(request.user, course)


@login_required
@require_POST
def course_step(request: AuthedRequest, course_id: int) -> HttpResponse:
    course, ab = _course_for(request, course_id)
    step = request.POST.get("step", "")

    def act() -> Course:
        if step not in STEP_ACTIONS:
            raise Refused(gettext("没有这个办理步骤。"))
        return STEP_ACTIONS[step](actor=request.user, course=course)

    return web.step(
        request,
        act=act,
        done=_to_course,
        refused=lambda: render(request, "training/course_detail.html", _detail(request, course, ab)),
        message=STEPS[step][1] if step in STEPS else "",
    )


@login_required
@require_POST
def session_add(request: AuthedRequest, course_id: int) -> HttpResponse:
    course, ab = _course_for(request, course_id, "sessions")
    form = SessionForm(request.POST)
    if form.is_valid():
        try:
            actions.session_add(actor=request.user, course=course, **form.cleaned_data)
        except Refused as exc:
            web.apply_errors(form, exc)
        else:
            return _to_course(course)
    return render(request, "training/course_detail.html", _detail(request, course, ab, session_form=form),
                  status=web.INVALID)  # fmt: skip


@login_required
@require_POST
def session_remove(request: AuthedRequest, session_id: int) -> HttpResponse:
    session = selectors.session_get_for_actor(actor=request.user, pk=session_id)
    course, ab = _course_for(request, session.course_id, "sessions")
    return web.step(
        request, act=lambda: actions.session_remove(actor=request.user, session=session), done=_to_course,
        refused=lambda: render(request, "training/course_detail.html", _detail(request, course, ab)),
        message=gettext("课次已删除。"),
    )  # fmt: skip


# ------------------------------------------------------------------------------- trainees


@login_required
@require_http_methods(["GET", "POST"])
def enrol(request: AuthedRequest, course_id: int) -> HttpResponse:
    """Find members (name or ID number) and tick them, or take a whole union's members."""
    course, ab = _course_for(request, course_id, "enrol")
    q = request.GET.get("q", "").strip()[:30]
    status = 200
    if request.method == "POST":
        try:
            union_id = web.post_int(request, "union")
            if union_id:
                result = actions.enrol_union(actor=request.user, course=course,
                                             org=org_get_for_actor(actor=request.user, pk=union_id))  # fmt: skip
            else:
                ids = [int(v) for v in request.POST.getlist("member") if v.isdigit() and len(v) <= 18]
                members = list(Member.objects.select_related("org").filter(pk__in=ids))
                result = actions.enrol_members(actor=request.user, course=course, members=members)
        except Refused as exc:
            messages.error(request, joined(exc))
            status = web.INVALID
        else:
            text = f"已登记{len(result.added)}名学员。"
            if result.skipped:
                text += (
                    "未登记："
                    + "、".join(result.skipped[:10])
                    + ("等。" if len(result.skipped) > 10 else "。")
                )
            messages.success(request, text)
            return _to_course(course)
    return render(request, "training/enrol.html", {
        "course": course, "ab": ab, "q": q,
        "candidates": selectors.enrol_candidates(actor=request.user, course=course, q=q),
        "unions": selectors.enrol_unions(actor=request.user, course=course), "left": places_left(course),
    }, status=status)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def enrol_person(request: AuthedRequest, course_id: int) -> HttpResponse:
    course, _ab = _course_for(request, course_id, "enrol_person")
    form = PersonForm(posted(request))
    return submit(
        request, form,
        act=lambda d: actions.enrol_person(actor=request.user, course=course, **d),
        done=lambda e: _to_course(course), message=lambda e: gettext("已登记学员「%(name)s」。") % {"name": e.name},
        template="training/form.html",
        context={"title": f"登记非会员学员 · {course.title}", "course": course,
                 "note": "身份证号码和手机号码加密保存，页面和导出中只显示部分号码。"},
    )  # fmt: skip


def _enrolment_for(request: AuthedRequest, enrolment_id: int) -> Enrolment:
    return selectors.enrolment_get_for_officer_or_trainee(actor=request.user, pk=enrolment_id)


@login_required
@require_POST
def enrolment_withdraw(request: AuthedRequest, enrolment_id: int) -> HttpResponse:
    enrolment = _enrolment_for(request, enrolment_id)
    enrolment_abilities(request.user, enrolment).require("withdraw")
    officer = course_abilities(request.user, enrolment.course).export
    done = _to_course if officer else (lambda c: redirect("training:open_course", course_id=c.pk))
    return web.step(
        request,
        act=lambda: actions.enrolment_withdraw(actor=request.user, enrolment=enrolment).course,
        done=done, refused=lambda: done(enrolment.course), message=gettext("「%(name)s」已退出培训。") % {"name": enrolment.name},
    )  # fmt: skip


@login_required
@require_POST
def trainee_reveal(request: AuthedRequest, enrolment_id: int) -> HttpResponse:
    enrolment = selectors.enrolment_get_for_actor(actor=request.user, pk=enrolment_id, perm="reveal")
    enrolment_abilities(request.user, enrolment).require("reveal")
    values = actions.trainee_reveal(actor=request.user, enrolment=enrolment)
    return render(request, "training/_revealed.html", values)


# ------------------------------------------------------------------------------- attendance


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: AuthedRequest, session_id: int) -> HttpResponse:
    session = selectors.session_get_for_actor(actor=request.user, pk=session_id)
    course, ab = _course_for(request, session.course_id, "attendance")
    status = 200
    if request.method == "POST":
        ticked = [int(v) for v in request.POST.getlist("present") if v.isdigit() and len(v) <= 18]
        try:
            present, absent = actions.attendance_set(actor=request.user, session=session, present=ticked)
        except Refused as exc:
            messages.error(request, joined(exc))
            status = web.INVALID
        else:
            messages.success(
                request,
                gettext("已登记出勤：到%(present)s人，缺%(absent)s人。")
                % {"present": present, "absent": absent},
            )
            return _to_course(course)
    return render(request, "training/attendance.html",
                  {"course": course, "session": session, "rows": selectors.roster(course), "ab": ab},
                  status=status)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def scan(request: AuthedRequest, session_id: int) -> HttpResponse:
    """Check-in at the door: the officer's phone or scanner reads the trainee's code."""
    session = selectors.session_get_for_actor(actor=request.user, pk=session_id)
    course, ab = _course_for(request, session.course_id, "attendance")
    form = ScanForm(posted(request))
    status, last = 200, None
    if request.method == "POST":
        status = web.INVALID
        if form.is_valid():
            try:
                last = actions.attendance_scan(
                    actor=request.user, session=session, code=form.cleaned_data["code"]
                )
            except Refused as exc:
                web.apply_errors(form, exc)
            else:
                status = 200
                form = ScanForm()
    signed_in = session.attendance.count()
    return render(request, "training/scan.html", {
        "course": course, "session": session, "form": form, "last": last, "signed_in": signed_in, "ab": ab,
    }, status=status)  # fmt: skip


# ------------------------------------------------------------------------------- scores, certificates


@login_required
@require_http_methods(["GET", "POST"])
def scores(request: AuthedRequest, course_id: int) -> HttpResponse:
    course, ab = _course_for(request, course_id, "scores")
    status = 200
    errors: dict[str, str] = {}
    if request.method == "POST":
        values = {
            int(k[6:]): v for k, v in request.POST.items() if k.startswith("score_") and k[6:].isdigit()
            and len(k) < 25
        }  # fmt: skip
        try:
            changed = actions.scores_set(actor=request.user, course=course, scores=values)
        except Refused as exc:
            status = web.INVALID
            errors = {k: "；".join(v) for k, v in getattr(exc, "message_dict", {"": exc.messages}).items()}
        else:
            messages.success(request, gettext("已保存%(count)s名学员的成绩。") % {"count": changed})
            return _to_course(course)
    return render(request, "training/scores.html", {
        "course": course, "ab": ab, "rows": selectors.roster(course), "errors": errors,
        "posted": request.POST if request.method == "POST" else {},
    }, status=status)  # fmt: skip


@login_required
@require_POST
def certify(request: AuthedRequest, course_id: int) -> HttpResponse:
    course, ab = _course_for(request, course_id)
    return web.step(
        request, act=lambda: actions.certificates_issue(actor=request.user, course=course),
        done=lambda made: _to_course(course),
        refused=lambda: render(request, "training/course_detail.html", _detail(request, course, ab)),
        message=lambda made: gettext("已发放%(count)s份结业证书。") % {"count": len(made)},
    )  # fmt: skip


_certificate_for = web.guarded(selectors.certificate_get_for_actor, certificate_abilities)


@login_required
@require_GET
def certificate_download(request: AuthedRequest, certificate_id: int) -> HttpResponseBase:
    cert = _certificate_for(request, certificate_id, "download")
    return _certificate_file(request, cert)


@login_required
@require_http_methods(["GET", "POST"])
def certificate_revoke(request: AuthedRequest, certificate_id: int) -> HttpResponse:
    cert = _certificate_for(request, certificate_id, "revoke")
    course = cert.enrolment.course
    form = ReasonForm(posted(request))
    return submit(
        request, form,
        act=lambda d: actions.certificate_revoke(actor=request.user, certificate=cert, reason=d["reason"]),
        done=lambda c: _to_course(course), message=gettext("证书 %(number)s 已撤销。") % {"number": cert.number},
        template="training/form.html",
        context={"title": f"撤销结业证书 {cert.number}（{cert.enrolment.name}）", "course": course, "danger": True},
    )  # fmt: skip


# ------------------------------------------------------------------------------- exports, statistics


@login_required
@require_GET
def roster_export(request: AuthedRequest, course_id: int) -> HttpResponseBase:
    course, _ab = _course_for(request, course_id, "export")
    fmt = web.choice_param(request, "format", ["xlsx", "csv"]) or "xlsx"
    actions.roster_export_record(actor=request.user, course=course, fmt=fmt)
    name = web.filename(f"{course.title}学员名册", fmt)
    if fmt == "csv":
        return web.download(
            (s.encode() for s in exports.roster_csv(actor=request.user, course=course)), name, web.CSV
        )
    return web.download(exports.roster_xlsx(actor=request.user, course=course), name, web.XLSX)


def _stats_for(request: AuthedRequest) -> selectors.Statistics | None:
    within = web.org_chosen(request, "within")
    if within is None:
        return None
    return selectors.statistics(actor=request.user, within=within, year=web.year_param(request))


@login_required
@require_GET
def statistics(request: AuthedRequest) -> HttpResponse:
    stats = _stats_for(request)
    if stats is None:
        raise PermissionDenied("您没有可以查看的工会。")
    return render(request, "training/statistics.html", {
        "stats": stats, "within": stats.within,
        "subject_chart": selectors.statistics_chart(stats, "subject"),
        "union_chart": selectors.statistics_chart(stats, "union"),
    })  # fmt: skip


@login_required
@require_GET
def statistics_export(request: AuthedRequest, org_id: int) -> HttpResponseBase:
    within = org_get_for_actor(actor=request.user, pk=org_id)
    stats = selectors.statistics(actor=request.user, within=within, year=web.year_param(request))
    fmt = web.choice_param(request, "format", ["xlsx", "csv"]) or "xlsx"
    actions.statistics_export_record(actor=request.user, org=stats.within, year=stats.year, fmt=fmt)
    name = web.filename(f"{stats.within.name}{stats.year}年职工培训统计", fmt)
    if fmt == "csv":
        return web.download(
            (s.encode() for s in exports.statistics_csv(actor=request.user, stats=stats)), name, web.CSV
        )
    return web.download(exports.statistics_xlsx(actor=request.user, stats=stats), name, web.XLSX)


# ------------------------------------------------------------------------------- workers


@login_required
@require_GET
def mine(request: AuthedRequest) -> HttpResponse:
    return render(request, "training/mine.html", {
        "enrolments": selectors.my_enrolments(request.user), "open": selectors.courses_open_to(request.user),
        "member": worker_member(request.user),
    })  # fmt: skip


@login_required
@require_GET
def open_course(request: AuthedRequest, course_id: int) -> HttpResponse:
    course = selectors.course_get_for_worker(actor=request.user, pk=course_id)
    if worker_member(request.user) is None:
        # A signed-in worker without a membership: a public course by name and phone.
        mine_ = selectors.my_enrolment(request.user, course)
        if mine_ is not None:
            return redirect("training:enrolment", code=tokens.enrolment_code(mine_.pk))
        return redirect("training:public_course", course_id=course.pk)
    ab = course_worker_abilities(request.user, course)
    mine_ = selectors.my_enrolment(request.user, course)
    code = tokens.checkin_token(mine_.pk) if mine_ is not None and ab.checkin else ""
    return render(request, "training/open_course.html", {
        "course": course, "ab": ab, "enrolment": mine_, "sessions": list(course.sessions.all()),
        "code": code, "qr": qr.svg(code, box_size=6) if code else "", "left": places_left(course),
        "why_not": "" if ab.self_enrol or mine_ else self_enrol_refusal(course, worker_member(request.user)),
        "certificate": getattr(mine_, "certificate", None) if mine_ else None,
        "minutes": tokens.CHECKIN_MAX_AGE // 60,
    })  # fmt: skip


@login_required
@require_POST
def self_enrol(request: AuthedRequest, course_id: int) -> HttpResponse:
    course = selectors.course_get_for_worker(actor=request.user, pk=course_id)
    return web.step(
        request, act=lambda: actions.enrol_self(actor=request.user, course=course),
        done=lambda e: redirect("training:open_course", course_id=course.pk),
        refused=lambda: redirect("training:open_course", course_id=course.pk),
        message=gettext("已报名「%(title)s」。") % {"title": course.title},
    )  # fmt: skip


# ------------------------------------------------------------------------------- the public

KEPT = "training_enrolments"  # the enrolment codes this browser made, to find them again


def _remember(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    code = tokens.enrolment_code(enrolment.pk)
    kept = [c for c in request.session.get(KEPT, []) if c != code][-9:]
    request.session[KEPT] = [*kept, code]
    return redirect("training:enrolment", code=code)


def _kept(request: HttpRequest, course: Course) -> Enrolment | None:
    """This browser's own enrolment on the course (made here before), if it still holds."""
    for code in reversed(request.session.get(KEPT, [])):
        pk = tokens.enrolment_id_from_code(code)
        found = course.enrolments.filter(pk=pk, state=Enrolment.State.ENROLLED).first() if pk else None
        if found is not None:
            return found
    return None


@require_http_methods(["GET", "POST"])
def public_course(request: HttpRequest, course_id: int) -> HttpResponse:
    """A public course's page for anyone, on the phone: what it is, and enrolment by name and
    phone (and, optionally, ID number) while it takes people."""
    course = selectors.course_get_public(pk=course_id)
    user = request.user if request.user.is_authenticated else None
    mine_ = (selectors.my_enrolment(user, course) if user else None) or _kept(request, course)
    if mine_ is not None:
        return redirect("training:enrolment", code=tokens.enrolment_code(mine_.pk))
    if user is not None and worker_member(user) is not None:
        return redirect("training:open_course", course_id=course.pk)
    initial = {"name": getattr(user, "full_name", "")} if user else {}
    form = SelfEnrolForm(posted(request), initial=initial)
    return submit(
        request, form,
        act=lambda d: actions.enrol_person(actor=user, course=course, by_self=True, **d),
        done=lambda e: _remember(request, e),
        message=lambda e: gettext("已报名「%(title)s」。") % {"title": course.title},
        template="training/public_course.html",
        context={"course": course, "sessions": list(course.sessions.all()), "left": places_left(course),
                 "why_not": public_enrol_refusal(course)},
    )  # fmt: skip


@require_GET
def enrolment_page(request: HttpRequest, code: str) -> HttpResponse:
    """A person's own enrolment, by its code: the course, their attendance, the code to show at
    the door and, once they completed, their certificate."""
    enrolment = selectors.enrolment_by_code(code)
    course = enrolment.course
    ab = enrolment_holder_abilities(enrolment)
    return render(request, "training/enrolment.html", {
        "enrolment": enrolment, "course": course, "sessions": list(course.sessions.all()), "ab": ab,
        "attended": {a.session_id for a in selectors.attended(enrolment)}, "code": code,
        "qr": qr.svg(code, box_size=5) if ab.checkin else "",
        "certificate": selectors.enrolment_certificate(enrolment) if ab.certificate else None,
    })  # fmt: skip


@require_GET
def enrolment_certificate(request: HttpRequest, code: str) -> HttpResponseBase:
    enrolment = selectors.enrolment_by_code(code)
    enrolment_holder_abilities(enrolment).require("certificate")
    cert = selectors.enrolment_certificate(enrolment)
    if cert is None:  # pragma: no cover - the ability above says there is one
        raise Http404("记录不存在")
    return _certificate_file(request, cert)


def _certificate_file(request: HttpRequest, cert: Certificate) -> HttpResponseBase:
    return certificate_response(request, cert)


@require_GET
def verify(request: HttpRequest) -> HttpResponse:
    """Anyone checks a certificate by the code printed on it."""
    form = VerifyForm(request.GET or None)
    found, status = None, 200
    if form.is_bound and form.is_valid():
        found = selectors.certificate_verify(form.cleaned_data["code"])
        if found is None:
            form.add_error("code", gettext("未找到该验证码对应的有效证书，请核对后重新输入。"))
            status = 404
    return render(request, "training/verify.html", {"form": form, "found": found}, status=status)


@require_GET
def verify_signed(request: HttpRequest, signed: str) -> HttpResponse:
    """The address the certificate's QR code opens."""
    found = selectors.certificate_verify(tokens.verify_code(signed))
    if found is None:
        return render(request, "training/verify.html", {"form": VerifyForm(), "found": None, "missing": True},
                      status=404)  # fmt: skip
    return render(request, "training/verify.html", {"form": None, "found": found})
