"""What the module gives the portal and the workbench: offers, a worker's panel, to-do counts."""

from __future__ import annotations

from gonghui.jobfairs.home import jobfair_offers, my_jobfair_panels
from gonghui.jobfairs.selectors import employers_to_approve_count, positions_to_approve_count

from .factories import make_employer, make_fair, make_position, make_seeker


def test_offers_are_the_open_fairs_that_reach_the_worker(tree, personas, fair):
    make_fair(tree.guangzhou, publish=False, title="筹备中的招聘会")
    make_fair(tree.shenzhen, public=False, title="深圳会员专场")
    titles = [o.title for o in jobfair_offers(personas.member)]
    assert titles == [fair.title]


def test_a_worker_sees_their_registration_and_matched_positions(personas, fair):
    assert my_jobfair_panels(personas.member) == []
    make_position(make_employer(fair), title="电子装配工")
    make_seeker(fair, actor=personas.member, walk_in=False)
    (panel,) = my_jobfair_panels(personas.member)
    texts = [line.text for line in panel.lines]
    assert texts[0] == fair.title and any("电子装配工" in t for t in texts)


def test_to_do_counts_are_for_the_organisers_approvers(personas, fair):
    employer = make_employer(fair, approve=False)
    make_employer(fair)
    assert employers_to_approve_count(personas.city) == 1
    assert employers_to_approve_count(personas.district) == 0
    assert positions_to_approve_count(personas.city) == 0
    make_position(make_employer(fair), approve=False)
    make_position(employer, approve=False)  # its employer waits: not yet a position to review
    assert positions_to_approve_count(personas.city) == 1
