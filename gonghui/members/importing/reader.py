"""Reading a ledger file into rows of cells, and finding its header row."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from gonghui.kernel import spreadsheet
from gonghui.kernel.spreadsheet import column_letter as letter

from .columns import column_for

HEADER_SEARCH_ROWS = 20


class FileRefused(Exception):
    """The file cannot be read as a ledger at all; the message says why, in Chinese."""


@dataclass
class Layout:
    header_row: int  # 0-based index into rows
    columns: dict[str, int]  # field key → 0-based column index
    headers: dict[str, str]  # field key → the header text as written in the file
    notes: list[str] = field(default_factory=list)


@dataclass
class Ledger:
    """A ledger file opened for reading: its first rows, where the header is looked for, and
    the rest, read as the import asks for them."""

    head: list[list[Any]]
    rest: Iterator[list[Any]]
    height: int  # rows in the file from row 1, blank ones included (for csv: at most)
    sheet: str = ""  # the worksheet holding the register ("" for csv)
    skipped: list[str] = field(default_factory=list)  # worksheets before it, without a register


def open_ledger(path: Path, *, original_name: str = "") -> Ledger:
    """The first sheet holding the register (a header naming 姓名 and 身份证号码 in its first
    rows; an instructions sheet before it is passed over), from row 1, so that index + 1 is the
    row Excel shows. Read by the common spreadsheet reader: Excel files in a child process with
    limited memory, csv in UTF-8 or GB18030."""
    name = original_name or path.name
    if Path(name).suffix.lower() not in spreadsheet.EXCEL_SUFFIXES | spreadsheet.CSV_SUFFIXES:
        raise FileRefused("只能导入 Excel 文件（.xlsx、.xls）或 CSV 文件（.csv）。")
    try:
        sheet = spreadsheet.open_sheet(
            path.read_bytes(), filename=name, find=lambda rows: _layout(rows) is not None,
            scan=HEADER_SEARCH_ROWS,
        )  # fmt: skip
        head = list(islice(sheet.rows, HEADER_SEARCH_ROWS))
    except spreadsheet.NoHeader as exc:
        raise FileRefused(no_header_message(exc.names)) from None
    except spreadsheet.SheetError as exc:
        raise FileRefused(str(exc)) from None
    return Ledger(
        head=head, rest=_refusing(sheet.rows), height=sheet.height, sheet=sheet.name, skipped=sheet.skipped
    )


def no_header_message(sheets: str = "") -> str:
    where = (
        f"在工作表{sheets}的前 {HEADER_SEARCH_ROWS} 行中都" if sheets else f"在前 {HEADER_SEARCH_ROWS} 行中"
    )
    return f"{where}没有找到表头：表头行须包含「姓名」和「身份证号码」（或“身份证号”“公民身份号码”）两列。"


def _refusing(rows: Iterator[list[Any]]) -> Iterator[list[Any]]:
    try:
        yield from rows
    except spreadsheet.SheetError as exc:
        raise FileRefused(str(exc)) from None


def find_layout(rows: list[list[Any]]) -> Layout:
    """The header is the first row (of the first 20) that names both 姓名 and 身份证号码; title
    rows such as "XX工会会员花名册" above it are skipped."""
    layout = _layout(rows)
    if layout is None:
        raise FileRefused(no_header_message())
    return layout


def _layout(rows: list[list[Any]]) -> Layout | None:
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found: dict[str, int] = {}
        headers: dict[str, str] = {}
        notes: list[str] = []
        ignored: list[str] = []
        for j, cell in enumerate(row):
            if not isinstance(cell, str) or not cell.strip():
                continue
            key = column_for(cell)
            if key is None:
                ignored.append(cell.strip())
            elif key in found:
                notes.append(
                    f"「{cell.strip()}」（{letter(j)}列）与「{headers[key]}」（{letter(found[key])}列）是同一项，"
                    f"只读取{letter(found[key])}列"
                )
            else:
                found[key], headers[key] = j, cell.strip()
        if "name" in found and "id_number" in found:
            if ignored:
                notes.append("以下列不属于会员登记项目，未导入：" + "、".join(ignored[:20]))
            return Layout(header_row=i, columns=found, headers=headers, notes=notes)
    return None
