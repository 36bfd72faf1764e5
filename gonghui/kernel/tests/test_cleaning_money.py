"""cleaning.money: amounts in 元 as Decimal, whatever form they arrive in."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gonghui.kernel import cleaning
from gonghui.kernel.errors import Refused


def money(value: object, **kw: object) -> Decimal:
    return cleaning.money(value, field="amount", label="金额", **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1200.5, "1200.50"),  # a number cell as calamine reads it
        (600.0, "600.00"),
        (0.01, "0.01"),
        (19.99, "19.99"),
        (1e5, "100000.00"),
        ("1,200.50元", "1200.50"),
        (Decimal("3.1"), "3.10"),
        (42, "42.00"),
    ],
)
def test_a_number_is_read_as_the_decimal_a_person_typed(value, expected):
    got = money(value)
    assert isinstance(got, Decimal) and got == Decimal(expected) and str(got) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0.1 + 0.2, "最多保留两位小数"),  # 0.30000000000000004: the float's own digits, not 0.30
        (12.345, "最多保留两位小数"),
        (float("nan"), "应为金额"),
        (float("inf"), "应为金额"),
        (-5.0, "不能为负数"),
        (1e300, "超出上限"),
        (True, "应为金额"),
    ],
)
def test_a_number_that_is_no_amount_is_refused_in_chinese(value, message):
    with pytest.raises(Refused) as refused:
        money(value)
    assert message in refused.value.message_dict["amount"][0]


def test_a_zero_float_is_refused_where_zero_is_not_allowed_and_negative_zero_is_zero():
    with pytest.raises(Refused, match="应大于零"):
        money(0.0, allow_zero=False)
    assert str(money(-0.0)) == "0.00" and str(money("-0")) == "0.00"
