"""Quotas never overrun under concurrent settings: 200 threads, each with its own PostgreSQL
connection, hand 100 shares each to 200 streets of a county whose own quota is 5,000."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection, connections
from django.db.models import Sum

from gonghui.conftest import make_org
from gonghui.kernel import cleaning
from gonghui.mutualaid import actions
from gonghui.mutualaid.models import Quota
from gonghui.orgs.models import Org

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency is proved on PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]
ATTEMPTS = 200


def test_two_hundred_concurrent_quota_settings_never_overrun_the_parents(tree, personas):
    year = cleaning.today().year
    actions.quota_set(actor=None, org=tree.haizhu, year=year, shares=5000)
    streets = [make_org(tree.haizhu, f"测试街道{i}总工会", "town") for i in range(ATTEMPTS)]
    start = threading.Barrier(ATTEMPTS)
    results: list[str] = []
    lock = threading.Lock()

    def give(street: Org) -> None:
        close_old_connections()
        try:
            start.wait()
            try:
                actions.quota_set(actor=personas.city, org=street, year=year, shares=100)
                outcome = "ok"
            except ValidationError as exc:
                outcome = "refused" if "最多还能下达" in exc.messages[0] else f"error: {exc.messages}"
            with lock:
                results.append(outcome)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=give, args=(s,)) for s in streets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=180)
    assert len(results) == ATTEMPTS
    assert results.count("ok") == 50 and results.count("refused") == ATTEMPTS - 50
    handed = Quota.objects.filter(org__parent=tree.haizhu, year=year).aggregate(s=Sum("shares"))["s"]
    assert handed == 5000
