"""The nomination and round flows as data. Actions call `transition()`, which checks who may
take a step, the state, and the round's rules (rules.py); nothing else sets a state."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from gonghui.kernel.workflow import Either, Holds, Step, Workflow

from .models import Nomination, NominationState, Round, RoundState
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
NOMINATION = Workflow.of(
    Nomination.state,
    name=gettext_lazy("推荐"),
    steps={
        "submit": Step(gettext_lazy("报送"), {_N.DRAFT: _N.REVIEWING}, Holds("edit"), guard=may_submit),
        "recommend": Step(
            gettext_lazy("审核通过并上报"), {_N.REVIEWING: _N.REVIEWING}, REVIEWER, guard=may_recommend
        ),
        "select": Step(
            gettext_lazy("确定为拟表彰对象"), {_N.REVIEWING: _N.SELECTED}, REVIEWER, guard=may_select
        ),
        "send_back": Step(gettext_lazy("退回修改"), {_N.REVIEWING: _N.DRAFT}, REVIEWER, guard=may_decide),
        "reject": Step(gettext_lazy("不予推荐"), {_N.REVIEWING: _N.REJECTED}, REVIEWER, guard=may_decide),
        "withdraw": Step(gettext_lazy("撤回"), {_N.DRAFT: _N.WITHDRAWN}, Holds("edit")),
        "publish": Step(gettext_lazy("公示"), {_N.SELECTED: _N.NOTICE}, AWARDER),
        "revoke": Step(gettext_lazy("异议成立，撤销"), {_N.NOTICE: _N.REVOKED}, AWARDER, guard=may_revoke),
        "confer": Step(gettext_lazy("表彰"), {_N.NOTICE: _N.CONFERRED}, AWARDER, guard=may_confer),
    },
)

_R = RoundState
ROUND = Workflow.of(
    Round.state,
    name=gettext_lazy("评选"),
    steps={
        "publish": Step(gettext_lazy("发布公示"), {_R.OPEN: _R.NOTICE}, Holds("approve"), guard=may_publish),
        "confer": Step(gettext_lazy("确认表彰"), {_R.NOTICE: _R.CLOSED}, Holds("approve"), guard=may_close),
        "cancel": Step(gettext_lazy("取消评选"), {_R.OPEN: _R.CANCELLED}, Holds("approve")),
    },
)
