"""What the records must allow, each rule written once: the workflow's guards, the abilities and
the actions all ask these.

Each `*_refusal`/guard returns "" when the record allows the doing, else why not, in Chinese.
`election_evaluate` is the election rule book (quorum, ballots, majority, ties) as a pure
function over a count: who is elected, or every reason the result cannot stand.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from gonghui.kernel import cleaning
from gonghui.orgs.models import Level, Org

from .models import COMMITTEE_OF_MEETING, Attendance, ElectionStatus, MajorityBasis, MeetingStatus
from .selectors import PASS_ON_MAX_DEPTH, Rules, attendance_counts, passon_unions_below, rules_for_election


def union_refusal(org: Org, doing: str) -> str:
    """Committees and meetings are registered at active unions above the union group."""
    if not org.is_active:
        return f"「{org.name}」{org.get_status_display()}，不能{doing}。"
    if org.level == Level.GROUP:
        return f"工会小组不能{doing}。"
    return ""


def draft_refusal(meeting: Any, doing: str) -> str:
    """The record is filled in (details, attendance, agenda) while it is a draft."""
    if meeting.status != MeetingStatus.DRAFT:
        return f"会议记录为「{meeting.get_status_display()}」状态，不能{doing}。"
    return ""


def cancelled_refusal(meeting: Any) -> str:
    return "会议记录已作废。" if meeting.status == MeetingStatus.CANCELLED else ""


def election_refusal(meeting: Any) -> str:
    """Elections are held at committee meetings (plenaries, standing committees …) of record."""
    if meeting.kind not in COMMITTEE_OF_MEETING:
        return "只有委员会的会议（全委会、常委会等）可以进行选举。"
    return cancelled_refusal(meeting)


def passon_refusal(meeting: Any) -> str:
    """A recorded meeting is sent down once, when there are unions below to pass it on."""
    if meeting.status != MeetingStatus.RECORDED:
        return "请先确认会议记录，再部署传达贯彻。"
    if meeting.to_pass_on:
        return "本次会议已部署传达贯彻。"
    if not passon_unions_below(meeting.org, PASS_ON_MAX_DEPTH).exists():
        return f"「{meeting.org.name}」下{PASS_ON_MAX_DEPTH}级内没有需要传达的下级工会。"
    return ""


def count_refusal(election: Any) -> str:
    """The count is entered (and corrected) until the result is confirmed or cancelled."""
    if election.status != ElectionStatus.DRAFT:
        return f"选举结果为「{election.get_status_display()}」状态，不能修改计票。"
    return ""


# ---- the workflow's guards ----------------------------------------------------------------


def meeting_recordable(meeting: Any) -> str:
    """A record is complete when the meeting has taken place and, for a committee meeting, the
    committee had members that day (they are who was expected to attend)."""
    if meeting.held_on > cleaning.today():
        return "会议日期不能晚于今天。"
    if (
        meeting.committee_id is not None
        and not meeting.attendance.filter(role=Attendance.Role.MEMBER).exists()
    ):
        return f"{meeting.committee}在会议当日没有委员，请先登记委员名单。"
    return ""


def meeting_reopenable(meeting: Any) -> str:
    if meeting.elections.filter(status=ElectionStatus.CONFIRMED).exists():
        return "本次会议的选举结果已确认，会议记录不能退回修改。"
    return ""


def election_confirmable(election: Any) -> str:
    """The meeting's record (who attended) is fixed and enough of the committee attended to
    elect; the count itself is the confirmation's input, checked against the rule book."""
    meeting = election.meeting
    if meeting.status != MeetingStatus.RECORDED:
        return "请先确认会议记录（出席情况），再确认选举结果。"
    expected, present = attendance_counts(meeting)
    return quorum_refusal(expected=expected, present=present, rules=rules_for_election(election))


def union_active(task: Any) -> str:
    """A merged or dissolved union passes nothing on any more; its record stays as it was."""
    org = task.org
    return "" if org.is_active else f"「{org.name}」{org.get_status_display()}，不能再登记传达情况。"


# ---- the election rule book ----------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    expected: int
    present: int
    basis: int
    need: int  # the fewest votes that elect
    elected: list[int]  # candidate ids, most votes first


