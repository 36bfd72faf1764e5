"""Uploaded spreadsheets that would take the server down are refused before they are read.

Each hostile file here is small; without the guard, calamine would allocate the dense block its
cells span (A1…XFD1048576 is seventeen billion cells) and abort the process.
"""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from gonghui.kernel import sheetguard
from gonghui.kernel.spreadsheet import SheetError, open_sheet, read_table
from gonghui.members.testing import LEDGER_HEADERS, ledger_rows, write_xlsx

WORKBOOK = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
        'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
        '<sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}


def xlsx(rows_xml: str, *, dimension: str = "", extra: dict[str, bytes] | None = None) -> bytes:
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main">{dimension}<sheetData>{rows_xml}</sheetData></worksheet>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in WORKBOOK.items():
            zf.writestr(name, text)
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, raw in (extra or {}).items():
            zf.writestr(name, raw)
    return buf.getvalue()


def cell(ref: str, value: int = 1) -> str:
    return f'<c r="{ref}"><v>{value}</v></c>'


def row(number: int, *cells: str) -> str:
    return f'<row r="{number}">{"".join(cells)}</row>'


SPARSE_CORNER = xlsx(row(1, cell("A1")) + row(1048576, cell("XFD1048576")), dimension='<dimension ref="A1"/>')


def test_the_far_corner_is_refused_quickly_without_reading_the_sheet():
    assert len(SPARSE_CORNER) < 2000
    started = time.perf_counter()
    with pytest.raises(SheetError, match="数据区域过大"):
        open_sheet(SPARSE_CORNER, filename="花名册.xlsx")
    assert time.perf_counter() - started < 5


def test_a_cell_far_to_the_right_is_refused_whatever_the_dimension_claims():
    data = xlsx(
        row(1, cell("A1"), cell("B1")) + row(20000, cell("ZZ20000")), dimension='<dimension ref="A1:B2"/>'
    )
    with pytest.raises(SheetError, match=r"A1 到 ZZ20000"):
        read_table(data, filename="x.xlsx", fields={"n": ["n"]})


def test_too_many_rows_for_the_width_is_refused(settings, monkeypatch):
    settings.GONGHUI_SHEET_MAX_CELLS = 1000
    monkeypatch.setattr(sheetguard, "MIN_CELLS", 1000)
    data = xlsx(row(1, *(cell(f"{c}1") for c in "ABCDEFGHIJ")) + row(101, cell("A101")))
    with pytest.raises(SheetError, match="数据区域过大"):
        open_sheet(data, filename="x.xlsx")
    # Within the limit the same shape reads.
    ok = xlsx(row(1, *(cell(f"{c}1") for c in "ABCDEFGHIJ")) + row(100, cell("A100")))
    assert open_sheet(ok, filename="x.xlsx").height == 100


def test_a_sheet_wider_than_its_first_rows_is_read_when_within_the_limits():
    data = xlsx(row(1, cell("A1"), cell("B1")) + row(3, cell("A3")) + row(500, cell("Z500")))
    sheet = open_sheet(data, filename="x.xlsx")
    rows = list(sheet.rows)
    assert len(rows) == 500 and len(rows[-1]) == 26


def test_cells_without_a_position_are_refused():
    data = xlsx(row(1, cell("A1")) + '<row r="2"><c t="n"><v>5</v></c></row>')
    with pytest.raises(SheetError, match="未标明位置"):
        open_sheet(data, filename="x.xlsx")


def test_a_zip_bomb_is_refused():
    bomb = b" " * (60 * 1024 * 1024)  # compresses about a thousand to one
    data = xlsx(row(1, cell("A1")), extra={"xl/media/padding.xml": bomb})
    assert len(data) < 200_000
    with pytest.raises(SheetError, match="压缩比异常"):
        open_sheet(data, filename="x.xlsx")


def test_xml_entities_are_refused():
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol2;</t></si></sst>'
    )
    data = xlsx(row(1, cell("A1")), extra={"xl/sharedStrings.xml": laughs.encode()})
    with pytest.raises(SheetError, match="DOCTYPE/ENTITY"):
        open_sheet(data, filename="x.xlsx")


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "台账.xlsx"),
        (b"MZ\x90\x00\x03", "台账.xls"),
        (b"", "台账.xlsx"),
    ],
)
def test_a_file_that_is_not_a_spreadsheet_is_refused_by_its_bytes_not_its_name(data, name):
    with pytest.raises(SheetError, match="无法读取该Excel文件"):
        open_sheet(data, filename=name)


