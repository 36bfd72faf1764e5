"""Export of scoped lists (units, collective contracts) to xlsx or csv: streamed, a watermark line
(who, when) above the header, no cell ever written as a formula. The audit row is written by the
actions before the first byte leaves (`units_export_record`, `contracts_export_record`)."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

from gonghui.kernel.exporting import watermark

from .codes import industry_label, unit_type_label
from .models import CollectiveContract, Unit
from .selectors import UnitFilter, contract_export_iter, unit_export_iter

UNIT_HEADER = [
    "统一社会信用代码", "单位名称", "行业", "单位类别", "职工人数", "女职工人数", "农民工人数", "单位地址",
    "行政区划代码", "成立日期", "所属工会", "登记工会", "状态",
]  # fmt: skip
UNIT_WIDTHS = [22, 36, 24, 24, 10, 10, 10, 36, 12, 12, 30, 30, 8]
CONTRACT_HEADER = ["合同名称", "类型", "签订工会", "行业", "签订日期", "期满日期", "提前终止日期", "覆盖职工数",
                   "覆盖单位数", "覆盖单位"]  # fmt: skip
CONTRACT_WIDTHS = [40, 16, 30, 20, 12, 12, 12, 10, 10, 60]


def csv_safe(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula is written as text (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def unit_line(u: Unit) -> list[Any]:
    return [
        u.credit_code, u.name, industry_label(u.industry), unit_type_label(u.unit_type), u.employees, u.women,
        u.migrants, u.address, u.division, u.founded_on.isoformat() if u.founded_on else "",
        u.covering_org.name if u.covering_org is not None else "", u.registered_org.name, u.get_status_display(),
    ]  # fmt: skip


def contract_line(c: CollectiveContract) -> list[Any]:
    names = [u.name for u in c.units.all()]
    return [
        c.title, c.get_kind_display(), c.org.name, industry_label(c.industry) if c.industry else "",
        c.signed_on.isoformat(), c.expires_on.isoformat(), c.ended_on.isoformat() if c.ended_on else "",
        c.workers_covered, len(names), "、".join(names),
    ]  # fmt: skip


def csv_stream(*, actor: Any, header: Sequence[str], lines: Iterable[list[Any]]) -> Iterator[str]:
    """UTF-8 with a BOM (so that Excel reads the Chinese), the watermark on the first line."""
    buf = io.StringIO()
    w = csv.writer(buf)

    def flush() -> str:
        out = buf.getvalue()
        buf.seek(0)
        buf.truncate()
        return out

    w.writerow([watermark(actor)])
    w.writerow(header)
    yield "\ufeff" + flush()
    for i, line in enumerate(lines, start=1):
        w.writerow([csv_safe(v) for v in line])
        if i % 500 == 0:
            yield flush()
    yield flush()


def xlsx_file(
    *, actor: Any, sheet_name: str, header: Sequence[str], widths: Sequence[int], lines: Iterable[list[Any]]
) -> IO[bytes]:
    """An xlsx written row by row to a temporary file (constant memory), rewound for streaming."""
    import xlsxwriter

    tmp = tempfile.TemporaryFile()  # noqa: SIM115 (the response streams it, then closes it)
    book = xlsxwriter.Workbook(tmp, {"constant_memory": True})
    sheet = book.add_worksheet(sheet_name)
    mark = book.add_format({"font_color": "#888888", "italic": True})
    head = book.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1})
    sheet.write_string(0, 0, watermark(actor), mark)
    for c, width in enumerate(widths):
        sheet.set_column(c, c, width)
    for c, title in enumerate(header):
        sheet.write_string(1, c, title, head)
    for r, line in enumerate(lines, start=2):
        for c, value in enumerate(line):
            # write_string, never write(): a name starting with "=" must not become a formula.
            if isinstance(value, str):
                sheet.write_string(r, c, value)
            else:
                sheet.write_number(r, c, value)
    book.close()
    tmp.seek(0)
    return tmp


def units_csv_stream(*, actor: Any, f: UnitFilter) -> Iterator[str]:
    lines = (unit_line(u) for u in unit_export_iter(actor=actor, f=f))
    return csv_stream(actor=actor, header=UNIT_HEADER, lines=lines)


def units_xlsx_file(*, actor: Any, f: UnitFilter) -> IO[bytes]:
    lines = (unit_line(u) for u in unit_export_iter(actor=actor, f=f))
    return xlsx_file(actor=actor, sheet_name="单位名单", header=UNIT_HEADER, widths=UNIT_WIDTHS, lines=lines)


def contracts_csv_stream(*, actor: Any, **filters: Any) -> Iterator[str]:
    lines = (contract_line(c) for c in contract_export_iter(actor=actor, **filters))
    return csv_stream(actor=actor, header=CONTRACT_HEADER, lines=lines)


def contracts_xlsx_file(*, actor: Any, **filters: Any) -> IO[bytes]:
    lines = (contract_line(c) for c in contract_export_iter(actor=actor, **filters))
    return xlsx_file(
        actor=actor, sheet_name="集体合同", header=CONTRACT_HEADER, widths=CONTRACT_WIDTHS, lines=lines
    )
