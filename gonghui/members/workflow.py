"""The membership and transfer flows as data: states, steps, who may take each step and what the
record itself must allow. Actions call `transition()`, which checks all three; nothing else sets
a status (Oscar's pipeline)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, gettext_lazy

from gonghui.kernel.workflow import SYSTEM, Holds, InvalidTransition, Step, Workflow, transition

from .choices import Status
from .models import Member, Transfer


def no_open_transfer(member: Member) -> str:
    """A membership's status does not change under a transfer in progress."""
    if Transfer.objects.filter(member_id=member.pk, state__in=Transfer.OPEN).exists():
        return gettext("该会员有办理中的转会申请，请先办结或撤回。")
    return ""


# A join is decided by the member's grassroots union (its 委员会: `approve`); the clerks who
# keep the register (`edit`) record the changes of a membership that stands.
MEMBERSHIP = Workflow.of(
    Member.status,
    name=gettext_lazy("会籍"),
    audit_prefix="member",
    steps={
        "approve": Step(gettext_lazy("批准入会"), {Status.PENDING: Status.ACTIVE}, Holds("approve")),
        "reject": Step(gettext_lazy("不予批准"), {Status.PENDING: Status.REJECTED}, Holds("approve")),
        "retain": Step(
            gettext_lazy("保留会籍"), {Status.ACTIVE: Status.RETAINED}, Holds("edit"), no_open_transfer
        ),
        "restore": Step(
            gettext_lazy("恢复正常会籍"), {Status.RETAINED: Status.ACTIVE}, Holds("edit"), no_open_transfer
        ),
        "leave": Step(
            gettext_lazy("办理退会"),
            {Status.ACTIVE: Status.LEFT, Status.RETAINED: Status.LEFT},
            Holds("edit"),
            no_open_transfer,
        ),
    },
)


def completable(transfer: Transfer) -> str:
    """A consent that may be the last one must be able to move the member: still in the sending
    union, and the receiving union still there."""
    if transfer.member.org_id != transfer.from_org_id:
        return gettext("该会员已不在转出工会，转会申请失效。")
    to = transfer.to_org
    if not to.is_active:
        return gettext("「%(name)s」%(status)s，无法转入。") % {
            "name": to.name,
            "status": to.get_status_display(),
        }
    return ""


_T = Transfer.State
# Each union answers for itself: the sending union (from_org) and the receiving one (to_org)
# each agree or refuse once; the second consent moves the member. The requesting side may
# withdraw while the request is open; the worker takes the rest.
_OUT_OPEN: dict[str, str] = {
    _T.REQUESTED: _T.REJECTED,
    _T.IN_APPROVED: _T.REJECTED,
}  # the sending side has not answered
_IN_OPEN: dict[str, str] = {
    _T.REQUESTED: _T.REJECTED,
    _T.OUT_APPROVED: _T.REJECTED,
}  # the receiving side has not answered
TRANSFER = Workflow.of(
    Transfer.state,
    name=gettext_lazy("转会申请"),
    audit_prefix="transfer",
    org="from_org",
    steps={
        "approve_out": Step(
            gettext_lazy("由转出工会同意"),
            {_T.REQUESTED: _T.OUT_APPROVED, _T.IN_APPROVED: _T.DONE},
            Holds("approve", on="from_org"),
            completable,
        ),
        "approve_in": Step(
            gettext_lazy("由转入工会同意"),
            {_T.REQUESTED: _T.IN_APPROVED, _T.OUT_APPROVED: _T.DONE},
            Holds("approve", on="to_org"),
            completable,
        ),
        "reject_out": Step(gettext_lazy("由转出工会拒绝"), _OUT_OPEN, Holds("approve", on="from_org")),
        "reject_in": Step(gettext_lazy("由转入工会拒绝"), _IN_OPEN, Holds("approve", on="to_org")),
        "cancel": Step(
            gettext_lazy("撤回"), {s: _T.CANCELLED for s in Transfer.OPEN}, Holds("edit", on="from_org")
        ),
        # Unanswered for GONGHUI_TRANSFER_AUTO_APPROVE_DAYS days: taken as agreed.
        "auto_approve": Step(
            gettext_lazy("逾期视为同意"), {s: _T.DONE for s in Transfer.OPEN}, SYSTEM, completable
        ),
        # A request that can no longer complete (the member moved, the receiving union closed).
        "close": Step(gettext_lazy("无法办结，关闭"), {s: _T.REJECTED for s in Transfer.OPEN}, SYSTEM),
    },
)

# The consent and refusal steps of each side ("out" the sending union, "in" the receiving one).
SIDES = ("out", "in")


def side_step(decision: str, side: Any) -> str:
    if side not in SIDES:
        raise InvalidTransition({"side": "请选择以哪一方工会的身份审批。"})
    return f"{decision}_{side}"


__all__ = [
    "MEMBERSHIP",
    "SIDES",
    "TRANSFER",
    "InvalidTransition",
    "Step",
    "Workflow",
    "side_step",
    "transition",
]
