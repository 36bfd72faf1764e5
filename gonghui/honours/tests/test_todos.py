"""The workbench's counters and figures."""

from __future__ import annotations

from gonghui.honours import actions
from gonghui.honours.selectors import honours_figures, honours_todo_rounds, nominations_to_review_count

from .factories import climb, end_notice, kind, make_round, nominate


def test_nominations_to_review_are_counted_where_they_wait(tree, personas, round):
    nominate(round, tree.grassroots, "陈建华")
    nominate(round, tree.grassroots, "李秀英")
    assert nominations_to_review_count(personas.district) == 2
    assert nominations_to_review_count(personas.city) == 0  # waiting at the district, not at the city
    assert nominations_to_review_count(personas.sibling) == 0


def test_a_round_whose_notice_is_over_waits_for_the_city(tree, personas):
    round = make_round(tree.guangzhou, places=2)
    climb(nominate(round, tree.grassroots))
    actions.round_publish(actor=None, round=round)
    assert honours_todo_rounds(personas.city) == 0
    end_notice(round)
    assert honours_todo_rounds(personas.city) == 1
    assert honours_todo_rounds(personas.district) == 0


def test_figures_count_model_workers_and_studios_of_a_subtree(tree, personas):
    actions.honour_record(
        actor=None, org=tree.grassroots, kind=kind(), name="陈建华", unit="某厂", awarded_on="2015-04-28"
    )
    actions.honour_record(
        actor=None, org=tree.luohu, kind=kind(), name="王深", unit="某厂", awarded_on="2015-04-28"
    )
    figures = honours_figures(personas.city, tree.guangzhou)
    assert [(label, n) for label, n, _ in figures] == [("劳模（人次）", 1), ("创新工作室", 0)]


def test_a_cancelled_round_leaves_nothing_to_review(tree, personas, round):
    nominate(round, tree.grassroots, "陈建华")
    actions.round_cancel(actor=personas.city, round=round, reason="另行安排")
    assert nominations_to_review_count(personas.district) == 0
