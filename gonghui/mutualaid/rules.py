"""The plan rules as pure functions: the group rule, a person's eligibility, the cover dates and
the benefit a claim earns. Actions call them; property tests check them on their own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from django.utils.translation import gettext

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def group_refusal(*, enrolled: int, in_service: int, min_ratio: Decimal, min_people: int) -> str:
    """Why a unit's group does not meet the plan's rule ("" when it does): at least `min_ratio`
    of its in-service workers and at least `min_people`; a unit of `min_people` or fewer enrols
    everyone."""
    if enrolled == 0:
        return gettext("尚未添加参保人员。")
    if in_service <= min_people:
        if enrolled < in_service:
            return gettext(
                "在职职工 %(in_service)s 人（不超过 %(min_people)s 人）的单位须全员参保，现有 %(enrolled)s 人，还差 %(value)s 人。"
            ) % {
                "in_service": in_service,
                "min_people": min_people,
                "enrolled": enrolled,
                "value": in_service - enrolled,
            }
        return ""
    needed = max(min_people, _ceil(min_ratio * in_service))
    if enrolled < needed:
        why = (
            (gettext("不少于 %(min_people)s 人") % {"min_people": min_people})
            if needed == min_people
            else (gettext("不少于在职职工的 %(value)s%%") % {"value": format(min_ratio * 100, ".0f")})
        )
        return gettext(
            "团体参保须%(why)s：在职职工 %(in_service)s 人，至少 %(needed)s 人参保，现有 %(enrolled)s 人，还差 %(value)s 人。"
        ) % {
            "why": why,
            "in_service": in_service,
            "needed": needed,
            "enrolled": enrolled,
            "value": needed - enrolled,
        }
    return ""


def _ceil(d: Decimal) -> int:
    return int(d.to_integral_value(rounding="ROUND_CEILING"))


def age_on(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def person_refusal(
    *, name: str, birth: dt.date, sex: str, on: dt.date, min_age: int, max_age: int, sex_required: str
) -> str:
    """Why one person may not join ("" when they may): age on the day cover would start, sex."""
    age = age_on(birth, on)
    if age < min_age or age > max_age:
        return gettext("%(name)s：%(on)s时 %(age)s 周岁，不在 %(min_age)s 至 %(max_age)s 周岁之间。") % {
            "name": name,
            "on": format(on, "%Y年%m月%d日"),
            "age": age,
            "min_age": min_age,
            "max_age": max_age,
        }
    if sex_required and sex != sex_required:
        return gettext("%(name)s：本计划只接受%(sex_required)s职工参保。") % {
            "name": name,
            "sex_required": sex_required,
        }
    return ""


def cover_start_after(paid_on: dt.date) -> dt.date:
    """The plan's common date after payment: the first day of the next month."""
    return dt.date(paid_on.year + (paid_on.month == 12), paid_on.month % 12 + 1, 1)


def cover_end(start: dt.date, term_years: int) -> dt.date:
    """The last day of cover: the day before the same date `term_years` later."""
    try:
        same = start.replace(year=start.year + term_years)
    except ValueError:  # 29 February
        same = start.replace(year=start.year + term_years, day=28) + dt.timedelta(days=1)
    return same - dt.timedelta(days=1)


@dataclass(frozen=True)
class Schedule:
    """What a benefit pays: one line of the plan's schedule."""

    basis: str  # "ratio" | "daily" | "fixed"
    deductible: Decimal
    rate: Decimal
    amount: Decimal
    event_cap: Decimal


@dataclass(frozen=True)
class Award:
    computed: Decimal  # the schedule's figure, before any cap
    payable: Decimal  # what may be paid now
    note: str  # which cap applied, if any


def by_schedule(schedule: Schedule, *, expense: Decimal, days: int) -> Decimal:
    """The schedule's figure for one event, before caps (rounded down to the fen)."""
    if schedule.basis == "ratio":
        figure = max(expense - schedule.deductible, ZERO) * schedule.rate
    elif schedule.basis == "daily":
        figure = schedule.amount * days
    else:
        figure = schedule.amount
    return figure.quantize(CENT, rounding=ROUND_DOWN)


def award(
    schedule: Schedule, *, expense: Decimal, days: int, period_cap: Decimal, already_paid: Decimal
) -> Award:
    """What a claim may be paid: the schedule's figure, no more than the cap per event, and no
    more than what is left of the cap for the cover period after what the share already paid."""
    computed = by_schedule(schedule, expense=expense, days=days)
    payable, note = computed, ""
    if payable > schedule.event_cap:
        # The note is kept on the claim: written in the default language, like the records.
        payable, note = schedule.event_cap, f"按每次给付上限 {schedule.event_cap} 元给付"
    left = max(period_cap - already_paid, ZERO)
    if payable > left:
        payable = left
        note = f"保障期内累计给付上限 {period_cap} 元，已给付 {already_paid} 元，本次按余额 {left} 元给付"
    return Award(computed=computed, payable=payable, note=note)
