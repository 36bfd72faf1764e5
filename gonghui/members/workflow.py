"""The membership and transfer flows as data: states, allowed transitions, one function to take
a transition (Oscar's pipeline). Actions call `transition()`; nothing else sets a status."""

from __future__ import annotations

from gonghui.kernel.workflow import InvalidTransition, Step, Workflow, transition

from .choices import Status
from .models import Transfer

MEMBERSHIP = Workflow(
    name="会籍",
    field="status",
    labels=dict(Status.choices),
    steps={
        "approve": Step("批准入会", {Status.PENDING: Status.ACTIVE}),
        "reject": Step("不予批准", {Status.PENDING: Status.REJECTED}),
        "retain": Step("保留会籍", {Status.ACTIVE: Status.RETAINED}),
        "restore": Step("恢复正常会籍", {Status.RETAINED: Status.ACTIVE}),
        "leave": Step("办理退会", {Status.ACTIVE: Status.LEFT, Status.RETAINED: Status.LEFT}),
    },
)

_T = Transfer.State
TRANSFER = Workflow(
    name="转会申请",
    field="state",
    labels=dict(_T.choices),
    steps={
        "approve_out": Step("由转出工会同意", {_T.REQUESTED: _T.OUT_APPROVED, _T.IN_APPROVED: _T.DONE}),
        "approve_in": Step("由转入工会同意", {_T.REQUESTED: _T.IN_APPROVED, _T.OUT_APPROVED: _T.DONE}),
        "reject": Step("拒绝", {s: _T.REJECTED for s in Transfer.OPEN}),
        "cancel": Step("撤回", {s: _T.CANCELLED for s in Transfer.OPEN}),
        "auto_approve": Step("逾期视为同意", {s: _T.DONE for s in Transfer.OPEN}),
    },
)

__all__ = ["MEMBERSHIP", "TRANSFER", "InvalidTransition", "Step", "Workflow", "transition"]
