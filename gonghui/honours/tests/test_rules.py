"""The round's ledger of places, counted in one pass, agrees with the per-union count the
review checks use."""

from __future__ import annotations

from gonghui.honours import actions, rules, selectors
from gonghui.honours.models import Quota

from .factories import climb, make_round, nominate


def test_the_ledger_counts_what_each_union_has_passed_up(tree, personas):
    round = make_round(tree.guangzhou, places=6)
    haizhu = actions.quota_set(actor=None, round=round, org=tree.haizhu, places=4)
    street = actions.quota_set(actor=None, round=round, org=tree.street, places=3)
    nominate(round, tree.grassroots, "在街道")  # waits at the street
    once = nominate(round, tree.grassroots, "过了街道")
    actions.nomination_recommend(actor=None, nomination=once)  # now at the district
    climb(nominate(round, tree.grassroots, "已拟表彰"))
    rejected = nominate(round, tree.sibling_grassroots, "未通过")
    actions.nomination_reject(actor=None, nomination=rejected, reason="材料不全")
    orgs = [tree.guangzhou, tree.haizhu, tree.street, tree.sibling_street]
    counts = rules.passed_counts(round, orgs)
    assert counts == {o.pk: rules.passed(round, o).count() for o in orgs}
    assert (counts[tree.street.pk], counts[tree.haizhu.pk], counts[tree.guangzhou.pk]) == (2, 1, 1)
    ledger = {row["org"].pk: row["used"] for row in selectors.quotas_of(round, actor=personas.city)}
    assert ledger == {tree.haizhu.pk: 1, tree.street.pk: 2}
    assert [r["org"] for r in selectors.sub_quotas(Quota.objects.get(pk=haizhu.pk))] == [street.org]
