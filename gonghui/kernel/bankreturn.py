"""One line of a bank's answer file (回盘文件): paid or not, the amount, the bank's reason.

Both the hardship payments (assistance) and mutual aid's collections and payouts read the same
three columns; each module keeps its own words for success and failure (a collection's bank also
says 扣款失败 or 余额不足) and its own way of matching a line to what was sent.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from .spreadsheet import Row, cell_text, footer_line

K = TypeVar("K")

CENT = Decimal("0.01")


class LineRefused(Exception):
    """The line cannot be read: the message says which cell and why, in Chinese."""


@dataclass(frozen=True)
class Outcome:
    paid: bool
    amount: Decimal | None  # None where the bank left the amount out
    reason: str  # the bank's words; "银行退回" for a failed line that gives none


def outcome(
    values: Mapping[str, Any], *, where: str, paid_words: Collection[str], failed_words: Collection[str]
) -> Outcome:
    """The result, amount and reason cells of one line, or LineRefused."""
    result = cell_text(values.get("result")).lower()
    if result not in paid_words and result not in failed_words:
        raise LineRefused(
            f"{where}处理结果「{cell_text(values.get('result'))}」无法识别（应为「成功」或「失败」）。"
        )
    paid = result in paid_words
    amount = None
    raw_amount = cell_text(values.get("amount")).replace(",", "")
    if raw_amount:
        try:
            amount = Decimal(raw_amount).quantize(CENT)
        except ArithmeticError:
            raise LineRefused(f"{where}金额「{raw_amount}」无效。") from None
    reason = cell_text(values.get("reason"))[:200]
    return Outcome(paid, amount, reason or ("" if paid else "银行退回"))


def read_lines(
    rows: Iterable[Row],
    *,
    ref: Callable[[Mapping[str, Any], str], K],
    paid_words: Collection[str],
    failed_words: Collection[str],
) -> tuple[list[tuple[int, K, Outcome]], list[str]]:
    """Every line of the bank's table but the footer (合计、笔数、经办人 …): (row number, what
    `ref` finds the line was for, its outcome), and the errors in Chinese by row. `ref` reads the
    cells that match the line to what was sent, or raises LineRefused."""
    lines, errors = [], []
    for row in rows:
        values = row.values
        if not cell_text(values.get("line")).isdigit() and footer_line(values.values()):
            continue
        where = f"第 {row.number} 行："
        try:
            key = ref(values, where)
            lines.append((row.number, key, outcome(values, where=where, paid_words=paid_words,
                                                   failed_words=failed_words)))  # fmt: skip
        except LineRefused as exc:
            errors.append(str(exc))
    if not lines and not errors:
        errors.append("回盘文件中没有明细行。")
    return lines, errors
