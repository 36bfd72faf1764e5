"""Elections and by-elections at a meeting: candidates, the count, and the result.

`election_evaluate` (rulebook.py) is the whole rule book (quorum, ballots, majority, ties) as a
pure function; `election_confirm` refuses a result that fails it, with the reason, and otherwise
seats those elected: a 替补 ends the replaced seat on the meeting's day, someone elected to a new
post on a committee they already sit on leaves the old post that day (职务变动).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext

from gonghui.kernel import cleaning, scope
from gonghui.kernel.actions import action, step_action
from gonghui.kernel.audit import audit

from ..models import (
    JOINED_BY_ELECTION,
    POSTS_BY_KIND,
    Candidate,
    Committee,
    Election,
    ElectionKind,
    JoinedHow,
    LeftWhy,
    MajorityBasis,
    Meeting,
    Post,
    Seat,
)
from ..rulebook import count_refusal, election_evaluate, election_refusal
from ..selectors import attendance_counts, rules_for_election, seats_open_q
from ..workflow import ELECTION, transition
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


def _lock(election: Election) -> Election:
    return (
        Election.objects.select_for_update(of=("self",))
        .select_related("meeting__org", "meeting__committee", "committee__org", "committee__merged_from")
        .get(pk=election.pk)
    )


def _text(value: Any, *, field: str, label: str, max_length: int) -> str:
    return cleaning.text(value, field=field, label=label, max_length=max_length, required=False)


def _countable(actor: Any, election: Election) -> None:
    """The count is entered by the meeting's union until the result is confirmed or cancelled."""
    scope.require(actor, "edit", election.meeting.org)
    why = count_refusal(election)
    if why:
        raise ValidationError(why)


def _check_post(committee: Committee, post: str) -> None:
    if post not in POSTS_BY_KIND[committee.kind]:
        names = "、".join(str(Post(p).label) for p in POSTS_BY_KIND[committee.kind])
        raise ValidationError(
            {
                "post": gettext("%(value)s的职务只能是：%(names)s。")
                % {"value": committee.get_kind_display(), "names": names}
            }
        )


@action
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
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("org", "merged_from")
        .get(pk=meeting.pk)
    )
    scope.require(actor, "edit", meeting.org)
    why = election_refusal(meeting)
    if why:
        raise ValidationError(why)
    if (committee.org_id, committee.merged_from_id) != (meeting.org_id, meeting.merged_from_id):
        raise ValidationError(
            {"committee": gettext("请选择「%(name)s」的委员会。") % {"name": meeting.union.name}}
        )
    if meeting.held_on < committee.starts_on or (committee.ends_on and meeting.held_on >= committee.ends_on):
        raise ValidationError(
            {"committee": gettext("会议日期不在%(committee)s的任期内。") % {"committee": committee}}
        )
    if kind not in ElectionKind.values:
        raise ValidationError({"kind": gettext("请选择选举方式。")})
    _check_post(committee, post)
    if isinstance(seats, bool) or not isinstance(seats, int) or not 1 <= seats <= MAX_SEATS:
        raise ValidationError(
            {"seats": gettext("应选人数应为1至%(MAX_SEATS)s的整数。") % {"MAX_SEATS": MAX_SEATS}}
        )
    clean: list[CandidateIn] = []
    for c in candidates:
        name = _text(c.member.name if c.member is not None else c.name, field="candidates", label="候选人姓名",
                     max_length=50)  # fmt: skip
        if name:
            clean.append(
                CandidateIn(name, _text(c.title, field="candidates", label="职务", max_length=100), c.member)
            )
    if len(clean) < seats:
        raise ValidationError(
            {
                "candidates": gettext("候选人%(value)s人，少于应选人数%(seats)s人。")
                % {"value": len(clean), "seats": seats}
            }
        )
    if len(clean) > MAX_CANDIDATES:
        raise ValidationError(
            {
                "candidates": gettext("候选人不能超过%(MAX_CANDIDATES)s人。")
                % {"MAX_CANDIDATES": MAX_CANDIDATES}
            }
        )
    names = [c.name for c in clean]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ValidationError(
            {"candidates": gettext("候选人重复：%(value)s。") % {"value": "、".join(twice)}}
        )
    for c in clean:
        if c.member is not None:
            scope.require(actor, "view", c.member.org)
    if quorum is not None:
        num, den = quorum
        if not (1 <= num <= den <= 10) or num * 2 < den:
            raise ValidationError({"quorum": gettext("法定人数应为不少于半数的分数，如 2/3。")})
    if majority_basis and majority_basis not in MajorityBasis.values:
        raise ValidationError({"majority_basis": gettext("请选择过半数的基数。")})
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
            raise ValidationError({"ballots": gettext("%(label)s应为0至100000的整数。") % {"label": label}})
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
                raise ValidationError(
                    {"votes": gettext("%(name)s的赞成票应为0至100000的整数。") % {"name": c.name}}
                )
            c.votes = v
        if c.pk in tally.replaces:
            seat_id = tally.replaces[c.pk]
            if seat_id is not None and seat_id not in open_seats:
                raise ValidationError(
                    {
                        "replaces": gettext("%(name)s所替补的人员不在会议当日的%(committee)s名单中。")
                        % {"name": c.name, "committee": election.committee}
                    }
                )
            if seat_id is not None and seat_id in chosen:
                raise ValidationError(
                    {
                        "replaces": gettext("%(name)s和%(value)s替补了同一人。")
                        % {"name": c.name, "value": chosen[seat_id]}
                    }
                )
            if seat_id is not None:
                chosen[seat_id] = c.name
            c.replaces_id = seat_id
        c.save(update_fields=["votes", "replaces"])
    return candidates


