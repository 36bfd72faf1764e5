"""The application and batch flows as data: states, who may take each step, and what the record
itself must allow. Actions call `transition()`, which checks all three; nothing else sets a state.

- An application is decided by the union it was routed to (`approver`): approving, refusing and
  ending 公示 need `approve` there; recording the payment is that union's clerical work (`edit`
  there). The applying union (`edit` at `org`) or the worker whose household it is may withdraw
  it while it waits. Escalation and re-routing are the system's (the worker, a change of the tree).
- Approving needs money: the approving union's fund of this year must cover the amount.
- A batch is approved by its union (`approve`), paid out by the approval job (the system), and
  closed by whoever reads the bank's return file (`edit`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext, gettext_lazy

from gonghui.kernel import cleaning
from gonghui.kernel.workflow import SYSTEM, Check, Either, Holds, Step, Workflow

from .models import Application, Batch, Fund
from .selectors import is_own_household


def own_household(actor: Any, application: Application) -> bool:
    """The worker whose household the application is for (through their membership)."""
    return actor is not None and is_own_household(user=actor, household=application.household)


def fund_covers(application: Application) -> str:
    """The approving union's fund of this year covers the amount (or why not)."""
    year = cleaning.today().year
    fund = Fund.objects.filter(org_id=application.approver_id, year=year).first()
    if fund is None:
        return gettext("「%(name)s」尚无%(year)s年帮扶专项资金，不能批准支出。") % {
            "name": application.approver.name,
            "year": year,
        }
    if fund.balance < application.amount:
        return gettext("「%(name)s」%(year)s年帮扶专项资金余额 %(balance)s 元，不足支付 %(amount)s 元。") % {
            "name": application.approver.name,
            "year": year,
            "balance": fund.balance,
            "amount": application.amount,
        }
    return ""


def publicity_over(application: Application) -> str:
    """公示 ends on its last day, not before."""
    until = application.publicity_until
    if until is not None and until > cleaning.today():
        return gettext("公示期至 %(until)s，期满后才能结束公示。") % {"until": format(until, "%Y年%m月%d日")}
    return ""


_A = Application.State
DECIDE = Holds("approve", on="approver")
APPLICATION = Workflow.of(
    Application.state,
    name=gettext_lazy("帮扶申请"),
    steps={
        # Approval with a 公示 period goes to PUBLICITY; `approve_now` skips it (no period set).
        "approve": Step(gettext_lazy("批准（进入公示）"), {_A.SUBMITTED: _A.PUBLICITY}, DECIDE, fund_covers),
        "approve_now": Step(gettext_lazy("批准"), {_A.SUBMITTED: _A.APPROVED}, DECIDE, fund_covers),
        "publicity_end": Step(gettext_lazy("结束公示"), {_A.PUBLICITY: _A.APPROVED}, DECIDE, publicity_over),
        "reject": Step(
            gettext_lazy("不予批准"), {_A.SUBMITTED: _A.REJECTED, _A.PUBLICITY: _A.REJECTED}, DECIDE
        ),
        "escalate": Step(gettext_lazy("逾期上报"), {_A.SUBMITTED: _A.SUBMITTED}, SYSTEM),
        # The tree changed under a waiting application: it goes to the union that now approves.
        "reroute": Step(gettext_lazy("改由新的审批工会审批"), {_A.SUBMITTED: _A.SUBMITTED}, SYSTEM),
        "withdraw": Step(
            gettext_lazy("撤回"),
            {_A.SUBMITTED: _A.WITHDRAWN},
            Either((Holds("edit"), Check(own_household, gettext_lazy("只能撤回本人的帮扶申请。")))),
        ),
        "pay": Step(gettext_lazy("登记发放"), {_A.APPROVED: _A.PAID}, Holds("edit", on="approver")),
    },
)


def batch_fund_covers(batch: Batch) -> str:
    """The union's fund of this year covers every line of the batch (or why not)."""
    year = cleaning.today().year
    fund = Fund.objects.filter(org_id=batch.org_id, year=year).first()
    total = batch.amount * batch.lines.count()
    have = fund.balance if fund is not None else Decimal("0.00")
    if have < total:
        return gettext("「%(name)s」%(year)s年帮扶专项资金余额 %(have)s 元，不足支付本批 %(total)s 元。") % {
            "name": batch.org.name,
            "year": year,
            "have": have,
            "total": total,
        }
    return ""


_B = Batch.State
BATCH = Workflow.of(
    Batch.state,
    name=gettext_lazy("批量救助"),
    steps={
        # Approval runs as a background job: `approve` starts it, `disburse` is its final write,
        # `revert` puts the batch back when the job fails (e.g. the fund cannot cover it).
        "approve": Step(gettext_lazy("批准"), {_B.DRAFT: _B.APPROVING}, Holds("approve"), batch_fund_covers),
        "disburse": Step(gettext_lazy("拨付"), {_B.APPROVING: _B.APPROVED}, SYSTEM),
        "revert": Step(gettext_lazy("退回草稿"), {_B.APPROVING: _B.DRAFT}, SYSTEM),
        "close": Step(gettext_lazy("办结"), {_B.APPROVED: _B.CLOSED}, Holds("edit")),
    },
)
