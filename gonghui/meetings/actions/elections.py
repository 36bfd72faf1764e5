"""Elections and by-elections at a meeting: candidates, the count, and the result.

`election_evaluate` is the whole rule book (quorum, ballots, majority, ties) as a pure function;
`election_confirm` refuses a result that fails it, with the reason, and otherwise seats those
elected: a 替补 ends the replaced seat on the meeting's day, someone elected to a new post on a
committee they already sit on leaves the old post that day (职务变动).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gonghui.kernel.audit import audit

from ..models import (
    COMMITTEE_OF_MEETING,
    JOINED_BY_ELECTION,
    POSTS_BY_KIND,
    Attendance,
    Candidate,
    Committee,
    Election,
    ElectionKind,
    ElectionStatus,
    JoinedHow,
    LeftWhy,
    MajorityBasis,
    Meeting,
    MeetingStatus,
    Post,
    Seat,
)
from ..selectors import Rules, rules_for_election, seats_open_q
from ..workflow import ELECTION, transition
from ._common import clean_text, require
from .committees import SeatIn, seat_open

MAX_SEATS = 99
MAX_CANDIDATES = 200


@dataclass(frozen=True)
class CandidateIn:
    name: str
    title: str = ""
    member: Any = None


@dataclass(frozen=True)
class Tally:
    """The count as the scrutineers report it."""

    ballots_issued: int | None
    ballots_returned: int | None
    ballots_valid: int | None
    votes: Mapping[int, int | None] = field(default_factory=dict)  # candidate id → votes for
    replaces: Mapping[int, int | None] = field(default_factory=dict)  # candidate id → seat id


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
    if expected <= 0:
        raise ValidationError("应到会委员人数为零，不能进行选举。")
    need_present = math.ceil(expected * rules.quorum_num / rules.quorum_den)
    if present < need_present:
        raise ValidationError(
            f"出席会议的委员{present}人，不足应到会委员{expected}人的{_frac(rules.quorum_num, rules.quorum_den)}"
            f"（至少需{need_present}人），不能进行选举。",
            code="quorum",
        )
    if ballots_issued is None or ballots_returned is None or ballots_valid is None:
        raise ValidationError("请填写发出、收回和有效选票数。", code="ballots")
    if ballots_issued > present:
        raise ValidationError(f"发出选票{ballots_issued}张，多于出席会议的委员{present}人。", code="ballots")
    if ballots_returned > ballots_issued:
        raise ValidationError(
            f"收回选票{ballots_returned}张，多于发出选票{ballots_issued}张，选举无效。", code="ballots"
        )
    if ballots_valid > ballots_returned:
        raise ValidationError(
            f"有效选票{ballots_valid}张，多于收回选票{ballots_returned}张。", code="ballots"
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
            f"各候选人赞成票合计{total}张，超过{ballots_valid}张有效选票最多可投的{ballots_valid * seats}张。",
            code="votes",
        )
    basis = expected if rules.majority_basis == MajorityBasis.EXPECTED else present
    need = basis // 2 + 1
    passing = sorted(((v or 0, pk, name) for pk, name, v in votes if (v or 0) >= need), key=lambda t: -t[0])
    if not passing:
        raise ValidationError(
            f"没有候选人获得超过{MajorityBasis(rules.majority_basis).label}（{basis}人）半数的赞成票"
            f"（至少需{need}票），本次选举无人当选。",
            code="majority",
        )
    if len(passing) > seats and passing[seats - 1][0] == passing[seats][0]:
        tied = [name for v, _pk, name in passing if v == passing[seats][0]]
        raise ValidationError(
            f"{'、'.join(tied)}得票相等（各{passing[seats][0]}票），超过应选人数，应就得票相等的候选人再次投票。",
            code="tie",
        )
    return Outcome(expected, present, basis, need, [pk for _v, pk, _n in passing[:seats]])


def _lock(election: Election) -> Election:
    return (
        Election.objects.select_for_update(of=("self",))
        .select_related("meeting__org", "meeting__committee", "committee__org")
        .get(pk=election.pk)
    )


def _check_post(committee: Committee, post: str) -> None:
    if post not in POSTS_BY_KIND[committee.kind]:
        names = "、".join(Post(p).label for p in POSTS_BY_KIND[committee.kind])
        raise ValidationError({"post": f"{committee.get_kind_display()}的职务只能是：{names}。"})


@transaction.atomic
def election_create(
    *,
    actor: Any,
    meeting: Meeting,
    committee: Committee,
    kind: str,
    post: str,
    seats: int,
    candidates: Sequence[CandidateIn],
    quorum: tuple[int, int] | None = None,
    majority_basis: str = "",
) -> Election:
    """An election on the meeting's agenda, with its candidates (the count comes later)."""
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related("org").get(pk=meeting.pk)
    require(actor, "edit", meeting.org)
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError("会议记录已作废。")
    if meeting.kind not in COMMITTEE_OF_MEETING:
        raise ValidationError("只有委员会的会议（全委会、常委会等）可以进行选举。")
    if committee.org_id != meeting.org_id:
        raise ValidationError({"committee": f"请选择「{meeting.org.name}」的委员会。"})
    if meeting.held_on < committee.starts_on or (committee.ends_on and meeting.held_on >= committee.ends_on):
        raise ValidationError({"committee": f"会议日期不在{committee}的任期内。"})
    if kind not in ElectionKind.values:
        raise ValidationError({"kind": "请选择选举方式。"})
    _check_post(committee, post)
    if isinstance(seats, bool) or not isinstance(seats, int) or not 1 <= seats <= MAX_SEATS:
        raise ValidationError({"seats": f"应选人数应为1至{MAX_SEATS}的整数。"})
    clean: list[CandidateIn] = []
    for c in candidates:
        name = clean_text(c.member.name if c.member is not None else c.name, field="candidates", label="候选人姓名",
                          max_length=50)  # fmt: skip
        if name:
            clean.append(CandidateIn(name, clean_text(c.title, field="candidates", label="职务", max_length=100),
                                     c.member))  # fmt: skip
    if len(clean) < seats:
        raise ValidationError({"candidates": f"候选人{len(clean)}人，少于应选人数{seats}人。"})
    if len(clean) > MAX_CANDIDATES:
        raise ValidationError({"candidates": f"候选人不能超过{MAX_CANDIDATES}人。"})
    names = [c.name for c in clean]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ValidationError({"candidates": f"候选人重复：{'、'.join(twice)}。"})
    for c in clean:
        if c.member is not None:
            require(actor, "view", c.member.org)
    if quorum is not None:
        num, den = quorum
        if not (1 <= num <= den <= 10) or num * 2 < den:
            raise ValidationError({"quorum": "法定人数应为不少于半数的分数，如 2/3。"})
    if majority_basis and majority_basis not in MajorityBasis.values:
        raise ValidationError({"majority_basis": "请选择过半数的基数。"})
    election = Election.objects.create(
        meeting=meeting, committee=committee, kind=kind, post=post, seats=seats,
        quorum_num=quorum[0] if quorum else None, quorum_den=quorum[1] if quorum else None,
        majority_basis=majority_basis,
    )  # fmt: skip
    Candidate.objects.bulk_create(
        Candidate(election=election, name=c.name, title=c.title, member=c.member) for c in clean
    )
    audit(
        actor=actor, action="meetings.election.create", obj=election, org=meeting.org,
        detail={"meeting": meeting.name, "seats": seats, "candidates": names},
    )  # fmt: skip
    return election


