"""Concurrent reviews on PostgreSQL, each on its own connection: a union never passes up more
nominations than its places, and never allots more places than it holds."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from gonghui.conftest import make_org
from gonghui.honours import actions
from gonghui.honours.models import Nomination, Quota
from gonghui.honours.rules import passed

from .factories import make_round, nominate

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks under real concurrency"),
    pytest.mark.django_db(transaction=True),
]
ATTEMPTS = 40


def race(jobs: list[Callable[[], Any]]) -> list[str]:
    barrier = threading.Barrier(len(jobs))

    def run(job: Callable[[], Any]) -> str:
        try:
            barrier.wait(timeout=60)
            job()
            return "ok"
        except ValidationError as exc:
            return "；".join(exc.messages)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(run, jobs))


def test_forty_reviews_at_once_pass_up_no_more_than_the_places(tree, personas):
    round = make_round(tree.guangzhou, places=10)
    actions.quota_set(actor=None, round=round, org=tree.haizhu, places=2)
    waiting = [nominate(round, tree.grassroots, f"推荐人{i}") for i in range(ATTEMPTS)]
    outcomes = race(
        [lambda n=n: actions.nomination_recommend(actor=personas.district, nomination=n) for n in waiting]
    )
    assert outcomes.count("ok") == 2
    assert all("名额为2名，已推荐2名" in o for o in outcomes if o != "ok"), set(outcomes)
    assert passed(round, tree.haizhu).count() == 2
    assert Nomination.objects.filter(round=round, at=tree.guangzhou).count() == 2


def test_forty_allotments_at_once_never_exceed_what_the_union_holds(tree, personas):
    round = make_round(tree.guangzhou, places=5)
    actions.quota_set(actor=None, round=round, org=tree.haizhu, places=3)
    towns = [make_org(tree.haizhu, f"海珠测试街道{i}总工会", "town") for i in range(ATTEMPTS)]
    outcomes = race(
        [lambda t=t: actions.quota_set(actor=personas.district, round=round, org=t, places=1) for t in towns]
    )
    assert outcomes.count("ok") == 3
    assert all("最多还能分配0名" in o for o in outcomes if o != "ok"), set(outcomes)
    assert sum(Quota.objects.filter(round=round, org__in=towns).values_list("places", flat=True)) == 3
