"""The one export writer: every xlsx and csv the project hands out is written here.

- Text is always text. In xlsx a cell is written by its type (`write_string` for text, never
  `write()`, and the workbook refuses to turn strings into formulas, links or numbers), so a name
  such as `=HYPERLINK("http://…")` cannot become a live formula in the file a higher union opens.
  In csv, which has no types, a text cell that starts with `= + - @`, a tab or a carriage return
  is written with a leading apostrophe, as spreadsheet programs expect (CSV injection).
- Every export carries a watermark line (who exported it and when) above its header.
- Large exports stream: csv line by line, xlsx row by row into a temporary file in constant memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.utils import timezone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# xlsxwriter turns strings into formulas, links and numbers unless told not to.
BOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "constant_memory": True,
}


def watermark(actor: Any, at: dt.datetime | None = None) -> str:
    at = timezone.localtime(at or timezone.now())
    who = getattr(actor, "display_name", "") or "系统"
    username = getattr(actor, "username", "")
    return f"导出人：{who}{f'（{username}）' if username and username != who else ''}  导出时间：{at:%Y-%m-%d %H:%M:%S}"


def csv_cell(value: Any) -> Any:
    """A csv cell: text that a spreadsheet would run as a formula gets a leading apostrophe;
    dates are ISO; None is empty."""
    if value is None:
        return ""
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
    header: Sequence[str] = (),
    actor: Any = None,
    marked: bool = True,
    every: int = 500,
) -> Iterator[str]:
    """UTF-8 with a BOM (so that Excel reads the Chinese), the watermark first (unless a file's
    format forbids it: `marked=False`), then the header and the lines, a few hundred at a time."""
    buf = io.StringIO()
    writer = csv.writer(buf)

    def flush() -> str:
        out = buf.getvalue()
        buf.seek(0)
        buf.truncate()
        return out

    if marked:
        writer.writerow([watermark(actor)])
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


@dataclass
class Sheet:
    """One worksheet of an xlsx: its name, header, rows and column widths; `title` goes on a
    line of its own above the header (after the watermark)."""

    name: str
    header: Sequence[str]
    rows: Iterable[Sequence[Any]]
    widths: Sequence[float] = ()
    title: str = ""
    money_columns: Sequence[int] = field(default_factory=tuple)


def write_cell(sheet: Any, r: int, c: int, value: Any, fmt: Any = None, *, formats: dict[str, Any]) -> None:
    """One cell by its type: text as text, numbers as numbers, dates as dates; never a formula."""
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


def xlsx_file(sheets: Sequence[Sheet] | Sheet, *, actor: Any = None, marked: bool = True) -> IO[bytes]:
    """An xlsx written row by row to a temporary file (constant memory), rewound for streaming.
    Each sheet starts with the watermark line (unless `marked=False`), its title, its header."""
    import xlsxwriter

    tmp = tempfile.TemporaryFile()  # noqa: SIM115 (the response streams it, then closes it)
    book = xlsxwriter.Workbook(tmp, BOOK_OPTIONS)
    formats = {
        "mark": book.add_format({"font_color": "#888888", "italic": True}),
        "title": book.add_format({"bold": True, "font_size": 14}),
        "head": book.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1, "text_wrap": True}),
        "money": book.add_format({"num_format": "#,##0.00"}),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "datetime": book.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
    }
    for spec in [sheets] if isinstance(sheets, Sheet) else sheets:
        sheet = book.add_worksheet(spec.name[:31])
        for c, width in enumerate(spec.widths):
            sheet.set_column(c, c, width)
        r = 0
        if marked:
            sheet.write_string(r, 0, watermark(actor), formats["mark"])
            r += 1
        if spec.title:
            sheet.write_string(r, 0, spec.title, formats["title"])
            r += 1
        for c, text in enumerate(spec.header):
            sheet.write_string(r, c, str(text), formats["head"])
        r += 1
        for line in spec.rows:
            for c, value in enumerate(line):
                write_cell(sheet, r, c, value, formats=formats)
            r += 1
    book.close()
    tmp.seek(0)
    return tmp