def test_the_reader_is_a_child_whose_failure_is_only_its_own():
    # Unchecked, the far corner makes calamine ask for seventeen billion cells: the child's
    # memory limit ends the child, and this process carries on.
    reader = sheetguard.ChildReader(SPARSE_CORNER, scan=20)
    with pytest.raises(SheetError, match="读取进程异常退出"):
        reader.next_head()
    assert reader.proc.returncode != 0
    reader = sheetguard.ChildReader(xlsx(row(1, cell("A1", 7)) + row(2, cell("B2", 8))), scan=20)
    name, height, head = reader.next_head()
    assert (name, height) == ("花名册", 2)
    assert list(reader.take(head)) == [[7.0, ""], ["", 8.0]]
    assert reader.proc.returncode == 0


def test_a_sheet_beyond_the_cell_limit_is_refused_by_the_child(settings):
    settings.GONGHUI_SHEET_MAX_CELLS = 10
    data = xlsx(row(1, cell("A1")) + row(20, cell("C20")))
    with pytest.raises(SheetError, match="工作表「花名册」的数据区域过大（20 行 × 3 列"):
        sheetguard.ChildReader(data, scan=20).next_head()


def test_a_reader_left_half_read_ends_its_child():
    reader = sheetguard.ChildReader(xlsx(row(1, cell("A1")) + row(2, cell("A2"))), scan=1)
    _name, _height, head = reader.next_head()
    rows = reader.take(head)
    next(rows)
    proc = reader.proc
    del reader, rows
    import gc

    gc.collect()
    assert proc.poll() is not None


def test_a_real_ledger_passes_the_guard(tmp_path: Path):
    path = tmp_path / "花名册.xlsx"
    write_xlsx(
        path, [list(LEDGER_HEADERS), *ledger_rows(2000, unions=["赤岗街道联合工会"])], title="会员花名册"
    )
    from python_calamine import CalamineWorkbook

    sheet = open_sheet(path.read_bytes(), filename=path.name)
    assert (
        sum(1 for _ in sheet.rows)
        == CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).height
        > 2000
    )


@pytest.mark.parametrize(("n", "above", "not_above"), [(1048576, ["1048577", "1100000", "9999999", "12345678"],
                                                        ["1048576", "999999", "1048570"]), (7, ["8", "10"], ["7", "1"])])  # fmt: skip
def test_number_above(n, above, not_above):
    import re

    pattern = re.compile(f"^{sheetguard.number_above(n)}$")
    assert all(pattern.match(x) for x in above)
    assert not any(pattern.match(x) for x in not_above)


@pytest.mark.parametrize(("col", "above", "not_above"), [(13, ["N", "Z", "AA", "ZZZ"], ["A", "M"]),
                                                         (28, ["AC", "BA", "AAA"], ["AB", "Z", "A"])])  # fmt: skip
def test_letters_above(col, above, not_above):
    import re

    pattern = re.compile(f"^(?:{sheetguard.letters_above(col)})$")
    assert all(pattern.match(x) for x in above)
    assert not any(pattern.match(x) for x in not_above)


def test_a_request_larger_than_the_ceiling_is_not_read(client, personas, login, settings):
    settings.GONGHUI_MAX_REQUEST_BYTES = 1024 * 1024
    client = login(personas.street)
    big = io.BytesIO(b"x" * (1024 * 1024 + 1))
    big.name = "花名册.csv"
    r = client.post("/members/import/", {"file": big})
    assert r.status_code == 413 and "单次上传不能超过 1 MB" in r.content.decode()


def test_nul_characters_in_cells_are_dropped(tmp_path: Path):
    # A NUL means nothing in a cell and no PostgreSQL text column can hold one.
    import xlsxwriter

    path = tmp_path / "x.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("台账")
    sheet.write_row(0, 0, ["单位名称", "所属工会"])
    for r in range(1, 6001):  # past the first chunk the reader sends
        sheet.write_row(r, 0, [f"厂{r}", "工会\x00" if r in (1, 5999) else "工会"])
    book.close()
    rows = list(open_sheet(path.read_bytes(), filename=path.name).rows)
    assert rows[1] == ["厂1", "工会"] and rows[5999] == ["厂5999", "工会"]
    assert not any("\x00" in str(c) for r in rows for c in r)
