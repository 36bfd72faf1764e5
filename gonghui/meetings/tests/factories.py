"""Committees, meetings and elections made through the real actions (also used by the scope walk)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from typing import Any

from gonghui.meetings import actions
from gonghui.meetings.models import (
    Committee,
    CommitteeKind,
    Election,
    Meeting,
    MeetingDocument,
    MeetingKind,
    PassOn,
    Post,
    Seat,
)
from gonghui.orgs.models import Org

TERM_START = dt.date(2010, 5, 1)
HELD = dt.date(2013, 3, 29)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
_names = itertools.count()


def person_name() -> str:
    n = next(_names)
    return (
        SURNAMES[n % len(SURNAMES)]
        + GIVEN[(n // len(SURNAMES)) % len(GIVEN)]
        + GIVEN[(n * 7 + 3) % len(GIVEN)]
    )


def make_committee(
    org: Org,
    *,
    members: int = 0,
    kind: str = CommitteeKind.COMMITTEE,
    term: int = 7,
    starts_on: dt.date = TERM_START,
    chair: str | None = None,
    actor: Any = None,
    **extra: Any,
) -> Committee:
    """A committee of `org`, with `members` people seated on its first day (a chair first when
    `chair` is named)."""
    committee = actions.committee_create(
        actor=actor, org=org, kind=kind, term=term, starts_on=starts_on, **extra
    )
    people: list[actions.SeatIn] = []
    if chair:
        people.append(
            actions.SeatIn(chair, Post.CHAIR if kind == CommitteeKind.COMMITTEE else Post.AUDIT_HEAD)
        )
    default_post = {
        CommitteeKind.COMMITTEE: Post.MEMBER, CommitteeKind.STANDING: Post.STANDING,
        CommitteeKind.AUDIT: Post.AUDIT_MEMBER, CommitteeKind.WOMEN: Post.WOMEN_MEMBER,
    }[CommitteeKind(kind)]  # fmt: skip
    while len(people) < members:
        people.append(actions.SeatIn(person_name(), default_post))
    if people:
        actions.seats_register(actor=actor, committee=committee, people=people, on=starts_on)
    return committee


def make_meeting(
    org: Org, *, held_on: dt.date = HELD, kind: str = MeetingKind.PLENARY, absent: int = 0, actor: Any = None,
    record: bool = False, **extra: Any,
) -> Meeting:  # fmt: skip
    meeting = actions.meeting_create(actor=actor, org=org, kind=kind, held_on=held_on, **extra)
    if absent:
        rows = list(meeting.attendance.filter(role="member").order_by("-id")[:absent])
        actions.attendance_set(actor=actor, meeting=meeting, absent={a.pk for a in rows})
    if record:
        actions.meeting_record(actor=actor, meeting=meeting)
        meeting.refresh_from_db()
    return meeting


def make_election(
    meeting: Meeting,
    names: Sequence[str],
    *,
    committee: Committee | None = None,
    kind: str = "elect",
    post: str = Post.MEMBER,
    seats: int | None = None,
    actor: Any = None,
    **extra: Any,
) -> Election:
    return actions.election_create(
        actor=actor, meeting=meeting, committee=committee or meeting.committee, kind=kind, post=post,
        seats=seats or len(names), candidates=[actions.CandidateIn(n) for n in names], **extra,
    )  # fmt: skip


def tally_for(election: Election, votes: dict[str, int], *, issued: int, returned: int | None = None,
              valid: int | None = None, replaces: dict[str, Seat] | None = None) -> actions.Tally:  # fmt: skip
    by_name = {c.name: c.pk for c in election.candidates.all()}
    return actions.Tally(
        ballots_issued=issued, ballots_returned=issued if returned is None else returned,
        ballots_valid=(issued if returned is None else returned) if valid is None else valid,
        votes={by_name[n]: v for n, v in votes.items()},
        replaces={by_name[n]: s.pk for n, s in (replaces or {}).items()},
    )  # fmt: skip


# ------------------------------------------------------------------------- the scope walk
# Plain rows, without audit rows: the walk counts any audit row on an outsider as a breach.


def committee_in(org: Org) -> Committee:
    return Committee.objects.get_or_create(
        org=org, kind=CommitteeKind.COMMITTEE, term=99, defaults={"starts_on": TERM_START}
    )[0]


def seat_in(org: Org) -> Seat:
    committee = committee_in(org)
    return Seat.objects.get_or_create(
        committee=committee, name="测试委员", defaults={"post": Post.MEMBER, "joined_on": TERM_START,
                                                        "joined_how": "registered"},
    )[0]  # fmt: skip


def meeting_in(org: Org) -> Meeting:
    committee = committee_in(org)
    return Meeting.objects.get_or_create(
        org=org, kind=MeetingKind.PLENARY, term=99, sequence=1,
        defaults={"committee": committee, "held_on": HELD, "name": f"{org.name}九十九届一次全委会议"},
    )[0]  # fmt: skip


def election_in(org: Org) -> Election:
    meeting = meeting_in(org)
    return Election.objects.get_or_create(
        meeting=meeting,
        defaults={"committee": meeting.committee, "kind": "add", "post": Post.MEMBER, "seats": 1},
    )[0]


def document_in(org: Org) -> MeetingDocument:
    meeting = meeting_in(org)
    return MeetingDocument.objects.get_or_create(
        meeting=meeting, defaults={"title": "工作报告", "file": f"meetings/{meeting.pk}/walk.pdf",
                                   "filename": "工作报告.pdf", "content_type": "application/pdf"},
    )[0]  # fmt: skip


def passon_in(org: Org) -> PassOn:
    """A task for `org` to pass on a meeting (of its own union here: the walk needs the task's org)."""
    return PassOn.objects.get_or_create(meeting=meeting_in(org), org=org)[0]


# The scope walk's URL arguments (gonghui/core/tests/test_scope_walk.py): a maker of each, in an org.
WALK = {
    "committee_id": committee_in,
    "seat_id": seat_in,
    "meeting_id": meeting_in,
    "election_id": election_in,
    "document_id": document_in,
    "passon_id": passon_in,
}
