"""The pages: forms, bad input in Chinese (422, nothing changes), exports, scope across branches."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from python_calamine import CalamineWorkbook

from gonghui.core.models import AuditEntry
from gonghui.meetings import actions
from gonghui.meetings.models import Committee, Election, Meeting, PassOn, Seat

from .factories import make_committee, make_election, make_meeting

HELD = dt.date(2013, 3, 25)


def test_committee_pages_and_roster_at_a_date(tree, personas, committee, login):
    client = login(personas.city)
    seat = committee.seats.filter(post="member").first()
    actions.seat_end(actor=personas.city, seat=seat, on=dt.date(2013, 6, 1), why="transferred")
    page = client.get(f"/meetings/committees/?within={tree.guangzhou.pk}").content.decode()
    assert "广州市总工会第十七届委员会" in page
    then = client.get(f"/meetings/committees/{committee.pk}/", {"on": "2013-05-31"}).content.decode()
    now = client.get(f"/meetings/committees/{committee.pk}/", {"on": "2013-06-01"}).content.decode()
    assert "2013年5月31日的名单（12人）" in then and "2013年6月1日的名单（11人）" in now
    assert "2013-06-01 调离" in now


def test_registering_a_roster_by_lines(tree, personas, committee, login):
    client = login(personas.city)
    r = client.post(f"/meetings/committees/{committee.pk}/seats/",
                    {"on": "2013-01-05", "people": "周志坚 副主席 市总工会\n林小元 委员"})  # fmt: skip
    assert r.status_code == 302
    assert Seat.objects.get(name="周志坚").post == "vice_chair"
    r = client.post(f"/meetings/committees/{committee.pk}/seats/",
                    {"on": "2013-01-05", "people": "甲 委员\n乙 主席"})  # fmt: skip
    assert r.status_code == 422 and "第2行（乙）" in r.content.decode()
    assert not Seat.objects.filter(name="甲").exists()
    # A member number mistyped, or of a member the officer may not see: said on the form.
    r = client.post(f"/meetings/committees/{committee.pk}/seats/",
                    {"on": "2013-01-05", "people": "丙 委员\n丁 委员 #99999999"})  # fmt: skip
    assert r.status_code == 422 and "丁：会员编号#99999999不存在" in r.content.decode()
    assert not Seat.objects.filter(name="丙").exists()


def test_committee_create_refuses_bad_input_in_chinese(tree, personas, login):
    client = login(personas.street)
    r = client.post(f"/meetings/committees/new/?org={tree.street.pk}",
                    {"kind": "committee", "term": "3", "starts_on": "2013-01-01", "ends_on": "2012-01-01"})  # fmt: skip
    assert r.status_code == 422 and "届满日期应晚于起始日期" in r.content.decode()
    assert not Committee.objects.exists()
    r = client.post(f"/meetings/committees/new/?org={tree.street.pk}",
                    {"kind": "committee", "term": "3", "starts_on": "2013-01-01"})  # fmt: skip
    assert r.status_code == 302 and Committee.objects.get().org == tree.street


def test_meeting_pages_from_create_to_minutes(tree, personas, committee, login):
    client = login(personas.city)
    r = client.post(f"/meetings/new/?org={tree.guangzhou.pk}",
                    {"kind": "plenary", "held_on": "2013-03-25", "enlarged": "on", "place": "广州市工人文化宫"})  # fmt: skip
    assert r.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.name == "广州市总工会十七届一次全委（扩大）会议"
    r = client.post(f"/meetings/{meeting.pk}/agenda/", {"kind": "work_report", "title": "工作报告",
                                                        "speaker": "赵小穗", "speaker_post": "市总工会主席",
                                                        "outcome": "adopted"})  # fmt: skip
    assert r.status_code == 302
    rows = list(meeting.attendance.filter(role="member").order_by("id"))
    data = {f"present_{a.pk}": "on" for a in rows[1:]} | {
        f"note_{rows[0].pk}": "病假",
        "guests": "周志坚 副主席",
    }
    assert client.post(f"/meetings/{meeting.pk}/attendance/", data).status_code == 302
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "应到12人，实到11人" in page and "病假" in page and "周志坚" in page
    assert client.post(f"/meetings/{meeting.pk}/status/", {"step": "record"}).status_code == 302
    r = client.get(f"/meetings/{meeting.pk}/minutes/")
    assert r["X-Content-Type-Options"] == "nosniff"
    text = "\n".join(p.text for p in Document(io.BytesIO(b"".join(r.streaming_content))).paragraphs)
    assert (
        meeting.name in text
        and "应到12人，实到11人" in text
        and "市总工会主席赵小穗作工作报告（审议通过）" in text
    )
    assert AuditEntry.objects.filter(action="meetings.minutes.export", actor=personas.city).exists()


def test_a_meeting_with_a_bad_date_is_refused_and_nothing_is_written(tree, personas, committee, login):
    client = login(personas.city)
    r = client.post(f"/meetings/new/?org={tree.guangzhou.pk}", {"kind": "plenary", "held_on": "2009-01-01"})
    assert r.status_code == 422 and "尚未登记2009年1月1日在任的委员会" in r.content.decode()
    r = client.post(f"/meetings/new/?org={tree.guangzhou.pk}", {"kind": "plenary", "held_on": "不是日期"})
    assert r.status_code == 422
    assert not Meeting.objects.exists()


def test_an_election_refused_by_the_rules_shows_the_reason_and_changes_nothing(
    tree, personas, committee, login
):
    meeting = make_meeting(tree.guangzhou, held_on=HELD, absent=5, record=True)  # 7 of 12
    election = make_election(meeting, ["甲候选人"], kind="add")
    cand = election.candidates.get()
    client = login(personas.city)
    r = client.post(f"/meetings/elections/{election.pk}/", {
        "ballots_issued": "7", "ballots_returned": "7", "ballots_valid": "7", f"votes_{cand.pk}": "7", "confirm": "1",
    })  # fmt: skip
    assert r.status_code == 422
    assert "不足应到会委员12人的三分之二（至少需8人），不能进行选举" in r.content.decode()
    election.refresh_from_db()
    assert election.status == "draft" and election.ballots_issued is None
    assert not Seat.objects.filter(name="甲候选人").exists()


def test_roster_export_is_watermarked_and_audited(tree, personas, committee, login):
    r = login(personas.district).get(f"/meetings/committees/{committee.pk}/export/", {"on": "2013-01-01"})
    assert r.status_code == 403  # a district clerk is below the city: not its committee
    r = login(personas.province).get(f"/meetings/committees/{committee.pk}/export/", {"on": "2013-01-01"})
    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(b"".join(r.streaming_content)))
        .get_sheet_by_index(0)
        .to_python()
    )
    assert rows[0][0].startswith("导出人：province_user")
    assert rows[2][1:3] == ["赵小穗", "主席"] and len(rows) == 2 + 12
    assert AuditEntry.objects.filter(action="meetings.roster.export", org=tree.guangzhou).count() == 1


def test_officers_of_other_branches_are_refused(tree, personas, login):
    make_committee(tree.street, members=4, chair="林主席", starts_on=dt.date(2012, 1, 1))
    meeting = make_meeting(tree.street, held_on=HELD, record=True)
    election = make_election(meeting, ["甲候选人"], kind="add")
    client = login(personas.sibling)
    for url in (f"/meetings/{meeting.pk}/", f"/meetings/{meeting.pk}/minutes/", f"/meetings/elections/{election.pk}/",
                f"/meetings/committees/{meeting.committee_id}/", f"/meetings/?within={tree.street.pk}"):  # fmt: skip
        assert client.get(url).status_code == 403, url
    assert client.post(f"/meetings/{meeting.pk}/status/", {"step": "reopen"}).status_code == 403
    assert "赤岗街道总工会" not in client.get("/meetings/").content.decode()
    own = login(personas.street).get("/meetings/").content.decode()
    assert meeting.name in own
    # the district above sees it, the member below does not
    assert login(personas.district).get(f"/meetings/{meeting.pk}/").status_code == 200
    assert login(personas.member).get(f"/meetings/{meeting.pk}/").status_code == 403
    assert Election.objects.get().status == "draft"


@pytest.fixture
def sent_down(tree, personas):
    make_committee(tree.province, term=12, starts_on=dt.date(2008, 5, 22), members=6, chair="邓维龙")
    plenary = make_meeting(tree.province, held_on=dt.date(2013, 3, 21), sequence=6, record=True)
    actions.passon_require(actor=personas.province, meeting=plenary, depth=2)
    return plenary


def test_passing_on_from_the_task_list_to_the_report(tree, personas, sent_down, login):
    client = login(personas.city)
    page = client.get("/meetings/passon/").content.decode()
    assert "广东省总工会十二届六次全委会议" in page and "未传达" in page
    task = PassOn.objects.get(meeting=sent_down, org=tree.guangzhou)
    r = client.post(f"/meetings/passon/{task.pk}/", {"on": "2013-03-20", "how": "study"})
    assert r.status_code == 422 and "传达日期不能早于会议日期" in r.content.decode()
    r = client.post(
        f"/meetings/passon/{task.pk}/", {"on": "2013-03-25", "how": "study", "note": "党组中心组学习"}
    )
    assert r.status_code == 302
    # the city cannot open the province's meeting, but sees its own subtree's progress
    assert client.get(f"/meetings/{sent_down.pk}/passon/").status_code == 403
    sub = client.get(f"/meetings/passon/{task.pk}/report/").content.decode()
    assert "广州市海珠区总工会" in sub and "深圳市" not in sub
    top = login(personas.province).get(f"/meetings/{sent_down.pk}/passon/").content.decode()
    assert "广州市总工会" in top and "深圳市总工会" in top and 'data-chart="passon-chart"' in top
    r = login(personas.city).get(
        f"/meetings/passon/{PassOn.objects.get(meeting=sent_down, org=tree.shenzhen).pk}/"
    )
    assert r.status_code == 403


def test_passon_export_for_a_subtree(tree, personas, sent_down, login):
    r = login(personas.province).get(f"/meetings/{sent_down.pk}/passon/export/", {"org": tree.guangzhou.pk})
    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(b"".join(r.streaming_content)))
        .get_sheet_by_index(0)
        .to_python()
    )
    assert [row[0] for row in rows[2:]] == ["广州市总工会", "广州市海珠区总工会"]
    assert AuditEntry.objects.filter(action="meetings.passon.export").count() == 1


def test_facts_page_turns_an_accepted_fact_into_a_draft(tree, personas, login):
    from gonghui.bulletin import actions as bulletin_actions
    from gonghui.bulletin.models import FactSuggestion
    from gonghui.bulletin.tests.factories import make_bulletin

    from .actions.test_meeting_draft_from_fact import SEED, accept

    bulletin = make_bulletin(tree.province)
    bulletin_actions.issue_import(actor=None, bulletin=bulletin, number=3, date=dt.date(2013, 3, 31),
                                  data=SEED.read_text(encoding="utf-8"))  # fmt: skip
    gz = FactSuggestion.objects.get(kind="meeting", matched_org=tree.guangzhou)
    client = login(personas.city)
    assert "没有可转入的会议信息" in client.get("/meetings/facts/").content.decode()
    accept(personas.province, gz)
    page = client.get("/meetings/facts/").content.decode()
    assert "十七届二次常委（扩大）会议" in page
    r = client.post(f"/meetings/facts/{gz.pk}/draft/")
    assert r.status_code == 422  # no standing committee yet: told why, on the facts page
    assert (
        "尚未登记第十七届常务委员会" in r.content.decode()
        and "十七届二次常委（扩大）会议" in r.content.decode()
    )
    assert not Meeting.objects.exists()
    make_committee(tree.guangzhou, kind="standing", term=17, starts_on=dt.date(2012, 11, 28), members=6)
    r = client.post(f"/meetings/facts/{gz.pk}/draft/")
    meeting = Meeting.objects.get()
    assert r.url == f"/meetings/{meeting.pk}/" and meeting.source_fact == gz
    assert "据工作简报建立" in client.get(r.url).content.decode()
    assert login(personas.street).post(f"/meetings/facts/{gz.pk}/draft/").status_code == 403


def test_rules_page_is_for_administrators(tree, personas, login):
    assert login(personas.district).get("/meetings/rules/").status_code == 403  # a clerk may not set rules
    client = login(personas.city)
    r = client.post(
        f"/meetings/rules/?org={tree.guangzhou.pk}", {"quorum": "三分之二", "majority_basis": "present"}
    )
    assert r.status_code == 422 and "请写成分数" in r.content.decode()
    r = client.post(
        f"/meetings/rules/?org={tree.guangzhou.pk}", {"quorum": "3/4", "majority_basis": "present"}
    )
    assert r.status_code == 302
    page = client.get(f"/meetings/committees/?within={tree.guangzhou.pk}").content.decode()
    assert "出席人数不少于应到会人数的3/4；赞成票超过实到会人数的半数（本会设定）" in page