@action
def election_count(*, actor: Any, election: Election, tally: Tally) -> Election:
    """Save the count (and whom each candidate would replace) without deciding anything yet."""
    election = _lock(election)
    _countable(actor, election)
    _apply_tally(election, tally)
    audit(
        actor=actor, action="meetings.election.count", obj=election, org=election.meeting.org,
        detail={"ballots": f"{tally.ballots_issued}/{tally.ballots_returned}/{tally.ballots_valid}"},
    )  # fmt: skip
    return election


@action
def election_confirm(*, actor: Any, election: Election, tally: Tally | None = None) -> Election:
    """Check the result against the rules and, when it stands, seat those elected (dated the
    meeting's day). The count comes with it (or was saved before); a refused result changes
    nothing, the count included. Who may confirm, and what the meeting must allow (its record
    fixed, a quorum), is the workflow step's."""
    election = _lock(election)
    meeting = election.meeting
    ELECTION.check(actor, election, "confirm")
    candidates = _apply_tally(election, tally) if tally is not None else list(election.candidates.all())
    expected, present = attendance_counts(meeting)
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
            raise ValidationError(
                gettext("替补选举须写明替补谁：%(value)s。") % {"value": "、".join(missing)}
            )
    open_now = {s.pk: s for s in committee.seats.filter(seats_open_q(on))}
    seated: list[str] = []
    for c in winners:
        leaving: list[Seat] = []
        replaced = open_now.get(c.replaces_id) if c.replaces_id else None
        if c.replaces_id and replaced is None:
            raise ValidationError(
                gettext("%(name)s所替补的人员已不在%(committee)s名单中。")
                % {"name": c.name, "committee": committee}
            )
        own = [s for s in open_now.values() if s.name == c.name and s.pk != c.replaces_id]
        for s in own:
            if s.post == election.post:
                raise ValidationError(
                    gettext("%(name)s已是%(committee)s的%(value)s。")
                    % {"name": c.name, "committee": committee, "value": s.get_post_display()}
                )
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
        ELECTION, election, "confirm", actor=actor,
        detail={"meeting": meeting.name, "elected": seated, "present": f"{outcome.present}/{outcome.expected}"},
        extra_fields=("result", "confirmed_by", "confirmed_at"),
    )  # fmt: skip
    return election


election_cancel = step_action(ELECTION, "cancel", record="election", lock=_lock)
