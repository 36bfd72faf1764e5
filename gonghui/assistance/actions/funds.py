"""Special funds: deposits, yearly allocation down the tree, debits for disbursements.

A balance changes only here, by one conditional UPDATE (`balance >= amount` in its WHERE clause),
so that on PostgreSQL concurrent debits queue on the row lock and each sees the balance the one
before it left: none can take the balance below zero. The CHECK constraint backs it up.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext

from gonghui.kernel import scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.cleaning import money, text
from gonghui.orgs.models import Org

from ..models import Application, Batch, Fund, FundEntry


def _fund(org: Org, year: int) -> Fund:
    fund, _ = Fund.objects.get_or_create(org=org, year=year)
    return fund


def _balance(fund: Fund) -> Decimal:
    return Fund.objects.values_list("balance", flat=True).get(pk=fund.pk)


def fund_credit(
    *, actor: Any, fund: Fund, amount: Decimal, kind: str, note: str = "", other: Fund | None = None,
    application: Application | None = None, batch: Batch | None = None,
) -> FundEntry:  # fmt: skip
    """Add to a balance (inside the caller's transaction)."""
    Fund.objects.filter(pk=fund.pk).update(balance=F("balance") + amount)
    return FundEntry.objects.create(
        fund=fund, kind=kind, amount=amount, balance_after=_balance(fund), other_fund=other,
        application=application, batch=batch, note=note[:200], actor=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip


def fund_debit(
    *, actor: Any, fund: Fund, amount: Decimal, kind: str, note: str = "", other: Fund | None = None,
    application: Application | None = None, batch: Batch | None = None,
) -> FundEntry:  # fmt: skip
    """Take from a balance, or ValidationError (nothing changed) when it does not cover `amount`."""
    if amount <= 0:
        raise ValueError("a debit is positive")
    taken = Fund.objects.filter(pk=fund.pk, balance__gte=amount).update(balance=F("balance") - amount)
    if not taken:
        raise ValidationError(
            gettext("「%(name)s」%(year)s年帮扶专项资金余额 %(value)s 元，不足支付 %(amount)s 元。")
            % {"name": fund.org.name, "year": fund.year, "value": _balance(fund), "amount": amount},
            code="overspend",
        )
    return FundEntry.objects.create(
        fund=fund, kind=kind, amount=-amount, balance_after=_balance(fund), other_fund=other,
        application=application, batch=batch, note=note[:200], actor=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip


@action
def fund_deposit(*, actor: Any, org: Org, year: int, amount: Any, note: str = "") -> FundEntry:
    """Money into a union's own fund (本级预算、上级补助资金): needs `manage` over the union."""
    scope.require(actor, "manage", org)
    value = money(amount, field="amount", label="入账金额", allow_zero=False, maximum=Decimal("100000000"))
    note = text(note, field="note", label="资金来源（摘要）", max_length=200)
    fund = _fund(org, year)
    entry = fund_credit(actor=actor, fund=fund, amount=value, kind=FundEntry.Kind.DEPOSIT, note=note)
    audit(actor=actor, action="assistance.fund.deposit", obj=fund, org=org,
          detail={"amount": str(value), "year": year, "note": note})  # fmt: skip
    return entry


@action
def fund_allocate(
    *, actor: Any, source: Org, target: Org, year: int, amount: Any, note: str = ""
) -> FundEntry:
    """下拨: from a union's fund of `year` to a union below it; refused beyond the balance."""
    scope.require(actor, "manage", source)
    if not target.is_descendant_of(source):
        raise ValidationError({"target": gettext("只能向本级以下的工会下拨资金。")})
    if not target.is_active:
        raise ValidationError({"target": gettext("该工会已撤销或合并，不能下拨。")})
    value = money(amount, field="amount", label="下拨金额", allow_zero=False, maximum=Decimal("100000000"))
    src, dst = _fund(source, year), _fund(target, year)
    text = " ".join((note or "").split()) or f"{year}年帮扶专项资金下拨"
    try:
        fund_debit(
            actor=actor,
            fund=src,
            amount=value,
            kind=FundEntry.Kind.ALLOCATION_OUT,
            note=f"下拨{target.name}：{text}",
            other=dst,
        )
    except ValidationError as exc:
        raise ValidationError({"amount": exc.messages}) from None
    entry = fund_credit(
        actor=actor,
        fund=dst,
        amount=value,
        kind=FundEntry.Kind.ALLOCATION_IN,
        note=f"{source.name}拨入：{text}",
        other=src,
    )
    audit(actor=actor, action="assistance.fund.allocate", obj=src, org=source,
          detail={"amount": str(value), "year": year, "to": target.name})  # fmt: skip
    audit(actor=actor, action="assistance.fund.allocated", obj=dst, org=target,
          detail={"amount": str(value), "year": year, "from": source.name})  # fmt: skip
    return entry
