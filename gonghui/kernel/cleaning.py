"""Cleaning what people type, the same way in every module.

Each function takes the raw value and the field it came from, and returns the clean value or
raises `Refused({field: message})` with one message in Chinese, the same words everywhere:
「请填写姓名。」「事由不能超过200个字。」「申请金额应为金额（元），如 600 或 1200.50。」
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from .codes import CodeError, IdNumberInfo, id_number_check
from .errors import Refused

MAX_AMOUNT = Decimal("1000000.00")
CENT = Decimal("0.01")
BODY_MAX = 20_000
# The years a report or a filter can be about (the pages' year parameter reads the same range).
YEAR_FIRST = 1950
YEAR_LAST = 2100


def today() -> dt.date:
    """Today in the server's zone (Asia/Shanghai)."""
    return timezone.localdate()


def text(value: Any, *, field: str, label: str, max_length: int, required: bool = True) -> str:
    """One line of text: spaces folded, leading and trailing ones dropped."""
    cleaned = " ".join(str(value if value is not None else "").split())
    return _within(cleaned, field=field, label=label, max_length=max_length, required=required)


def body(
    value: Any, *, field: str = "body", label: str = "正文", max_length: int = BODY_MAX, required: bool = True
) -> str:
    """Paragraphs, one per line: blank lines and spaces at either end of a line dropped."""
    raw = str(value if value is not None else "").replace("\r\n", "\n").replace("\r", "\n")
    cleaned = "\n".join(line.strip() for line in raw.split("\n") if line.strip())
    return _within(cleaned, field=field, label=label, max_length=max_length, required=required)


def _within(cleaned: str, *, field: str, label: str, max_length: int, required: bool) -> str:
    """Cleaned text, refused when it is required and empty or longer than `max_length`."""
    if required and not cleaned:
        raise Refused({field: gettext("请填写%(label)s。") % {"label": label}})
    if len(cleaned) > max_length:
        raise Refused(
            {
                field: gettext("%(label)s不能超过%(max_length)s个字。")
                % {"label": label, "max_length": max_length}
            }
        )
    return cleaned


def money(
    value: Any, *, field: str, label: str, allow_zero: bool = True, maximum: Decimal = MAX_AMOUNT
) -> Decimal:
    """A sum in 元 with at most two decimals, as a Decimal. "1,200.50元" is read as 1200.50.

    A float (a number cell of a spreadsheet, a number in a JSON body) is read as the shortest
    decimal that gives back the same float, which is what the person typed (1200.5, not
    1200.5000000000000454…), and then checked like typed text: 0.1 + 0.2 has more than two
    decimals and is refused. No arithmetic is ever done on the float itself."""
    if isinstance(value, float):
        value = repr(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        if allow_zero:
            return Decimal("0.00")
        raise Refused({field: gettext("请填写%(label)s。") % {"label": label}})
    try:
        d = Decimal(str(value).strip().replace(",", "").replace("，", "").removesuffix("元").strip())
    except InvalidOperation:
        d = Decimal("NaN")  # not a number: refused below, like "inf"
    if not d.is_finite():
        raise Refused({field: gettext("%(label)s应为金额（元），如 600 或 1200.50。") % {"label": label}})
    if d < 0 or (d == 0 and not allow_zero):
        raise Refused({field: f"{label}不能为负数。" if allow_zero else f"{label}应大于零。"})
    if d > maximum:  # before quantize: 1e400 has no place for cents
        raise Refused(
            {field: gettext("%(label)s超出上限（%(maximum)s 元）。") % {"label": label, "maximum": maximum}}
        )
    if d != d.quantize(CENT):
        raise Refused({field: gettext("%(label)s最多保留两位小数（分）。") % {"label": label}})
    return d.quantize(CENT) + 0  # "-0" is 0.00


def whole(value: Any, *, field: str, label: str, minimum: int = 0, maximum: int = 10**9) -> int:
    """A whole number within bounds ("12", 12, " 12 ")."""
    if isinstance(value, bool):
        raise Refused({field: gettext("%(label)s应为整数。") % {"label": label}})
    if isinstance(value, int):
        number = value
    else:
        raw = str(value if value is not None else "").strip().replace(",", "")
        if not raw:
            raise Refused({field: gettext("请填写%(label)s。") % {"label": label}})
        if not raw.lstrip("-").isdigit() or len(raw) > 12:
            raise Refused({field: gettext("%(label)s应为整数。") % {"label": label}})
        number = int(raw)
    if number < minimum:
        raise Refused(
            {field: gettext("%(label)s不能小于%(minimum)s。") % {"label": label, "minimum": minimum}}
        )
    if number > maximum:
        raise Refused(
            {field: gettext("%(label)s不能大于%(maximum)s。") % {"label": label, "maximum": maximum}}
        )
    return number


def year(value: Any, *, field: str = "year", label: str = "年份") -> int:
    """A year a report or a filter can be about (YEAR_FIRST to YEAR_LAST)."""
    message = f"{label}应在{YEAR_FIRST}至{YEAR_LAST}之间，如 {today().year}。"
    if isinstance(value, bool):
        raise Refused({field: message})
    raw = str(value if value is not None else "").strip()
    if not raw:
        raise Refused({field: gettext("请填写%(label)s。") % {"label": label}})
    if not raw.isdigit() or not YEAR_FIRST <= int(raw) <= YEAR_LAST:
        raise Refused({field: message})
    return int(raw)


def date(
    value: Any,
    *,
    field: str,
    label: str,
    not_after_today: bool = False,
    not_before: dt.date | None = None,
) -> dt.date:
    """A date (a date object, or YYYY-MM-DD as typed)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str) and value.strip():
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise Refused({field: gettext("%(label)s应为日期，如 2026-03-01。") % {"label": label}}) from None
    if not isinstance(value, dt.date):
        raise Refused({field: gettext("请填写%(label)s。") % {"label": label}})
    if not_after_today and value > today():
        raise Refused({field: gettext("%(label)s不能晚于今天。") % {"label": label}})
    if not_before is not None and value < not_before:
        raise Refused(
            {
                field: gettext("%(label)s不能早于%(not_before)s。")
                % {"label": label, "not_before": format(not_before, "%Y年%m月%d日")}
            }
        )
    return value


def choice(value: Any, choices: Iterable[tuple[str, Any]], *, field: str, label: str) -> str:
    """One of a field's choices (its stored value)."""
    values = {str(v) for v, _ in choices}
    key = str(value if value is not None else "").strip()
    if key not in values:
        raise Refused({field: gettext("请选择%(label)s。") % {"label": label}})
    return key


def id_number(value: Any, *, field: str, who: str = "") -> IdNumberInfo:
    """A GB 11643 resident ID, checked; `who` names the person in the message (「配偶」)."""
    try:
        return id_number_check(str(value or ""))
    except CodeError as exc:
        raise Refused({field: f"{who}{exc.message}"}) from None


def iso(value: dt.date | None) -> str:
    """A date for an audit row's detail."""
    return value.isoformat() if value else ""
