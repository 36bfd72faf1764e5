"""Quotas down the tree: set by the union above, never handed down beyond the parent's own, and
progress counted from the shares enrolled in each subtree."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from gonghui.kernel import cleaning
from gonghui.kernel.errors import Refused
from gonghui.mutualaid import actions, selectors
from gonghui.mutualaid.tests.factories import covered, enrolment

pytestmark = pytest.mark.django_db
YEAR = cleaning.today().year


def test_a_quota_is_split_down_the_tree_without_overrunning_the_parents(tree, personas):
    actions.quota_set(actor=personas.province, org=tree.guangzhou, year=YEAR, shares=13500)
    actions.quota_set(actor=personas.city, org=tree.haizhu, year=YEAR, shares=9000)
    with pytest.raises(Refused, match="任务 13500 份，已分解 0 份，最多还能下达 13500 份"):
        actions.quota_set(actor=personas.city, org=tree.haizhu, year=YEAR, shares=13501)
    with pytest.raises(Refused, match="本级任务不能少于 9000 份"):
        actions.quota_set(actor=personas.province, org=tree.guangzhou, year=YEAR, shares=8000)
    with pytest.raises(PermissionDenied):
        actions.quota_set(
            actor=personas.city, org=tree.guangzhou, year=YEAR, shares=1
        )  # its own: set from above
    with pytest.raises(PermissionDenied):
        actions.quota_set(actor=personas.sibling, org=tree.street, year=YEAR, shares=1)


def test_progress_rolls_up_with_drill_down(tree, personas):
    actions.quota_set(actor=None, org=tree.haizhu, year=YEAR, shares=40)
    actions.quota_set(actor=None, org=tree.street, year=YEAR, shares=25)
    actions.quota_set(actor=None, org=tree.sibling_street, year=YEAR, shares=15)
    covered(tree.grassroots, n=12)
    enrolment(tree.sibling_grassroots, n=10)  # handed in, not yet paid: counted
    top, rows = selectors.progress_for_actor(actor=personas.district, org=tree.haizhu, year=YEAR)
    assert (top.quota, top.shares, top.percent) == (40, 22, 55)
    assert [(r.org, r.quota, r.shares, r.behind) for r in rows] == [
        (tree.street, 25, 12, 13),
        (tree.sibling_street, 15, 10, 5),
    ]
    with pytest.raises(PermissionDenied):
        selectors.progress_for_actor(actor=personas.sibling, org=tree.street, year=YEAR)
    assert selectors.quotas_behind_count(personas.district) == 3
