"""A monthly run's values (set-based on PostgreSQL, per source in Python on SQLite) equal each
module's own report for the same union, scope and date: one test per source, over a tree where
the figures differ from union to union."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from gonghui.assistance.report import assistance_report
from gonghui.meetings import actions as meetings
from gonghui.meetings.tests.factories import make_meeting, passon_in
from gonghui.members.tests.conftest import make_member
from gonghui.orgs.models import Org
from gonghui.services.stats import case_stats
from gonghui.targets import actions
from gonghui.targets.models import Report, Target
from gonghui.targets.sources import SOURCES, compute
from gonghui.units.report import two_universal_report
from gonghui.units.tests.factories import make_unit

from .factories import relief_approved, rights_cases_of_2025, target_in, units_of_two_streets

THIS_YEAR = timezone.localdate().year


def _units(rules: Any) -> tuple[int, int]:
    units_of_two_streets(rules)
    make_unit(rules.sibling_street, "新港小食店", 12)
    make_member(rules.grassroots, "陈建华")
    make_member(rules.sibling_grassroots, "李秀英")
    make_member(rules.sibling_grassroots, "黄丽娟")
    today = timezone.localdate()
    return today.year, today.month


def _assistance(rules: Any) -> tuple[int, int]:
    relief_approved(rules, street_fund="9000", last="900.50")
    return THIS_YEAR, 12


def _cases(rules: Any) -> tuple[int, int]:
    rights_cases_of_2025(rules)
    return 2025, 12


def _registers(rules: Any) -> tuple[int, int]:
    make_member(rules.grassroots, "陈建华")  # approved 2020-03-01
    make_member(rules.sibling_grassroots, "李秀英")
    make_member(rules.grassroots, "周小燕")
    make_meeting(rules.street, held_on=dt.date(2020, 4, 10), kind="work", subject="工作会议", record=True)
    make_meeting(rules.grassroots, held_on=dt.date(2020, 4, 12), kind="work", subject="工作会议", record=True)
    make_meeting(rules.street, held_on=dt.date(2020, 5, 10), kind="work", subject="工作会议")  # a draft
    for org in (rules.grassroots, rules.sibling_grassroots):
        meetings.passon_record(actor=None, task=passon_in(org), on=dt.date(2020, 5, 20), how="study")
    return 2020, 12


def _two_universal(attr: str) -> Callable[[Org, int, int], Any]:
    return lambda org, year, month: getattr(
        two_universal_report(actor=None, org=org, on=timezone.localdate()).total, attr
    )


def _case_stats(org: Org, year: int) -> Any:
    return case_stats(actor=PROVINCE[0], org=org, year=year).total


PROVINCE: list[Any] = []  # the province's officer (the case statistics are read as someone)


def _own_report(key: str) -> Callable[[Org, int, int], Any]:
    """The source asked for one union alone: the module's register read for that subtree."""
    return lambda org, year, month: compute(key, [org], year, month)[org.pk]


CASES: dict[str, tuple[Callable[[Any], tuple[int, int]], Callable[[Org, int, int], Any]]] = {
    "units.union_rate": (_units, _two_universal("union_rate")),
    "units.membership_rate": (_units, _two_universal("membership_rate")),
    "units.contract_unit_rate": (_units, _two_universal("contract_unit_rate")),
    "units.members": (_units, _two_universal("members")),
    "assistance.money": (
        _assistance,
        lambda o, y, m: assistance_report(actor=None, org=o, year=y).total.total,
    ),
    "assistance.times": (
        _assistance,
        lambda o, y, m: assistance_report(actor=None, org=o, year=y).total.times,
    ),
    "assistance.households": (_assistance, _own_report("assistance.households")),
    "services.cases_closed": (_cases, lambda o, y, m: _case_stats(o, y).closed),
    "services.recovered": (_cases, lambda o, y, m: _case_stats(o, y).recovered),
    "members.joined": (_registers, _own_report("members.joined")),
    "meetings.held": (_registers, _own_report("meetings.held")),
    "meetings.passed_on": (_registers, _own_report("meetings.passed_on")),
}


def test_every_source_is_checked():
    assert set(CASES) == set(SOURCES)


@pytest.fixture
def per_union(monkeypatch: pytest.MonkeyPatch) -> None:
    """The module's own figure for one union at a time (not the grouped pass of a monthly run)."""
    monkeypatch.setattr("gonghui.targets.sources.BATCH_FROM", 10**9)


@pytest.mark.parametrize("key", sorted(CASES))
def test_a_monthly_run_gives_each_union_its_modules_own_figure(rules, personas, per_union, outbox, key):
    PROVINCE[:] = [personas.province]
    build, report = CASES[key]
    year, month = build(rules)
    indicator = actions.indicator_create(
        actor=None, org=rules.province, name=SOURCES[key].label, unit="", source=key
    )
    orgs = [
        rules.province, rules.guangzhou, rules.haizhu, rules.street, rules.grassroots,
        rules.sibling_street, rules.sibling_grassroots,
    ]  # fmt: skip
    for org in orgs:
        target_in(org, indicator=indicator, year=year, value="1000")
    actions.targets_compute(actor=None, year=year, month=month)
    got = {
        r.target.org_id: r.value
        for r in Report.objects.filter(target__indicator=indicator, month=month).select_related("target")
    }
    expected = {org.pk: report(org, year, month) for org in orgs}
    want = {pk: Decimal(v).quantize(Decimal("0.01")) for pk, v in expected.items() if v is not None}
    assert got == want, key
    assert any(v for v in want.values()), "the data gives the source something to count"
    assert len(set(want.values())) > 1, "the figures differ from union to union"
    for target in Target.objects.filter(indicator=indicator, org_id__in=want):
        assert (target.actual, target.actual_month) == (want[target.org_id], month)


def test_a_monthly_run_within_a_union_leaves_the_rest_alone(rules, outbox):
    _cases(rules)
    indicator = actions.indicator_create(
        actor=None, org=rules.province, name="维权案件结案数", unit="件", source="services.cases_closed"
    )
    inside = target_in(rules.street, indicator=indicator, year=2025, value="10")
    outside = target_in(rules.luohu, indicator=indicator, year=2025, value="10")
    assert actions.targets_compute(actor=None, year=2025, month=6, within=rules.haizhu) == 1
    assert Report.objects.get(target=inside, month=6).value == 2
    assert not Report.objects.filter(target=outside).exists()
    # Only the months still missing: a second run fills nothing again.
    assert actions.targets_compute(actor=None, year=2025, month=6, only_missing=True) == 1
    assert Report.objects.get(target=outside, month=6).value == 0


def test_a_second_run_of_the_same_month_warns_no_one_again(rules, outbox):
    from gonghui.targets.models import Warning

    _cases(rules)
    indicator = actions.indicator_create(
        actor=None, org=rules.province, name="维权案件结案数", unit="件", source="services.cases_closed"
    )
    target = target_in(rules.street, indicator=indicator, year=2025, value="100")
    actions.targets_compute(actor=None, year=2025, month=6)
    actions.targets_compute(actor=None, year=2025, month=6)
    target.refresh_from_db()
    assert target.flag == "red"
    warning = Warning.objects.get(target=target)
    assert (warning.month, warning.level) == (6, "red")
    assert warning.told.startswith("陈志强")
    assert len([n for n in outbox if n.to_name == "陈志强"]) == 1
