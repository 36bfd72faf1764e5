"""Passing the province's plenary on: tasks down the tree, records by each union, the report."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from python_calamine import CalamineWorkbook

from gonghui.meetings import actions
from gonghui.meetings.models import PassOn
from gonghui.meetings.report import passon_chart, passon_report, passon_xlsx

from ..factories import make_committee, make_meeting

HELD = dt.date(2013, 3, 21)


@pytest.fixture
def plenary(tree, personas):
    make_committee(tree.province, term=12, starts_on=dt.date(2008, 5, 22), members=9, chair="邓维龙")
    return make_meeting(tree.province, held_on=HELD, sequence=6, enlarged=True, record=True)


def test_tasks_go_down_as_many_levels_as_asked(tree, personas, plenary):
    n = actions.passon_require(actor=personas.province, meeting=plenary, depth=2, due=dt.date(2013, 4, 15))
    orgs = set(PassOn.objects.filter(meeting=plenary).values_list("org__name", flat=True))
    assert orgs == {
        "广州市总工会",
        "深圳市总工会",
        "广东省海员工会",
        "广州市海珠区总工会",
        "深圳市罗湖区总工会",
    }
    assert n == 5
    with pytest.raises(ValidationError, match="已部署传达贯彻"):
        actions.passon_require(actor=personas.province, meeting=plenary, depth=1)


def test_only_the_meetings_union_sends_it_down(tree, personas, plenary):
    with pytest.raises(PermissionDenied):
        actions.passon_require(actor=personas.city, meeting=plenary, depth=1)
    assert not PassOn.objects.exists()


def test_each_union_records_its_own_and_the_report_counts_by_subtree(tree, personas, plenary):
    actions.passon_require(actor=personas.province, meeting=plenary, depth=3)
    tasks = {t.org.name: t for t in PassOn.objects.filter(meeting=plenary).select_related("org")}
    gz_meeting = actions.meeting_create(actor=personas.city, org=tree.guangzhou, kind="work",
                                        held_on=dt.date(2013, 3, 25), subject="全市工会工作会议")  # fmt: skip
    actions.passon_record(actor=personas.city, task=tasks["广州市总工会"], on=dt.date(2013, 3, 25), how="meeting",
                          via=gz_meeting)  # fmt: skip
    actions.passon_record(actor=personas.street, task=tasks["赤岗街道总工会"], on=dt.date(2013, 3, 27),
                          how="study", note="组织机关干部学习")  # fmt: skip

    top = passon_report(actor=personas.province, meeting=plenary, subject=tree.province)
    assert (top.expected, top.done) == (len(tasks), 2)
    gz = next(r for r in top.rows if r.org == tree.guangzhou)
    assert (gz.expected, gz.done, gz.task.status, gz.drill) == (4, 2, "done", True)
    assert str(top.rate) == f"{2 * 100 / len(tasks):.2f}"
    city = passon_report(actor=personas.city, meeting=plenary, subject=tree.guangzhou)
    assert [(r.org.name, r.expected, r.done) for r in city.rows] == [("广州市海珠区总工会", 3, 1)]
    chart = passon_chart(top)
    assert chart["series"][0]["name"] == "已传达" and sum(chart["series"][0]["data"]) == 2


def test_a_date_before_the_meeting_is_refused_and_nothing_recorded(tree, personas, plenary):
    actions.passon_require(actor=personas.province, meeting=plenary, depth=1)
    task = PassOn.objects.get(meeting=plenary, org=tree.guangzhou)
    with pytest.raises(ValidationError, match="传达日期不能早于会议日期（2013-03-21）"):
        actions.passon_record(actor=personas.city, task=task, on=dt.date(2013, 3, 20), how="study")
    with pytest.raises(ValidationError, match="请选择本会的会议记录或说明会议名称"):
        actions.passon_record(actor=personas.city, task=task, on=dt.date(2013, 3, 22), how="meeting")
    task.refresh_from_db()
    assert task.status == "pending" and task.on is None


def test_a_union_cannot_record_for_another(tree, personas, plenary):
    actions.passon_require(actor=personas.province, meeting=plenary, depth=1)
    task = PassOn.objects.get(meeting=plenary, org=tree.shenzhen)
    with pytest.raises(PermissionDenied):
        actions.passon_record(actor=personas.city, task=task, on=dt.date(2013, 3, 22), how="study")


def test_a_city_sees_only_its_subtree_in_the_report(tree, personas, plenary):
    actions.passon_require(actor=personas.province, meeting=plenary, depth=1)
    with pytest.raises(PermissionDenied):
        passon_report(actor=personas.city, meeting=plenary, subject=tree.province)


def test_the_xlsx_lists_every_union_with_a_watermark(tree, personas, plenary):
    actions.passon_require(actor=personas.province, meeting=plenary, depth=1)
    task = PassOn.objects.get(meeting=plenary, org=tree.guangzhou)
    actions.passon_record(actor=personas.city, task=task, on=dt.date(2013, 3, 25), how="study")
    data = passon_xlsx(actor=personas.province, meeting=plenary, subject=tree.province).read()
    rows = [
        tuple(r) for r in CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    ]
    assert rows[0][0].startswith("导出人：province_user")
    assert rows[1][:4] == ("工会", "层级", "上级工会", "状态")
    body = {r[0]: r for r in rows[2:]}
    assert body["广州市总工会"][3:6] == ("已传达", "2013-03-25", "组织专题学习")
    assert body["深圳市总工会"][3] == "未传达"
