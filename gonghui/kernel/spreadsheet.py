"""Reading clerks' own spreadsheets: xlsx/xls/ods (python-calamine) and csv (UTF-8 or GB18030).

Ledgers come from Excel files people keep by hand: a title row above the header, header names
that vary ("职工人数" / "职工数（人）" / "其中：女职工"), codes typed in lowercase or with trailing
spaces, dates typed in several ways, blank rows. This module reads what can be read safely and
explains the rest in Chinese; it knows nothing about any particular ledger. An importer passes
the fields it wants with the header names each may go by:

    table = read_table(data, filename="台账.xlsx", fields={"name": ["单位名称", "企业名称"], ...},
                       required={"name"})
    for row in table.rows:          # blank rows are skipped; row.number is the row Excel shows
        row.values["name"]          # the raw cell (str, int, float, date, datetime, bool or "")

and converts cells with `cell_text`, `parse_int`, `parse_date`, `parse_code`, each of which
raises `ValueError` with a message a clerk can act on.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import chain, islice
from pathlib import PurePath
from typing import Any

__all__ = [
    "Column",
    "NoHeader",
    "Row",
    "Sheet",
    "SheetError",
    "Table",
    "cell_text",
    "column_letter",
    "footer_line",
    "normalize_header",
    "open_sheet",
    "parse_code",
    "parse_date",
    "parse_int",
    "read_rows",
    "read_table",
    "size_text",
    "synonym_map",
]

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
CSV_SUFFIXES = {".csv", ".txt"}
HEADER_SCAN_ROWS = 20
# Excel's day 0 (1900 date system, with its 29 February 1900 bug accounted for).
_EXCEL_EPOCH = dt.date(1899, 12, 30)


class SheetError(ValueError):
    """The file as a whole cannot be read (format, encoding, header); the message is Chinese."""


@dataclass(frozen=True, slots=True)
class Column:
    field: str
    index: int  # 0-based position in the sheet
    header: str  # as written in the file

    @property
    def letter(self) -> str:
        return column_letter(self.index)


@dataclass(frozen=True, slots=True)
class Row:
    number: int  # 1-based, as Excel shows it
    values: dict[str, Any]


@dataclass
class Sheet:
    """A sheet's rows from the top, blank ones included, read as they are asked for: a million
    rows never sit in memory at once."""

    rows: Iterator[list[Any]]
    height: int  # how many rows the iteration gives (for csv: lines, so at most that many)
    name: str = ""  # the worksheet's name ("" for csv)
    skipped: list[str] = field(default_factory=list)  # worksheets before it that `find` refused


Finder = Callable[[list[list[Any]]], bool]


class NoHeader(SheetError):
    """No sheet's first rows were accepted; `sheets` holds each sheet read, with those rows."""

    def __init__(self, sheets: list[tuple[str, list[list[Any]]]]) -> None:
        super().__init__("没有找到表头。")
        self.sheets = sheets

    @property
    def names(self) -> str:
        """「说明」「花名册」, or "" for a csv file."""
        return "".join(f"「{name}」" for name, _ in self.sheets if name)


@dataclass
class Table:
    header_row: int  # 1-based
    columns: dict[str, Column]
    ignored: list[str] = field(default_factory=list)  # "F列「备注」": headers no field claims
    rows: list[Row] = field(default_factory=list)
    sheet: str = ""  # the worksheet read ("" for csv)
    skipped_sheets: list[str] = field(default_factory=list)  # worksheets before it, without the table


def size_text(n: int) -> str:
    """An upload limit as people say it: 90 MB, 512 KB."""
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.3g} MB"
    return f"{max(n, 1024) / 1024:.3g} KB"


# ---------------------------------------------------------------------------------- cells


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    out = ""
    index += 1
    while index:
        index, r = divmod(index - 1, 26)
        out = chr(65 + r) + out
    return out


