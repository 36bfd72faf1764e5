"""The training API: the same selectors and actions as the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import Http404
from django.utils.translation import gettext
from ninja import Field, Router, Schema, Status

from gonghui.kernel.errors import Refused
from gonghui.kernel.web import AuthedRequest, RecordId
from gonghui.members.models import Member
from gonghui.orgs.selectors import org_get_for_actor

from . import actions, rules, selectors, tokens
from .abilities import (
    certificate_abilities,
    course_abilities,
    course_worker_abilities,
    enrolment_holder_abilities,
)
from .models import Audience, Course, Enrolment
from .pdf import certificate_response

STEPS = {
    "publish": actions.course_publish, "close": actions.course_close, "reopen": actions.course_reopen,
    "finish": actions.course_finish, "cancel": actions.course_cancel,
}  # fmt: skip

ABILITIES = "调用者现在可以办理的事项（与页面上的按钮一致）"

router = Router(tags=["职工培训"])


class CourseOut(Schema):
    id: int
    org_id: int
    org_name: str = Field(..., alias="org.name")
    title: str
    subject: str
    subject_label: str = Field(..., alias="get_subject_display")
    trainer: str
    place: str
    capacity: int
    audience: str
    state: str
    state_label: str = Field(..., alias="get_state_display")
    starts_on: dt.date | None
    ends_on: dt.date | None
    total_hours: Decimal
    min_attendance: int
    requires_test: bool
    pass_mark: Decimal


class SessionOut(Schema):
    id: int
    on: dt.date
    starts_at: dt.time
    ends_at: dt.time
    hours: Decimal
    place: str
    topic: str


class TraineeOut(Schema):
    id: int
    name: str
    unit: str
    member: bool
    id_number: str  # masked
    hours: Decimal
    rate: int
    score: Decimal | None
    completes: bool
    completed: bool
    certificate: str


class CourseDetailOut(Schema):
    course: CourseOut
    sessions: list[SessionOut]
    trainees: list[TraineeOut]
    abilities: list[str] = Field(..., description=ABILITIES)


class CourseIn(Schema):
    org_id: int
    title: str
    subject: str
    capacity: int
    audience: str = "subtree"
    trainer: str = ""
    place: str = ""
    description: str = ""
    enrol_until: dt.date | None = None
    min_attendance: int = 80
    requires_test: bool = True
    pass_mark: Decimal = Decimal("60")


class SessionIn(Schema):
    on: dt.date
    starts_at: dt.time
    ends_at: dt.time
    hours: Decimal
    place: str = ""
    topic: str = ""


class EnrolIn(Schema):
    member_ids: list[RecordId] = Field(..., max_length=5000)


class EnrolOut(Schema):
    added: int
    skipped: list[str]


class AttendanceIn(Schema):
    present: list[RecordId] = Field(..., description="出勤学员（报名记录）的编号", max_length=5000)


class ScoresIn(Schema):
    scores: dict[int, Decimal | None]


class Figures(Schema):
    name: str
    courses: int
    trainees: int
    completed: int
    hours: Decimal


class StatisticsOut(Schema):
    within: str
    year: int
    by_subject: list[Figures]
    by_union: list[Figures]
    total: Figures


def _detail(request: AuthedRequest, course: Course) -> dict[str, object]:
    rows = selectors.roster(course)
    return {
        "course": course,
        "sessions": list(course.sessions.all()),
        "trainees": [
            {
                "id": r.enrolment.pk,
                "name": r.enrolment.name,
                "unit": r.enrolment.unit,
                "member": r.enrolment.is_member,
                "id_number": r.enrolment.id_number_masked,
                "hours": r.hours,
                "rate": r.rate,
                "score": r.enrolment.score,
                "completes": r.completes,
                "completed": r.enrolment.completed,
                "certificate": r.certificate.number if r.certificate else "",
            }
            for r in rows
        ],
        "abilities": course_abilities(request.user, course).names(),
    }


@router.get("/courses", response=list[CourseOut])
def course_list(request: AuthedRequest, within: int | None = None, year: int | None = None) -> list[Course]:
    org = org_get_for_actor(actor=request.user, pk=within) if within else None
    if year is not None and not 1950 <= year <= 2100:
        year = None
    return list(selectors.course_list_for_actor(actor=request.user, within=org, year=year)[:200])


@router.post("/courses", response={201: CourseDetailOut})
def course_create(request: AuthedRequest, payload: CourseIn) -> Status[dict[str, object]]:
    org = org_get_for_actor(actor=request.user, pk=payload.org_id, perm="edit")
    values = payload.dict(exclude={"org_id"})
    course = actions.course_create(actor=request.user, org=org, **values)
    return Status(201, _detail(request, course))


@router.get("/courses/{course_id}", response=CourseDetailOut)
def course_detail(request: AuthedRequest, course_id: int) -> dict[str, object]:
    return _detail(request, selectors.course_get_for_actor(actor=request.user, pk=course_id))


@router.post("/courses/{course_id}/sessions", response={201: SessionOut})
def session_add(request: AuthedRequest, course_id: int, payload: SessionIn) -> Status[object]:
    course = selectors.course_get_for_actor(actor=request.user, pk=course_id, perm="edit")
    return Status(201, actions.session_add(actor=request.user, course=course, **payload.dict()))


class StepIn(Schema):
    step: str = Field(
        ..., description="publish 开放报名、close 截止报名、reopen 重新开放、finish 办理结业、cancel 取消"
    )


@router.post("/courses/{course_id}/step", response=CourseDetailOut)
def course_step(request: AuthedRequest, course_id: int, payload: StepIn) -> dict[str, object]:
    step = payload.step
    course = selectors.course_get_for_actor(actor=request.user, pk=course_id)
    if step not in STEPS:
        raise Refused({"step": gettext("没有这个办理步骤。")})
    STEPS[step](actor=request.user, course=course)
    course.refresh_from_db()
    return _detail(request, course)


@router.post("/courses/{course_id}/enrolments", response=EnrolOut)
def enrol(request: AuthedRequest, course_id: int, payload: EnrolIn) -> dict[str, object]:
    course = selectors.course_get_for_actor(actor=request.user, pk=course_id, perm="edit")
    members = list(Member.objects.select_related("org").filter(pk__in=payload.member_ids))
    result = actions.enrol_members(actor=request.user, course=course, members=members)
    return {"added": len(result.added), "skipped": result.skipped}


@router.put("/sessions/{session_id}/attendance", response=dict[str, int])
def attendance(request: AuthedRequest, session_id: int, payload: AttendanceIn) -> dict[str, int]:
    session = selectors.session_get_for_actor(actor=request.user, pk=session_id, perm="edit")
    present, absent = actions.attendance_set(actor=request.user, session=session, present=payload.present)
    return {"present": present, "absent": absent}


@router.put("/courses/{course_id}/scores", response=dict[str, int])
def scores(request: AuthedRequest, course_id: int, payload: ScoresIn) -> dict[str, int]:
    course = selectors.course_get_for_actor(actor=request.user, pk=course_id, perm="edit")
    return {"changed": actions.scores_set(actor=request.user, course=course, scores=payload.scores)}


@router.get("/statistics", response=StatisticsOut)
def statistics(request: AuthedRequest, within: int, year: int) -> dict[str, object]:
    org = org_get_for_actor(actor=request.user, pk=within)
    if not 1950 <= year <= 2100:
        raise Refused({"year": gettext("年份应在1950至2100之间。")})
    stats = selectors.statistics(actor=request.user, within=org, year=year)

    def fig(name: str, f: selectors.Figures) -> dict[str, object]:
        return {"name": name, "courses": f.courses, "trainees": f.trainees, "completed": f.completed,
                "hours": f.hours}  # fmt: skip

    return {
        "within": org.name, "year": year,
        "by_subject": [fig(label, f) for label, f in stats.by_subject],
        "by_union": [fig(o.name if o else f"{org.name}（本级）", f) for o, f in stats.by_union],
        "total": fig("合计", stats.total),
    }  # fmt: skip


# ------------------------------------------------------------------------------- check-in, certificates, workers


class ScanIn(Schema):
    code: str = Field(
        ...,
        max_length=500,
        description="扫到的码：学员课程页上的签到码、本人报名的报名码，或会员服务卡二维码",
    )


class ScanOut(Schema):
    enrolment_id: int
    name: str
    new: bool = Field(..., description="false：本课次已签到过，不重复计算")
    present: int = Field(..., description="本课次已签到人数")


@router.post("/sessions/{session_id}/scan", response=ScanOut)
def scan(request: AuthedRequest, session_id: int, payload: ScanIn) -> dict[str, object]:
    """Check-in at the door (the same action as the scan page)."""
    session = selectors.session_get_for_actor(actor=request.user, pk=session_id, perm="edit")
    done = actions.attendance_scan(actor=request.user, session=session, code=payload.code)
    return {"enrolment_id": done.enrolment.pk, "name": done.enrolment.name, "new": done.new,
            "present": session.attendance.count()}  # fmt: skip


@router.get("/certificates/{certificate_id}/pdf", response={200: None}, summary="结业证书（PDF）")
def certificate_pdf(request: AuthedRequest, certificate_id: int) -> object:
    """The certificate as the pages give it: to the organiser's officers and to the trainee."""
    cert = selectors.certificate_get_for_actor(actor=request.user, pk=certificate_id)
    certificate_abilities(request.user, cert).require("download")
    return certificate_response(request, cert)


