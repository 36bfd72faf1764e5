"""The portal's flows as data: an application to join online, and a request for help."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, gettext_lazy, pgettext_lazy

from gonghui.kernel.workflow import Check, Holds, Step, Workflow
from gonghui.orgs.models import Level

from .models import HelpRequest, JoinApplication


def _own(actor: Any, record: Any) -> bool:
    return actor is not None and getattr(actor, "pk", None) is not None and record.user_id == actor.pk


OWN = Check(_own, gettext_lazy("只有申请人本人可以办理。"))
OWN_REQUEST = Check(_own, gettext_lazy("只有提出诉求的职工本人可以办理。"))


def transfer_possible(application: JoinApplication) -> str:
    """A transfer goes to a grassroots union: the application must have been routed to one."""
    if application.org.level != Level.GRASSROOTS:
        return gettext("您的申请由街道（乡镇）工会受理，请联系该工会确定转入的基层工会后再办理转会。")
    if application.existing_id is None:
        return gettext("未找到您现有的会籍。")
    return ""


_J = JoinApplication.State
JOIN = Workflow.of(
    JoinApplication.state,
    name=gettext_lazy("网上入会申请"),
    audit_prefix="portal.join",
    steps={
        # The union that takes the worker decides; its 委员会 holds `approve`.
        "approve": Step(gettext_lazy("批准入会"), {_J.SUBMITTED: _J.APPROVED}, Holds("approve")),
        "send_back": Step(gettext_lazy("退回"), {_J.SUBMITTED: _J.RETURNED}, Holds("approve")),
        "resubmit": Step(gettext_lazy("修改后重新提交"), {_J.RETURNED: _J.SUBMITTED}, OWN),
        "request_transfer": Step(
            pgettext_lazy("步骤", "申请转会"), {_J.MEMBER_ELSEWHERE: _J.TRANSFER}, OWN, transfer_possible
        ),
        "withdraw": Step(
            gettext_lazy("撤回申请"),
            {_J.SUBMITTED: _J.WITHDRAWN, _J.RETURNED: _J.WITHDRAWN, _J.MEMBER_ELSEWHERE: _J.WITHDRAWN},
            OWN,
        ),
    },
)


def overdue(request: HelpRequest) -> str:
    """Escalation waits for the days the union has to answer, and needs a union above."""
    if not request.overdue:
        return gettext("答复期限为%(answer_by)s，逾期未答复才能上报上级工会。") % {
            "answer_by": f"{request.answer_by:%Y年%m月%d日 %H:%M}"
        }
    parent = request.org.parent
    if parent is None:
        return gettext("已是最高一级工会，不能再上报。")
    return ""


_R = HelpRequest.State
OPEN = (_R.WAITING, _R.ANSWERED)
REQUEST = Workflow.of(
    HelpRequest.state,
    name=gettext_lazy("职工诉求"),
    audit_prefix="portal.request",
    steps={
        "answer": Step(
            gettext_lazy("答复"), {_R.WAITING: _R.ANSWERED, _R.ANSWERED: _R.ANSWERED}, Holds("edit")
        ),
        "to_case": Step(gettext_lazy("转为维权案件"), dict.fromkeys(OPEN, _R.CASE), Holds("edit")),
        "to_hardship": Step(gettext_lazy("转为帮扶申请"), dict.fromkeys(OPEN, _R.HARDSHIP), Holds("edit")),
        # The worker's own button once the days have passed; the worker process does the same.
        "escalate": Step(gettext_lazy("逾期上报上级工会"), {_R.WAITING: _R.WAITING}, OWN_REQUEST, overdue),
        "rate": Step(
            gettext_lazy("评价并办结"),
            {_R.ANSWERED: _R.CLOSED, _R.CASE: _R.CLOSED, _R.HARDSHIP: _R.CLOSED},
            OWN_REQUEST,
        ),
    },
)