def cell_text(value: Any) -> str:
    """A cell as the text a person sees: whole floats lose their ".0", dates are ISO, spaces
    (full-width and non-breaking too) are trimmed, full-width letters and digits folded."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, int, Decimal)):
        return str(value) if not isinstance(value, dt.date) else value.isoformat()
    text = str(value)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return text.strip()


def parse_code(value: Any) -> str:
    """A code as typed: without any spaces, upper-cased ("9144 0101 mA5c…  " → "91440101MA5C…")."""
    return "".join(cell_text(value).split()).upper()


_INT_CLEAN = re.compile(r"[,，\s]")
_INT_UNIT = re.compile(r"(人|名|个|户|家)$")


def parse_int(value: Any, *, minimum: int = 0, maximum: int | None = None) -> int:
    """A whole number: 25, 25.0, "25", "２５", "1,200", "25人". Refuses 25.5, "二十五", "-3"."""
    if isinstance(value, bool):
        raise ValueError("应为整数")
    if isinstance(value, int):
        n = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"应为整数，现为「{cell_text(value)}」")
        n = int(value)
    else:
        text = _INT_UNIT.sub("", _INT_CLEAN.sub("", cell_text(value)))
        if not text:
            raise ValueError("不能为空")
        try:
            d = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"应为整数，现为「{cell_text(value)}」") from None
        if not d.is_finite() or d != d.to_integral_value():
            raise ValueError(f"应为整数，现为「{cell_text(value)}」")
        n = int(d)
    if n < minimum:
        raise ValueError(f"不能小于{minimum}，现为{n}")
    if maximum is not None and n > maximum:
        raise ValueError(f"不能大于{maximum}，现为{n}")
    return n


_DATE_YMD = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[\sT]+\d{1,2}[:：]\d{1,2}(?:[:：]\d{1,2}(?:\.\d+)?)?)?$"
)
_DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_date(value: Any) -> dt.date:
    """A calendar date from what clerks type: a real Excel date, an Excel serial number,
    2013-03-21, 2013/3/21, 2013.3.21, 2013年3月21日, 20130321 (time of day ignored).
    Day-first or month-first forms (21/3/2013, 3/21/13) are refused rather than guessed."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise ValueError("应为日期")
    if isinstance(value, (int, float)):
        if isinstance(value, float):
            if not math.isfinite(value):
                raise ValueError("应为日期")
            value = int(value)  # a date-time serial: the day part
        n = int(value)
        compact = _DATE_COMPACT.match(str(n))
        if compact:
            return _ymd(*compact.groups(), shown=str(n))
        if 1 <= n <= 2958465:  # Excel's range: 1900-01-01 … 9999-12-31
            return _EXCEL_EPOCH + dt.timedelta(days=n)
        raise ValueError(f"无法识别的日期「{n}」，请写成 2013-03-21")
    text = cell_text(value)
    if not text:
        raise ValueError("不能为空")
    m = _DATE_YMD.match(text) or _DATE_COMPACT.match(text)
    if not m:
        raise ValueError(f"无法识别的日期「{text}」，请写成 2013-03-21")
    return _ymd(*m.groups(), shown=text)


def _ymd(y: str, m: str, d: str, *, shown: str) -> dt.date:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        raise ValueError(f"日期「{shown}」不存在") from None


# What the lines under a clerk's table begin with: totals, signatures, dates, notes.
FOOTER_WORDS = (
    "合计", "总计", "小计", "共计", "总人数", "人数合计", "笔数", "总笔数", "总金额",
    "填报人", "填表人", "制表人", "审核人", "审核", "复核人", "审批人", "负责人", "单位负责人", "工会主席",
    "经办人", "联系人", "联系电话", "填报日期", "填表日期", "制表日期", "报送日期", "日期",
    "填报单位", "制表单位", "单位盖章", "盖章", "备注", "说明", "注",
)  # fmt: skip
_FOOTER_NOISE = str.maketrans("", "", " \u3000\xa0\t（）()：:*")


def footer_line(row: Iterable[Any]) -> bool:
    """A totals, signature or date line under the table: its first cell holding text begins
    with 合计, 填报人, 审核人, 填报日期 … (a number before it, such as a count, is passed over)."""
    for cell in row:
        if type(cell) is not str:
            continue
        text = unicodedata.normalize("NFKC", cell).translate(_FOOTER_NOISE)
        if text:
            return text.startswith(FOOTER_WORDS)
    return False


# --------------------------------------------------------------------------------- headers

_BRACKETS = re.compile(r"[(（\[【<《].*?[)）\]】>》]")
_HEADER_NOISE = re.compile(r"[\s*＊:：/\\、.·_\-—\"'“”‘’]+")
_HEADER_PREFIXES = ("其中",)


