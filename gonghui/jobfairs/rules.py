"""What a fair and its records must allow, each as "" or the reason why not; the workflow's
guards, the actions and the abilities all ask these."""

from __future__ import annotations

from typing import Any

from gonghui.kernel import cleaning

from .models import FairState, ReviewState


def union_refusal(org: Any) -> str:
    return "" if org.status == "active" else "该工会已撤销或合并，不能再办招聘会。"


def fair_refusal(fair: Any) -> str:
    """Employers, positions and seekers are added while the fair is prepared or open."""
    if fair.state in (FairState.DRAFT, FairState.OPEN):
        return ""
    return f"招聘会{fair.get_state_display()}，不能再登记。"


def checkin_refusal(fair: Any) -> str:
    if fair.state != FairState.OPEN:
        return "招聘会未在进行中，不能签到。"
    today = cleaning.today()
    if today < fair.held_on or today > fair.last_day:
        return (
            f"签到只在举办当日（{fair.held_on:%Y年%m月%d日}）办理。"
            if fair.held_on == fair.last_day
            else "签到只在举办期间办理。"
        )
    return ""


def posting_refusal(employer: Any) -> str:
    if employer.state in (ReviewState.REJECTED, ReviewState.WITHDRAWN):
        return f"该单位{employer.get_state_display()}，不能发布岗位。"
    return fair_refusal(employer.fair)


def interview_refusal(position: Any) -> str:
    """Interviews are recorded at an approved position of a fair that is open or just closed."""
    if position.state != ReviewState.APPROVED or position.employer.state != ReviewState.APPROVED:
        return "岗位未通过审核，不能登记面试。"
    if position.fair.state not in (FairState.OPEN, FairState.CLOSED):
        return "招聘会未举办，不能登记面试。"
    return ""


def employer_login(actor: Any, employer: Any) -> bool:
    """Is the actor a login of this employer (its contact, invited by the organiser)?"""
    from .models import EmployerLogin

    pk = getattr(actor, "pk", None)
    if pk is None or not getattr(actor, "is_active", False):
        return False
    return EmployerLogin.objects.filter(employer_id=employer.pk, user_id=pk).exists()


def employer_side(actor: Any, employer: Any) -> bool:
    """Who speaks for an employer: the union that brought it, or the employer's own login."""
    from gonghui.kernel import scope

    return scope.can(actor, "edit", employer.org) or employer_login(actor, employer)


def editing_refusal(position: Any) -> str:
    """May the position still be changed (it goes back to the organiser's review)?"""
    why = posting_refusal(position.employer)
    if why:
        return why
    if position.state == ReviewState.WITHDRAWN:
        return f"该岗位{position.get_state_display()}，不能修改。"
    return ""
