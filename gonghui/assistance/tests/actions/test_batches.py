"""Batch relief round trip: 30 households × 600 元 = 18,000 元, the bank's file and its answer."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from python_calamine import CalamineWorkbook

from gonghui.assistance import actions
from gonghui.assistance.models import Batch, FundEntry, Payment
from gonghui.core.models import AuditEntry, Job

from ..factories import bank_return_csv, fund_with, make_household


@pytest.fixture
def thirty(rules):
    made = [
        make_household(rules.grassroots, family=[], monthly_income="900", rigid_expenses="0")
        for _ in range(30)
    ]
    make_household(rules.grassroots, family=[], monthly_income="900", bank_account="", bank_name="")
    make_household(rules.sibling_grassroots, family=[], monthly_income="900")
    return made


def criteria(org, tier="deep"):
    return actions.Criteria(within=org, tier=tier)


def new_batch(rules, actor, amount="600"):
    return actions.batch_create(actor=actor, org=rules.street, title="2026年第一季度生活救助", kind="living",
                                amount=amount, criteria=criteria(rules.street))  # fmt: skip


def xlsx_rows(data: bytes) -> list[list]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return book.get_sheet_by_index(0).to_python()


def test_select_approve_pay_and_reconcile_thirty_households(rules, personas, thirty):
    fund = fund_with(rules.street, "20000")
    batch = new_batch(rules, personas.street)
    assert batch.lines.count() == 30  # the one without a bank account and the other street's are out
    assert batch.criteria["no_account"] == 1
    job = actions.batch_approve(actor=personas.street, batch=batch)
    assert job.status == Job.Status.DONE, job.error
    assert "合计 18000.00 元" in job.result["summary"]
    batch.refresh_from_db()
    fund.refresh_from_db()
    assert batch.state == Batch.State.APPROVED and fund.balance == Decimal("2000.00")
    assert FundEntry.objects.get(batch=batch, kind="disbursement").amount == Decimal("-18000.00")
    assert actions.batch_totals(batch)["pending"]["total"] == Decimal("18000.00")

    data = actions.batch_payment_file(
        actor=personas.street, batch=batch, fmt="xlsx", watermark="导出人：测试"
    )
    rows = xlsx_rows(data)
    assert rows[2][:6] == ["流水号", "开户银行", "支行名称", "银行卡号", "户名", "金额（元）"]
    assert rows[3][3] == "6222020200112233445"  # in full, only here
    assert rows[-1][4:6] == ["合计", 18000.0]
    assert AuditEntry.objects.filter(action="assistance.batch.payment_file", org=rules.street).exists()

    lines = list(batch.lines.order_by("id"))
    answer = [[str(p.pk), p.household.name, "600.00", "成功", ""] for p in lines[:28]]
    answer += [[str(p.pk), p.household.name, "600.00", "失败", "账户已销户"] for p in lines[28:]]
    result = actions.batch_return_apply(
        actor=personas.street, batch=batch, data=bank_return_csv(answer), filename="回盘.csv"
    )
    assert result == {"paid": 28, "failed": 2, "refund": Decimal("1200.00"), "closed": True}
    totals = actions.batch_totals(batch)
    assert totals["paid"]["n"] == 28 and totals["paid"]["total"] == Decimal("16800.00")
    assert totals["failed"]["total"] == Decimal("1200.00")
    fund.refresh_from_db()
    assert fund.balance == Decimal("3200.00")
    assert Payment.objects.get(pk=lines[29].pk).fail_reason == "账户已销户"
    batch.refresh_from_db()
    assert batch.state == Batch.State.CLOSED


def test_the_csv_payment_file_keeps_long_accounts_as_text(rules, personas, thirty):
    fund_with(rules.street, "20000")
    batch = new_batch(rules, personas.street)
    actions.batch_approve(actor=personas.street, batch=batch)
    text = actions.batch_payment_file(actor=personas.street, batch=batch, fmt="csv", watermark="").decode(
        "utf-8-sig"
    )
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][3] == "银行卡号" and rows[1][3] == "\t6222020200112233445" and rows[1][5] == "600.00"
    assert len(rows) == 31


def test_a_return_file_with_an_unknown_line_changes_nothing(rules, personas, thirty):
    fund_with(rules.street, "20000")
    batch = new_batch(rules, personas.street)
    actions.batch_approve(actor=personas.street, batch=batch)
    line = batch.lines.first()
    bad = bank_return_csv([[str(line.pk), "x", "600", "成功", ""], ["999999", "y", "600", "成功", ""],
                      [str(line.pk + 1), "z", "650", "成功", ""]])  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        actions.batch_return_apply(actor=personas.street, batch=batch, data=bad, filename="回盘.csv")
    messages = exc.value.message_dict["file"]
    assert any("流水号 999999 不是本批待发放的明细" in m for m in messages)
    assert any("金额 650.00 与代发明细的 600.00 元不一致" in m for m in messages)
    assert not batch.lines.filter(status="paid").exists()


def test_a_batch_the_fund_cannot_cover_is_refused_before_anything_moves(rules, personas, thirty):
    fund = fund_with(rules.street, "17999.99")
    batch = new_batch(rules, personas.street)
    with pytest.raises(ValidationError) as exc:
        actions.batch_approve(actor=personas.street, batch=batch)
    assert "不足支付本批 18000.00 元" in exc.value.messages[0]
    batch.refresh_from_db()
    fund.refresh_from_db()
    assert batch.state == "draft" and fund.balance == Decimal("17999.99")
    assert not Job.objects.exists()


def test_a_large_batch_runs_in_the_worker_with_progress(rules, personas, thirty, monkeypatch):
    from gonghui.assistance.actions import batches
    from gonghui.core.jobs import job_run_pending

    monkeypatch.setattr(batches, "INLINE_LINES", 10)
    fund_with(rules.street, "20000")
    batch = new_batch(rules, personas.street)
    job = actions.batch_approve(actor=personas.street, batch=batch)
    assert job.status == Job.Status.QUEUED
    batch.refresh_from_db()
    assert batch.state == Batch.State.APPROVING
    assert job_run_pending() == 1
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.done == 30 and job.total == 30
    batch.refresh_from_db()
    assert batch.state == Batch.State.APPROVED


def test_the_filter_selects_by_tier(rules, personas, thirty):
    fund_with(rules.street, "20000")
    with pytest.raises(ValidationError) as exc:
        actions.batch_create(actor=personas.street, org=rules.street, title="相对困难", kind="warmth", amount="500",
                             criteria=criteria(rules.street, tier="relative"))  # fmt: skip
    assert "没有符合条件" in exc.value.messages[0]


def test_an_xlsx_return_file_without_line_numbers_is_matched_by_account(rules, personas):
    import xlsxwriter

    households = [
        make_household(
            rules.grassroots, family=[], monthly_income="900", bank_account=f"62170000000000{i:05d}"
        )
        for i in range(3)
    ]
    fund_with(rules.street, "5000")
    batch = new_batch(rules, personas.street)
    actions.batch_approve(actor=personas.street, batch=batch)
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["中国工商银行代发工资回盘"])
    sheet.write_row(2, 0, ["收款账号", "收款户名", "交易金额", "交易状态", "备注"])
    for r, h in enumerate(households, start=3):
        sheet.write_string(r, 0, h.bank_account)
        sheet.write_row(r, 1, [h.name, 600, "交易成功" if r < 5 else "交易失败", "" if r < 5 else "户名不符"])
    book.close()
    result = actions.batch_return_apply(
        actor=personas.street, batch=batch, data=buf.getvalue(), filename="回盘.xlsx"
    )
    assert (result["paid"], result["failed"], result["refund"]) == (2, 1, Decimal("600.00"))
