"""Confirmed results change the committee, dated the meeting's day; refused ones change nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.core.models import AuditEntry
from gonghui.meetings import actions
from gonghui.meetings.models import Candidate, Election, Seat
from gonghui.meetings.selectors import roster_on

from ..factories import make_election, make_meeting, tally_for

HELD = dt.date(2013, 3, 25)


@pytest.fixture
def plenary(tree, personas, committee):
    """十七届二次全委会议: 12 expected, 10 present, recorded."""
    return make_meeting(tree.guangzhou, held_on=HELD, absent=2, record=True, actor=personas.city)


def test_a_by_election_replaces_a_member_on_the_meetings_day(tree, personas, committee, plenary):
    leaving = committee.seats.filter(post="member").order_by("id").first()
    election = make_election(plenary, ["周志坚"], kind="replace", actor=personas.city)
    tally = tally_for(election, {"周志坚": 10}, issued=10, replaces={"周志坚": leaving})
    actions.election_confirm(actor=personas.city, election=election, tally=tally)

    leaving.refresh_from_db()
    assert (leaving.left_on, leaving.left_why) == (HELD, "replaced")
    new = Seat.objects.get(committee=committee, name="周志坚")
    assert (new.joined_on, new.joined_how, new.replaces) == (HELD, "replacing", leaving)
    day_before = {s.name for s in roster_on(committee, HELD - dt.timedelta(days=1))}
    that_day = {s.name for s in roster_on(committee, HELD)}
    assert leaving.name in day_before and "周志坚" not in day_before
    assert "周志坚" in that_day and leaving.name not in that_day and len(that_day) == 12
    election.refresh_from_db()
    assert election.status == "confirmed" and election.result["elected"] == ["周志坚"]
    assert AuditEntry.objects.filter(action="meetings.election.confirm", org=tree.guangzhou).exists()


def test_a_result_without_a_majority_is_refused_and_nothing_changes(tree, personas, committee, plenary):
    election = make_election(plenary, ["甲候选人", "乙候选人"], seats=1, kind="add", actor=personas.city)
    seats_before = Seat.objects.count()
    tally = tally_for(election, {"甲候选人": 6, "乙候选人": 4}, issued=10)
    with pytest.raises(
        ValidationError, match="没有候选人获得超过应到会人数（12人）半数的赞成票（至少需7票）"
    ):
        actions.election_confirm(actor=personas.city, election=election, tally=tally)
    election.refresh_from_db()
    assert election.status == "draft" and election.ballots_issued is None
    assert not Candidate.objects.filter(election=election, votes__isnull=False).exists()
    assert Seat.objects.count() == seats_before


def test_a_meeting_without_a_quorum_cannot_elect(tree, personas, committee):
    meeting = make_meeting(tree.guangzhou, held_on=HELD, absent=5, record=True)  # 7 of 12
    election = make_election(meeting, ["甲候选人"], kind="add")
    with pytest.raises(ValidationError, match="出席会议的委员7人，不足应到会委员12人的三分之二（至少需8人）"):
        actions.election_confirm(actor=personas.city, election=election,
                                 tally=tally_for(election, {"甲候选人": 7}, issued=7))  # fmt: skip
    assert not Seat.objects.filter(name="甲候选人").exists()


def test_the_elections_own_rules_override_the_unions(tree, personas, committee):
    meeting = make_meeting(tree.guangzhou, held_on=HELD, absent=5, record=True)  # 7 of 12
    election = make_election(meeting, ["甲候选人"], kind="add", quorum=(1, 2), majority_basis="present")
    actions.election_confirm(actor=personas.city, election=election,
                             tally=tally_for(election, {"甲候选人": 4}, issued=7))  # fmt: skip
    assert Seat.objects.filter(name="甲候选人", left_on__isnull=True).exists()


def test_the_meeting_record_comes_first(tree, personas, committee):
    meeting = make_meeting(tree.guangzhou, held_on=HELD)
    election = make_election(meeting, ["甲候选人"], kind="add")
    with pytest.raises(ValidationError, match="请先确认会议记录"):
        actions.election_confirm(actor=personas.city, election=election,
                                 tally=tally_for(election, {"甲候选人": 12}, issued=12))  # fmt: skip


def test_a_chair_cannot_be_elected_while_the_old_one_sits_unless_replacing(
    tree, personas, committee, plenary
):
    election = make_election(plenary, ["新主席"], post="chair")
    with pytest.raises(ValidationError, match="主席现由赵小穗担任"):
        actions.election_confirm(actor=personas.city, election=election,
                                 tally=tally_for(election, {"新主席": 9}, issued=10))  # fmt: skip
    old = committee.seats.get(name="赵小穗")
    actions.election_confirm(actor=personas.city, election=election,
                             tally=tally_for(election, {"新主席": 9}, issued=10, replaces={"新主席": old}))  # fmt: skip
    assert [s.name for s in roster_on(committee, HELD) if s.post == "chair"] == ["新主席"]


def test_a_member_elected_vice_chair_changes_post_and_keeps_the_history(tree, personas, committee, plenary):
    member = committee.seats.filter(post="member").order_by("id").last()
    election = make_election(plenary, [member.name], post="vice_chair")
    actions.election_confirm(actor=personas.city, election=election,
                             tally=tally_for(election, {member.name: 10}, issued=10))  # fmt: skip
    history = list(Seat.objects.filter(committee=committee, name=member.name).order_by("id"))
    assert [(s.post, s.left_why) for s in history] == [("member", "post_change"), ("vice_chair", "")]
    assert len(roster_on(committee, HELD)) == 12


def test_a_replace_election_must_say_whom(tree, personas, committee, plenary):
    election = make_election(plenary, ["周志坚"], kind="replace")
    with pytest.raises(ValidationError, match="替补选举须写明替补谁：周志坚"):
        actions.election_confirm(actor=personas.city, election=election,
                                 tally=tally_for(election, {"周志坚": 10}, issued=10))  # fmt: skip


def test_two_candidates_cannot_replace_the_same_person(tree, personas, committee, plenary):
    seat = committee.seats.filter(post="member").first()
    election = make_election(plenary, ["甲候选人", "乙候选人"], kind="replace")
    with pytest.raises(ValidationError, match="替补了同一人"):
        actions.election_count(actor=personas.city, election=election,
                               tally=tally_for(election, {"甲候选人": 9, "乙候选人": 9}, issued=10,
                                               replaces={"甲候选人": seat, "乙候选人": seat}))  # fmt: skip


def test_fewer_candidates_than_seats_is_refused(tree, personas, committee, plenary):
    with pytest.raises(ValidationError, match="候选人1人，少于应选人数2人"):
        make_election(plenary, ["甲候选人"], seats=2)
    assert not Election.objects.exists()


def test_a_sibling_cannot_confirm_another_unions_election(tree, personas, committee, plenary):
    election = make_election(plenary, ["甲候选人"], kind="add")
    with pytest.raises(PermissionDenied):
        actions.election_confirm(actor=personas.sibling, election=election,
                                 tally=tally_for(election, {"甲候选人": 10}, issued=10))  # fmt: skip
    election.refresh_from_db()
    assert election.status == "draft"


def test_a_confirmed_result_is_final(tree, personas, committee, plenary):
    election = make_election(plenary, ["甲候选人"], kind="add")
    actions.election_confirm(actor=personas.city, election=election,
                             tally=tally_for(election, {"甲候选人": 10}, issued=10))  # fmt: skip
    with pytest.raises(ValidationError, match="不能确认选举结果"):
        actions.election_confirm(actor=personas.city, election=election)
    with pytest.raises(ValidationError, match="选举结果已确认，会议记录不能退回修改"):
        actions.meeting_reopen(actor=personas.city, meeting=plenary)
