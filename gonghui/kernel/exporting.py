"""The one export writer: every xlsx and csv the project hands out is written here.

- Text is always text. In xlsx a cell is written by its type (`write_string` for text, never
  `write()`, and the workbook refuses to turn strings into formulas, links or numbers), so a name
  such as `=HYPERLINK("http://…")` cannot become a live formula in the file a higher union opens.
  In csv, which has no types, a text cell that starts with `= + - @`, a tab or a carriage return
  is written with a leading apostrophe, as spreadsheet programs expect (CSV injection).
- Every export carries a watermark line (who exported it and when) above its header; a file whose
  format forbids it (a bank's, a template that comes back as an upload) says so with
  `marked=False` and a comment why.
- Large exports stream: csv line by line, xlsx row by row into a temporary file in constant memory.

    xlsx_file(Sheet("单位名单", header=HEADER, rows=lines, widths=[22, 36]), actor=request.user)
    csv_stream(lines, header=HEADER, actor=request.user)

A cell is a plain value (text, number, Decimal, date, None) or a `Cell(value, style)` in one of
the book's named styles (`STYLES`, and any a module adds with `styles=`); `LongNumber` keeps a
bank account's digits as text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.utils import timezone
from django.utils.functional import Promise

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# xlsxwriter turns strings into formulas, links and numbers unless told not to.
BOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "constant_memory": True,
}
# The named styles of every book; a module may add its own or change one (`xlsx_file(styles=)`).
STYLES: dict[str, dict[str, Any]] = {
    "mark": {"font_color": "#888888", "italic": True},
    "title": {"bold": True, "font_size": 14},
    "head": {"bold": True, "bg_color": "#F2F2F2", "border": 1, "text_wrap": True},
    "money": {"num_format": "#,##0.00"},
    "date": {"num_format": "yyyy-mm-dd"},
    "datetime": {"num_format": "yyyy-mm-dd hh:mm"},
    "text": {"num_format": "@"},  # what is typed into the column stays text (ID numbers)
}


def watermark(actor: Any, at: dt.datetime | None = None, *, note: str = "") -> str:
    at = timezone.localtime(at or timezone.now())
    who = getattr(actor, "display_name", "") or "系统"
    username = getattr(actor, "username", "")
    line = f"导出人：{who}{f'（{username}）' if username and username != who else ''}  导出时间：{at:%Y-%m-%d %H:%M:%S}"
    return f"{line}  {note}" if note else line


@dataclass(frozen=True)
class Cell:
    """A value in a named style of the book (a header in red, a total in bold, a rate as %)."""

    value: Any
    style: str = ""


@dataclass(frozen=True)
class LongNumber:
    """Digits that must stay text: Excel shows a 19-digit bank account as 6.22E+18. In csv a tab
    goes before them (only when they are all digits: anything else is an ordinary text cell);
    in xlsx they are a text cell."""

    digits: str


@dataclass(frozen=True)
class Validation:
    """A data validation (xlsxwriter's options: a drop-down list, a date range) on one column,
    for `rows` rows below the header: what a template offers the clerk who fills it in."""

    column: int
    options: Mapping[str, Any]
    rows: int


@dataclass
class Sheet:
    """One worksheet of an xlsx: the watermark line (unless the book is unmarked), the `title`
    on a line of its own, the `notes` lines ("" is a blank line), the header, the rows.

    Per column: `widths` (None: the default), `styles` (the style of the rows' cells that have
    none of their own) and `input_styles` (the style of the whole column, so of what is typed into
    it later: a template's text format for ID numbers). `frozen` freezes the lines down to the
    header and that many columns; `header_notes` are comments on header cells.
    """

    name: str
    header: Sequence[Any]
    rows: Iterable[Sequence[Any]]
    widths: Sequence[float | None] = ()
    title: str = ""
    notes: Sequence[str] = ()
    styles: Mapping[int, str] = field(default_factory=dict)
    input_styles: Mapping[int, str] = field(default_factory=dict)
    frozen: int | None = None
    header_notes: Mapping[int, str] = field(default_factory=dict)
    validations: Sequence[Validation] = ()
    merge_title: bool = False  # the title spans the header's width
    hidden: bool = False


# ---- csv -------------------------------------------------------------------------------------


def csv_cell(value: Any) -> Any:
    """A csv cell: text that a spreadsheet would run as a formula gets a leading apostrophe;
    dates are ISO; None is empty."""
    if isinstance(value, Cell):
        value = value.value
    if isinstance(value, Promise):
        value = str(value)  # a label marked for translation is text like any other
    if value is None:
        return ""
    if isinstance(value, LongNumber):
        return "\t" + value.digits if value.digits.isdigit() else csv_cell(value.digits)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S") if timezone.is_aware(value) else value
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def csv_stream(
    lines: Iterable[Sequence[Any]],
    *,
    header: Sequence[Any] = (),
    actor: Any = None,
    marked: bool = True,
    mark: str | None = None,
    note: str = "",
    title: str = "",
    every: int = 500,
) -> Iterator[str]:
    """UTF-8 with a BOM (so that Excel reads the Chinese), the watermark first (unless a file's
    format forbids it: `marked=False`; `mark` when the caller has the line already, `note` adds
    to it), the title, then the header and the lines, a few hundred at a time."""
    buf = io.StringIO()
    writer = csv.writer(buf)

    def flush() -> str:
        out = buf.getvalue()
        buf.seek(0)
        buf.truncate()
        return out

    if marked:
        writer.writerow([csv_cell(mark if mark is not None else watermark(actor, note=note))])
    if title:
        writer.writerow([csv_cell(title)])
    if header:
        writer.writerow([csv_cell(h) for h in header])
    yield "\ufeff" + flush()
    for i, line in enumerate(lines, start=1):
        writer.writerow([csv_cell(v) for v in line])
        if i % every == 0:
            yield flush()
    yield flush()


def csv_bytes(lines: Iterable[Sequence[Any]], **kwargs: Any) -> bytes:
    return "".join(csv_stream(lines, **kwargs)).encode("utf-8")


# ---- xlsx ------------------------------------------------------------------------------------


def write_cell(sheet: Any, r: int, c: int, value: Any, fmt: Any = None, *, formats: dict[str, Any]) -> None:
    """One cell by its type: text as text, numbers as numbers, dates as dates; never a formula."""
    if isinstance(value, Cell):
        value, fmt = value.value, formats[value.style] if value.style else None
    if isinstance(value, LongNumber):
        value = value.digits
    if value is None or value == "":
        sheet.write_blank(r, c, None, fmt)
    elif isinstance(value, bool):
        sheet.write_boolean(r, c, value, fmt)
    elif isinstance(value, int | float):
        sheet.write_number(r, c, value, fmt)
    elif isinstance(value, Decimal):
        sheet.write_number(r, c, float(value), fmt or formats["money"])
    elif isinstance(value, dt.datetime):
        local = timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
        sheet.write_datetime(r, c, local, fmt or formats["datetime"])
    elif isinstance(value, dt.date):
        sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), fmt or formats["date"])
    else:
        sheet.write_string(r, c, str(value), fmt)


def _write_sheet(book: Any, spec: Sheet, formats: dict[str, Any], mark: str | None) -> None:
    sheet = book.add_worksheet(spec.name[:31])
    for c in range(max(len(spec.widths), max(spec.input_styles, default=-1) + 1)):
        width = spec.widths[c] if c < len(spec.widths) else None
        style = spec.input_styles.get(c)
        if width is not None or style:
            sheet.set_column(c, c, width, formats[style] if style else None)
    r = 0
    if mark is not None:
        sheet.write_string(r, 0, mark, formats["mark"])
        r += 1
    if spec.title:
        if spec.merge_title and len(spec.header) > 1:
            sheet.merge_range(r, 0, r, len(spec.header) - 1, "", formats["title"])
        sheet.write_string(r, 0, spec.title, formats["title"])
        r += 1
    for note in spec.notes:
        if note:
            sheet.write_string(r, 0, note, formats["mark"])
        r += 1
    if spec.header:
        for c, text in enumerate(spec.header):
            write_cell(sheet, r, c, text if isinstance(text, Cell) else Cell(text, "head"), formats=formats)
        for c, comment in spec.header_notes.items():
            sheet.write_comment(r, c, comment)
        r += 1
        if spec.frozen is not None:
            sheet.freeze_panes(r, spec.frozen)
    for v in spec.validations:
        sheet.data_validation(r, v.column, r + v.rows - 1, v.column, dict(v.options))
    column_formats = {c: formats[s] for c, s in spec.styles.items()}
    for line in spec.rows:
        for c, value in enumerate(line):
            write_cell(sheet, r, c, value, column_formats.get(c), formats=formats)
        r += 1
    if spec.hidden:
        sheet.hide()


def xlsx_file(
    sheets: Sequence[Sheet] | Sheet,
    *,
    actor: Any = None,
    marked: bool = True,
    mark: str | None = None,
    note: str = "",
    styles: Mapping[str, Mapping[str, Any]] | None = None,
    properties: Mapping[str, str] | None = None,
) -> IO[bytes]:
    """An xlsx written row by row to a temporary file (constant memory), rewound for streaming.
    Each sheet starts with the watermark line (unless `marked=False`; `mark` when the caller has
    the line already, `note` adds to it), then its title, notes, header and rows."""
    import xlsxwriter

    tmp = tempfile.TemporaryFile()  # noqa: SIM115 (the response streams it, then closes it)
    book = xlsxwriter.Workbook(tmp, BOOK_OPTIONS)
    formats = {name: book.add_format(dict(props)) for name, props in {**STYLES, **(styles or {})}.items()}
    line = (mark if mark is not None else watermark(actor, note=note)) if marked else None
    for spec in [sheets] if isinstance(sheets, Sheet) else sheets:
        _write_sheet(book, spec, formats, line)
    if properties:
        book.set_properties(dict(properties))
    book.close()
    tmp.seek(0)
    return tmp


def xlsx_bytes(sheets: Sequence[Sheet] | Sheet, **kwargs: Any) -> bytes:
    with xlsx_file(sheets, **kwargs) as f:
        return f.read()


def xlsx_into(out: IO[bytes], sheets: Sequence[Sheet] | Sheet, **kwargs: Any) -> None:
    """The xlsx written into an open file (a buffer the caller hands out)."""
    with xlsx_file(sheets, **kwargs) as f:
        shutil.copyfileobj(f, out)


def xlsx_chunks(sheets: Sequence[Sheet] | Sheet, *, size: int = 256 * 1024, **kwargs: Any) -> Iterator[bytes]:
    """The xlsx in pieces, for a streaming response."""
    with xlsx_file(sheets, **kwargs) as f:
        yield from iter(lambda: f.read(size), b"")


def column_name(c: int) -> str:
    """0 → "A", 26 → "AA": for a validation's range on another sheet."""
    from xlsxwriter.utility import xl_col_to_name

    return str(xl_col_to_name(c))


def side_by_side(*lists: Sequence[Any]) -> Iterator[list[Any]]:
    """Lists side by side as rows (a sheet of drop-down options is written row by row)."""
    for row in itertools.zip_longest(*lists):
        yield list(row)
