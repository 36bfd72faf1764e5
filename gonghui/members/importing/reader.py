"""Reading a ledger file into rows of cells, and finding its header row.

xlsx (and xls/ods) through python-calamine; csv in UTF-8 (with or without BOM) or GB18030,
which is what Excel in China writes when it saves "CSV".
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gonghui.common.spreadsheet import column_letter as letter

from .columns import column_for

HEADER_SEARCH_ROWS = 20
SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}


class FileRefused(Exception):
    """The file cannot be read as a ledger at all; the message says why, in Chinese."""


@dataclass
class Layout:
    header_row: int  # 0-based index into rows
    columns: dict[str, int]  # field key → 0-based column index
    headers: dict[str, str]  # field key → the header text as written in the file
    notes: list[str] = field(default_factory=list)


def read_rows(path: Path, *, original_name: str = "") -> list[list[Any]]:
    """All rows of the first sheet from row 1, so that index + 1 is the row Excel shows."""
    suffix = Path(original_name or path.name).suffix.lower()
    if suffix == ".csv":
        return _read_csv(path.read_bytes())
    if suffix not in SPREADSHEET_SUFFIXES:
        raise FileRefused("只能导入 Excel 文件（.xlsx、.xls）或 CSV 文件（.csv）。")
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        names = workbook.sheet_names
        if not names:
            raise FileRefused("文件中没有工作表。")
        sheet = workbook.get_sheet_by_index(0)
        return sheet.to_python(skip_empty_area=False)
    except FileRefused:
        raise
    except (CalamineError, OSError, ValueError) as exc:
        raise FileRefused(
            f"无法读取该 Excel 文件（文件可能已损坏、加密，或不是 Excel 格式）：{exc}"
        ) from None
    except Exception as exc:  # calamine raises its own types for zip and xml errors
        raise FileRefused(
            f"无法读取该 Excel 文件（文件可能已损坏、加密，或不是 Excel 格式）：{type(exc).__name__}"
        ) from None


def _read_csv(data: bytes) -> list[list[Any]]:
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="strict")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError:
                raise FileRefused("无法识别 CSV 文件的编码，请另存为“CSV UTF-8”后重试。") from None
    if "\0" in text[:4096]:
        raise FileRefused("这不是文本格式的 CSV 文件。")
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text, newline=""), dialect)]


def find_layout(rows: list[list[Any]]) -> Layout:
    """The header is the first row (of the first 20) that names both 姓名 and 身份证号码; title
    rows such as "XX工会会员花名册" above it are skipped."""
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
    raise FileRefused(
        f"在前 {HEADER_SEARCH_ROWS} 行中没有找到表头：表头行须包含「姓名」和「身份证号码」（或“身份证号”“公民身份号码”）两列。"
    )
