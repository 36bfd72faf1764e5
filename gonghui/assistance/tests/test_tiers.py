"""困难类别 arithmetic at its boundaries (FORMS.md §2d), on exact Decimals."""

from decimal import Decimal

import pytest

from gonghui.assistance.choices import Tier
from gonghui.assistance.tiers import annual_income, assess

LINE = Decimal("1300.00")


def tier(income: str, rigid: str = "0", size: int = 3, **kw) -> str:
    return assess(income=Decimal(income), rigid=Decimal(rigid), size=size, line=LINE, **kw).tier


def test_exactly_on_the_line_is_not_deep_but_relative():
    # 1300 × 12 × 3 = 46,800 a year for three people: on the line, not below it.
    assert tier("46800.00") == Tier.RELATIVE
    assert tier("46799.99") == Tier.DEEP


def test_exactly_twice_the_line_is_not_relative():
    assert tier("93599.99") == Tier.RELATIVE
    assert tier("93600.00") == ""


def test_rigid_expenses_are_deducted_before_dividing():
    # 60,000 income − 13,200.01 medical costs = 46,799.99 → below the line for three.
    assert tier("60000", rigid="13200.01") == Tier.DEEP
    assert tier("60000", rigid="13200.00") == Tier.RELATIVE


def test_accident_when_costs_exceed_80_percent_of_income():
    assert tier("100000", hardship_costs=Decimal("80000.00")) == ""
    assert tier("100000", hardship_costs=Decimal("80000.01")) == Tier.ACCIDENT


def test_accident_when_injured_in_a_major_event():
    assert tier("100000", major_event=True) == Tier.ACCIDENT


def test_low_income_is_deep_even_after_an_accident():
    assert tier("20000", major_event=True) == Tier.DEEP


def test_per_capita_is_rounded_to_the_cent_for_display():
    result = assess(income=Decimal("10000"), rigid=Decimal("0"), size=3, line=LINE)
    assert result.per_capita == Decimal("277.78")


def test_per_capita_is_zero_not_negative_when_rigid_expenses_exceed_the_income():
    # No earnings and 2,400 元 of medical costs a year for one person: nothing to live on (0.00,
    # not −200.00 a month), and deep hardship.
    result = assess(income=Decimal("0"), rigid=Decimal("2400"), size=1, line=LINE)
    assert result.per_capita == Decimal("0.00")
    assert result.tier == Tier.DEEP


def test_annual_income_is_twelve_months_of_every_earner_plus_other_income():
    assert annual_income(
        monthly_incomes=[Decimal("1500"), Decimal("800.50")], other_income=Decimal("1200")
    ) == Decimal("28806.00")


def test_a_household_has_at_least_one_person():
    with pytest.raises(ValueError):
        assess(income=Decimal(1), rigid=Decimal(0), size=0, line=LINE)
