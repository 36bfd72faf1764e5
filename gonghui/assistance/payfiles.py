"""The bank's files: the payment file a union sends (代发明细) and the return file it gets back.

The payment file is the one place where bank accounts leave the system in full; writing it is
audited by the action that asks for it. Every line carries its 流水号 (the payment's id), by
which the return file is matched; a return file without that column is matched by account.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any

from gonghui.kernel import bankreturn
from gonghui.kernel.exporting import Cell, LongNumber, Sheet, csv_bytes, xlsx_into
from gonghui.kernel.spreadsheet import SheetError, cell_text, read_table, size_text

from .models import Payment

HEADERS = ["流水号", "开户银行", "支行名称", "银行卡号", "户名", "金额（元）", "摘要"]
RETURN_FIELDS = {
    "line": ["流水号", "序号", "业务流水号", "明细号"],
    "account": ["银行卡号", "卡号", "账号", "收款账号"],
    "name": ["户名", "姓名", "收款人", "收款户名"],
    "amount": ["金额", "金额（元）", "交易金额", "金额(元)"],
    "result": ["结果", "处理结果", "交易状态", "状态"],
    "reason": ["失败原因", "原因", "备注", "说明"],
}
PAID_WORDS = {"成功", "已成功", "交易成功", "处理成功", "已入账", "入账成功", "success", "ok"}
FAILED_WORDS = {"失败", "交易失败", "处理失败", "退票", "退回", "failed", "fail"}


def line_values(p: Payment, memo: str) -> list[Any]:
    h = p.household
    return [p.pk, h.bank_name, h.bank_branch, h.bank_account, h.name, p.amount, memo]


def write_csv(lines: Iterable[Payment], *, memo: str) -> bytes:
    rows = []
    for p in lines:
        row = line_values(p, memo)
        row[3] = LongNumber(row[3])  # Excel would show a 19-digit account as 6.22E+18
        row[5] = f"{p.amount:.2f}"
        rows.append(row)
    # The bank reads the header on the first line: no watermark line in its file (who wrote it
    # and when is in the audit row of the action that asked for it).
    return csv_bytes(rows, header=HEADERS, marked=False)


def write_xlsx(lines: Iterable[Payment], out: IO[bytes], *, memo: str, watermark: str, title: str) -> None:
    rows: list[list[Any]] = []
    total = Decimal(0)
    for p in lines:
        rows.append([Cell(str(v), "text") if c != 5 else v for c, v in enumerate(line_values(p, memo))])
        total += p.amount
    rows.append([None, None, None, None, Cell("合计", "head"), total])
    sheet = Sheet(
        "代发明细", title=title, header=HEADERS, rows=rows, widths=[10, 18, 18, 24, 14, 14, 14], styles={5: "money"},
        frozen=0,
    )  # fmt: skip
    xlsx_into(
        out, sheet, mark=watermark,
        styles={
            "title": {"bold": True, "font_size": 13},
            "head": {"bold": True, "bg_color": "#F2F2F2", "border": 1},
            "text": {"border": 1, "num_format": "@"},
            "money": {"border": 1, "num_format": "#,##0.00"},  # xlsx stores doubles; cents survive
        },
    )  # fmt: skip


@dataclass(frozen=True)
class ReturnLine:
    row: int
    line_id: int | None
    account: str
    amount: Decimal | None
    paid: bool
    reason: str


MAX_RETURN_BYTES = 10 * 1024 * 1024  # a bank's answer for tens of thousands of lines is far smaller


def read_return(data: bytes, *, filename: str) -> tuple[list[ReturnLine], list[str]]:
    """The bank's answer, row by row; (lines, errors in Chinese by row). The file is read by
    the common spreadsheet reader, in a child process that cannot take this one down."""
    if len(data) > MAX_RETURN_BYTES:
        limit = size_text(MAX_RETURN_BYTES)
        return [], [
            f"回盘文件超过 {limit}（银行回盘文件每次最多上传 {limit}），请确认上传的是银行的回盘明细。"
        ]
    try:
        table = read_table(data, filename=filename, fields=RETURN_FIELDS, required={"result"})
    except SheetError as exc:
        return [], [str(exc)]
    if "line" not in table.columns and "account" not in table.columns:
        return [], ["回盘文件中需要有「流水号」或「银行卡号」列，才能对应到发放明细。"]
    found, errors = bankreturn.read_lines(
        table.rows, ref=_line_or_account, paid_words=PAID_WORDS, failed_words=FAILED_WORDS
    )
    lines = [
        ReturnLine(number, line_id, account, got.amount, got.paid, got.reason)
        for number, (line_id, account), got in found
    ]
    return lines, errors


def _line_or_account(values: Mapping[str, Any], where: str) -> tuple[int | None, str]:
    """A line is matched by its 流水号 or, where the bank gives none, by the card number."""
    raw_id = cell_text(values.get("line"))
    if raw_id and not raw_id.isdigit():
        raise bankreturn.LineRefused(f"{where}流水号「{raw_id}」无效。")
    account = "".join(cell_text(values.get("account")).split())
    if not raw_id and not account:
        raise bankreturn.LineRefused(f"{where}没有流水号，也没有银行卡号。")
    return (int(raw_id) if raw_id else None), account
