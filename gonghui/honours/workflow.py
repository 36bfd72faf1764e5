"""The nomination and round flows as data. Actions call `transition()`, which checks who may
take a step, the state, and the round's rules (rules.py); nothing else sets a state."""

from __future__ import annotations

from gonghui.kernel.workflow import Either, Holds, Step, Workflow

from .models import NominationState, RoundState
from .rules import (
    may_close,
    may_confer,
    may_decide,
    may_publish,
    may_recommend,
    may_revoke,
    may_select,
    may_submit,
)

# The union a nomination waits at reviews it: its clerks (edit) or its approvers.
REVIEWER = Either((Holds("approve", on="at"), Holds("edit", on="at")))
# The union that opened the round publishes, answers objections and confers.
AWARDER = Holds("approve", on="round__org")

_N = NominationState
NOMINATION = Workflow(
    name="推荐",
    field="state",
    audit_prefix="honours.nomination",
    labels=dict(_N.choices),
    steps={
        "submit": Step("报送", {_N.DRAFT: _N.REVIEWING}, Holds("edit"), guard=may_submit),
        "recommend": Step("审核通过并上报", {_N.REVIEWING: _N.REVIEWING}, REVIEWER, guard=may_recommend),
        "select": Step("确定为拟表彰对象", {_N.REVIEWING: _N.SELECTED}, REVIEWER, guard=may_select),
        "send_back": Step("退回修改", {_N.REVIEWING: _N.DRAFT}, REVIEWER, guard=may_decide),
        "reject": Step("不予推荐", {_N.REVIEWING: _N.REJECTED}, REVIEWER, guard=may_decide),
        "withdraw": Step("撤回", {_N.DRAFT: _N.WITHDRAWN}, Holds("edit")),
        "publish": Step("公示", {_N.SELECTED: _N.NOTICE}, AWARDER),
        "revoke": Step("异议成立，撤销", {_N.NOTICE: _N.REVOKED}, AWARDER, guard=may_revoke),
        "confer": Step("表彰", {_N.NOTICE: _N.CONFERRED}, AWARDER, guard=may_confer),
    },
)

_R = RoundState
ROUND = Workflow(
    name="评选",
    field="state",
    audit_prefix="honours.round",
    labels=dict(_R.choices),
    steps={
        "publish": Step("发布公示", {_R.OPEN: _R.NOTICE}, Holds("approve"), guard=may_publish),
        "confer": Step("确认表彰", {_R.NOTICE: _R.CLOSED}, Holds("approve"), guard=may_close),
        "cancel": Step("取消评选", {_R.OPEN: _R.CANCELLED}, Holds("approve")),
    },
)
