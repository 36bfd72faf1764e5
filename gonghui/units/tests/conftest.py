"""A hand-made register on the persona tree (gonghui/conftest.py), figures worked out by hand.

广州市海珠区总工会         本级: 海珠直属单位 26 (no union)
├─ 赤岗街道总工会          本级: 丁司 50, 戊坊 20 (no union)
│  └─ 赤岗街道联合工会     甲厂 100, 乙店 30, 丙铺 10 (covered by the joint union)
└─ 新港街道总工会          本级: 新港乙厂 40 (no union)
   └─ 新港社区工会         新港甲厂 200
深圳市罗湖区总工会         本级: 罗湖甲公司 80 (no union)

Contracts: a 区域性 one by 赤岗街道 over 甲厂, 乙店, 丁司 (2013-01-01 – 2015-12-31); a single-unit
one for 新港甲厂 (2012-06-01 – 2013-05-31, so expired by mid-2013). All units exist from 2012-01-01.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from gonghui.conftest import Tree
from gonghui.units.models import CollectiveContract, ContractKind, Unit

from .factories import make_contract, make_unit

ON = dt.date(2013, 6, 30)


@dataclass
class Register:
    jia: Unit
    yi: Unit
    bing: Unit
    ding: Unit
    wu: Unit
    xg_jia: Unit
    xg_yi: Unit
    luohu: Unit
    haizhu: Unit
    regional: CollectiveContract
    single: CollectiveContract


def build_register(tree: Tree) -> Register:
    street, joint, sibling = tree.street, tree.grassroots, tree.sibling_street
    jia = make_unit(street, "赤岗甲厂", 100, covering=joint, women=40, migrants=60)
    yi = make_unit(street, "赤岗乙店", 30, covering=joint, women=10, migrants=5, industry="09")
    bing = make_unit(street, "赤岗丙铺", 10, covering=joint)
    ding = make_unit(street, "赤岗丁司", 50, women=20)
    wu = make_unit(street, "赤岗戊坊", 20)
    xg_jia = make_unit(sibling, "新港甲厂", 200, covering=tree.sibling_grassroots, women=100, migrants=150)
    xg_yi = make_unit(sibling, "新港乙厂", 40)
    luohu = make_unit(tree.luohu, "罗湖甲公司", 80, division="440303")
    haizhu = make_unit(tree.haizhu, "海珠直属单位", 26)
    regional = make_contract(
        street, [jia, yi, ding], kind=ContractKind.REGIONAL, title="赤岗街道区域性集体合同", workers=150
    )
    single = make_contract(
        tree.sibling_grassroots, [xg_jia], signed_on=dt.date(2012, 6, 1), expires_on=dt.date(2013, 5, 31)
    )
    return Register(jia, yi, bing, ding, wu, xg_jia, xg_yi, luohu, haizhu, regional, single)


@pytest.fixture(autouse=True)
def _test_database(request: pytest.FixtureRequest) -> None:
    """The test database is set up before any fixture here (the personas' `tree` included)
    touches the database; browser tests get theirs committed through `tree`."""
    if request.node.get_closest_marker("browser") is None:
        request.getfixturevalue("db")


@pytest.fixture
def register(tree: Tree) -> Register:
    return build_register(tree)


@pytest.fixture
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