class VerifiedOut(Schema):
    number: str
    name: str = Field(..., description="持证人姓名（部分隐藏）")
    course: str
    subject: str
    org: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    issued_on: dt.date
    hours: Decimal
    code: str


@router.get("/verify/{code}", response=VerifiedOut)
def verify(request: AuthedRequest, code: str) -> object:
    """A certificate by the code printed on it (dashes and case as typed): what the public
    verification page shows, nothing more; 404 for an unknown or revoked one."""
    found = selectors.certificate_verify(code[:40])
    if found is None:
        raise Http404(gettext("未找到该验证码对应的有效证书，请核对后重新输入。"))
    return found


class SelfEnrolIn(Schema):
    name: str = Field("", max_length=50, description="非会员报名面向社会的培训班时填写")
    phone: str = Field("", max_length=20)
    id_number: str = Field("", max_length=30, description="选填")
    unit: str = Field("", max_length=100)


class MyEnrolmentOut(Schema):
    id: int
    course_id: int
    course: str
    org: str
    state: str
    state_label: str
    course_state: str
    completed: bool
    code: str = Field(..., description="报名码：到场签到时出示；也是本人报名页面的地址的一部分")
    certificate_id: int | None
    certificate_number: str
    abilities: list[str] = Field(..., description=ABILITIES)


