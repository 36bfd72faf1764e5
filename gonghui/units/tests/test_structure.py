"""Units, contracts and the tallies follow the tree: a merge moves them to the survivor (and says
so), a split leaves them with their unions; the kept figures always equal a recount."""

from __future__ import annotations

import datetime as dt

from gonghui.conftest import make_org, union_code
from gonghui.core.models import AuditEntry
from gonghui.orgs.actions import org_merge, org_split
from gonghui.units.models import CollectiveContract, UnionTally, Unit
from gonghui.units.tally import tally_rebuild

from .factories import make_contract, make_unit
from .test_tally import assert_exact


def _hanging_on(org):
    return (
        Unit.objects.filter(org=org)
        | Unit.objects.filter(covering_org=org)
        | Unit.objects.filter(registered_org=org)
    )


def test_a_merge_of_two_unions_that_both_hold_units_and_contracts_leaves_all_on_the_survivor(
    tree, personas, register
):
    # A second joint union of the street, with its own units and contract, merges into the first.
    second = make_org(tree.street, "赤岗第二联合工会", "grassroots", kind="joint")
    geng = make_unit(tree.street, "赤岗庚厂", 60, covering=second, women=20)
    xin = make_unit(second, "赤岗辛店", 35)  # listed and covered by the second union itself
    make_contract(second, [geng, xin], kind="regional", title="第二联合工会区域性集体合同", workers=80)
    survivor_units = set(_hanging_on(tree.grassroots).values_list("pk", flat=True))
    tally_rebuild()
    before = UnionTally.objects.get(org=tree.street)

    org_merge(actor=personas.street, source=second, target=tree.grassroots, on=dt.date(2014, 1, 1))

    assert not _hanging_on(second).exists()
    assert not CollectiveContract.objects.filter(org=second).exists()
    moved = Unit.objects.filter(pk__in=[geng.pk, xin.pk])
    assert {(u.covering_org, u.org) for u in moved} == {(tree.grassroots, tree.grassroots)}
    assert Unit.objects.get(pk=xin.pk).registered_org == tree.grassroots
    assert set(_hanging_on(tree.grassroots).values_list("pk", flat=True)) == survivor_units | {
        geng.pk,
        xin.pk,
    }
    assert CollectiveContract.objects.get(title="第二联合工会区域性集体合同").org == tree.grassroots
    entry = AuditEntry.objects.get(action="unit.follow_merge")
    assert entry.org == tree.grassroots and entry.actor == personas.street
    assert entry.detail == {"from": second.name, "to": tree.grassroots.name, "units": 2, "contracts": 1}
    # The street's figures are the same units under one union now; the kept ones equal a recount.
    after = UnionTally.objects.get(org=tree.street)
    assert (after.sub_units, after.sub_built, after.sub_employees) == (
        before.sub_units,
        before.sub_built,
        before.sub_employees,
    )
    assert UnionTally.objects.get(org=tree.grassroots).units == 5
    assert_exact(tree.province, tree.haizhu, tree.street)


def test_a_merge_of_a_union_without_units_writes_no_follow_row(tree, register):
    empty = make_org(tree.street, "赤岗空壳工会", "grassroots", kind="joint")
    org_merge(actor=None, source=empty, target=tree.grassroots)
    assert not AuditEntry.objects.filter(action="unit.follow_merge").exists()


def test_a_split_leaves_units_and_contracts_with_their_unions(tree, register):
    tally_rebuild()
    new_street = org_split(
        actor=None, org=tree.sibling_street, new_name="新港二街道总工会", children=[tree.sibling_grassroots],
        credit_code=union_code(),
    )  # fmt: skip
    # The community union went to the new street with its id: its units and contract with it.
    jia = Unit.objects.get(pk=register.xg_jia.pk)
    assert (jia.org, jia.covering_org) == (tree.sibling_grassroots, tree.sibling_grassroots)
    assert Unit.objects.get(pk=register.xg_yi.pk).org == tree.sibling_street  # its own ledger stays
    assert CollectiveContract.objects.get(pk=register.single.pk).org == tree.sibling_grassroots
    assert not AuditEntry.objects.filter(action="unit.follow_merge").exists()
    assert UnionTally.objects.get(org=new_street).sub_units == 1
    assert UnionTally.objects.get(org=tree.sibling_street).sub_units == 1
    assert_exact(tree.province, tree.haizhu, new_street)
