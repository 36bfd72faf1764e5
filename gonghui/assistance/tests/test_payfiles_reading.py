"""Reading the bank's return file: what a bank puts under its table, and files too big to be one."""

from __future__ import annotations

from gonghui.assistance import payfiles

from .factories import bank_return_csv


def test_totals_and_signature_lines_under_the_banks_table_are_not_lines():
    data = bank_return_csv([
        ["11", "王芳", "600.00", "成功", ""],
        ["12", "李强", "600.00", "失败", "账户已销户"],
        ["合计", "", "1200.00", "", ""],
        ["总笔数：2", "", "", "", ""],
        ["经办人：陈明", "", "", "复核人：赵亮", ""],
    ])  # fmt: skip
    lines, errors = payfiles.read_return(data, filename="回盘.csv")
    assert errors == []
    assert [(line.row, line.line_id, line.paid) for line in lines] == [(2, 11, True), (3, 12, False)]


def test_a_file_over_the_limit_is_refused_naming_the_limit(monkeypatch):
    monkeypatch.setattr(payfiles, "MAX_RETURN_BYTES", 1024 * 1024)
    data = bank_return_csv([["11", "王芳", "600.00", "成功", "x" * 100]] * 11_000)
    assert len(data) > 1024 * 1024
    lines, errors = payfiles.read_return(data, filename="回盘.csv")
    assert lines == [] and errors == [
        "回盘文件超过 1 MB（银行回盘文件每次最多上传 1 MB），请确认上传的是银行的回盘明细。"
    ]
