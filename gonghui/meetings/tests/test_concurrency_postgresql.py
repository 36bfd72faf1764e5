"""Concurrent confirmations on PostgreSQL, each on its own connection: a seat is replaced once,
the last planned seat goes to one candidate, a meeting's sequence is taken once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from gonghui.meetings import actions
from gonghui.meetings.models import Election, Meeting, Seat
from gonghui.meetings.selectors import roster_on
from gonghui.tests.concurrency import CONCURRENT, race

from .factories import make_committee, make_election, make_meeting, tally_for

pytestmark = CONCURRENT
HELD = dt.date(2013, 3, 25)
ATTEMPTS = 40


def test_forty_confirmations_of_one_result_seat_the_winner_once(tree, personas):
    committee = make_committee(tree.guangzhou, term=17, starts_on=dt.date(2012, 11, 28), members=12)
    meeting = make_meeting(tree.guangzhou, held_on=HELD, record=True)
    election = make_election(meeting, ["周志坚"], kind="add")
    tally = tally_for(election, {"周志坚": 12}, issued=12)
    outcomes = race(
        [lambda: actions.election_confirm(actor=personas.city, election=election, tally=tally)] * ATTEMPTS
    )
    assert outcomes.count("ok") == 1
    assert all("不能确认选举结果" in o for o in outcomes if o != "ok")
    assert Seat.objects.filter(committee=committee, name="周志坚").count() == 1


def test_rival_by_elections_for_one_seat_replace_it_once(tree, personas):
    committee = make_committee(tree.guangzhou, term=17, starts_on=dt.date(2012, 11, 28), members=12)
    meeting = make_meeting(tree.guangzhou, held_on=HELD, record=True)
    seat = committee.seats.filter(post="member").first()
    elections = [make_election(meeting, [f"替补人{i}"], kind="replace") for i in range(ATTEMPTS)]

    def confirm(e: Election) -> Callable[[], Any]:
        tally = tally_for(
            e, {e.candidates.get().name: 12}, issued=12, replaces={e.candidates.get().name: seat}
        )
        return lambda: actions.election_confirm(actor=personas.city, election=e, tally=tally)

    outcomes = race([confirm(e) for e in elections])
    assert outcomes.count("ok") == 1
    assert all("已不在" in o or "不在会议当日" in o for o in outcomes if o != "ok"), set(outcomes)
    assert len(roster_on(committee, HELD)) == 12
    assert Seat.objects.filter(replaces=seat).count() == 1


def test_the_last_planned_seat_goes_to_one_candidate(tree, personas):
    committee = make_committee(
        tree.guangzhou, term=17, starts_on=dt.date(2012, 11, 28), members=12, seats_planned=13
    )
    meeting = make_meeting(tree.guangzhou, held_on=HELD, record=True)
    elections = [make_election(meeting, [f"增补人{i}"], kind="add") for i in range(ATTEMPTS)]

    def confirm(e: Election) -> Callable[[], Any]:
        tally = tally_for(e, {e.candidates.get().name: 12}, issued=12)
        return lambda: actions.election_confirm(actor=personas.city, election=e, tally=tally)

    outcomes = race([confirm(e) for e in elections])
    assert outcomes.count("ok") == 1
    assert all("委员名额为13人，现有13人，已满" in o for o in outcomes if o != "ok")
    assert len(roster_on(committee, HELD)) == 13


def test_one_sequence_number_is_taken_once(tree, personas):
    make_committee(tree.guangzhou, term=17, starts_on=dt.date(2012, 11, 28), members=3)
    job = lambda: actions.meeting_create(  # noqa: E731
        actor=personas.city, org=tree.guangzhou, kind="plenary", held_on=HELD, sequence=2
    )
    outcomes = race([job] * ATTEMPTS)
    assert outcomes.count("ok") == 1
    assert all("十七届二次" in o for o in outcomes if o != "ok")
    assert Meeting.objects.count() == 1
