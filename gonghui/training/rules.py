"""Why a course, a trainee or a session does not allow something now ("" when it does): one
answer for the abilities (which buttons) and the actions (which refuse with the same words)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Sum

from gonghui.kernel import scope
from gonghui.kernel.cleaning import today

from .models import Audience, Course, Enrolment, Session

_C = Course.State
RUNNING = (_C.DRAFT, _C.OPEN, _C.CLOSED)  # trainees may be registered, sessions changed
UNDER_WAY = (_C.OPEN, _C.CLOSED)  # attendance and scores are taken


def roster_refusal(course: Course) -> str:
    """May trainees still be registered, sessions added or removed?"""
    if course.state not in RUNNING:
        return f"培训班{course.get_state_display()}，不能再变更学员和课次。"
    return ""


def under_way_refusal(course: Course) -> str:
    if course.state not in UNDER_WAY:
        return f"培训班{course.get_state_display()}，不能登记出勤和成绩。"
    return ""


def session_refusal(session: Session, on: dt.date | None = None) -> str:
    """May attendance of this session be taken (the course under way, the day come)?"""
    why = under_way_refusal(session.course)
    if why:
        return why
    if session.on > (on or today()):
        return f"该课次在{session.on:%Y年%m月%d日}，尚未开始，不能签到。"
    return ""


def scores_refusal(course: Course) -> str:
    if not course.requires_test:
        return "本培训班不设结业考核。"
    return under_way_refusal(course)


def finish_guard(course: Course) -> str:
    if not course.sessions.exists():
        return "培训班还没有课次。"
    if course.ends_on and course.ends_on > today():
        return f"最后一次课在{course.ends_on:%Y年%m月%d日}，课程结束后才能办理结业。"
    return ""


def publish_guard(course: Course) -> str:
    return "" if course.sessions.exists() else "请先添加课次，再开放报名。"


def enrolled_count(course: Course) -> int:
    return course.enrolments.filter(state=Enrolment.State.ENROLLED).count()


def places_left(course: Course) -> int:
    return max(course.capacity - enrolled_count(course), 0)


def member_eligible(course: Course, member: Any) -> bool:
    """May this member take part: a public course takes anyone; otherwise a member of a union in
    the organiser's subtree, whose membership holds."""
    from gonghui.members.choices import COUNTED

    if member.status not in COUNTED:
        return False
    return course.audience == Audience.PUBLIC or member.org.path.startswith(course.org.path)


def _enrolment_period_refusal(course: Course) -> str:
    if course.state != _C.OPEN:
        return f"培训班{course.get_state_display()}，不在报名期。"
    if course.enrol_until and course.enrol_until < today():
        return f"报名已于{course.enrol_until:%Y年%m月%d日}截止。"
    return ""


def public_enrol_refusal(course: Course) -> str:
    """Why a person cannot enrol themselves on this course by name and phone now ("" when
    they can): only a public course, in its enrolment period, with places left."""
    if course.audience != Audience.PUBLIC:
        return "本培训班只招收会员，请登录后以会员身份报名。"
    why = _enrolment_period_refusal(course)
    if why:
        return why
    if places_left(course) <= 0:
        return "名额已满。"
    return ""


def self_enrol_refusal(course: Course, member: Any) -> str:
    """Why this worker cannot enrol themselves now ("" when they can)."""
    if member is None:
        return "您的账号尚未关联会员信息，请联系所在工会登记。"
    why = _enrolment_period_refusal(course)
    if why:
        return why
    if not member_eligible(course, member):
        return f"本培训班只招收{course.org.name}及下属工会的会员。"
    if course.enrolments.filter(
        state=Enrolment.State.ENROLLED, id_number_bidx=member.id_number_bidx
    ).exists():
        return "您已报名本培训班。"
    if places_left(course) <= 0:
        return "名额已满。"
    return ""


def own_enrolment(actor: Any, enrolment: Enrolment) -> bool:
    """Is this the actor's own enrolment (as a worker, by their linked membership's ID)?"""
    if enrolment.user_id is not None and enrolment.user_id == getattr(actor, "pk", None):
        return True
    member = worker_member(actor)
    return member is not None and member.id_number_bidx == enrolment.id_number_bidx


def worker_member(actor: Any) -> Any:
    """The membership linked to a worker's login, cached on the user object for the request."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    if not hasattr(actor, "_training_member"):
        from gonghui.members.selectors import member_for_user

        actor._training_member = member_for_user(user=actor)
    return actor._training_member


def may_officer(actor: Any, course: Course, perm: str = "edit") -> bool:
    return scope.can(actor, perm, course.org)


def attended_hours(enrolment: Enrolment) -> Decimal:
    total = enrolment.attendance.aggregate(h=Sum("session__hours"))["h"]
    return total or Decimal("0")


def completes(course: Course, hours: Decimal, score: Decimal | None) -> bool:
    """The course's completion rule: attended at least `min_attendance` % of its hours and,
    where it has a test, scored at least the pass mark."""
    if course.total_hours <= 0:
        return False
    if hours * 100 < course.total_hours * course.min_attendance:
        return False
    return not course.requires_test or (score is not None and score >= course.pass_mark)
