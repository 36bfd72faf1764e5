"""What each persona is offered on a target and a report is exactly what the actions allow."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gonghui.targets import actions
from gonghui.targets.abilities import months_to_report, report_abilities, target_abilities
from gonghui.targets.models import Report, Target
from gonghui.targets.selectors import children_of
from gonghui.tests.contract import assert_abilities_agree, assert_page_offers

from .factories import indicator_in, report_in, target_in


def _report(actor: Any, target: Target) -> Any:
    months = months_to_report(target) or [1]
    return actions.report_submit(actor=actor, target=target, month=months[0], value="1")


def _cascade(actor: Any, target: Target) -> Any:
    child = children_of(target.org).first()
    return actions.target_cascade(
        actor=actor, target=target, shares=[actions.Share(child.pk if child else 0, str(target.value))]
    )


def test_target_abilities_agree_with_the_actions(tree, personas, today):
    whole = target_in(tree.haizhu, value="20")
    actions.target_cascade(actor=None, target=whole, shares=[actions.Share(tree.street.pk, "20")])
    computed = indicator_in(tree.guangzhou, name="建会率", unit="%", source="units.union_rate")
    full = target_in(tree.sibling_street, value="12")
    for m in (1, 2, 3):
        actions.report_submit(actor=None, target=full, month=m, value=str(m))
    records = [
        whole,  # rolled up from its parts
        Target.objects.get(parent=whole),  # the street's part
        target_in(tree.grassroots),
        target_in(tree.guangzhou, indicator=computed, value="90"),
        full,  # every open month reported
    ]
    assert_abilities_agree(
        actors=personas.items(), records=records, abilities=target_abilities,
        attempts={"report": _report, "cascade": _cascade},
    )  # fmt: skip


def test_report_abilities_agree_with_the_actions(tree, personas, today):
    computed = indicator_in(tree.haizhu, name="帮扶金额", unit="元", source="assistance.money")
    target = target_in(tree.haizhu, indicator=computed, value="1000")
    made = Report.objects.create(
        target=target, month=1, value=5, origin="computed", reported_on=dt.date(2025, 2, 3)
    )
    records = [report_in(tree.street), report_in(tree.grassroots), made]
    assert_abilities_agree(
        actors=personas.items(), records=records, abilities=report_abilities,
        attempts={"correct": lambda actor, r: actions.report_correct(actor=actor, report=r, value="99", reason="核实")},
    )  # fmt: skip


def test_the_target_page_offers_exactly_those(tree, personas, login, today):
    target = target_in(tree.street)
    report = actions.report_submit(actor=None, target=target, month=1, value="3")
    for name, user in personas.items():
        if name == "member":
            continue
        html = login(user).get(f"/targets/{target.pk}/").content.decode()
        offered = target_abilities(user, Target.objects.get(pk=target.pk))
        assert_page_offers(
            html,
            offered,
            {"report": f"/targets/{target.pk}/report/", "cascade": f"/targets/{target.pk}/cascade/"},
        )
        assert_page_offers(
            html, report_abilities(user, report), {"correct": f"/targets/reports/{report.pk}/correct/"}
        )
