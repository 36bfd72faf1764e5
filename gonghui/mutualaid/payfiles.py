"""The bank's files for payouts: the payment file a reviewing union sends (互助金代发明细, to each
grassroots union's account, which hands the money to its member) and the return file it gets back.

The payment file holds the unions' accounts in full: writing it is audited by the action that asks
for it. Every line carries its 流水号 (the claim's id), by which the return file is matched.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from gonghui.kernel.exporting import Cell, LongNumber, Sheet, xlsx_bytes
from gonghui.kernel.spreadsheet import SheetError, cell_text, footer_line, read_table, size_text

from .models import Claim

HEADERS = ["流水号", "收款单位", "开户银行", "银行账号", "参保人", "给付项目", "金额（元）", "摘要"]
RETURN_FIELDS = {
    "line": ["流水号", "序号", "业务流水号", "明细号"],
    "amount": ["金额", "金额（元）", "交易金额", "金额(元)"],
    "result": ["结果", "处理结果", "交易状态", "状态"],
    "reason": ["失败原因", "原因", "备注", "说明"],
}
PAID_WORDS = {"成功", "已成功", "交易成功", "处理成功", "已入账", "入账成功", "success", "ok"}
FAILED_WORDS = {"失败", "交易失败", "处理失败", "退票", "退回", "failed", "fail"}
MAX_RETURN_BYTES = 10 * 1024 * 1024


def payout_xlsx(claims: Iterable[Claim], *, actor: Any, title: str) -> bytes:
    rows: list[list[Any]] = []
    total = Decimal("0.00")
    for c in claims:
        union = c.org
        rows.append([
            c.pk, union.name, union.bank_name, LongNumber(union.bank_account or ""), c.line.member.name,
            c.benefit.name, c.payable, f"{c.line.plan.name}互助金",
        ])  # fmt: skip
        total += c.payable
    rows.append([None, None, None, None, None, Cell("合计", "head"), total, None])
    sheet = Sheet(
        "互助金代发明细", title=title, header=HEADERS, rows=rows, widths=[10, 30, 20, 24, 10, 18, 12, 30]
    )
    return xlsx_bytes(sheet, actor=actor)


@dataclass(frozen=True)
class ReturnLine:
    row: int
    claim_id: int
    amount: Decimal | None
    paid: bool
    reason: str


def read_return(data: bytes, *, filename: str) -> tuple[list[ReturnLine], list[str]]:
    """The bank's answer row by row: (lines, errors in Chinese by row), read by the common
    spreadsheet reader in a child process."""
    if len(data) > MAX_RETURN_BYTES:
        return [], [f"回盘文件超过 {size_text(MAX_RETURN_BYTES)}，请确认上传的是银行的回盘明细。"]
    try:
        table = read_table(data, filename=filename, fields=RETURN_FIELDS, required={"line", "result"})
    except SheetError as exc:
        return [], [str(exc)]
    lines, errors = [], []
    for row in table.rows:
        v = row.values
        raw_id = cell_text(v.get("line"))
        if not raw_id.isdigit() and footer_line(v.values()):
            continue
        where = f"第 {row.number} 行："
        if not raw_id.isdigit() or len(raw_id) > 18:
            errors.append(f"{where}流水号「{raw_id}」无效。")
            continue
        result = cell_text(v.get("result")).lower()
        if result not in PAID_WORDS | FAILED_WORDS:
            errors.append(
                f"{where}处理结果「{cell_text(v.get('result'))}」无法识别（应为「成功」或「失败」）。"
            )
            continue
        amount = None
        raw_amount = cell_text(v.get("amount")).replace(",", "")
        if raw_amount:
            try:
                amount = Decimal(raw_amount).quantize(Decimal("0.01"))
            except ArithmeticError:
                errors.append(f"{where}金额「{raw_amount}」无效。")
                continue
        paid = result in PAID_WORDS
        reason = cell_text(v.get("reason"))[:200] or ("" if paid else "银行退回")
        lines.append(ReturnLine(row.number, int(raw_id), amount, paid, reason))
    if not lines and not errors:
        errors.append("回盘文件中没有明细行。")
    return lines, errors
