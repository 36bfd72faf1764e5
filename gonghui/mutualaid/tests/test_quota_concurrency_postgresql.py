"""Quotas never overrun under concurrent settings: 200 threads, each with its own PostgreSQL
connection, hand 100 shares each to 200 streets of a county whose own quota is 5,000."""

from __future__ import annotations

from django.db.models import Sum

from gonghui.conftest import make_org
from gonghui.kernel import cleaning
from gonghui.mutualaid import actions
from gonghui.mutualaid.models import Quota
from gonghui.tests.concurrency import CONCURRENT, race

pytestmark = CONCURRENT
ATTEMPTS = 200


def test_two_hundred_concurrent_quota_settings_never_overrun_the_parents(tree, personas):
    year = cleaning.today().year
    actions.quota_set(actor=None, org=tree.haizhu, year=year, shares=5000)
    streets = [make_org(tree.haizhu, f"测试街道{i}总工会", "town") for i in range(ATTEMPTS)]
    outcomes = race(
        [lambda s=s: actions.quota_set(actor=personas.city, org=s, year=year, shares=100) for s in streets]
    )
    assert outcomes.count("ok") == 50
    assert all("最多还能下达" in o for o in outcomes if o != "ok"), set(outcomes)
    handed = Quota.objects.filter(org__parent=tree.haizhu, year=year).aggregate(s=Sum("shares"))["s"]
    assert handed == 5000
