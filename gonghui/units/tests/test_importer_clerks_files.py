"""Unit ledgers as clerks keep them: an instructions sheet first, totals and signatures below."""

import datetime as dt

import pytest

from gonghui.kernel.errors import Refused
from gonghui.tests.workbooks import workbook
from gonghui.units.importer import units_import
from gonghui.units.models import Unit

from .factories import unit_code
from .test_importer import HEADER, good_row


def run(actor, org, data, **kw):
    return units_import(actor=actor, org=org, data=data, filename="台账.xlsx", on=dt.date(2013, 6, 1), **kw)


NOTES = [["填表说明"], ["1. 统一社会信用代码为18位。"], ["2. 职工人数填整数。"]]


def test_the_ledger_is_found_on_a_sheet_after_the_instructions(tree, personas):
    data = workbook({"填表说明": NOTES, "单位台账": [HEADER, good_row("赤岗甲厂"), good_row("赤岗乙厂")]})
    outcome = run(personas.street, tree.street, data)
    assert (outcome.imported, outcome.created, outcome.errors) == (True, 2, [])
    assert "读取的是工作表「单位台账」，工作表「填表说明」中没有单位表头" in outcome.summary


def test_when_no_sheet_has_the_ledger_the_sheets_read_are_named(tree, personas):
    data = workbook({"填表说明": NOTES, "汇总": [["街道", "户数"], ["赤岗", 3]]})
    with pytest.raises(Refused, match="在工作表「填表说明」「汇总」的前20行中都没有找到表头"):
        run(personas.street, tree.street, data)


def test_a_sheet_with_a_header_lacking_a_column_is_the_one_explained(tree, personas):
    data = workbook({"填表说明": NOTES, "单位台账": [HEADER[:2], [unit_code(), "赤岗甲厂"]]})
    with pytest.raises(Refused, match="工作表「单位台账」第1行的表头中缺少必填列"):
        run(personas.street, tree.street, data)


def test_totals_and_signature_lines_under_the_table_are_skipped(tree, personas):
    rows = [
        HEADER,
        good_row("赤岗甲厂", employees=60),
        good_row("赤岗乙厂", employees=40),
        ["", "合计", "", "", 100, 20, 10, ""],
        ["", "填报人：李丽", "审核人：张明", "", "", "", "", ""],
        ["", "填报日期：2013年6月1日", "", "", "", "", "", ""],
    ]
    outcome = run(personas.street, tree.street, workbook({"台账": rows}))
    assert (outcome.imported, outcome.created, outcome.errors, outcome.skipped) == (True, 2, [], [4, 5, 6])
    assert "第 4、5、6 行是合计、签名或说明行" in outcome.summary
    assert Unit.objects.count() == 2
