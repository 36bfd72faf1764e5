"""Concurrent reviews on PostgreSQL, each on its own connection: a union never passes up more
nominations than its places, and never allots more places than it holds."""

from __future__ import annotations

from gonghui.conftest import make_org
from gonghui.honours import actions
from gonghui.honours.models import Nomination, Quota
from gonghui.honours.rules import passed
from gonghui.tests.concurrency import CONCURRENT, race

from .factories import make_round, nominate

pytestmark = CONCURRENT
ATTEMPTS = 40


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
