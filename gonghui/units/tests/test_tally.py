"""The per-union tallies stay exact after every committed change, and the report read from them
equals the report computed from the register."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

import pytest
from django.utils import timezone

from gonghui.conftest import make_org, union_code
from gonghui.members import actions as member_actions
from gonghui.members.importing import run_import
from gonghui.members.testing import write_xlsx
from gonghui.members.tests.conftest import ledger_row, make_member, new_id
from gonghui.orgs.actions import org_dissolve, org_merge, org_move, org_split
from gonghui.orgs.models import Org
from gonghui.tests.concurrency import concurrent, race
from gonghui.units import actions
from gonghui.units.models import TallyState, UnionTally, Unit
from gonghui.units.report import default_threshold, two_universal_report
from gonghui.units.tally import (
    OWN,
    SUB,
    tally_compute,
    tally_figures,
    tally_fresh,
    tally_keep_fresh,
    tally_rebuild,
    tally_refresh,
)

from .factories import make_unit

NUMERALS = "一二三四五六七八九十"


def stored() -> dict[int, dict[str, int]]:
    """Each union's own figures and its subtree's, as kept."""
    return {
        row["org_id"]: {f: row[f] for f in OWN + SUB}
        for row in UnionTally.objects.values("org_id", *OWN, *SUB)
        if any(row[f] for f in OWN + SUB)
    }


def recounted() -> dict[int, dict[str, int]]:
    """The same, counted from the register now and summed over today's tree."""
    state = TallyState.objects.get()
    figures = tally_compute(on=state.as_of, threshold=state.threshold, org_ids=None)
    own = {pk: [int(getattr(v, f) or 0) for f in OWN] for pk, v in figures.items()}
    paths = dict(Org.objects.values_list("pk", "path"))
    out: dict[int, dict[str, int]] = {}
    for pk, path in paths.items():
        sub = [0] * len(OWN)
        for other, vector in own.items():
            if paths[other].startswith(path):
                sub = [a + b for a, b in zip(sub, vector, strict=True)]
        row = dict(zip(OWN, own.get(pk, [0] * len(OWN)), strict=True)) | dict(zip(SUB, sub, strict=True))
        if any(row.values()):
            out[pk] = row
    return out


def report_lines(org: Any) -> list[tuple[str, list[Any]]]:
    r = two_universal_report(actor=None, org=org)
    return [(row.label, [getattr(row.figures, f) for f in OWN]) for row in r.rows] + [
        ("合计", [getattr(r.total, f) for f in OWN])
    ]


def assert_exact(*orgs: Any) -> None:
    assert stored() == recounted()
    for org in orgs:
        from_tallies = report_lines(org)
        with mock.patch("gonghui.units.report.tally_fresh", return_value=False):
            from_register = report_lines(org)
        assert from_tallies == from_register, org.name


@pytest.fixture
def tallied(tree: Any) -> Any:
    """A small register on the persona tree, tallied today."""
    today = timezone.localdate()
    make_unit(tree.grassroots, "甲厂", 100, covering=tree.grassroots, on=dt.date(2020, 1, 1))
    make_unit(tree.street, "丁司", 50, on=dt.date(2020, 1, 1))
    make_unit(
        tree.sibling_grassroots, "新港甲厂", 200, covering=tree.sibling_grassroots, on=dt.date(2020, 1, 1)
    )
    for name in ("张一", "张二", "张三"):
        make_member(tree.grassroots, name)
    make_member(tree.sibling_grassroots, "李一")
    tally_rebuild(on=today)
    return tree


def test_a_rebuild_holds_what_the_register_says(tallied):
    assert tally_fresh(on=timezone.localdate(), threshold=default_threshold())
    assert stored() == recounted()
    own = UnionTally.objects.get(org=tallied.grassroots)
    assert (own.units, own.should, own.built, own.employees, own.members) == (1, 1, 1, 100, 3)
    haizhu = UnionTally.objects.get(org=tallied.haizhu)
    assert (haizhu.units, haizhu.sub_units, haizhu.sub_employees, haizhu.sub_members) == (0, 3, 350, 4)
    with mock.patch("gonghui.units.report.tally_figures", wraps=tally_figures) as from_tallies:
        report = two_universal_report(actor=None, org=tallied.province)
    from_tallies.assert_called_once()
    assert (report.total.units, report.total.members) == (3, 4)