def _replaceable(election: Election) -> dict[int, Seat]:
    on = election.meeting.held_on
    return {s.pk: s for s in election.committee.seats.filter(seats_open_q(on))}


def _apply_tally(election: Election, tally: Tally) -> list[Candidate]:
    for label, v in (("发出选票", tally.ballots_issued), ("收回选票", tally.ballots_returned),
                     ("有效选票", tally.ballots_valid)):  # fmt: skip
        if v is not None and (isinstance(v, bool) or not isinstance(v, int) or v < 0 or v > 100_000):
            raise ValidationError({"ballots": f"{label}应为0至100000的整数。"})
    election.ballots_issued = tally.ballots_issued
    election.ballots_returned = tally.ballots_returned
    election.ballots_valid = tally.ballots_valid
    election.save(update_fields=["ballots_issued", "ballots_returned", "ballots_valid"])
    open_seats = _replaceable(election)
    candidates = list(election.candidates.all())
    chosen: dict[int, str] = {}
    for c in candidates:
        if c.pk in tally.votes:
            v = tally.votes[c.pk]
            if v is not None and (isinstance(v, bool) or not isinstance(v, int) or v < 0 or v > 100_000):
                raise ValidationError({"votes": f"{c.name}的赞成票应为0至100000的整数。"})
            c.votes = v
        if c.pk in tally.replaces:
            seat_id = tally.replaces[c.pk]
            if seat_id is not None and seat_id not in open_seats:
                raise ValidationError(
                    {"replaces": f"{c.name}所替补的人员不在会议当日的{election.committee}名单中。"}
                )
            if seat_id is not None and seat_id in chosen:
                raise ValidationError({"replaces": f"{c.name}和{chosen[seat_id]}替补了同一人。"})
            if seat_id is not None:
                chosen[seat_id] = c.name
            c.replaces_id = seat_id
        c.save(update_fields=["votes", "replaces"])
    return candidates


@transaction.atomic
def election_count(*, actor: Any, election: Election, tally: Tally) -> Election:
    """Save the count (and whom each candidate would replace) without deciding anything yet."""
    election = _lock(election)
    require(actor, "edit", election.meeting.org)
    if election.status != ElectionStatus.DRAFT:
        raise ValidationError(f"选举结果为「{election.get_status_display()}」状态，不能修改计票。")
    _apply_tally(election, tally)
    audit(
        actor=actor, action="meetings.election.count", obj=election, org=election.meeting.org,
        detail={"ballots": f"{tally.ballots_issued}/{tally.ballots_returned}/{tally.ballots_valid}"},
    )  # fmt: skip
    return election