def _mine_out(request: AuthedRequest, e: Enrolment) -> dict[str, object]:
    cert = selectors.enrolment_certificate(e) if enrolment_holder_abilities(e).certificate else None
    return {
        "id": e.pk, "course_id": e.course_id, "course": e.course.title, "org": e.course.org.name,
        "state": e.state, "state_label": e.get_state_display(), "course_state": e.course.state,
        "completed": e.completed, "code": tokens.enrolment_code(e.pk),
        "certificate_id": cert.pk if cert else None, "certificate_number": cert.number if cert else "",
        "abilities": course_worker_abilities(request.user, e.course).names(),
    }  # fmt: skip


@router.get("/mine", response=list[MyEnrolmentOut])
def mine(request: AuthedRequest) -> list[dict[str, object]]:
    """The worker's own enrolments (by their membership, or made under their login)."""
    return [_mine_out(request, e) for e in selectors.my_enrolments(request.user)]


@router.post("/courses/{course_id}/self-enrolment", response={201: MyEnrolmentOut})
def self_enrol(request: AuthedRequest, course_id: int, payload: SelfEnrolIn) -> Status[object]:
    """A worker enrols themselves: a member with their membership (no body needed); on a public
    course, a worker without one by name and phone (ID number optional). The pages' actions."""
    course = selectors.course_get_for_worker(actor=request.user, pk=course_id)
    if rules.worker_member(request.user) is not None:
        enrolment = actions.enrol_self(actor=request.user, course=course)
    elif course.audience == Audience.PUBLIC:
        enrolment = actions.enrol_person(actor=request.user, course=course, by_self=True, **payload.dict())
    else:
        raise Refused(rules.self_enrol_refusal(course, None))
    return Status(201, _mine_out(request, enrolment))
