"""Committees, plenaries and elections."""

from django.utils.translation import gettext_lazy as _

from gonghui.kernel.registry import Export, Module, Nav, Structure, Todo

from .actions.structure import meetings_follow_dissolution, meetings_follow_merge
from .selectors import elections_to_confirm_count, passons_pending_count

AUDIT = {
    "meetings.committee.create": ("登记委员会", "Committee registered"),
    "meetings.seat.register": ("登记委员", "Members of a committee registered"),
    "meetings.seat.end": ("登记委员离任", "Seat ended"),
    "meetings.rules.set": ("设定选举规则", "Election rules set"),
    "meetings.meeting.create": ("登记会议", "Meeting registered"),
    "meetings.meeting.update": ("修改会议记录", "Meeting record changed"),
    "meetings.attendance.set": ("登记出席情况", "Attendance recorded"),
    "meetings.agenda.add": ("添加会议议程", "Agenda item added"),
    "meetings.agenda.remove": ("删除会议议程", "Agenda item removed"),
    "meetings.document.add": ("上传会议文件", "Meeting document uploaded"),
    "meetings.meeting.record": ("确认会议记录", "Meeting record confirmed"),
    "meetings.meeting.reopen": ("退回会议记录", "Meeting record reopened"),
    "meetings.meeting.cancel": ("作废会议记录", "Meeting record cancelled"),
    "meetings.minutes.export": ("下载会议纪要", "Minutes downloaded"),
    "meetings.election.create": ("登记选举", "Election registered"),
    "meetings.election.count": ("登记计票", "Votes counted"),
    "meetings.election.confirm": ("确认选举结果", "Election result confirmed"),
    "meetings.election.cancel": ("作废选举", "Election cancelled"),
    "meetings.passon.require": ("部署传达贯彻", "Passing-on required"),
    "meetings.passon.record": ("登记传达贯彻", "Passing-on recorded"),
    "meetings.passon.undo": ("撤销传达登记", "Passing-on record undone"),
    "meetings.passon.export": ("导出传达贯彻情况", "Passing-on report exported"),
    "meetings.roster.export": ("导出委员名单", "Committee roster exported"),
    "meetings.follow_merge": ("委员会与会议随工会合并", "Committees and meetings followed a merge"),
    "meetings.follow_dissolution": (
        "委员会与传达任务随工会撤销",
        "Committees and passing-on followed a dissolution",
    ),
}
DETAILS = {
    "held_on": ("会议日期", "Held on"),
    "place": ("会议地点", "Place"),
    "source": ("简报原文", "Source text"),
    "starts_on": ("本届起始日期", "Term starts"),
    "ends_on": ("本届届满日期", "Term ends"),
    "seats_planned": ("委员名额", "Seats"),
    "previous_closed": ("上届届满离任人数", "Previous term's seats closed"),
    "people": ("人员", "People"),
    "committee": ("委员会", "Committee"),
    "quorum": ("法定人数", "Quorum"),
    "majority": ("过半数基数", "Majority base"),
    "expected": ("应到", "Expected"),
    "present": ("实到", "Present"),
    "absent": ("缺席", "Absent"),
    "guests": ("列席人数", "Guests"),
    "speaker": ("报告人", "Speaker"),
    "outcome": ("结果", "Outcome"),
    "size": ("文件大小", "File size"),
    "meeting": ("会议", "Meeting"),
    "seats": ("应选人数", "Seats to fill"),
    "candidates": ("候选人", "Candidates"),
    "ballots": ("发出/收回/有效选票", "Ballots issued/returned/valid"),
    "elected": ("当选", "Elected"),
    "depth": ("传达范围（级）", "Levels down"),
    "due": ("传达期限", "Due"),
    "how": ("传达方式", "How"),
    "unions": ("工会数", "Unions"),
    "enlarged": ("扩大会议", "Enlarged"),
    "presided_by": ("主持人", "Presided by"),
    "subject": ("会议名称", "Subject"),
    "summary": ("会议纪要", "Summary"),
    "within": ("范围", "Within"),
    "committees": ("委员会（届）", "Committees (terms)"),
    "meetings": ("会议", "Meetings"),
    "passons": ("传达任务", "Passing-on tasks"),
    "terms_ended": ("届期终止", "Terms ended"),
    "seats_ended": ("委员离任", "Seats ended"),
    "dropped": ("重复的传达任务（已删除）", "Duplicate passing-on tasks removed"),
    "dropped_tasks": ("删除的传达任务", "Passing-on tasks removed"),
    "withdrawn": ("撤回的未传达任务", "Pending passing-on tasks withdrawn"),
}

MODULE = Module(
    name="meetings",
    title=_("委员会与会议"),
    nav=(Nav(_("委员会与会议"), "meetings:list", order=60, scope="within"),),
    audit=AUDIT,
    details=DETAILS,
    structure=Structure.by_id(
        # The merged union's committees, meetings and passing-on tasks go to the survivor; its
        # committees still serving end that day (actions/structure.py says why).
        merged=meetings_follow_merge,
        # Its committees end, its pending passing-on tasks are withdrawn; its records stay.
        dissolved=meetings_follow_dissolution,
        why_unchanged="Committees, meetings and tasks hang on their union by id: a union that moves, or "
        "whose sub-unions leave with a split, keeps them, and the sub-unions keep their own.",
    ),
    exports=(
        Export("meetings.roster", "委员名单"),
        Export("meetings.passon", "传达贯彻情况"),
    ),
    todos=(
        Todo(
            "meetings.passon_pending", _("待传达的会议"), count=passons_pending_count, url="/meetings/passon/"
        ),
        Todo(
            "meetings.elections_to_confirm",
            _("待确认的选举结果"),
            count=elections_to_confirm_count,
            url="/meetings/?todo=elections",
        ),
    ),
)
