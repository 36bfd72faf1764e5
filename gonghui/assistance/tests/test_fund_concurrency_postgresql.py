"""Balances never go negative under concurrent approvals: 200 threads, each with its own
PostgreSQL connection, approve 200 applications against one street fund that covers 150."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection, connections

from gonghui.assistance import actions
from gonghui.assistance.models import Application, FundEntry, Household, Payment
from gonghui.members.keys import id_bidx

from .factories import fund_with, make_household, new_id

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency is proved on PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]
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
    start = threading.Barrier(ATTEMPTS)
    results: list[str] = []
    lock = threading.Lock()

    def approve(application: Application) -> None:
        close_old_connections()
        try:
            start.wait()
            try:
                actions.application_approve(actor=personas.street, application=application)
                outcome = "ok"
            except ValidationError as exc:
                outcome = "refused" if "不足支付" in exc.messages[0] else f"error: {exc.messages}"
            with lock:
                results.append(outcome)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(a,)) for a in applications]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert len(results) == ATTEMPTS
    assert results.count("ok") == AFFORDABLE
    assert results.count("refused") == ATTEMPTS - AFFORDABLE
    fund.refresh_from_db()
    assert fund.balance == Decimal("0.00")
    assert Application.objects.filter(state="approved").count() == AFFORDABLE
    assert Payment.objects.count() == AFFORDABLE
    debits = FundEntry.objects.filter(fund=fund, kind="disbursement")
    assert debits.count() == AFFORDABLE
    # The ledger's running balances are the sequence the row lock imposed: each exactly one step.
    after = sorted(debits.values_list("balance_after", flat=True))
    assert after == [AMOUNT * i for i in range(AFFORDABLE)]
