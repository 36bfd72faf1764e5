"""Export of a scoped unit list to xlsx or csv, streamed, with a watermark line, audited."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterator
from typing import IO, Any

from .codes import industry_label, unit_type_label
from .models import Unit
from .report import watermark
from .selectors import UnitFilter, unit_export_iter

HEADER = [
    "统一社会信用代码", "单位名称", "行业", "单位类别", "职工人数", "女职工人数", "农民工人数", "单位地址",
    "行政区划代码", "成立日期", "所属工会", "登记工会", "状态",
]  # fmt: skip


def csv_safe(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula is written as text (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _line(u: Unit) -> list[Any]:
    return [
        u.credit_code, u.name, industry_label(u.industry), unit_type_label(u.unit_type), u.employees, u.women,
        u.migrants, u.address, u.division, u.founded_on.isoformat() if u.founded_on else "",
        u.covering_org.name if u.covering_org is not None else "", u.registered_org.name, u.get_status_display(),
    ]  # fmt: skip


def units_csv_stream(*, actor: Any, f: UnitFilter) -> Iterator[str]:
    """UTF-8 with a BOM (so that Excel reads the Chinese), the watermark on the first line."""
    buf = io.StringIO()
    w = csv.writer(buf)

    def flush() -> str:
        out = buf.getvalue()
        buf.seek(0)
        buf.truncate()
        return out

    w.writerow([watermark(actor)])
    w.writerow(HEADER)
    yield "\ufeff" + flush()
    for i, u in enumerate(unit_export_iter(actor=actor, f=f), start=1):
        w.writerow([csv_safe(v) for v in _line(u)])
        if i % 500 == 0:
            yield flush()
    yield flush()


def units_xlsx_file(*, actor: Any, f: UnitFilter) -> IO[bytes]:
    """An xlsx written row by row to a temporary file (constant memory), rewound for streaming."""
    import xlsxwriter

    tmp = tempfile.TemporaryFile()  # noqa: SIM115 (the response streams it, then closes it)
    book = xlsxwriter.Workbook(tmp, {"constant_memory": True})
    sheet = book.add_worksheet("单位名单")
    mark = book.add_format({"font_color": "#888888", "italic": True})
    head = book.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1})
    sheet.write(0, 0, watermark(actor), mark)
    sheet.write_row(1, 0, HEADER, head)
    for c, width in enumerate([22, 36, 24, 24, 10, 10, 10, 36, 12, 12, 30, 30, 8]):
        sheet.set_column(c, c, width)
    for r, u in enumerate(unit_export_iter(actor=actor, f=f), start=2):
        for c, value in enumerate(_line(u)):
            # write_string, never write(): a name starting with "=" must not become a formula.
            if isinstance(value, str):
                sheet.write_string(r, c, value)
            else:
                sheet.write_number(r, c, value)
    book.close()
    tmp.seek(0)
    return tmp