def _attendance(meeting: Meeting) -> tuple[int, int]:
    rows = meeting.attendance.filter(role=Attendance.Role.MEMBER)
    return rows.count(), rows.filter(present=True).count()


@transaction.atomic
def election_confirm(*, actor: Any, election: Election, tally: Tally | None = None) -> Election:
    """Check the result against the rules and, when it stands, seat those elected (dated the
    meeting's day). A refused result changes nothing, the count included."""
    election = _lock(election)
    meeting = election.meeting
    require(actor, "edit", meeting.org)
    if election.status != ElectionStatus.DRAFT:
        ELECTION.target(election.status, "confirm")  # raises InvalidTransition with the state
    if meeting.status != MeetingStatus.RECORDED:
        raise ValidationError("请先确认会议记录（出席情况），再确认选举结果。")
    candidates = _apply_tally(election, tally) if tally is not None else list(election.candidates.all())
    expected, present = _attendance(meeting)
    rules = rules_for_election(election)
    outcome = election_evaluate(
        expected=expected, present=present, seats=election.seats, ballots_issued=election.ballots_issued,
        ballots_returned=election.ballots_returned, ballots_valid=election.ballots_valid,
        votes=[(c.pk, c.name, c.votes) for c in candidates], rules=rules,
    )  # fmt: skip
    by_id = {c.pk: c for c in candidates}
    committee = (
        Committee.objects.select_for_update(of=("self",)).select_related("org").get(pk=election.committee_id)
    )
    on = meeting.held_on
    winners = [by_id[pk] for pk in outcome.elected]
    if election.kind == ElectionKind.REPLACE:
        missing = [c.name for c in winners if c.replaces_id is None]
        if missing:
            raise ValidationError(f"替补选举须写明替补谁：{'、'.join(missing)}。")
    open_now = {s.pk: s for s in committee.seats.filter(seats_open_q(on))}
    seated: list[str] = []
    for c in winners:
        leaving: list[Seat] = []
        replaced = open_now.get(c.replaces_id) if c.replaces_id else None
        if c.replaces_id and replaced is None:
            raise ValidationError(f"{c.name}所替补的人员已不在{committee}名单中。")
        own = [s for s in open_now.values() if s.name == c.name and s.pk != c.replaces_id]
        for s in own:
            if s.post == election.post:
                raise ValidationError(f"{c.name}已是{committee}的{s.get_post_display()}。")
            leaving.append(s)
        if replaced is not None:
            leaving.append(replaced)
        for s in leaving:
            why = LeftWhy.REPLACED if s is replaced else LeftWhy.POST_CHANGE
            Seat.objects.filter(pk=s.pk).update(left_on=on, left_why=why, left_note=f"{meeting.name}")
        how = (
            JoinedHow.POST_CHANGE
            if own and replaced is None and election.kind == ElectionKind.ELECT
            else (JOINED_BY_ELECTION[ElectionKind(election.kind)])
        )
        try:
            seat = seat_open(
                committee=committee, person=SeatIn(c.name, election.post, c.title, c.member), on=on, how=how,
                election=election, replaces=replaced, leaving=[s.pk for s in leaving],
            )  # fmt: skip
        except ValidationError as exc:
            raise ValidationError(f"{c.name}：{'；'.join(exc.messages)}") from None
        for s in leaving:
            open_now.pop(s.pk, None)
        open_now[seat.pk] = seat
        seated.append(f"{c.name}（{c.votes}票）" + (f"替补{replaced.name}" if replaced is not None else ""))
    Candidate.objects.filter(pk__in=outcome.elected).update(elected=True)
    election.result = {
        "expected": outcome.expected, "present": outcome.present, "basis": outcome.basis,
        "need": outcome.need, "rules": f"{rules.quorum_label}；{rules.majority_label}",
        "elected": [by_id[pk].name for pk in outcome.elected],
    }  # fmt: skip
    election.confirmed_by = actor if getattr(actor, "pk", None) else None
    election.confirmed_at = timezone.now()
    transition(
        ELECTION, election, "confirm", actor=actor, org=meeting.org, action="meetings.election.confirm",
        detail={"meeting": meeting.name, "elected": seated, "present": f"{outcome.present}/{outcome.expected}"},
        extra_fields=("result", "confirmed_by", "confirmed_at"),
    )  # fmt: skip
    return election


@transaction.atomic
def election_cancel(*, actor: Any, election: Election) -> Election:
    election = _lock(election)
    require(actor, "edit", election.meeting.org)
    transition(ELECTION, election, "cancel", actor=actor, org=election.meeting.org,
               action="meetings.election.cancel")  # fmt: skip
    return election
