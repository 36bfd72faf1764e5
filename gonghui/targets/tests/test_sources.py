"""Each computed indicator equals its module's own report for the same union, scope and date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from gonghui.assistance import actions as assistance
from gonghui.assistance.report import assistance_report
from gonghui.assistance.tests.factories import fund_with, make_household
from gonghui.services import actions as services
from gonghui.services.stats import case_stats
from gonghui.services.tests.factories import make_case
from gonghui.targets import actions
from gonghui.targets.models import Measure, Report
from gonghui.targets.sources import compute
from gonghui.units.report import two_universal_report
from gonghui.units.tests.factories import make_unit

from .factories import indicator_in, relief_approved, rights_cases_of_2025, target_in, units_of_two_streets


@pytest.fixture(autouse=True, params=["per union", "one grouped pass"])
def batch(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every source is checked both ways: the report per union, and the grouped pass of a monthly run."""
    monkeypatch.setattr("gonghui.targets.sources.BATCH_FROM", 1000 if request.param == "per union" else 1)
    return str(request.param)


def test_two_universal_rates_equal_the_units_report(tree):
    units_of_two_streets(tree)
    make_unit(tree.luohu, "罗湖商贸公司", 200)
    today = timezone.localdate()
    for org in (tree.haizhu, tree.guangzhou, tree.province, tree.street):
        total = two_universal_report(actor=None, org=org, on=today).total
        for key, attr in (
            ("units.union_rate", "union_rate"),
            ("units.membership_rate", "membership_rate"),
            ("units.contract_unit_rate", "contract_unit_rate"),
        ):
            assert compute(key, [org], today.year, today.month)[org.pk] == getattr(total, attr), (
                org.name,
                key,
            )
    haizhu = two_universal_report(actor=None, org=tree.haizhu, on=today).total
    assert haizhu.union_rate == Decimal("66.67")  # two of three units above the threshold
    assert compute("units.contract_unit_rate", [tree.haizhu], today.year, today.month)[
        tree.haizhu.pk
    ] == Decimal("33.33")


def test_relief_money_and_times_equal_the_assistance_report(rules):
    relief_approved(rules, street_fund="5000", last="900")
    year = timezone.localdate().year
    for org in (rules.haizhu, rules.street, rules.province):
        report = assistance_report(actor=None, org=org, year=year)
        assert compute("assistance.money", [org], year, 12)[org.pk] == report.total.total
        assert compute("assistance.times", [org], year, 12)[org.pk] == report.total.times
    assert compute("assistance.money", [rules.haizhu], year, 12)[rules.haizhu.pk] == Decimal("8700.00")
    assert compute("assistance.households", [rules.haizhu], year, 12)[rules.haizhu.pk] == 2


def test_cases_closed_and_money_recovered_equal_the_case_statistics(tree, personas):
    year = 2025
    rights_cases_of_2025(tree)
    for org in (tree.haizhu, tree.street):
        stats = case_stats(actor=personas.province, org=org, year=year).total
        assert compute("services.cases_closed", [org], year, 12)[org.pk] == stats.closed
        assert compute("services.recovered", [org], year, 12)[org.pk] == stats.recovered
    assert compute("services.cases_closed", [tree.haizhu], year, 2)[tree.haizhu.pk] == 0  # closed in March


def test_the_monthly_computation_fills_computed_targets(rules):
    household = make_household(rules.grassroots)
    fund_with(rules.street, "5000")
    application = assistance.application_submit(
        actor=None, household=household, kind="medical", amount="1500", reason="住院"
    )
    assistance.application_approve(actor=None, application=application)
    year = timezone.localdate().year
    indicator = actions.indicator_create(
        actor=None, org=rules.guangzhou, name="困难职工帮扶金额", unit="", source="assistance.money",
        measure=Measure.LEVEL,
    )  # fmt: skip
    assert indicator.measure == Measure.CUMULATIVE and indicator.unit == "元"  # as the source says
    target = target_in(rules.haizhu, indicator=indicator, year=year, value="24000")
    reported = target_in(rules.haizhu, indicator=indicator_in(rules.guangzhou), year=year)
    month = timezone.localdate().month
    assert actions.targets_compute(actor=None, year=year, month=month) == 1
    report = Report.objects.get(target=target, month=month)
    assert report.value == Decimal("1500.00") and report.origin == "computed"
    assert not Report.objects.filter(target=reported).exists()
    target.refresh_from_db()
    assert target.actual == Decimal("1500.00") and target.actual_month == month


