"""困难类别 from the figures of a file (FORMS.md §2d), and the 低保 line it is measured against.

    (家庭年度可支配收入 − 刚性支出) ÷ 12 ÷ 家庭共同生活人口  <  低保标准      → 深度困难
                                                        <  2 × 低保标准  → 相对困难
    因重大突发事件伤残或死亡, or 年度内致困费用 > 80% of 家庭年收入        → 意外致困

The comparisons are made on exact Decimals, multiplied out (no division, no rounding), so a
household exactly on a line is on the line, not a cent below it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from .choices import Tier
from .models import SubsistenceLine

CENT = Decimal("0.01")
ACCIDENT_SHARE = Decimal("0.8")


@dataclass(frozen=True)
class Assessment:
    tier: str  # "" when the household meets none of the three tests
    per_capita: Decimal  # 元 per person per month, rounded to the cent for display
    annual_income: Decimal
    line: Decimal


def annual_income(*, monthly_incomes: list[Decimal], other_income: Decimal) -> Decimal:
    """家庭年度总收入: twelve months of every earner's income plus other non-wage income."""
    return sum(monthly_incomes, Decimal(0)) * 12 + other_income


def assess(
    *,
    income: Decimal,
    rigid: Decimal,
    size: int,
    line: Decimal,
    hardship_costs: Decimal = Decimal(0),
    major_event: bool = False,
) -> Assessment:
    if size < 1:
        raise ValueError("a household has at least one person")
    disposable = income - rigid
    # Rigid outlays larger than the income leave nothing to live on, not a negative income: the
    # figure shown is 0.00; the tier below still compares the exact (negative) disposable sum.
    per_capita = (max(disposable, Decimal(0)) / 12 / size).quantize(CENT, rounding=ROUND_HALF_UP)
    monthly_total = line * 12 * size  # the line, for the whole household and year
    tier: str
    if disposable < monthly_total:
        tier = Tier.DEEP
    elif disposable < 2 * monthly_total:
        tier = Tier.RELATIVE
    elif major_event or hardship_costs > ACCIDENT_SHARE * income:
        tier = Tier.ACCIDENT
    else:
        tier = ""
    return Assessment(tier=tier, per_capita=per_capita, annual_income=income, line=line)


def line_for(*, division: str, year: int) -> SubsistenceLine:
    """The 低保 line of a county division, else its city's, else its province's, for `year` (or,
    when that year's is not entered yet, the latest earlier year)."""
    candidates = [division, f"{division[:4]}00", f"{division[:2]}0000"]
    rows = {
        (r.division, r.year): r
        for r in SubsistenceLine.objects.filter(division__in=candidates, year__lte=year).order_by("-year")
    }
    for d in candidates:
        found = [r for (div, _y), r in rows.items() if div == d]
        if found:
            return max(found, key=lambda r: r.year)
    raise ValidationError(
        {"hukou_division": gettext("未找到行政区划 %(division)s 及其上级地区 %(year)s 年（或以前）的低保标准，请先由管理员在「低保标准」中录入。") % {"division": division, "year": year}}
    )  # fmt: skip
