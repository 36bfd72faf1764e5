from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from gonghui.kernel import scope
from gonghui.kernel.codes import CodeError, IdNumberInfo, id_number_check
from gonghui.orgs.models import Org

MAX_AMOUNT = Decimal("1000000.00")
CENT = Decimal("0.01")


def require(actor: Any, perm: str, org: Org) -> None:
    # actor=None is the system itself (the demo loader, the escalation command).
    if actor is not None:
        scope.require(actor, perm, org)


def today() -> dt.date:
    return timezone.localdate()


def money(
    value: Any, *, field: str, label: str, allow_zero: bool = True, maximum: Decimal = MAX_AMOUNT
) -> Decimal:
    """A sum in 元 with at most two decimals; never a float."""
    if isinstance(value, float):
        raise TypeError("money must not be a float")
    if value is None or (isinstance(value, str) and not value.strip()):
        if allow_zero:
            return Decimal("0.00")
        raise ValidationError({field: f"请填写{label}。"})
    try:
        d = Decimal(str(value).strip().replace(",", "").removesuffix("元"))
    except InvalidOperation:
        raise ValidationError({field: f"{label}应为金额（元），如 600 或 1200.50。"}) from None
    if not d.is_finite():
        raise ValidationError({field: f"{label}应为金额（元）。"})
    if d != d.quantize(CENT):
        raise ValidationError({field: f"{label}最多保留两位小数（分）。"})
    if d < 0 or (d == 0 and not allow_zero):
        raise ValidationError({field: f"{label}应大于零。" if not allow_zero else f"{label}不能为负数。"})
    if d > maximum:
        raise ValidationError({field: f"{label}超出上限（{maximum} 元）。"})
    return d.quantize(CENT)


def id_number(value: Any, *, field: str, who: str = "") -> IdNumberInfo:
    try:
        return id_number_check(str(value or ""))
    except CodeError as exc:
        raise ValidationError({field: f"{who}{exc.message}"}) from None
