from decimal import Decimal

from django.utils import timezone

from gonghui.assistance import actions
from gonghui.assistance.report import assistance_report, period, report_chart

from .factories import fund_with, make_household


def test_households_money_and_person_times_per_child_with_drill_down(rules, personas):
    deep = make_household(rules.grassroots)
    make_household(rules.grassroots, monthly_income="2000", rigid_expenses="0", family=[])  # relative
    make_household(rules.sibling_grassroots, family=[], monthly_income="800", main_cause="3")
    fund_with(rules.street, "5000")
    fund_with(rules.haizhu, "50000")
    small = actions.application_submit(
        actor=None, household=deep, kind="medical", amount="1800", reason="化疗"
    )
    actions.application_approve(actor=None, application=small)
    big = actions.application_submit(actor=None, household=deep, kind="living", amount="6000", reason="困难")
    actions.application_approve(actor=None, application=big)  # paid by the district, counted at the street
    year = timezone.localdate().year

    report = assistance_report(actor=personas.district, org=rules.haizhu, year=year)
    rows = {r.label: r for r in report.rows}
    street = rows["赤岗街道总工会"].figures
    assert street.households == 2 and street.tiers == {"deep": 1, "relative": 1, "accident": 0}
    assert street.money["medical"] == Decimal("1800.00") and street.money["living"] == Decimal("6000.00")
    assert street.times == 2 and street.total == Decimal("7800.00")
    assert rows["新港街道总工会"].figures.households == 1 and rows["新港街道总工会"].figures.times == 0
    assert report.total.households == 3 and report.total.total == Decimal("7800.00")
    assert rows["赤岗街道总工会"].drillable
    causes = {label: (main, secondary) for label, main, secondary in report.causes}
    assert causes["患重特大疾病"] == (2, 0) and causes["下岗失业"] == (1, 0) and causes["子女上学"] == (0, 3)
    quarter = (timezone.localdate().month - 1) // 3 + 1
    assert next(p for p in report.periods if p[2])[0] == f"{year}年第{quarter}季度"

    drilled = assistance_report(actor=personas.district, org=rules.street, year=year)
    assert [r.label for r in drilled.rows] == ["赤岗街道联合工会"]
    assert drilled.total.total == Decimal("7800.00")
    assert report_chart(report)["series"][-1]["data"] == [2, 1]
    whole = assistance_report(actor=personas.province, org=rules.province, year=year)
    assert [r.label for r in whole.rows] == [
        "广州市总工会"
    ] and whole.quiet == 2  # 深圳, 海员工会: nothing yet


def test_a_street_only_drills_into_what_it_sees(rules, personas):
    import pytest
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        assistance_report(actor=personas.street, org=rules.haizhu, year=2026)


def test_quarters_are_calendar_quarters():
    import datetime as dt

    assert period(2026, 1) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert period(2026, 4) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert period(2026, None) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
