import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.orgs.actions import org_move
from gonghui.orgs.models import Org, OrgVersion
from gonghui.orgs.selectors import subtree_count, subtree_ids_at


def test_moving_a_street_carries_its_whole_subtree(tree, personas):
    # 海珠区 moves 赤岗街道 under 深圳市罗湖区? Only the province manages both branches.
    org_move(actor=personas.province, org=tree.street, new_parent=tree.luohu, on=dt.date(2024, 1, 1))
    street = Org.objects.get(pk=tree.street.pk)
    grassroots = Org.objects.get(pk=tree.grassroots.pk)
    assert street.parent_id == tree.luohu.pk
    assert street.path.startswith(tree.luohu.path) and grassroots.path.startswith(street.path)
    assert grassroots.depth == street.depth + 1 == tree.luohu.depth + 2
    assert subtree_count(Org.objects.get(pk=tree.haizhu.pk)) == 3  # 海珠区, 新港街道, 新港社区
    assert subtree_count(Org.objects.get(pk=tree.luohu.pk)) == 3
    assert Org.objects.get(pk=tree.haizhu.pk).child_count == 1
    assert Org.objects.get(pk=tree.luohu.pk).child_count == 1


def test_report_for_a_past_date_uses_the_tree_of_that_date(tree, personas):
    org_move(actor=personas.province, org=tree.street, new_parent=tree.luohu, on=dt.date(2024, 1, 1))
    before = subtree_ids_at(tree.haizhu, dt.date(2023, 12, 31))
    after = subtree_ids_at(tree.haizhu, dt.date(2024, 1, 1))
    assert tree.street.pk in before and tree.grassroots.pk in before
    assert tree.street.pk not in after and tree.grassroots.pk not in after
    assert tree.street.pk in subtree_ids_at(tree.luohu, dt.date(2024, 6, 1))
    assert OrgVersion.objects.filter(org=tree.street).count() == 2


def test_moving_under_own_descendant_is_refused_and_nothing_changes(tree, personas):
    paths = dict(Org.objects.values_list("pk", "path"))
    with pytest.raises(ValidationError) as exc:
        org_move(actor=personas.province, org=tree.haizhu, new_parent=tree.street)
    assert "下级组织之下" in exc.value.message_dict["new_parent"][0]
    assert dict(Org.objects.values_list("pk", "path")) == paths


def test_district_cannot_move_a_street_out_of_its_subtree(tree, personas):
    district_admin = personas.city  # manages 广州, not 深圳
    with pytest.raises(PermissionDenied):
        org_move(actor=district_admin, org=tree.street, new_parent=tree.luohu)
    assert Org.objects.get(pk=tree.street.pk).parent_id == tree.haizhu.pk


def test_street_officer_cannot_move_own_union(tree, personas):
    with pytest.raises(PermissionDenied):
        org_move(actor=personas.street, org=tree.grassroots, new_parent=tree.sibling_street)


def test_level_rule_applies_to_moves(tree, personas):
    with pytest.raises(ValidationError):
        org_move(actor=personas.province, org=tree.street, new_parent=tree.grassroots)
