"""Reading clerks' spreadsheets: headers found under title rows, synonyms, cells, dates."""

import contextlib
import datetime as dt
import io

import pytest
import xlsxwriter
from hypothesis import given
from hypothesis import strategies as st

from gonghui.kernel.spreadsheet import (
    SheetError,
    cell_text,
    column_letter,
    normalize_header,
    parse_code,
    parse_date,
    parse_int,
    read_table,
)

FIELDS = {"name": ["姓名", "名称"], "count": ["人数", "职工人数"], "day": ["日期"]}


def book(cells, *, hide_first=False):
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    if hide_first:
        hidden = wb.add_worksheet("隐藏")
        hidden.write(0, 0, "不要读我")
        hidden.hide()
    ws = wb.add_worksheet("表")
    for r, c, v in cells:
        ws.write(r, c, v)
    ws.activate()
    wb.close()
    return buf.getvalue()


def test_header_below_a_title_and_columns_that_do_not_start_at_a():
    data = book([(0, 1, "某某台账（2013年）"), (3, 1, "名称"), (3, 2, "职工人数（人）"), (3, 3, "备注"),
                 (4, 1, "甲"), (4, 2, 5), (6, 1, "乙"), (6, 2, "7")], hide_first=True)  # fmt: skip
    table = read_table(data, filename="a.xlsx", fields=FIELDS, required={"name"})
    assert table.header_row == 4
    assert {f: c.letter for f, c in table.columns.items()} == {"name": "B", "count": "C"}
    assert table.ignored == ["D列「备注」"]
    assert [(r.number, r.values) for r in table.rows] == [
        (5, {"name": "甲", "count": 5.0}),
        (7, {"name": "乙", "count": "7"}),
    ]


def test_csv_in_gb18030_with_semicolons_and_in_utf8():
    text = "标题\n姓名;人数\n张三;3\n\n李四;4\n"
    table = read_table(text.encode("gb18030"), filename="a.csv", fields=FIELDS)
    assert table.header_row == 2 and [r.values["name"] for r in table.rows] == ["张三", "李四"]
    table = read_table(("\ufeff" + text.replace(";", ",")).encode(), filename="a.txt", fields=FIELDS)
    assert [r.number for r in table.rows] == [3, 5]


def test_whole_file_problems_are_explained():
    with pytest.raises(SheetError, match="缺少必填列：「日期」"):
        read_table("姓名,人数\n".encode(), filename="a.csv", fields=FIELDS, required=["day"])
    with pytest.raises(SheetError, match="没有找到表头"):
        read_table(b"a,b\n1,2\n", filename="a.csv", fields=FIELDS)
    with pytest.raises(SheetError, match="编码"):
        read_table(b"\xff\xfe\x00\xd8\x00\xdc\xff", filename="a.csv", fields=FIELDS)
    with pytest.raises(SheetError, match="只能导入"):
        read_table(b"hello", filename="a.docx", fields=FIELDS)


def test_headers_normalise():
    assert normalize_header(" *职工人数（人） ") == "职工人数"
    assert normalize_header("其中：女职工") == "女职工"
    assert normalize_header("Name") == "name"
    assert normalize_header("单位 名称") == "单位名称"
    assert (
        column_letter(0) == "A"
        and column_letter(25) == "Z"
        and column_letter(26) == "AA"
        and column_letter(701) == "ZZ"
    )


def test_cells_and_codes():
    assert (
        cell_text(25.0) == "25"
        and cell_text(None) == ""
        and cell_text(dt.datetime(2013, 3, 21)) == "2013-03-21"
    )
    assert cell_text("\u3000 ＡＢＣ１２３\xa0") == "ABC123"
    assert parse_code(" 9144 0101ma5c\u3000") == "91440101MA5C"


@pytest.mark.parametrize(
    "value, expected",
    [
        (25, 25),
        (25.0, 25),
        ("25", 25),
        ("２５", 25),
        ("1,200", 1200),
        ("1，200 人", 1200),
        ("30人", 30),
        (" 7 ", 7),
    ],
)
def test_whole_numbers(value, expected):
    assert parse_int(value) == expected


@pytest.mark.parametrize("value, message", [(25.5, "应为整数"), ("二十五", "应为整数"), ("-3", "不能小于0"),
                                            ("", "不能为空"), (True, "应为整数"), ("1e3x", "应为整数")])  # fmt: skip
def test_not_whole_numbers(value, message):
    with pytest.raises(ValueError, match=message):
        parse_int(value)


@pytest.mark.parametrize(
    "value",
    ["2013-03-21", "2013-3-21", "2013/3/21", "2013.3.21", "2013年3月21日", "2013 年 3 月 21 日", "20130321",
     "2013-03-21 00:00:00", "2013/03/21 8:30", 20130321, 41354, 41354.75, dt.date(2013, 3, 21),
     dt.datetime(2013, 3, 21, 9)],
)  # fmt: skip
def test_dates_typed_in_several_ways(value):
    assert parse_date(value) == dt.date(2013, 3, 21)


@pytest.mark.parametrize(
    "value, message",
    [("21/3/2013", "无法识别"), ("3/21/13", "无法识别"), ("2013-02-30", "不存在"), ("昨天", "无法识别"), ("", "不能为空"),
     (-5, "无法识别"), (True, "应为日期")],
)  # fmt: skip
def test_dates_not_guessed(value, message):
    with pytest.raises(ValueError, match=message):
        parse_date(value)


CELLS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
                  st.dates(), st.datetimes())  # fmt: skip


@given(CELLS)
def test_cell_parsers_raise_only_value_error(value):
    for parse in (parse_int, parse_date, parse_code, cell_text):
        with contextlib.suppress(ValueError):
            parse(value)


@given(st.binary(max_size=300), st.sampled_from(["a.csv", "a.xlsx", "a.xls", "a.bin"]))
def test_any_bytes_give_a_table_or_a_sheet_error(data, name):
    with contextlib.suppress(SheetError):
        read_table(data, filename=name, fields=FIELDS)
