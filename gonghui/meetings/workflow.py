"""The meeting, election and passing-on flows as data. Actions call `transition()`, which checks
who may take a step (its rule), the state, and what the record itself must allow (its guard);
nothing else sets a status. Today every step is taken by whoever may edit the records of the
union concerned: the meeting's union for meetings and their elections, the union that passes a
meeting on for its task."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from gonghui.kernel.workflow import Holds, InvalidTransition, Step, Workflow, transition

from .models import Election, ElectionStatus, Meeting, MeetingStatus, PassOn, PassOnStatus
from .rulebook import election_confirmable, meeting_recordable, meeting_reopenable, union_active

# ---- the flows -------------------------------------------------------------------------------

EDIT = Holds("edit")

_M = MeetingStatus
MEETING = Workflow.of(
    Meeting.status,
    name=gettext_lazy("会议记录"),
    steps={
        "record": Step(gettext_lazy("确认记录"), {_M.DRAFT: _M.RECORDED}, EDIT, guard=meeting_recordable),
        "reopen": Step(gettext_lazy("退回修改"), {_M.RECORDED: _M.DRAFT}, EDIT, guard=meeting_reopenable),
        "cancel": Step(gettext_lazy("作废"), {_M.DRAFT: _M.CANCELLED}, EDIT),
    },
)

_E = ElectionStatus
ELECTION = Workflow.of(
    Election.status,
    name=gettext_lazy("选举结果"),
    org="meeting__org",
    steps={
        "confirm": Step(
            gettext_lazy("确认选举结果"), {_E.DRAFT: _E.CONFIRMED}, "edit", guard=election_confirmable
        ),
        "cancel": Step(gettext_lazy("作废"), {_E.DRAFT: _E.CANCELLED}, "edit"),
    },
)

_P = PassOnStatus
PASS_ON = Workflow.of(
    PassOn.status,
    name=gettext_lazy("传达贯彻"),
    steps={
        "record": Step(
            gettext_lazy("登记传达情况"), {_P.PENDING: _P.DONE, _P.DONE: _P.DONE}, EDIT, guard=union_active
        ),
        "undo": Step(gettext_lazy("撤销登记"), {_P.DONE: _P.PENDING}, EDIT, guard=union_active),
    },
)

__all__ = ["ELECTION", "MEETING", "PASS_ON", "InvalidTransition", "Step", "Workflow", "transition"]