def _frac(num: int, den: int) -> str:
    return {(2, 3): "三分之二", (1, 2): "二分之一", (3, 4): "四分之三", (4, 5): "五分之四"}.get(
        (num, den), f"{num}/{den}"
    )


def quorum_refusal(*, expected: int, present: int, rules: Rules) -> str:
    """Why a meeting with this attendance cannot elect ("" when it can)."""
    if expected <= 0:
        return "应到会委员人数为零，不能进行选举。"
    need_present = math.ceil(expected * rules.quorum_num / rules.quorum_den)
    if present < need_present:
        return (
            f"出席会议的委员{present}人，不足应到会委员{expected}人的{_frac(rules.quorum_num, rules.quorum_den)}"
            f"（至少需{need_present}人），不能进行选举。"
        )
    return ""


def election_evaluate(
    *,
    expected: int,
    present: int,
    seats: int,
    ballots_issued: int | None,
    ballots_returned: int | None,
    ballots_valid: int | None,
    votes: Sequence[tuple[int, str, int | None]],
    rules: Rules,
) -> Outcome:
    """Who is elected, or ValidationError with every reason the result cannot stand.
    `votes` is (candidate id, name, votes for)."""
    why = quorum_refusal(expected=expected, present=present, rules=rules)
    if why:
        raise ValidationError(why, code="quorum")
    if ballots_issued is None or ballots_returned is None or ballots_valid is None:
        raise ValidationError(gettext("请填写发出、收回和有效选票数。"), code="ballots")
    if ballots_issued > present:
        raise ValidationError(
            gettext("发出选票%(ballots_issued)s张，多于出席会议的委员%(present)s人。")
            % {"ballots_issued": ballots_issued, "present": present},
            code="ballots",
        )
    if ballots_returned > ballots_issued:
        raise ValidationError(
            gettext("收回选票%(ballots_returned)s张，多于发出选票%(ballots_issued)s张，选举无效。")
            % {"ballots_returned": ballots_returned, "ballots_issued": ballots_issued},
            code="ballots",
        )
    if ballots_valid > ballots_returned:
        raise ValidationError(
            gettext("有效选票%(ballots_valid)s张，多于收回选票%(ballots_returned)s张。")
            % {"ballots_valid": ballots_valid, "ballots_returned": ballots_returned},
            code="ballots",
        )
    problems: list[str] = []
    for _pk, name, v in votes:
        if v is None:
            problems.append(f"请填写{name}的赞成票数。")
        elif v > ballots_valid:
            problems.append(f"{name}的赞成票{v}张，多于有效选票{ballots_valid}张。")
    if problems:
        raise ValidationError(problems, code="votes")
    total = sum(v or 0 for _pk, _n, v in votes)
    if total > ballots_valid * seats:
        raise ValidationError(
            gettext("各候选人赞成票合计%(total)s张，超过%(ballots_valid)s张有效选票最多可投的%(value)s张。")
            % {"total": total, "ballots_valid": ballots_valid, "value": ballots_valid * seats},
            code="votes",
        )
    basis = expected if rules.majority_basis == MajorityBasis.EXPECTED else present
    need = basis // 2 + 1
    passing = sorted(((v or 0, pk, name) for pk, name, v in votes if (v or 0) >= need), key=lambda t: -t[0])
    if not passing:
        raise ValidationError(
            gettext(
                "没有候选人获得超过%(label)s（%(basis)s人）半数的赞成票（至少需%(need)s票），本次选举无人当选。"
            )
            % {"label": MajorityBasis(rules.majority_basis).label, "basis": basis, "need": need},
            code="majority",
        )
    if len(passing) > seats and passing[seats - 1][0] == passing[seats][0]:
        tied = [name for v, _pk, name in passing if v == passing[seats][0]]
        raise ValidationError(
            gettext("%(value)s得票相等（各%(value2)s票），超过应选人数，应就得票相等的候选人再次投票。")
            % {"value": "、".join(tied), "value2": passing[seats][0]},
            code="tie",
        )
    return Outcome(expected, present, basis, need, [pk for _v, pk, _n in passing[:seats]])