def normalize_header(text: Any) -> str:
    """The comparable form of a header: NFKC, no notes in brackets ("职工人数（人）"), no marks
    ("*单位名称", "其中：女职工"), ASCII lower-cased."""
    s = cell_text(text)
    s = _BRACKETS.sub("", s)
    s = _HEADER_NOISE.sub("", s)
    for p in _HEADER_PREFIXES:
        if s.startswith(p) and len(s) > len(p):
            s = s[len(p) :]
    return s.lower()


def synonym_map(fields: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """Normalised header → field, for every name a field may go by; a name claimed by two
    fields is a programming error."""
    out: dict[str, str] = {}
    for name, synonyms in fields.items():
        for syn in (name, *synonyms):
            key = normalize_header(syn)
            if key in out and out[key] != name:
                raise ValueError(f"header {syn!r} claimed by both {out[key]!r} and {name!r}")
            out[key] = name
    return out


# ------------------------------------------------------------------------------- the file


def _is_blank(row: Sequence[Any]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in row)


def _excel_sheet(data: bytes, find: Finder | None, scan: int) -> Sheet:
    """The first visible worksheet (with `find`: the first whose first `scan` rows it accepts).
    An .xlsx is checked for what reading it would cost first (`sheetguard`); every Excel file is
    then read by a child process with limited memory, which hands the rows back as they are
    asked for."""
    from . import sheetguard

    if not data.startswith((sheetguard.ZIP_MAGIC, sheetguard.OLE_MAGIC)):
        raise SheetError(sheetguard.UNREADABLE)
    if sheetguard.is_xlsx(data):
        sheetguard.check_xlsx(data)
    reader = sheetguard.ChildReader(data, scan=scan)
    seen: list[tuple[str, list[list[Any]]]] = []
    while (got := reader.next_head()) is not None:
        name, height, head = got
        seen.append((name, head))
        if find is None or find(head):
            return Sheet(rows=reader.take(head), height=height, name=name, skipped=[n for n, _ in seen[:-1]])
        reader.skip()
    raise NoHeader(seen)


def _decode_csv(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SheetError("无法识别CSV文件的编码，请另存为 UTF-8 或 GB18030（GBK）编码后重试。")


def _csv_sheet(data: bytes, find: Finder | None, scan: int) -> Sheet:
    text = _decode_csv(data)
    # The delimiter found on most of the first lines (a title line above the header has none).
    lines = [line for line in text[:16384].splitlines()[:20] if line.strip()]
    delimiter = max(",\t;", key=lambda d: (sum(d in line for line in lines), d == ","))

    def rows() -> Iterator[list[Any]]:
        try:
            yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        except csv.Error as exc:
            raise SheetError(f"CSV文件格式有误：{exc}") from exc

    sheet = Sheet(rows=rows(), height=text.count("\n") + (not text.endswith("\n")))
    if find is not None:
        head = list(islice(sheet.rows, scan))
        if not find(head):
            raise NoHeader([("", head)])
        sheet.rows = chain(head, sheet.rows)
    return sheet


def open_sheet(
    data: bytes, *, filename: str, find: Finder | None = None, scan: int = HEADER_SCAN_ROWS
) -> Sheet:
    """A sheet of an Excel file (or the csv), ready to be read row by row from the top, so that
    the position in the iteration is the row number Excel shows (minus one).

    Without `find`, the first visible worksheet. With it, the visible worksheets are tried in
    order and the first whose first `scan` rows `find` accepts is the one (a ledger often has an
    instructions sheet first); when none is, `NoHeader` names the sheets read."""
    suffix = PurePath(filename).suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        return _excel_sheet(data, find, scan)
    if suffix in CSV_SUFFIXES:
        return _csv_sheet(data, find, scan)
    if data[:4] == b"PK\x03\x04" or data[:8] == bytes.fromhex("D0CF11E0A1B11AE1"):
        return _excel_sheet(data, find, scan)  # an Excel file with an unusual name
    raise SheetError("只能导入 Excel（.xlsx、.xls）或 CSV 文件。")


def read_rows(data: bytes, *, filename: str) -> Iterator[list[Any]]:
    """Every row of the first visible sheet (or of the csv), blank ones included."""
    return open_sheet(data, filename=filename).rows


def _best_header(rows: list[list[Any]], synonyms: Mapping[str, str]) -> tuple[int, set[str]] | None:
    """The row naming most known fields: (its index, the fields it names)."""
    best: tuple[int, set[str]] | None = None
    for i, row in enumerate(rows):
        named = {synonyms[k] for k in (normalize_header(c) for c in row) if k in synonyms}
        if named and (best is None or len(named) > len(best[1])):
            best = (i, named)
    return best


def _header_columns(
    header: list[Any], synonyms: Mapping[str, str]
) -> tuple[dict[str, Column], list[str], list[str]]:
    """The header's columns by field, the headers no field claims, and what is wrong with it."""
    columns: dict[str, Column] = {}
    ignored: list[str] = []
    problems: list[str] = []
    for idx, raw in enumerate(header):
        label = cell_text(raw)
        if not label:
            continue
        name = synonyms.get(normalize_header(raw))
        if name is None:
            ignored.append(f"{column_letter(idx)}列「{label}」")
        elif name in columns:
            first = columns[name]
            problems.append(
                f"{first.letter}列「{first.header}」和{column_letter(idx)}列「{label}」是同一项，请只保留一列。"
            )
        else:
            columns[name] = Column(field=name, index=idx, header=label)
    return columns, ignored, problems


def read_table(
    data: bytes,
    *,
    filename: str,
    fields: Mapping[str, Sequence[str]],
    required: Collection[str] = (),
    scan: int = HEADER_SCAN_ROWS,
) -> Table:
    """Find the header among the first `scan` rows of the first sheet that has one naming every
    required field (the row naming most known fields, so that title rows above it are skipped;
    an instructions sheet before the table is passed over), map its columns to fields by their
    synonyms, and collect the non-blank rows under it."""
    synonyms = synonym_map(fields)

    def complete(rows: list[list[Any]]) -> bool:
        best = _best_header(rows, synonyms)
        return best is not None and set(required) <= best[1]

    try:
        sheet = open_sheet(data, filename=filename, find=complete, scan=scan)
    except NoHeader as exc:
        raise SheetError(_no_header(exc, synonyms, fields, required, scan)) from None
    rows = sheet.rows
    head = list(islice(rows, scan))
    found = _best_header(head, synonyms)
    assert found is not None  # `complete` accepted these rows
    header_index = found[0]
    columns, ignored, problems = _header_columns(head[header_index], synonyms)
    if problems:
        raise SheetError("".join(problems))
    table = Table(
        header_row=header_index + 1, columns=columns, ignored=ignored, sheet=sheet.name,
        skipped_sheets=sheet.skipped,
    )  # fmt: skip

    def body() -> Iterable[tuple[int, list[Any]]]:
        yield from ((i, row) for i, row in enumerate(head) if i > header_index)
        yield from enumerate(rows, start=len(head))

    for i, row in body():
        if _is_blank(row):
            continue
        values = {c.field: (row[c.index] if c.index < len(row) else "") for c in columns.values()}
        if _is_blank(list(values.values())):
            continue  # only cells in ignored columns: a note or a subtotal line
        table.rows.append(Row(number=i + 1, values=values))
    return table


def _no_header(
    exc: NoHeader, synonyms: Mapping[str, str], fields: Mapping[str, Sequence[str]],
    required: Collection[str], scan: int,
) -> str:  # fmt: skip
    """Why no sheet has the table: the first one with a header-like row says what it lacks;
    if none has one, which sheets were read."""
    several = len(exc.sheets) > 1
    for name, rows in exc.sheets:
        found = _best_header(rows, synonyms)
        if found is None:
            continue
        columns, _ignored, problems = _header_columns(rows[found[0]], synonyms)
        missing = [f for f in required if f not in columns]
        names = "、".join(f"「{_first_synonym(fields, f)}」" for f in missing)
        where = f"工作表「{name}」" if several else ""
        return f"{where}第{found[0] + 1}行的表头中缺少必填列：{names}。" + "".join(problems)
    example = "」「".join(_examples(fields, required))
    if exc.names:
        return f"在工作表{exc.names}的前{scan}行中都没有找到表头。请保留表头行，例如「{example}」。"
    return f"在前{scan}行中没有找到表头。请保留表头行，例如「{example}」。"


def _first_synonym(fields: Mapping[str, Sequence[str]], name: str) -> str:
    return fields[name][0] if fields[name] else name


def _examples(fields: Mapping[str, Sequence[str]], required: Collection[str]) -> list[str]:
    return [_first_synonym(fields, f) for f in (list(required) or list(fields))[:3]]
