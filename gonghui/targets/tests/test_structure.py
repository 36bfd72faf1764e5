"""When the tree changes: a merged union's catalogue and targets go to the survivor."""

from __future__ import annotations

import datetime as dt

from gonghui.core.models import AuditEntry
from gonghui.orgs.actions import org_merge
from gonghui.orgs.tests.factories import street_split_off
from gonghui.targets.models import Indicator, Target

from .factories import YEAR, indicator_in, target_in


def test_a_merged_unions_targets_follow_it_to_the_survivor(tree):
    shared = indicator_in(tree.haizhu, name="新增会员", unit="人")
    own = indicator_in(tree.sibling_street, name="新港特色指标")
    moving = target_in(tree.sibling_street, indicator=own)
    clash = target_in(tree.sibling_street, indicator=shared, value="30")
    held = target_in(tree.street, indicator=shared, value="50")
    org_merge(actor=None, source=tree.sibling_street, target=tree.street, on=dt.date(YEAR, 6, 30))

    assert Indicator.objects.get(pk=own.pk).org_id == tree.street.pk
    assert Target.objects.get(pk=moving.pk).org_id == tree.street.pk
    # The survivor keeps its own target for the same indicator; the merged one stays as history.
    assert Target.objects.get(pk=clash.pk).org_id == tree.sibling_street.pk
    assert Target.objects.get(pk=held.pk).value == held.value
    entry = AuditEntry.objects.get(action="targets.follow_merge")
    assert (entry.detail["indicators"], entry.detail["moved"], entry.detail["kept"]) == (1, 1, 1)
    assert Target.objects.filter(org=tree.street, year=YEAR).count() == 2


def test_a_split_leaves_targets_with_their_unions(tree):
    street_target = target_in(tree.street)
    street_split_off(tree, on=dt.date(YEAR, 6, 30))
    assert Target.objects.get(pk=street_target.pk).org_id == tree.street.pk
