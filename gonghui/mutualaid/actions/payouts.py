"""Payouts through the bank: the payment file and the return file."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from gonghui.kernel import cleaning, scope
from gonghui.kernel.actions import action
from gonghui.kernel.workflow import transition
from gonghui.orgs.models import Org

from ..models import Claim
from ..workflow import CLAIM
from .bank import ReturnResult, bank_file, bank_return

# ----------------------------------------------------------------------------- bank payouts


@action
def payout_file(*, actor: Any, approver: Org) -> tuple[bytes, int]:
    """The bank's payment file of the claims `approver` approved and has not paid yet, to each
    grassroots union's account. The accounts leave the system in full: `reveal` is needed and
    the file is audited."""
    from .. import payfiles
    from ..selectors import claims_to_pay

    scope.require(actor, "reveal", approver)
    return bank_file(
        actor=actor, org=approver, records=list(claims_to_pay(approver)), amount=lambda c: c.payable,
        event="mutualaid.payout.file", write=payfiles.payout_xlsx,
        nothing=gettext("没有待给付的互助金。"),
        unregistered=gettext("以下基层工会未登记银行账号，不能生成代发文件：%(unions)s。"),
    )  # fmt: skip


@action
def payout_return(*, actor: Any, approver: Org, data: bytes, filename: str) -> ReturnResult:
    """Read the bank's return file: each line that succeeded marks its claim paid today; the failed
    ones stay approved, with the bank's reason said. A file with any unreadable line, or a line
    that is not a claim waiting at this union, changes nothing."""

    scope.require(actor, "edit", approver)

    def pay(c: Claim, _line: Any) -> None:
        c.paid_on = cleaning.today()
        transition(CLAIM, c, "pay", actor=actor, detail={"amount": str(c.payable), "paid_on": c.paid_on.isoformat()},
                   extra_fields=("paid_on",))  # fmt: skip

    return bank_return(
        actor=actor, org=approver, event="mutualaid.payout.return", data=data, filename=filename,
        amount=lambda c: c.payable, what="本会待给付的互助金", amount_label="核定给付",
        waiting=lambda ids: {c.pk: c for c in Claim.objects.select_for_update(of=("self",))
                             .select_related("line__member", "benefit")
                             .filter(approver=approver, state=Claim.State.APPROVED, pk__in=ids)},
        paid=pay, failed=lambda c: str(c.line.insured),
    )  # fmt: skip
