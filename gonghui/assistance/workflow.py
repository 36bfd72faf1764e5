"""The application and batch flows as data: states, allowed steps, one function to take a step
(Oscar's pipeline). Actions call `transition()`; nothing else sets a state."""

from __future__ import annotations

from gonghui.kernel.workflow import InvalidTransition, Step, Workflow, transition

from .models import Application, Batch

_A = Application.State
APPLICATION = Workflow(
    name="帮扶申请",
    field="state",
    audit_prefix="assistance.application",
    labels=dict(_A.choices),
    steps={
        # Approval with a 公示 period goes to PUBLICITY; `approve_now` skips it (no period set).
        "approve": Step("批准（进入公示）", {_A.SUBMITTED: _A.PUBLICITY}, "approve"),
        "approve_now": Step("批准", {_A.SUBMITTED: _A.APPROVED}, "approve"),
        "publicity_end": Step("结束公示", {_A.PUBLICITY: _A.APPROVED}, "approve"),
        "reject": Step("不予批准", {_A.SUBMITTED: _A.REJECTED, _A.PUBLICITY: _A.REJECTED}, "approve"),
        "escalate": Step("逾期上报", {_A.SUBMITTED: _A.SUBMITTED}, "approve"),
        "withdraw": Step("撤回", {_A.SUBMITTED: _A.WITHDRAWN}, "edit"),
        "pay": Step("登记发放", {_A.APPROVED: _A.PAID}, "edit"),
    },
)

_B = Batch.State
BATCH = Workflow(
    name="批量救助",
    field="state",
    audit_prefix="assistance.batch",
    labels=dict(_B.choices),
    steps={
        # Approval runs as a background job: `approve` starts it, `disburse` is its final write,
        # `revert` puts the batch back when the job fails (e.g. the fund cannot cover it).
        "approve": Step("批准", {_B.DRAFT: _B.APPROVING}, "approve"),
        "disburse": Step("拨付", {_B.APPROVING: _B.APPROVED}, "approve"),
        "revert": Step("退回草稿", {_B.APPROVING: _B.DRAFT}, "approve"),
        "close": Step("办结", {_B.APPROVED: _B.CLOSED}, "edit"),
    },
)

__all__ = ["APPLICATION", "BATCH", "InvalidTransition", "Step", "Workflow", "transition"]
