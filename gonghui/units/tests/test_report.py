"""The "两个普遍" arithmetic on the hand-made register (tests/conftest.py), figure by figure."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from gonghui.orgs.actions import org_dissolve, org_move
from gonghui.units import actions, selectors
from gonghui.units.report import Figures, rate, report_chart, two_universal_report

from .conftest import ON


def rows_by_name(report):
    return {r.label: r for r in report.rows}


def test_haizhu_on_2013_06_30_figure_by_figure(tree, personas, register):
    report = two_universal_report(actor=personas.district, org=tree.haizhu, on=ON)
    rows = rows_by_name(report)
    assert list(rows) == ["广州市海珠区总工会（本级）", "赤岗街道总工会", "新港街道总工会"]
    own = rows["广州市海珠区总工会（本级）"].figures
    assert (own.units, own.should, own.built, own.employees, own.covered_employees) == (1, 1, 0, 26, 0)
    street = rows["赤岗街道总工会"].figures
    # 5 units; 甲 100, 乙 30, 丁 50 reach 25; of them 甲 and 乙 have a union.
    assert (street.units, street.should, street.built) == (5, 3, 2)
    assert street.union_rate == Decimal("66.67")
    assert (street.employees, street.women, street.migrants) == (210, 70, 65)
    # Members are counted among the employees of every covered unit, small ones too: 甲+乙+丙.
    assert street.covered_employees == 140
    # The regional contract covers 甲, 乙, 丁 (100 + 30 + 50 employees).
    assert (street.contract_units, street.contract_employees) == (3, 180)
    assert street.contract_unit_rate == Decimal("60.00")
    assert street.contract_worker_rate == Decimal("85.71")
    sibling = rows["新港街道总工会"].figures
    assert (sibling.units, sibling.should, sibling.built, sibling.union_rate) == (2, 2, 1, Decimal("50.00"))
    assert (sibling.employees, sibling.covered_employees) == (240, 200)
    assert (sibling.contract_units, sibling.contract_employees) == (0, 0)  # expired on 2013-05-31
    total = report.total
    assert (total.units, total.should, total.built, total.union_rate) == (8, 6, 3, Decimal("50.00"))
    assert (total.employees, total.covered_employees) == (476, 340)
    assert (total.contract_units, total.contract_unit_rate) == (3, Decimal("37.50"))
    assert (total.contract_employees, total.contract_worker_rate) == (180, Decimal("37.82"))
    assert not report.historical
    # No member in this register: 入会率 is 0 with the member register, "—" without it.
    assert (total.members, total.membership_rate) in {(0, Decimal("0.00")), (None, None)}


def test_without_the_member_register_no_membership_rate_is_shown(tree, personas, register, monkeypatch):
    from gonghui.units import report as report_module

    monkeypatch.setattr(report_module, "member_counts_provider", lambda: None)
    report = two_universal_report(actor=personas.district, org=tree.haizhu, on=ON)
    assert not report.members_counted
    assert report.total.members is None and report.total.membership_rate is None
    assert "入会率" not in [s["name"] for s in report_chart(report)["series"]]


def test_a_contract_is_in_force_on_its_expiry_day(tree, personas, register):
    report = two_universal_report(actor=personas.district, org=tree.haizhu, on=dt.date(2013, 5, 31))
    sibling = rows_by_name(report)["新港街道总工会"].figures
    assert (sibling.contract_units, sibling.contract_employees) == (1, 200)
    before = two_universal_report(actor=personas.district, org=tree.haizhu, on=dt.date(2012, 12, 31))
    street = rows_by_name(before)["赤岗街道总工会"].figures
    assert street.contract_units == 0  # the regional contract is signed on 2013-01-01


def test_drill_down_from_province_to_the_grassroots(tree, personas, register):
    province = two_universal_report(actor=personas.province, org=tree.province, on=ON)
    rows = rows_by_name(province)
    assert list(rows) == ["广州市总工会", "深圳市总工会", "广东省海员工会"]
    assert rows["广州市总工会"].has_children and rows["广州市总工会"].figures.units == 8
    shenzhen = rows["深圳市总工会"].figures
    assert (shenzhen.units, shenzhen.should, shenzhen.built, shenzhen.union_rate) == (
        1,
        1,
        0,
        Decimal("0.00"),
    )
    assert rows["广东省海员工会"].figures.units == 0 and rows["广东省海员工会"].figures.union_rate is None
    assert (province.total.units, province.total.should, province.total.built) == (9, 7, 3)
    assert province.total.union_rate == Decimal("42.86")
    city = two_universal_report(actor=personas.province, org=tree.guangzhou, on=ON)
    assert [r.label for r in city.rows] == ["广州市海珠区总工会"]
    street = two_universal_report(actor=personas.province, org=tree.street, on=ON)
    rows = rows_by_name(street)
    assert list(rows) == ["赤岗街道总工会（本级）", "赤岗街道联合工会"]
    assert (rows["赤岗街道总工会（本级）"].figures.units, rows["赤岗街道总工会（本级）"].figures.built) == (
        2,
        0,
    )
    joint = rows["赤岗街道联合工会"].figures
    assert (joint.units, joint.should, joint.built, joint.covered_employees) == (3, 2, 2, 140)
    assert not rows["赤岗街道联合工会"].has_children


def test_the_threshold_is_a_parameter(tree, personas, register):
    report = two_universal_report(actor=personas.district, org=tree.haizhu, on=ON, threshold=50)
    street = rows_by_name(report)["赤岗街道总工会"].figures
    assert (street.should, street.built, street.union_rate) == (2, 1, Decimal("50.00"))  # 甲 and 丁
    report = two_universal_report(actor=personas.district, org=tree.haizhu, on=ON, threshold=10)
    street = rows_by_name(report)["赤岗街道总工会"].figures
    assert (street.should, street.built) == (5, 3)


def test_dated_history_head_counts_unions_and_closures(tree, personas, register):
    later = dt.date(2014, 6, 30)
    actions.unit_update(
        actor=personas.street, unit=register.yi, on=dt.date(2014, 1, 1), employees=20, women=10
    )
    actions.unit_update(
        actor=personas.street, unit=register.ding, on=dt.date(2014, 3, 1), covering_org=tree.grassroots
    )
    actions.unit_close(actor=personas.street, unit=register.wu, on=dt.date(2014, 2, 1), reason="歇业")
    street = rows_by_name(two_universal_report(actor=personas.street, org=tree.street, on=later))
    joint = street["赤岗街道联合工会"].figures
    # 乙 fell to 20 (below 25) but stays covered; 丁 joined the joint union, so it hangs there now.
    assert (joint.units, joint.should, joint.built, joint.employees) == (4, 2, 2, 180)
    assert "赤岗街道总工会（本级）" not in street  # 戊 closed, 丁 moved to the joint union: no own row
    # The same report on the earlier date is unchanged.
    before = rows_by_name(two_universal_report(actor=personas.street, org=tree.street, on=ON))
    assert before["赤岗街道联合工会"].figures.units == 3
    assert before["赤岗街道总工会（本级）"].figures.units == 2


def test_a_dissolved_union_covers_nobody_after_its_dissolution(tree, personas, register):
    org_dissolve(
        actor=personas.sibling, org=tree.sibling_grassroots, reason="企业搬迁", on=dt.date(2014, 1, 1)
    )
    after = rows_by_name(
        two_universal_report(actor=personas.district, org=tree.haizhu, on=dt.date(2014, 6, 30))
    )
    assert after["新港街道总工会"].figures.built == 0
    assert after["新港街道总工会"].figures.units == 2  # still in the subtree, now without a union
    before = rows_by_name(two_universal_report(actor=personas.district, org=tree.haizhu, on=ON))
    assert before["新港街道总工会"].figures.built == 1


def test_a_past_date_follows_the_tree_of_that_date(tree, personas, register):
    org_move(actor=personas.province, org=tree.street, new_parent=tree.luohu, on=dt.date(2014, 1, 1))
    old = two_universal_report(actor=personas.province, org=tree.haizhu, on=ON)
    assert old.historical
    assert rows_by_name(old)["赤岗街道总工会"].figures.units == 5
    assert old.total.units == 8
    luohu_then = two_universal_report(actor=personas.province, org=tree.luohu, on=ON)
    assert luohu_then.total.units == 1 and [r.label for r in luohu_then.rows] == [
        "深圳市罗湖区总工会（本级）"
    ]
    luohu_now = two_universal_report(actor=personas.province, org=tree.luohu, on=dt.date(2014, 6, 30))
    assert not luohu_now.historical
    assert rows_by_name(luohu_now)["赤岗街道总工会"].figures.units == 5
    assert luohu_now.total.units == 6


def test_a_past_report_shows_only_what_the_viewer_may_see_today(tree, personas, register):
    # 新港 moves to 深圳 in 2014: the 海珠 clerk's 2013 report no longer includes it.
    org_move(actor=personas.province, org=tree.sibling_street, new_parent=tree.luohu, on=dt.date(2014, 1, 1))
    report = two_universal_report(actor=personas.district, org=tree.haizhu, on=ON)
    assert report.historical
    assert "新港街道总工会" not in rows_by_name(report)
    assert report.total.units == 6


def test_members_come_from_the_member_register(tree, personas, register, monkeypatch):
    per_union = {tree.grassroots.pk: 120, tree.sibling_grassroots.pk: 150}
    paths = {o.pk: o.path for o in tree.all()}

    def counts(*, org_ids, on):
        return {i: sum(n for g, n in per_union.items() if paths[g].startswith(paths[i])) for i in org_ids}

    monkeypatch.setattr(selectors, "member_counts_provider", lambda: counts)
    from gonghui.units import report as report_module

    monkeypatch.setattr(report_module, "member_counts_provider", lambda: counts)
    report = two_universal_report(actor=personas.district, org=tree.haizhu, on=ON)
    rows = rows_by_name(report)
    assert rows["赤岗街道总工会"].figures.members == 120
    assert rows["赤岗街道总工会"].figures.membership_rate == Decimal("85.71")  # 120 / 140
    assert rows["新港街道总工会"].figures.membership_rate == Decimal("75.00")  # 150 / 200
    assert rows["广州市海珠区总工会（本级）"].figures.members == 0
    assert report.total.members == 270 and report.total.membership_rate == Decimal("79.41")  # 270 / 340
    chart = report_chart(report)
    assert [s["name"] for s in chart["series"]][:2] == ["建会率", "入会率"]


def test_street_officer_cannot_report_on_the_sibling_street(tree, personas, register):
    with pytest.raises(PermissionDenied):
        two_universal_report(actor=personas.street, org=tree.sibling_street, on=ON)
    with pytest.raises(PermissionDenied):
        two_universal_report(actor=personas.member, org=tree.grassroots, on=ON)


def test_rates_round_half_up_and_never_divide_by_zero():
    assert rate(2, 3) == Decimal("66.67") and rate(1, 8) == Decimal("12.50") and rate(1, 0) is None
    assert (
        rate(1, 200) == Decimal("0.50")
        and rate(1, 400) == Decimal("0.25")
        and rate(1, 800) == Decimal("0.13")
    )
    f = Figures(units=2, should=0)
    assert f.union_rate is None and f.contract_unit_rate == Decimal("0.00")


def test_chart_is_data_only(tree, personas, register):
    chart = report_chart(two_universal_report(actor=personas.district, org=tree.haizhu, on=ON))
    assert chart["xAxis"]["data"] == ["广州市海珠区总工会（本级）", "赤岗街道总工会", "新港街道总工会"]
    assert chart["series"][0]["data"] == [0.0, 66.67, 50.0]
    assert chart["series"][-1] == {"name": "应建会单位数", "type": "line", "yAxisIndex": 1, "data": [1, 3, 2]}


def test_chart_of_a_crowded_level_shows_the_biggest(tree):
    from gonghui.units.report import CHART_ROWS, ReportRow, TwoUniversalReport

    rows = [
        ReportRow(label=f"工会{i}", org=tree.street, own=False, figures=Figures(units=i, should=i))
        for i in range(60)
    ]
    report = TwoUniversalReport(subject=tree.street, on=ON, threshold=25, rows=rows, total=Figures(),
                                historical=False, members_counted=False)  # fmt: skip
    chart = report_chart(report)
    assert len(chart["xAxis"]["data"]) == CHART_ROWS == 40
    assert chart["xAxis"]["data"][0] == "工会20" and chart["title"]["text"] == "应建会单位最多的40个"