def test_counts_stay_exact_after_every_kind_of_change(tallied, tmp_path):
    tree = tallied
    orgs = (tree.province, tree.guangzhou, tree.haizhu, tree.street)

    # A join: application, then approval.
    applied = member_actions.member_apply(actor=None, org=tree.grassroots, name="王五", id_number=new_id())
    assert_exact(*orgs)
    member_actions.member_approve(actor=None, member=applied)
    assert UnionTally.objects.get(org=tree.grassroots).members == 4
    assert_exact(*orgs)

    # A transfer to the sibling street's union: both sides consent.
    transfer = member_actions.transfer_request(actor=None, member=applied, to_org=tree.sibling_grassroots)
    member_actions.transfer_approve(actor=None, transfer=transfer, side="out")
    member_actions.transfer_approve(actor=None, transfer=transfer, side="in")
    assert UnionTally.objects.get(org=tree.sibling_grassroots).members == 2
    assert_exact(*orgs)

    # 保留会籍 still counts; leaving today does not.
    someone = tree.grassroots.members.filter(status="active").first()
    member_actions.member_retain(actor=None, member=someone)
    assert_exact(*orgs)
    member_actions.member_leave(actor=None, member=someone, reason="调离")
    assert UnionTally.objects.get(org=tree.grassroots).members == 2
    assert_exact(*orgs)

    # An import of a ledger.
    path = write_xlsx(tmp_path / "名册.xlsx", [ledger_row("赵一"), ledger_row("赵二")], title=None)
    result = run_import(actor=None, org=tree.grassroots, path=path)
    assert result.imported == 2
    assert UnionTally.objects.get(org=tree.grassroots).members == 4
    assert_exact(*orgs)

    # Units: a new one, head counts across the threshold, a union starting to cover it, closing.
    unit = make_unit(tree.street, "戊坊", 20, on=timezone.localdate())
    assert_exact(*orgs)
    unit = actions.unit_update(actor=None, unit=unit, employees=30)
    assert UnionTally.objects.get(org=tree.street).should == 2
    assert_exact(*orgs)
    unit = actions.unit_update(actor=None, unit=unit, covering_org=tree.grassroots)
    assert UnionTally.objects.get(org=tree.grassroots).built == 2
    assert_exact(*orgs)
    actions.unit_close(actor=None, unit=unit, reason="歇业")
    assert_exact(*orgs)

    # A contract signed today, then ended.
    jia = Unit.objects.get(name="甲厂")
    today = timezone.localdate()
    contract = actions.contract_create(
        actor=None, org=tree.grassroots, kind="single", title="甲厂集体合同", units=[jia],
        signed_on=today, expires_on=today.replace(year=today.year + 3), workers_covered=100,
    )  # fmt: skip
    assert UnionTally.objects.get(org=tree.grassroots).contract_units == 1
    assert_exact(*orgs)
    actions.contract_end(actor=None, contract=contract, reason="企业改制", on=today + dt.timedelta(days=1))
    assert_exact(*orgs)

    # Merging the sibling street's union into ours: its members and units follow.
    org_merge(actor=None, source=tree.sibling_grassroots, target=tree.grassroots, note="合并")
    assert not UnionTally.objects.filter(org=tree.sibling_grassroots).exclude(units=0, members=0).exists()
    assert_exact(*orgs)


def test_subtrees_that_move_take_their_figures_along(tallied):
    tree = tallied
    orgs = (tree.province, tree.guangzhou, tree.haizhu, tree.shenzhen, tree.luohu)
    # 赤岗街道 (with its union, units and members) moves from 海珠 to 罗湖.
    org_move(actor=None, org=tree.street, new_parent=tree.luohu)
    assert UnionTally.objects.get(org=tree.luohu).sub_members == 3
    assert UnionTally.objects.get(org=tree.haizhu).sub_members == 1
    assert_exact(*orgs)
    # 新港街道 splits: its community union goes to a new street union.
    new_street = org_split(actor=None, org=tree.sibling_street, new_name="新港二街道总工会",
                           children=[tree.sibling_grassroots], credit_code=union_code())  # fmt: skip
    assert UnionTally.objects.get(org=new_street).sub_employees == 200
    assert_exact(*orgs)
    # 罗湖 merges into 海珠: the street it received moves back under 海珠.
    org_merge(actor=None, source=tree.luohu, target=tree.haizhu)
    assert UnionTally.objects.get(org=tree.shenzhen).sub_members == 0
    assert_exact(*orgs)


