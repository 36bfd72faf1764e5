"""The meeting, election and passing-on flows as data, and one function to take a transition.
Actions call `transition()`; nothing else sets a status."""

from __future__ import annotations

from gonghui.kernel.workflow import InvalidTransition, Step, Workflow, transition

from .models import ElectionStatus, MeetingStatus, PassOnStatus

_M = MeetingStatus
MEETING = Workflow(
    name="会议记录",
    field="status",
    labels=dict(_M.choices),
    steps={
        "record": Step("确认记录", {_M.DRAFT: _M.RECORDED}),
        "reopen": Step("退回修改", {_M.RECORDED: _M.DRAFT}),
        "cancel": Step("作废", {_M.DRAFT: _M.CANCELLED}),
    },
)

_E = ElectionStatus
ELECTION = Workflow(
    name="选举结果",
    field="status",
    labels=dict(_E.choices),
    steps={
        "confirm": Step("确认选举结果", {_E.DRAFT: _E.CONFIRMED}),
        "cancel": Step("作废", {_E.DRAFT: _E.CANCELLED}),
    },
)

_P = PassOnStatus
PASS_ON = Workflow(
    name="传达贯彻",
    field="status",
    labels=dict(_P.choices),
    steps={
        "record": Step("登记传达情况", {_P.PENDING: _P.DONE, _P.DONE: _P.DONE}),
        "undo": Step("撤销登记", {_P.DONE: _P.PENDING}),
    },
)

__all__ = ["ELECTION", "MEETING", "PASS_ON", "InvalidTransition", "Step", "Workflow", "transition"]
