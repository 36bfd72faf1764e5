import datetime as dt

from gonghui.members.actions import member_leave, member_retain
from gonghui.members.selectors import member_counts_by_org, member_counts_by_union

from ..conftest import make_member


def test_subtree_totals_on_a_date(tree, personas):
    a = make_member(tree.grassroots)  # joined 2020-03-01 (make_member approves on that date)
    make_member(tree.grassroots)
    make_member(tree.sibling_grassroots)
    member_retain(actor=None, member=a, on=dt.date(2021, 1, 1))
    ids = [o.pk for o in tree.all()]
    now = member_counts_by_org(org_ids=ids)
    assert (now[tree.grassroots.pk], now[tree.street.pk], now[tree.haizhu.pk], now[tree.province.pk]) == (
        2,
        2,
        3,
        3,
    )
    assert now[tree.shenzhen.pk] == 0 and now[tree.foreign_root.pk] == 0
    before = member_counts_by_org(org_ids=ids, on=dt.date(2019, 12, 31))
    assert before[tree.haizhu.pk] == 0
    member_leave(actor=None, member=a, reason="调离", on=dt.date(2022, 6, 1))
    assert member_counts_by_org(org_ids=[tree.street.pk], on=dt.date(2022, 5, 31))[tree.street.pk] == 2
    assert member_counts_by_org(org_ids=[tree.street.pk])[tree.street.pk] == 1
    assert member_counts_by_union(org_ids=[tree.grassroots.pk]) == {tree.grassroots.pk: 1}
