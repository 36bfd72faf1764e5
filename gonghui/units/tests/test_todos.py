"""The workbench's to-dos: contracts to renew within 90 days, and units that should have a union
and have none (应建未建), counted in the ledgers the person keeps; each links to a list that shows
exactly what it counts."""

from __future__ import annotations

import datetime as dt

from gonghui.conftest import make_org, make_user
from gonghui.kernel import cleaning
from gonghui.kernel.registry import registry
from gonghui.orgs.actions import org_dissolve
from gonghui.units import actions
from gonghui.units.selectors import contracts_expiring_count, units_to_organise_count
from gonghui.units.tally import tally_rebuild

from .factories import make_contract, make_unit


def _todo(key):
    return next(t for t in registry.todos() if t.key == key)


def test_contracts_expiring_within_90_days_are_counted_where_the_person_may_register_the_next(
    tree, personas, register, login
):
    today = cleaning.today()
    soon = make_contract(
        tree.grassroots, [register.bing], title="丙铺集体合同（将到期）",
        signed_on=today - dt.timedelta(days=700), expires_on=today + dt.timedelta(days=30),
    )  # fmt: skip
    make_contract(
        tree.grassroots, [register.yi], title="乙店集体合同（尚早）",
        signed_on=today - dt.timedelta(days=100), expires_on=today + dt.timedelta(days=200),
    )  # fmt: skip
    ended = make_contract(
        tree.sibling_grassroots, [register.xg_jia], title="新港甲厂集体合同（已终止）",
        signed_on=today - dt.timedelta(days=700), expires_on=today + dt.timedelta(days=10),
    )  # fmt: skip
    actions.contract_end(actor=None, contract=ended, reason="企业改制", on=today)
    viewer = make_user("viewer_user", tree.haizhu, "viewer")
    counts = {name: contracts_expiring_count(user) for name, user in [*personas.items(), ("viewer", viewer)]}
    assert counts == {
        "province": 1, "city": 1, "district": 1, "street": 1, "grassroots": 1, "member": 0, "sibling": 0,
        "viewer": 0,
    }  # fmt: skip
    todo = _todo("units.contracts_expiring")
    page = login(personas.street).get(todo.url).content.decode()
    assert soon.title in page and "尚早" not in page and "已终止" not in page and "赤岗街道区域性" not in page


def test_units_to_organise_are_those_big_enough_without_an_active_union(tree, personas, register, login):
    # 赤岗: 丁司 (50) has no union; 甲厂, 乙店 are covered; 丙铺 (10), 戊坊 (20) are below 25.
    # 新港: 乙厂 (40) has none. The district's own ledger: 海珠直属单位 (26).
    union = make_org(tree.street, "赤岗庚厂工会", "grassroots", kind="enterprise")
    make_unit(tree.street, "赤岗庚厂", 60, covering=union)
    org_dissolve(actor=None, org=union, reason="企业关停", on=dt.date(2020, 1, 1))  # 庚厂 has none now
    expected = {"district": 4, "street": 2, "grassroots": 0, "sibling": 1, "member": 0, "province": 5}
    from_register = {name: units_to_organise_count(getattr(personas, name)) for name in expected}
    assert from_register == expected
    tally_rebuild()
    assert {name: units_to_organise_count(getattr(personas, name)) for name in expected} == expected
    # The tallies follow a change: 丁司 gets a union.
    actions.unit_update(actor=None, unit=register.ding, covering_org=tree.grassroots)
    assert units_to_organise_count(personas.street) == 1
    todo = _todo("units.to_organise")
    page = login(personas.district).get(todo.url).content.decode()
    names = ("赤岗庚厂", "新港乙厂", "海珠直属单位")
    assert all(n in page for n in names)
    assert not any(n in page for n in ("赤岗丁司", "赤岗甲厂", "赤岗丙铺", "赤岗戊坊", "罗湖甲公司"))
