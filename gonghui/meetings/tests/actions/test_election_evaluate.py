"""The rule book as a pure function: quorum, ballots, majority, ties."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from gonghui.meetings.actions import election_evaluate
from gonghui.meetings.selectors import Rules

TWO_THIRDS_ALL = Rules(2, 3, "expected", "默认规则")
HALF_PRESENT = Rules(1, 2, "present", "本次选举设定")


def run(
    votes, *, expected=30, present=25, seats=1, issued=None, returned=None, valid=None, rules=TWO_THIRDS_ALL
):
    issued = present if issued is None else issued
    return election_evaluate(
        expected=expected, present=present, seats=seats, ballots_issued=issued,
        ballots_returned=issued if returned is None else returned,
        ballots_valid=(issued if returned is None else returned) if valid is None else valid,
        votes=[(i, name, v) for i, (name, v) in enumerate(votes.items(), start=1)], rules=rules,
    )  # fmt: skip


def test_fewer_than_two_thirds_present_is_refused_with_the_numbers():
    with pytest.raises(
        ValidationError, match="出席会议的委员19人，不足应到会委员30人的三分之二（至少需20人）"
    ):
        run({"甲": 19}, present=19)
    assert run({"甲": 20}, present=20).elected == [1]


def test_a_majority_of_all_members_is_needed_by_default():
    with pytest.raises(
        ValidationError, match="没有候选人获得超过应到会人数（30人）半数的赞成票（至少需16票）"
    ):
        run({"甲": 15})
    assert run({"甲": 16}).need == 16


def test_a_union_may_count_the_majority_of_those_present():
    outcome = run({"甲": 13}, rules=HALF_PRESENT)
    assert (outcome.basis, outcome.need, outcome.elected) == (25, 13, [1])


def test_more_ballots_returned_than_issued_voids_the_election():
    with pytest.raises(ValidationError, match="收回选票26张，多于发出选票25张，选举无效"):
        run({"甲": 20}, issued=25, returned=26)


def test_ballots_beyond_those_present_are_refused():
    with pytest.raises(ValidationError, match="发出选票26张，多于出席会议的委员25人"):
        run({"甲": 20}, issued=26)


def test_votes_beyond_valid_ballots_are_refused():
    with pytest.raises(ValidationError, match="乙的赞成票24张，多于有效选票23张"):
        run({"甲": 20, "乙": 24}, seats=2, returned=25, valid=23)
    with pytest.raises(ValidationError, match="合计44张，超过20张有效选票最多可投的20张"):
        run({"甲": 20, "乙": 20, "丙": 4}, seats=1, issued=25, returned=25, valid=20)


def test_a_tie_at_the_last_seat_calls_for_another_vote():
    with pytest.raises(ValidationError, match="乙、丙得票相等（各16票）"):
        run({"甲": 22, "乙": 16, "丙": 16}, seats=2, present=27)
    assert run({"甲": 22, "乙": 18, "丙": 9}, seats=2).elected == [1, 2]


def test_missing_counts_are_asked_for():
    with pytest.raises(ValidationError, match="请填写发出、收回和有效选票数"):
        election_evaluate(expected=30, present=25, seats=1, ballots_issued=None, ballots_returned=None,
                          ballots_valid=None, votes=[(1, "甲", 20)], rules=TWO_THIRDS_ALL)  # fmt: skip
    with pytest.raises(ValidationError, match="请填写甲的赞成票数"):
        run({"甲": None})


@given(
    expected=st.integers(1, 200), data=st.data(), seats=st.integers(1, 5),
    rules=st.sampled_from([TWO_THIRDS_ALL, HALF_PRESENT, Rules(3, 4, "expected", "")]),
)  # fmt: skip
def test_whoever_is_elected_has_a_majority_and_there_are_never_too_many(expected, data, seats, rules):
    present = data.draw(st.integers(0, expected))
    valid = data.draw(st.integers(0, present))
    votes = data.draw(st.lists(st.integers(0, valid), min_size=seats, max_size=seats + 3))
    try:
        outcome = run({f"候选人{i}": v for i, v in enumerate(votes)}, expected=expected, present=present,
                      seats=seats, issued=present, returned=present, valid=valid, rules=rules)  # fmt: skip
    except ValidationError:
        return
    basis = expected if rules.majority_basis == "expected" else present
    assert present * rules.quorum_den >= expected * rules.quorum_num
    assert 0 < len(outcome.elected) <= seats
    assert all(votes[i - 1] * 2 > basis for i in outcome.elected)
