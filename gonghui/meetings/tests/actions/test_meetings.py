from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.core.models import AuditEntry
from gonghui.meetings import actions
from gonghui.meetings.models import Meeting
from gonghui.meetings.workflow import InvalidTransition

from ..factories import make_committee, make_meeting

HELD = dt.date(2013, 3, 25)


def test_the_name_is_formed_and_the_sequence_follows_on(tree, personas, committee):
    first = make_meeting(tree.guangzhou, held_on=dt.date(2013, 1, 10), enlarged=False, actor=personas.city)
    second = make_meeting(tree.guangzhou, held_on=HELD, enlarged=True, actor=personas.city)
    assert first.name == "广州市总工会十七届一次全委会议"
    assert second.name == "广州市总工会十七届二次全委（扩大）会议"
    assert (second.term, second.sequence, second.committee) == (17, 2, committee)


def test_a_taken_sequence_is_refused_and_nothing_is_written(tree, personas, committee):
    make_meeting(tree.guangzhou, held_on=HELD, sequence=2, enlarged=True)
    with pytest.raises(ValidationError, match="已有广州市总工会十七届二次全委（扩大）会议"):
        make_meeting(tree.guangzhou, held_on=HELD, sequence=2, enlarged=False)
    assert Meeting.objects.count() == 1


def test_expected_attendance_is_the_committee_on_that_day(tree, personas, committee):
    leaver = committee.seats.exclude(post="chair").first()
    actions.seat_end(actor=None, seat=leaver, on=dt.date(2013, 2, 1), why="resigned")
    meeting = make_meeting(tree.guangzhou, held_on=HELD)
    names = set(meeting.attendance.values_list("name", flat=True))
    assert len(names) == 11 and leaver.name not in names and "赵小穗" in names


def test_a_committee_meeting_needs_a_committee_serving_that_day(tree, personas):
    with pytest.raises(ValidationError, match="尚未登记2013年3月25日在任的委员会"):
        actions.meeting_create(actor=personas.street, org=tree.street, kind="plenary", held_on=HELD)
    assert not Meeting.objects.exists()


def test_a_meeting_cannot_be_recorded_in_the_future(tree, personas, committee):
    with pytest.raises(ValidationError, match="会议日期不能晚于今天"):
        actions.meeting_create(actor=personas.city, org=tree.guangzhou, kind="plenary",
                               held_on=dt.date.today() + dt.timedelta(days=3))  # fmt: skip


def test_other_meetings_are_named_by_their_subject(tree, personas):
    with pytest.raises(ValidationError, match="请填写会议名称"):
        actions.meeting_create(actor=personas.street, org=tree.street, kind="work", held_on=HELD)
    m = actions.meeting_create(actor=personas.street, org=tree.street, kind="study", held_on=HELD,
                               subject="学习省总十二届六次全委会议精神")  # fmt: skip
    assert m.name == "赤岗街道总工会学习省总十二届六次全委会议精神" and m.attendance.count() == 0


def test_attendance_agenda_and_record(tree, personas, committee):
    meeting = make_meeting(tree.guangzhou, held_on=HELD, actor=personas.city)
    absent = list(meeting.attendance.filter(role="member").order_by("id")[:2])
    actions.attendance_set(actor=personas.city, meeting=meeting, absent={a.pk for a in absent},
                           notes={absent[0].pk: "出差"}, guests=[("周志坚", "市总工会副主席")])  # fmt: skip
    assert meeting.attendance.filter(role="member", present=True).count() == 10
    assert meeting.attendance.get(pk=absent[0].pk).absence_note == "出差"
    with pytest.raises(ValidationError, match="请填写工作报告的报告人"):
        actions.agenda_add(actor=personas.city, meeting=meeting, kind="work_report", title="工作报告")
    actions.agenda_add(actor=personas.city, meeting=meeting, kind="budget", title="2013年经费收支预算",
                       outcome="adopted")  # fmt: skip
    actions.meeting_record(actor=personas.city, meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.status == "recorded"
    with pytest.raises(ValidationError, match="不能修改出席情况"):
        actions.attendance_set(actor=personas.city, meeting=meeting, absent=set())
    with pytest.raises(InvalidTransition, match="当前状态为「已记录」，不能确认记录"):
        actions.meeting_record(actor=personas.city, meeting=meeting)
    assert AuditEntry.objects.filter(action="meetings.meeting.record", org=tree.guangzhou).count() == 1


def test_documents_are_checked_before_they_are_kept(tree, personas, committee, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = make_meeting(tree.guangzhou, held_on=HELD)
    with pytest.raises(ValidationError, match="只能上传"):
        actions.document_add(actor=personas.city, meeting=meeting, title="x",
                             upload=SimpleUploadedFile("a.exe", b"MZ", content_type="application/octet-stream"))  # fmt: skip
    doc = actions.document_add(actor=personas.city, meeting=meeting, title="",
                               upload=SimpleUploadedFile("工作报告.pdf", b"%PDF-1.4", content_type="application/pdf"))  # fmt: skip
    assert doc.title == "工作报告" and meeting.documents.count() == 1


def test_a_street_officer_cannot_touch_the_citys_meeting(tree, personas, committee):
    meeting = make_meeting(tree.guangzhou, held_on=HELD)
    with pytest.raises(PermissionDenied):
        actions.meeting_record(actor=personas.street, meeting=meeting)
    with pytest.raises(PermissionDenied):
        actions.agenda_add(actor=personas.sibling, meeting=meeting, kind="other", title="越权")
    meeting.refresh_from_db()
    assert meeting.status == "draft" and not meeting.agenda.exists()


def test_changing_the_date_reads_the_committee_again(tree, personas):
    c = make_committee(tree.street, members=4, chair="林主席", starts_on=dt.date(2012, 1, 1))
    meeting = make_meeting(tree.street, held_on=dt.date(2013, 1, 10))
    newcomer = actions.seats_register(actor=None, committee=c, people=[actions.SeatIn("新人", "member")],
                                      on=dt.date(2013, 2, 1))[0]  # fmt: skip
    actions.meeting_update(
        actor=personas.street, meeting=meeting, held_on=dt.date(2013, 2, 5), enlarged=False
    )
    assert newcomer.name in set(meeting.attendance.values_list("name", flat=True))


def test_cancelling_a_meeting_cancels_its_draft_elections_each_with_its_audit_row(tree, personas, committee):
    from ..factories import make_election

    meeting = make_meeting(tree.guangzhou, held_on=HELD, actor=personas.city)
    election = make_election(meeting, ["张甲", "李乙"], actor=personas.city)
    actions.meeting_cancel(actor=personas.city, meeting=meeting, reason="会期推迟")
    election.refresh_from_db()
    assert election.status == "cancelled"
    entry = AuditEntry.objects.get(action="meetings.election.cancel")
    assert entry.detail["status"] == "待确认 → 已作废" and entry.detail["reason"] == "会期推迟"