def test_a_dissolved_union_no_longer_covers_its_units(tallied):
    tree = tallied
    covered = make_unit(tree.street, "己厂", 60, on=dt.date(2020, 1, 1))
    union = make_org(tree.street, "己厂工会", "grassroots", kind="enterprise")
    actions.unit_update(actor=None, unit=covered, covering_org=union, on=dt.date(2021, 1, 1))
    assert UnionTally.objects.get(org=union).built == 1
    org_dissolve(actor=None, org=union, reason="企业关闭", on=timezone.localdate())
    assert UnionTally.objects.get(org=union).built == 0
    assert_exact(tree.province, tree.street)


def test_nothing_is_kept_before_the_first_rebuild(tree):
    make_unit(tree.street, "丁司", 50, on=dt.date(2020, 1, 1))
    make_member(tree.grassroots)
    assert not UnionTally.objects.exists()
    assert not tally_fresh(on=timezone.localdate(), threshold=default_threshold())
    report = two_universal_report(actor=None, org=tree.haizhu)
    assert report.total.units == 1 and report.total.members == 1


def test_a_new_day_or_threshold_is_answered_from_the_register_and_rebuilt(tallied):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    TallyState.objects.update(as_of=yesterday)
    with mock.patch("gonghui.units.report.tally_figures") as from_tallies:
        report = two_universal_report(actor=None, org=tallied.province)
        other = two_universal_report(
            actor=None, org=tallied.province, on=yesterday + dt.timedelta(days=1), threshold=10
        )
    from_tallies.assert_not_called()
    assert report.total.members == 4 and other.total.members == 4
    # The worker's check asks for one rebuild, however often it runs.
    from gonghui.core.jobs import job_run_pending
    from gonghui.core.models import Job

    tally_keep_fresh()
    tally_keep_fresh()
    assert Job.objects.filter(kind="units.tally_rebuild").count() == 1
    job_run_pending()
    assert tally_fresh(on=timezone.localdate(), threshold=default_threshold())
    assert stored() == recounted()


def test_refreshing_an_untouched_union_changes_nothing(tallied):
    before = stored()
    tally_refresh(org_ids=[tallied.seamen.pk, tallied.luohu.pk])
    assert stored() == before


@concurrent
def test_concurrent_joins_into_one_union_lose_no_count(tree):
    """Forty approvals at once in the same union (and its ancestors' reports): each recount
    waits for the one before it and sees it."""
    members = [
        member_actions.member_apply(
            actor=None,
            org=tree.grassroots,
            name=f"王{NUMERALS[i % 10]}{'甲乙丙丁'[i // 10]}",
            id_number=new_id(),
        )
        for i in range(40)
    ]
    tally_rebuild()
    assert not UnionTally.objects.filter(org=tree.grassroots, members__gt=0).exists()
    outcomes = race([lambda m=m: member_actions.member_approve(actor=None, member=m) for m in members])
    assert outcomes == ["ok"] * len(members)
    assert UnionTally.objects.get(org=tree.grassroots).members == 40
    assert stored() == recounted()


def test_tally_columns_are_the_report_figures_in_order():
    from dataclasses import fields

    from gonghui.units.report import Figures

    assert tuple(f.name for f in fields(Figures)) == OWN
    assert tuple(f"sub_{name}" for name in OWN) == SUB


def test_the_rebuild_command_says_what_it_did(tallied):
    import io

    from django.core.management import CommandError, call_command

    out = io.StringIO()
    call_command("tally_rebuild", "--threshold", "10", stdout=out)
    assert "应建会标准 10 人" in out.getvalue()
    assert TallyState.objects.get().threshold == 10
    assert stored() == recounted()
    with pytest.raises(CommandError, match="无法识别"):
        call_command("tally_rebuild", "--on", "2026-13-01")
    assert TallyState.objects.get().threshold == 10
