"""The bank's files, both ways, and the return file each brings back:

- the payment file a reviewing union sends (互助金代发明细: approved claims, to each grassroots
  union's account, which hands the money to its member);
- the collection file the union above the enrolling units sends (互助金代收明细: what each
  unit owes for its enrolment, taken from the unit's account).

Both hold the unions' accounts in full: writing one is audited by the action that asks for it.
Every line carries its 流水号 (the claim's or the enrolment's id), by which the bank's return
file is matched; the return file is read, and matched against what waits for it, the same way
for both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from gonghui.kernel import bankreturn, cleaning
from gonghui.kernel.errors import Refused
from gonghui.kernel.exporting import Cell, LongNumber, Sheet, xlsx_bytes
from gonghui.kernel.spreadsheet import SheetError, cell_text, read_table, size_text
from gonghui.orgs.models import Org

from .models import Claim, Enrolment

PAYOUT_HEADERS = ["流水号", "收款单位", "开户银行", "银行账号", "参保人", "给付项目", "金额（元）", "摘要"]
COLLECTION_HEADERS = [
    "流水号",
    "付款单位",
    "开户银行",
    "银行账号",
    "参保计划",
    "参保人数",
    "金额（元）",
    "摘要",
]
RETURN_FIELDS = {
    "line": ["流水号", "序号", "业务流水号", "明细号"],
    "amount": ["金额", "金额（元）", "交易金额", "金额(元)"],
    "result": ["结果", "处理结果", "交易状态", "状态"],
    "reason": ["失败原因", "原因", "备注", "说明"],
}
PAID_WORDS = {"成功", "已成功", "交易成功", "处理成功", "已入账", "入账成功", "扣款成功", "success", "ok"}
FAILED_WORDS = {"失败", "交易失败", "处理失败", "扣款失败", "余额不足", "退票", "退回", "failed", "fail"}
MAX_RETURN_BYTES = 10 * 1024 * 1024


def missing_accounts(unions: Iterable[Org]) -> list[str]:
    """The unions of a file without a registered account (the bank cannot take the file)."""
    return sorted({u.name for u in unions if not u.bank_account})


def _bank_xlsx(
    *, actor: Any, sender: Org, sheet_name: str, headers: list[str], rows: list[list[Any]]
) -> bytes:
    """One bank file `sender` sends: a line per row (the amount in the 7th column), and the total
    under them; titled with the sender, the sheet's name and today."""
    title = f"{sender.name} {sheet_name}（{cleaning.today():%Y-%m-%d}）"
    total = sum((r[6] for r in rows), Decimal("0.00"))
    sheet = Sheet(
        sheet_name, title=title, header=headers,
        rows=[*rows, [None, None, None, None, None, Cell("合计", "head"), total, None]],
        widths=[10, 30, 20, 24, 18, 18, 12, 30],
    )  # fmt: skip
    return xlsx_bytes(sheet, actor=actor)


def _line_and_union(record: Claim | Enrolment) -> list[Any]:
    """A line's first cells: its 流水号 (the record's id, which the bank's answer gives back), and
    the union whose account the bank pays or debits."""
    return [record.pk, record.org.name, record.org.bank_name, LongNumber(record.org.bank_account or "")]


def payout_xlsx(claims: Iterable[Claim], *, actor: Any, sender: Org) -> bytes:
    rows = [
        [
            *_line_and_union(c),
            c.line.insured,
            c.benefit.name,
            c.payable,
            f"{c.line.plan.name}互助金",
        ]
        for c in claims
    ]
    return _bank_xlsx(
        actor=actor, sender=sender, sheet_name="互助金代发明细", headers=PAYOUT_HEADERS, rows=rows
    )


def collection_xlsx(enrolments: Iterable[Enrolment], *, actor: Any, sender: Org) -> bytes:
    rows = [
        [
            *_line_and_union(e),
            e.plan.name,
            e.shares,
            e.balance,
            f"{e.year}年{e.plan.name}互助金",
        ]
        for e in enrolments
    ]
    return _bank_xlsx(
        actor=actor, sender=sender, sheet_name="互助金代收明细", headers=COLLECTION_HEADERS, rows=rows
    )


@dataclass(frozen=True)
class ReturnLine:
    row: int
    ref: int  # the 流水号: the id of the claim or enrolment the line was for
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
    found, errors = bankreturn.read_lines(
        table.rows, ref=_line_id, paid_words=PAID_WORDS, failed_words=FAILED_WORDS
    )
    return [ReturnLine(number, ref, got.amount, got.paid, got.reason) for number, ref, got in found], errors


def _line_id(values: Mapping[str, Any], where: str) -> int:
    raw_id = cell_text(values.get("line"))
    if not raw_id.isdigit() or len(raw_id) > 18:
        raise bankreturn.LineRefused(f"{where}流水号「{raw_id}」无效。")
    return int(raw_id)


T = TypeVar("T")


def return_errors(
    lines: Sequence[ReturnLine], waiting: Mapping[int, T], *, amount: Callable[[T], Decimal], what: str,
    amount_label: str,
) -> list[str]:  # fmt: skip
    """What in the return file does not match the records waiting for it (`what` names them:
    「本会待给付的互助金」, `amount_label` their figure: 「核定给付」): an unknown 流水号, a line
    twice, an amount that differs."""
    errors, seen = [], set()
    for ln in lines:
        record = waiting.get(ln.ref)
        if record is None:
            errors.append(f"第 {ln.row} 行：流水号 {ln.ref} 不是{what}。")
        elif ln.ref in seen:
            errors.append(f"第 {ln.row} 行：流水号 {ln.ref} 重复出现。")
        elif ln.amount is not None and ln.amount != amount(record):
            errors.append(f"第 {ln.row} 行：金额 {ln.amount} 与{amount_label} {amount(record)} 不符。")
        seen.add(ln.ref)
    return errors


def settle_return(
    data: bytes, *, filename: str, waiting: Callable[[list[int]], Mapping[int, T]],
    amount: Callable[[T], Decimal], what: str, amount_label: str,
    paid: Callable[[T, ReturnLine], Any], failed: Callable[[T], str],
) -> tuple[int, list[str]]:  # fmt: skip
    """Read the bank's return file against the records waiting for it (`waiting(ids)`, locked)
    and settle each line: `paid(record, line)` where the bank carried it out, else the record
    (`failed(record)` names it) stays as it was, with the bank's reason said. A file with any
    unreadable line, or a line that is not a record waiting for it, changes nothing. Returns
    how many were paid and what failed."""
    lines, errors = read_return(data, filename=filename)
    records = waiting([ln.ref for ln in lines])
    errors += return_errors(lines, records, amount=amount, what=what, amount_label=amount_label)
    if errors:
        raise Refused({"file": errors[:20]})
    done, not_done = 0, []
    for ln in lines:
        record = records[ln.ref]
        if ln.paid:
            paid(record, ln)
            done += 1
        else:
            not_done.append(f"{failed(record)}（流水号 {ln.ref}）：{ln.reason}")
    return done, not_done
