"""What a person may do now with a union's committees and meetings, a committee, a seat, a
meeting, an election and a passing-on task: the buttons the pages show and the API's
`abilities`, decided by the same rules (rulebook.py, the workflows) the actions check."""

from __future__ import annotations

from typing import Any

from gonghui.kernel import scope
from gonghui.kernel.abilities import Abilities
from gonghui.orgs.models import Org

from .models import Committee, Election, Meeting, PassOn, Seat
from .rulebook import (
    cancelled_refusal,
    count_refusal,
    draft_refusal,
    election_refusal,
    passon_refusal,
    union_refusal,
)
from .workflow import ELECTION, MEETING, PASS_ON


def meetings_abilities(actor: Any, org: Org) -> Abilities:
    """At a union: register a committee or a meeting (its clerks and administrators, at an
    active union above the union group), set its voting rules (its administrators)."""
    registers = scope.can(actor, "edit", org) and not union_refusal(org, "")
    return Abilities(
        create_committee=registers,
        create_meeting=registers,
        set_rules=scope.can(actor, "manage", org),
    )


def committee_abilities(actor: Any, committee: Committee) -> Abilities:
    return Abilities(
        register_seats=scope.can(actor, "edit", committee.org),
        export=scope.can(actor, "view", committee.org),
    )


def seat_abilities(actor: Any, seat: Seat) -> Abilities:
    """`seat.committee` is the committee the page shows (no query per row)."""
    return Abilities(end=seat.left_on is None and scope.can(actor, "edit", seat.committee.org))


def meeting_abilities(actor: Any, meeting: Meeting) -> Abilities:
    """The record's steps (确认记录, 退回修改, 作废) and what its union's officers may add to it:
    details, attendance and agenda while a draft; documents and elections unless cancelled; the
    passing-on once recorded."""
    edits = scope.can(actor, "edit", meeting.org)
    draft = edits and not draft_refusal(meeting, "")
    return Abilities(
        MEETING.offers(actor, meeting),
        edit=draft,
        attendance=draft,
        agenda=draft,
        add_document=edits and not cancelled_refusal(meeting),
        add_election=edits and not election_refusal(meeting),
        pass_on=edits and not passon_refusal(meeting),
        minutes=scope.can(actor, "view", meeting.org),
    )


def election_abilities(actor: Any, election: Election) -> Abilities:
    """Confirm or cancel (the workflow's), and enter the count while the result is open."""
    return Abilities(
        ELECTION.offers(actor, election),
        count=scope.can(actor, "edit", election.meeting.org) and not count_refusal(election),
    )


def passon_abilities(actor: Any, task: PassOn) -> Abilities:
    """Record how the union passed the meeting on, or undo that (the workflow's), and read how
    its own subtree is doing."""
    return Abilities(PASS_ON.offers(actor, task), report=scope.can(actor, "view", task.org))
