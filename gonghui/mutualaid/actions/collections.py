"""Contributions collected through the bank: the collection file the union above the enrolling
units sends (互助金代收明细, taken from each unit's account) and the bank's return file, read the
same way as the payouts' (`payfiles`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from gonghui.kernel import cleaning, scope
from gonghui.kernel.actions import action
from gonghui.orgs.models import Org

from .. import payfiles
from ..models import Contribution, Enrolment
from ..selectors import enrolments_to_collect
from .bank import ReturnResult, bank_file, bank_return
from .enrolments import contribution_record


@action
def collection_file(*, actor: Any, org: Org) -> tuple[bytes, int]:
    """The bank's collection file of what the units below `org` owe for their enrolments, from
    each unit's account. The accounts leave the system in full: `reveal` is needed and the file
    is audited."""
    scope.require(actor, "reveal", org)
    return bank_file(
        actor=actor, org=org, records=list(enrolments_to_collect(org)), amount=lambda e: e.balance,
        event="mutualaid.collection.file", write=payfiles.collection_xlsx,
        nothing=gettext("没有待收的互助金。"),
        unregistered=gettext("以下基层工会未登记银行账号，不能生成代收文件：%(unions)s。"),
    )  # fmt: skip


@action
def collection_return(*, actor: Any, org: Org, data: bytes, filename: str) -> ReturnResult:
    """Read the bank's return file of a collection: each line that succeeded records the unit's
    payment of what it owed (by bank file, today), which puts its enrolment in force; the failed
    ones stay due, with the bank's reason said. A file with any unreadable line, or a line that
    is not an enrolment waiting for this union's collection, changes nothing."""
    scope.require(actor, "edit", org)

    def pay(e: Enrolment, line: payfiles.ReturnLine) -> None:
        contribution_record(
            actor=actor, enrolment=e, amount=e.balance, paid_on=cleaning.today(),
            method=Contribution.Method.BANK_FILE, reference=f"代收回盘 {filename[:40]} 第{line.row}行",
        )  # fmt: skip

    return bank_return(
        actor=actor, org=org, event="mutualaid.collection.return", data=data, filename=filename,
        amount=lambda e: e.balance, what="本会待收的互助金", amount_label="未缴金额",
        waiting=lambda ids: {e.pk: e for e in enrolments_to_collect(org).select_for_update(of=("self",))
                             .filter(pk__in=ids)},
        paid=pay, failed=lambda e: e.org.name,
    )  # fmt: skip
