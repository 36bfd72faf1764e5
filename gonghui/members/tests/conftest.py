"""Members made through the real actions, and small ledger files."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from gonghui.kernel.codes import id_number_make
from gonghui.members.actions import member_apply, member_approve
from gonghui.members.models import Member
from gonghui.members.selectors import member_counts_direct
from gonghui.members.testing import LEDGER_HEADERS, write_xlsx
from gonghui.orgs.models import Org
from gonghui.units.models import TallyState, UnionTally

_seq = itertools.count(1)


def new_id(division: str = "440105", born: dt.date = dt.date(1985, 6, 1)) -> str:
    n = next(_seq)
    return id_number_make(division, born + dt.timedelta(days=n // 1000), n % 1000)


def make_member(org: Org, name: str = "张三", id_number: str | None = None, **values: Any) -> Member:
    """An approved member, made as a union would: application, then approval."""
    member = member_apply(actor=None, org=org, name=name, id_number=id_number or new_id(), **values)
    return member_approve(actor=None, member=member, on=dt.date(2020, 3, 1))


def ledger_row(name: str = "李四", id_number: str | None = None, **cells: Any) -> list[Any]:
    """One row in LEDGER_HEADERS order; keyword cells by header (e.g. 入会日期="2015-03-01")."""
    row: dict[str, Any] = dict.fromkeys(LEDGER_HEADERS, "")
    row.update({"姓名": name, "身份证号码": id_number or new_id(), "手机号码": "13800138000", "民族": "汉族",
                "学历": "大学本科", "政治面貌": "群众", "就业状态": "在岗", "户口类型": "农业", "是否农民工": "是",
                "工作单位": "广州某电子有限公司", "入会日期": "2015-03-01"})  # fmt: skip
    row.update(cells)
    return [row[h] for h in LEDGER_HEADERS]


@pytest.fixture
def ledger(tmp_path: Path):  # type: ignore[no-untyped-def]
    def _write(rows: Sequence[Sequence[Any]], *, name: str = "会员花名册.xlsx", title: str | None = "XX工会会员花名册",
               headers: Sequence[str] = LEDGER_HEADERS) -> Path:  # fmt: skip
        return write_xlsx(tmp_path / name, rows, title=title, headers=headers)

    return _write


@pytest.fixture
def officers(tree, personas):  # type: ignore[no-untyped-def]
    """The shared personas, and two whose role matters here: the grassroots union's approver
    (decides joins and transfers, keeps no records) and a read-only viewer at the street."""
    from gonghui.conftest import make_user

    return [
        *personas.items(),
        ("approver", make_user("approver_user", tree.grassroots, "approver")),
        ("viewer", make_user("viewer_user", tree.street, "viewer")),
    ]


def kept_counts() -> dict[int, tuple[int, int]]:
    """Each union's members, its own and its subtree's, as the tallies keep them."""
    rows = UnionTally.objects.values_list("org_id", "members", "sub_members")
    return {org_id: (own, sub) for org_id, own, sub in rows if own or sub}


def recounted() -> dict[int, tuple[int, int]]:
    """The same, counted from the register now and summed over today's tree."""
    direct = member_counts_direct(org_ids=None, on=TallyState.objects.get().as_of)
    paths = dict(Org.objects.values_list("pk", "path"))
    out = {}
    for pk, path in paths.items():
        own = direct.get(pk, 0)
        sub = sum(n for other, n in direct.items() if paths[other].startswith(path))
        if own or sub:
            out[pk] = (own, sub)
    return out
