"""The monthly circular's ranking, red flags and improvers, against figures worked out by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from gonghui.targets import actions
from gonghui.targets.circular import Standing, monthly_circular, rank
from gonghui.targets.models import Flag, Target

from .factories import YEAR, target_in


def test_ranking_red_flags_and_improvers_match_the_hand_computed_ones(tree, personas):
    whole = target_in(tree.province, value="300")
    actions.target_cascade(
        actor=None,
        target=whole,
        shares=[
            actions.Share(o.pk, "100", f"{o.name}看管人")
            for o in (tree.guangzhou, tree.shenzhen, tree.seamen)
        ],
    )
    part = {t.org_id: t for t in Target.objects.filter(parent=whole)}
    for org, jan, feb in ((tree.guangzhou, "5", "20"), (tree.shenzhen, "8", "12")):
        actions.report_submit(actor=None, target=part[org.pk], month=1, value=jan, on=dt.date(YEAR, 2, 3))
        actions.report_submit(actor=None, target=part[org.pk], month=2, value=feb, on=dt.date(YEAR, 3, 3))

    c = monthly_circular(actor=personas.province, org=tree.province, year=YEAR, month=2)

    # 100 a year, 25% by March: 16.67 due by February (8.33 by January).
    # 广州 20 / 16.67 = 119.98% (January 5 / 8.33 = 60.02%: +59.96); 深圳 12 / 16.67 = 71.99%: red
    # (January 8 / 8.33 = 96.04%: −24.05); 海员工会 did not report.
    [section] = c.sections
    assert [(r.rank, r.target.org.name, r.completion, r.change, r.flag) for r in section.rows] == [
        (1, "广州市总工会", Decimal("119.98"), Decimal("59.96"), Flag.GREEN),
        (2, "深圳市总工会", Decimal("71.99"), Decimal("-24.05"), Flag.RED),
        (None, "广东省海员工会", None, None, Flag.NONE),
    ]
    assert all(r.expected == Decimal("16.67") for r in section.rows)
    assert [r.target.org.name for r in c.red] == ["深圳市总工会"]
    assert [r.target.org.name for r in c.improvers] == ["广州市总工会"]
    assert c.counts[Flag.RED] == 1 and c.counts[Flag.GREEN] == 1 and c.counts[Flag.NONE] == 1
    assert c.title == "广东省总工会2025年2月目标任务推进情况通报"


def test_a_city_sees_only_its_own_subtree_in_the_circular(tree, personas):
    whole = target_in(tree.province, value="300")
    actions.target_cascade(
        actor=None, target=whole, shares=[actions.Share(o.pk, "150") for o in (tree.guangzhou, tree.shenzhen)]
    )
    c = monthly_circular(actor=personas.city, org=tree.guangzhou, year=YEAR, month=1)
    assert c.sections == [] and c.red == [] and sum(c.counts.values()) == 0


def _s(done: str | None) -> Standing:
    return Standing(
        target=Target(), value=None, expected=Decimal(1), completion=None if done is None else Decimal(done),
        flag=Flag.NONE, change=None,
    )  # fmt: skip


def test_equal_completions_share_a_rank():
    rows = rank([_s("80"), _s("95"), _s(None), _s("95"), _s("70")])
    assert [(r.rank, r.completion) for r in rows] == [
        (1, Decimal("95")), (1, Decimal("95")), (3, Decimal("80")), (4, Decimal("70")), (None, None),
    ]  # fmt: skip
