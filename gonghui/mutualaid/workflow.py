"""The enrolment and claim flows as data.

- An enrolment is filled in by its grassroots union (`edit`), handed in when the group meets the
  plan's rule (60% / 10 people / everyone in a small unit), and comes into force when the union
  above it, which receives the money (代办点), has recorded it in full; cover then starts on the
  plan's common date after payment.
- A claim is decided by its 代办点 (`approve` at `approver`): approval needs the waiting period
  over, the checklist's materials attached and something left of the share's cap; the 代办点's
  clerk records the payment. The filing union or the member may withdraw a claim that waits.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, gettext_lazy

from gonghui.kernel.workflow import Above, Check, Either, Holds, Step, Workflow

from . import rules
from .models import Claim, Enrolment
from .selectors import already_paid, enrolment_head_count, enrolment_in_service, is_own_claim


def group_meets_rule(enrolment: Enrolment) -> str:
    plan = enrolment.plan
    return rules.group_refusal(
        enrolled=enrolment_head_count(enrolment),
        in_service=enrolment_in_service(enrolment),
        min_ratio=plan.min_ratio,
        min_people=plan.min_people,
    )


def paid_in_full(enrolment: Enrolment) -> str:
    if enrolment.amount_paid < enrolment.amount_due:
        return gettext("互助金尚未缴清：应缴 %(amount_due)s 元，已缴 %(amount_paid)s 元。") % {
            "amount_due": enrolment.amount_due,
            "amount_paid": enrolment.amount_paid,
        }
    return ""


def nothing_paid(enrolment: Enrolment) -> str:
    return gettext("已有缴费记录，不能退回修改。") if enrolment.amount_paid else ""


_E = Enrolment.State
# The union above the enrolling one receives the money (the 代办点 or the union that collects it).
RECEIVE = Above(("edit",), refusal=gettext_lazy("互助金由上级工会（代办点）确认到账。"))
ENROLMENT = Workflow.of(
    Enrolment.state,
    name=gettext_lazy("团体参保"),
    steps={
        "submit": Step(gettext_lazy("提交参保"), {_E.DRAFT: _E.DUE}, Holds("edit"), group_meets_rule),
        "reopen": Step(gettext_lazy("退回修改"), {_E.DUE: _E.DRAFT}, Holds("edit"), nothing_paid),
        "cover": Step(gettext_lazy("确认生效"), {_E.DUE: _E.COVERED}, RECEIVE, paid_in_full),
        "cancel": Step(
            gettext_lazy("撤销参保"),
            {_E.DRAFT: _E.CANCELLED, _E.DUE: _E.CANCELLED},
            Holds("edit"),
            nothing_paid,
        ),
    },
)


def claim_refusal(claim: Claim) -> str:
    """Why the claim cannot be approved now ("" when it can): waiting period, materials, cap."""
    enrolment = claim.line.enrolment
    plan = claim.line.plan
    if enrolment.cover_start is not None and plan.waiting_days:
        days = (claim.event_date - enrolment.cover_start).days
        if days < plan.waiting_days:
            return gettext(
                "发病日期 %(event_date)s 在等待期内（保障自 %(cover_start)s 起，等待期 %(waiting_days)s 天），不予给付。"
            ) % {
                "event_date": format(claim.event_date, "%Y-%m-%d"),
                "cover_start": format(enrolment.cover_start, "%Y-%m-%d"),
                "waiting_days": plan.waiting_days,
            }
    have = set(claim.files.values_list("material", flat=True))
    missing = [m for m in claim.benefit.material_list if m not in have]
    if missing:
        return gettext("申领材料不全，缺少：%(join)s。") % {"join": "、".join(missing)}
    paid = already_paid(claim.line, excluding=claim.pk)
    if paid >= plan.period_cap:
        return gettext("该份额保障期内已累计给付 %(paid)s 元，达到上限 %(period_cap)s 元，不能再给付。") % {
            "paid": paid,
            "period_cap": plan.period_cap,
        }
    return ""


def own_claim(actor: Any, claim: Claim) -> bool:
    return actor is not None and is_own_claim(user=actor, claim=claim)


_C = Claim.State
DECIDE = Holds("approve", on="approver")
CLAIM = Workflow.of(
    Claim.state,
    name=gettext_lazy("互助金申领"),
    steps={
        "approve": Step(gettext_lazy("核准给付"), {_C.SUBMITTED: _C.APPROVED}, DECIDE, claim_refusal),
        "reject": Step(gettext_lazy("不予给付"), {_C.SUBMITTED: _C.REJECTED}, DECIDE),
        "pay": Step(gettext_lazy("登记给付"), {_C.APPROVED: _C.PAID}, Holds("edit", on="approver")),
        "withdraw": Step(
            gettext_lazy("撤回"),
            {_C.SUBMITTED: _C.WITHDRAWN},
            Either((Holds("edit"), Check(own_claim, gettext_lazy("只能撤回本人的申领。")))),
        ),
    },
)
