"""Balances never go negative under concurrent approvals: 200 threads, each with its own
PostgreSQL connection, approve 200 applications against one street fund that covers 150."""

from __future__ import annotations

from decimal import Decimal

from gonghui.assistance import actions
from gonghui.assistance.models import Application, FundEntry, Household, Payment
from gonghui.members.keys import id_bidx
from gonghui.tests.concurrency import CONCURRENT, race

from .factories import fund_with, make_household, new_id

pytestmark = CONCURRENT
ATTEMPTS = 200
AFFORDABLE = 150
AMOUNT = Decimal("500.00")


def test_two_hundred_concurrent_approvals_never_overspend_one_fund(rules, personas):
    template = make_household(rules.grassroots)
    households = [template]
    for _ in range(ATTEMPTS - 1):
        number = new_id()
        h = Household.objects.get(pk=template.pk)
        h.pk = None
        h.file_no, h.id_number, h.id_bidx = f"C{number}", number, id_bidx(number)
        h.save()
        households.append(h)
    applications = [
        actions.application_submit(actor=None, household=h, kind="living", amount=AMOUNT, reason="生活困难")
        for h in households
    ]
    fund = fund_with(rules.street, str(AMOUNT * AFFORDABLE))
    outcomes = race(
        [lambda a=a: actions.application_approve(actor=personas.street, application=a) for a in applications]
    )
    assert outcomes.count("ok") == AFFORDABLE
    assert all("不足支付" in o for o in outcomes if o != "ok"), set(outcomes)
    fund.refresh_from_db()
    assert fund.balance == Decimal("0.00")
    assert Application.objects.filter(state="approved").count() == AFFORDABLE
    assert Payment.objects.count() == AFFORDABLE
    debits = FundEntry.objects.filter(fund=fund, kind="disbursement")
    assert debits.count() == AFFORDABLE
    # The ledger's running balances are the sequence the row lock imposed: each exactly one step.
    after = sorted(debits.values_list("balance_after", flat=True))
    assert after == [AMOUNT * i for i in range(AFFORDABLE)]
