"""The fair's flow and the review of employers and positions, as data. The organising union's
officers open, close or cancel a fair; its approvers (administrators) admit the employers and
positions that unions of its subtree bring; the union that brought an employer may withdraw it
while it waits."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, gettext_lazy

from gonghui.kernel.workflow import Holds, Step, Workflow

from .models import Employer, Fair, FairState, Position, ReviewState

_F = FairState


def _has_place(fair: Any) -> str:
    return "" if fair.online or fair.place else gettext("请先填写举办地点（或设为网络招聘会）再发布。")


FAIR = Workflow.of(
    Fair.state,
    name=gettext_lazy("招聘会"),
    steps={
        "publish": Step(gettext_lazy("发布报名"), {_F.DRAFT: _F.OPEN}, Holds("edit"), guard=_has_place),
        "close": Step(gettext_lazy("结束招聘会"), {_F.OPEN: _F.CLOSED}, Holds("edit")),
        "cancel": Step(
            gettext_lazy("取消招聘会"), {_F.DRAFT: _F.CANCELLED, _F.OPEN: _F.CANCELLED}, Holds("edit")
        ),
    },
)


def fair_running(record: Any) -> str:
    """Employers and positions are reviewed while their fair is being prepared or open."""
    if record.fair.state in (_F.DRAFT, _F.OPEN):
        return ""
    return gettext("招聘会%(state)s，不能再审核。") % {"state": record.fair.get_state_display()}


def employer_admitted(position: Position) -> str:
    if position.employer.state == ReviewState.APPROVED:
        return fair_running(position)
    return gettext("该单位尚未通过审核，先审核单位。")


_R = ReviewState
REVIEW = Holds("approve", on="fair__org")

EMPLOYER = Workflow.of(
    Employer.state,
    name=gettext_lazy("参会单位"),
    steps={
        "approve": Step(gettext_lazy("审核通过"), {_R.SUBMITTED: _R.APPROVED}, REVIEW, guard=fair_running),
        "reject": Step(
            gettext_lazy("不予通过"),
            {_R.SUBMITTED: _R.REJECTED, _R.APPROVED: _R.REJECTED},
            REVIEW,
            guard=fair_running,
        ),
        "withdraw": Step(
            gettext_lazy("撤回"), {_R.SUBMITTED: _R.WITHDRAWN}, Holds("edit"), guard=fair_running
        ),
    },
)

POSITION = Workflow.of(
    Position.state,
    name=gettext_lazy("岗位"),
    steps={
        "approve": Step(
            gettext_lazy("审核通过"), {_R.SUBMITTED: _R.APPROVED}, REVIEW, guard=employer_admitted
        ),
        "reject": Step(
            gettext_lazy("不予通过"),
            {_R.SUBMITTED: _R.REJECTED, _R.APPROVED: _R.REJECTED},
            REVIEW,
            guard=fair_running,
        ),
    },
)

__all__ = ["EMPLOYER", "FAIR", "POSITION", "Employer"]