def test_a_monthly_run_that_lights_many_targets_tells_each_person_once(tree, personas, outbox):
    from gonghui.services.tests.factories import make_case
    from gonghui.targets.models import Warning

    indicator = actions.indicator_create(
        actor=None, org=tree.haizhu, name="维权案件结案数", unit="件", source="services.cases_closed"
    )
    whole = target_in(tree.haizhu, indicator=indicator, value="120")
    actions.target_cascade(
        actor=None, target=whole,
        shares=[actions.Share(tree.street.pk, "60", "王芳"), actions.Share(tree.sibling_street.pk, "60", "王芳")],
    )  # fmt: skip
    case = make_case(tree.street, intake_on=dt.date(2025, 1, 10))
    services.case_close(actor=None, case=case, outcome="resolved", on=dt.date(2025, 1, 20))
    assert actions.targets_compute(actor=None, year=2025, month=1) == 3  # all red: 1 of 10 due
    assert Warning.objects.filter(level="red").count() == 3
    to = sorted(n.to_name for n in outbox)
    assert to.count("王芳") == 1 and to.count("陈志强") == 1  # one notice each, listing their targets
    assert "赤岗街道总工会" in next(n.text for n in outbox if n.to_name == "王芳")


def test_a_monthly_run_flags_each_target_as_the_milestones_say(tree, outbox):
    """Whatever the database, the run's completion and flag are progress.py's for every target
    (milestones of its own or the default, a baseline, a later month's value left standing)."""
    from gonghui.targets import progress
    from gonghui.targets.models import Target

    case = make_case(tree.street, intake_on=dt.date(2025, 1, 10))
    services.case_close(actor=None, case=case, outcome="resolved", on=dt.date(2025, 1, 20))
    indicator = actions.indicator_create(
        actor=None, org=tree.province, name="维权案件结案数", unit="件", source="services.cases_closed"
    )
    plans = {
        tree.street: {"value": "30"},
        tree.haizhu: {"value": "7", "milestones": [10, 40, 70, 100]},
        tree.guangzhou: {"value": "11", "baseline": "0.5", "milestones": [33, 66, 90, 100]},
        tree.province: {"value": "1", "yellow_margin": "0", "red_margin": "0"},
        tree.sibling_street: {"value": "5"},
    }
    targets = {org: target_in(org, indicator=indicator, year=2025, **plan) for org, plan in plans.items()}
    Target.objects.filter(pk=targets[tree.sibling_street].pk).update(actual_month=5, flag="green")
    assert actions.targets_compute(actor=None, year=2025, month=2) == 5
    for org, target in targets.items():
        target.refresh_from_db()
        if org == tree.sibling_street:
            assert (target.actual_month, target.flag) == (5, "green")  # a later month's value stands
            continue
        due = progress.expected(
            value=target.value, baseline=target.baseline, month=2, milestones=target.quarter_milestones
        )
        done = progress.completion(actual=Decimal(1), baseline=target.baseline, expected_value=due)
        assert (target.actual, target.actual_month) == (Decimal("1.00"), 2), org.name
        assert target.completion == done, org.name
        assert target.flag == progress.flag_of(done, yellow=target.yellow_margin, red=target.red_margin)
    assert targets[tree.province].flag == "green"
    assert targets[tree.street].flag == "red"


def test_members_joined_and_meetings_held_count_the_registers_of_the_subtree(tree):
    from gonghui.meetings.tests.factories import make_meeting
    from gonghui.members.tests.conftest import make_member

    make_member(tree.grassroots, "陈建华")  # approved 2020-03-01
    make_member(tree.sibling_grassroots, "李秀英")
    make_meeting(tree.street, held_on=dt.date(2020, 4, 10), kind="work", subject="工作会议", record=True)
    make_meeting(tree.street, held_on=dt.date(2020, 5, 10), kind="work", subject="工作会议")  # a draft
    assert compute("members.joined", [tree.street], 2020, 3)[tree.street.pk] == 1
    assert compute("members.joined", [tree.haizhu], 2020, 3)[tree.haizhu.pk] == 2
    assert compute("members.joined", [tree.haizhu], 2020, 2)[tree.haizhu.pk] == 0
    assert compute("members.joined", [tree.haizhu], 2021, 12)[tree.haizhu.pk] == 0
    assert compute("meetings.held", [tree.haizhu], 2020, 12)[tree.haizhu.pk] == 1
    assert compute("meetings.held", [tree.street], 2020, 3)[tree.street.pk] == 0
