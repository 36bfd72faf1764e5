"""What each person is offered on a fair, an employer, a position and a seeker is exactly what
the actions let them do."""

from __future__ import annotations

from gonghui.jobfairs import actions
from gonghui.jobfairs.abilities import (
    employer_abilities,
    fair_abilities,
    position_abilities,
    seeker_abilities,
)
from gonghui.tests.contract import assert_abilities_agree

from .factories import make_employer, make_fair, make_position, make_seeker


def test_fair_abilities_agree_with_the_actions(tree, personas):
    records = [make_fair(tree.guangzhou), make_fair(tree.street, publish=False), make_fair(tree.haizhu)]
    actions.fair_close(actor=None, fair=records[2])
    assert_abilities_agree(
        actors=personas.items(),
        records=records,
        abilities=fair_abilities,
        attempts={
            "publish": lambda a, f: actions.fair_publish(actor=a, fair=f),
            "close": lambda a, f: actions.fair_close(actor=a, fair=f),
            "cancel": lambda a, f: actions.fair_cancel(actor=a, fair=f),
            "add_employer": lambda a, f: make_employer(f, actor=a, approve=False),
            "enrol": lambda a, f: make_seeker(f, actor=a),
        },
    )


def test_employer_and_position_abilities_agree_with_the_actions(tree, personas):
    fair = make_fair(tree.haizhu)
    waiting = make_employer(fair, approve=False)
    approved = make_employer(fair)
    employers = [waiting, approved]
    assert_abilities_agree(
        actors=personas.items(),
        records=employers,
        abilities=employer_abilities,
        attempts={
            "approve": lambda a, e: actions.employer_approve(actor=a, employer=e),
            "reject": lambda a, e: actions.employer_reject(actor=a, employer=e, reason="不符合条件"),
            "withdraw": lambda a, e: actions.employer_withdraw(actor=a, employer=e),
            "add_position": lambda a, e: make_position(e, actor=a, approve=False),
        },
    )
    positions = [
        make_position(approved, approve=False),
        make_position(approved),
        make_position(waiting, approve=False),
    ]
    seeker = make_seeker(fair)
    assert_abilities_agree(
        actors=personas.items(),
        records=positions,
        abilities=position_abilities,
        attempts={
            "approve": lambda a, p: actions.position_approve(actor=a, position=p),
            "reject": lambda a, p: actions.position_reject(actor=a, position=p, reason="薪资不实"),
            "interview": lambda a, p: actions.interview_record(
                actor=a, position=p, seeker=seeker, outcome="interviewed"
            ),
        },
    )


def test_seeker_abilities_agree_with_the_actions(tree, personas):
    seekers = [make_seeker(make_fair(tree.guangzhou)), make_seeker(make_fair(tree.street))]
    assert_abilities_agree(
        actors=personas.items(),
        records=seekers,
        abilities=seeker_abilities,
        attempts={
            "checkin": lambda a, s: actions.seeker_checkin(actor=a, fair=s.fair, seeker=s),
            "reveal": lambda a, s: actions.seeker_reveal(actor=a, seeker=s),
        },
    )
