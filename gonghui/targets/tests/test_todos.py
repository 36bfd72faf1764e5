"""A late or red target appears on the workbench of its union and of the union above, nowhere else."""

from __future__ import annotations

import datetime as dt

from gonghui.targets import actions
from gonghui.targets.selectors import flagged_count, to_report_count

from .factories import target_in


def test_a_late_report_waits_on_the_workbench_of_the_union_that_owes_it(tree, personas, today):
    today(dt.date(2025, 3, 10))  # February's report was due on 5 March
    target = target_in(tree.street, year=2025)
    actions.report_submit(actor=None, target=target, month=1, value="10", on=dt.date(2025, 2, 3))
    counts = {name: to_report_count(user) for name, user in personas.items()}
    assert counts == {**dict.fromkeys(counts, 0), "street": 1}  # nobody else
    actions.report_submit(actor=personas.street, target=target, month=2, value="20")
    assert to_report_count(personas.street) == 0


def test_a_red_target_shows_for_its_union_and_the_one_above(tree, personas, today):
    today(dt.date(2025, 3, 10))
    target = target_in(tree.street, year=2025, value="120")
    actions.report_submit(actor=None, target=target, month=1, value="1")  # 10% of the way: red
    counts = {name: flagged_count(user) for name, user in personas.items()}
    assert counts == {**dict.fromkeys(counts, 0), "district": 1, "street": 1}  # nobody else
    report = target.reports.get(month=1)
    actions.report_correct(actor=personas.street, report=report, value="10", reason="补录")
    assert flagged_count(personas.district) == 0
