"""Adoption statistics: the arithmetic, the ranking, the silent units, the period, the export."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from python_calamine import CalamineWorkbook

from gonghui.bulletin import actions, stats
from gonghui.bulletin.models import Submission
from gonghui.bulletin.tests.factories import make_submission
from gonghui.core.models import AuditEntry

MARCH = timezone.make_aware(dt.datetime(2013, 3, 15, 10, 0))


def item(org, bulletin, fate, when=MARCH, reviewer=None):
    sub = make_submission(org, bulletin, title=f"{org.name}{fate}", submit=fate != "draft")
    if fate in {"adopt", "decline"}:
        actions.submission_transition(actor=None, submission=sub, action=fate, section="各地动态")
    if fate == "return":
        actions.submission_transition(actor=None, submission=sub, action="return", comment="补充")
    Submission.objects.filter(pk=sub.pk).exclude(submitted_at=None).update(submitted_at=when)
    return sub


@pytest.fixture
def march(tree, bulletin):
    # 广州: 3 submitted (street, street, haizhu), 2 adopted; 深圳: 1 of 1; 省总 itself: 1 of 1;
    # a draft and an item of April do not count; 省海员工会 submitted nothing.
    item(tree.street, bulletin, "adopt")
    item(tree.street, bulletin, "decline")
    item(tree.haizhu, bulletin, "adopt")
    item(tree.luohu, bulletin, "adopt")
    item(tree.grassroots, bulletin, "draft")
    item(tree.sibling_street, bulletin, "adopt", when=timezone.make_aware(dt.datetime(2013, 4, 2)))
    return bulletin


def rows(report):
    return [(r.rank, r.name, r.submitted, r.adopted, r.rate) for r in report.rows]


def test_per_unit_figures_rank_and_silent_units(tree, personas, march):
    report = stats.adoption_report(actor=personas.province, org=tree.province, year=2013, month=3)
    assert rows(report) == [
        (1, "广州市总工会", 3, 2, Decimal("66.7")),
        (2, "深圳市总工会", 1, 1, Decimal("100.0")),
    ]
    assert [o.name for o in report.silent] == ["广东省海员工会"]
    assert (report.submitted, report.adopted, report.rate) == (4, 3, Decimal("75.0"))
    assert report.title == "广东省总工会2013年3月信息报送采用情况"


def test_a_unit_is_drilled_into_its_own_subordinates(tree, personas, march):
    report = stats.adoption_report(actor=personas.district, org=tree.haizhu, year=2013, month=3)
    # Equal adopted items: the higher rate ranks first.
    assert rows(report) == [
        (1, "广州市海珠区总工会（本级）", 1, 1, Decimal("100.0")),
        (2, "赤岗街道总工会", 2, 1, Decimal("50.0")),
    ]
    assert [o.name for o in report.silent] == ["新港街道总工会"]


def test_the_year_counts_every_month_and_shows_the_trend(tree, personas, march):
    report = stats.adoption_report(actor=personas.province, org=tree.province, year=2013)
    assert rows(report)[0] == (1, "广州市总工会", 4, 3, Decimal("75.0"))
    assert report.monthly[2] == (3, 4, 3) and report.monthly[3] == (4, 1, 1)
    assert sum(s for _m, s, _a in report.monthly) == 5


def test_equal_adopted_and_rate_share_a_rank():
    rows_ = [stats.UnitRow("甲", None, 2, 1), stats.UnitRow("乙", None, 4, 2), stats.UnitRow("丙", None, 2, 1),
             stats.UnitRow("丁", None, 1, 0)]  # fmt: skip
    ranked = stats._rank(rows_)
    assert [(r.name, r.rank) for r in ranked] == [("乙", 1), ("丙", 2), ("甲", 2), ("丁", 4)]
    assert stats.adoption_rate(2, 3) == Decimal("66.7") and stats.adoption_rate(0, 0) is None
    assert stats.adoption_rate(1, 8) == Decimal("12.5")


def test_a_month_is_a_month_in_china(tree, personas, bulletin):
    # 2013-03-31 17:30 UTC is 1 April 01:30 in Guangdong.
    item(tree.street, bulletin, "adopt", when=dt.datetime(2013, 3, 31, 17, 30, tzinfo=dt.UTC))
    march = stats.adoption_report(actor=personas.province, org=tree.province, year=2013, month=3)
    april = stats.adoption_report(actor=personas.province, org=tree.province, year=2013, month=4)
    assert (march.submitted, april.submitted) == (0, 1)
    december = stats.adoption_report(actor=personas.province, org=tree.province, year=2013, month=12)
    assert december.submitted == 0  # the bounds of December reach into the next year


def test_the_report_is_scoped(tree, personas, march):
    with pytest.raises(PermissionDenied):
        stats.adoption_report(actor=personas.street, org=tree.haizhu, year=2013, month=3)


def test_the_xlsx_export_has_the_watermark_and_the_figures_and_is_audited(tree, personas, march):
    report = stats.adoption_report(actor=personas.province, org=tree.province, year=2013, month=3)
    data = actions.adoption_report_export(actor=personas.province, report=report)
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert sheet[0][0].startswith(f"导出人：{personas.province.display_name}") and "导出时间：" in sheet[0][0]
    assert sheet[1][0] == "广东省总工会2013年3月信息报送采用情况"
    assert sheet[3][:5] == ["排名", "单位", "报送（篇）", "采用（篇）", "采用率（%）"]
    assert sheet[4][:5] == [1, "广州市总工会", 3, 2, 66.7]
    assert sheet[6][1:4] == ["合计", 4, 3]
    assert sheet[8][0] == "未报送单位（1 个）" and sheet[9][1] == "广东省海员工会"
    entry = AuditEntry.objects.get(action="bulletin.stats.export")
    assert entry.org == tree.province and entry.actor == personas.province


def test_the_chart_follows_the_ranking(tree, personas, march):
    report = stats.adoption_report(actor=personas.province, org=tree.province, year=2013, month=3)
    chart = stats.report_chart(report)
    assert chart["xAxis"]["data"] == ["广州市总工会", "深圳市总工会"]
    assert [s["data"] for s in chart["series"]] == [[3, 1], [2, 1]]
