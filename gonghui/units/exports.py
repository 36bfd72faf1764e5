"""Export of scoped lists (units, collective contracts) to xlsx or csv, through the one export
writer (`gonghui.kernel.exporting`): streamed, a watermark line (who, when) above the header, no
cell ever written as a formula. The audit row is written by the actions before the first byte
leaves (`units_export_record`, `contracts_export_record`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from gonghui.kernel.exporting import Sheet, csv_stream, xlsx_file

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


def units_csv_stream(*, actor: Any, f: UnitFilter) -> Iterator[str]:
    lines = (unit_line(u) for u in unit_export_iter(actor=actor, f=f))
    return csv_stream(lines, header=UNIT_HEADER, actor=actor)


def units_xlsx_file(*, actor: Any, f: UnitFilter) -> IO[bytes]:
    lines = (unit_line(u) for u in unit_export_iter(actor=actor, f=f))
    return xlsx_file(Sheet("单位名单", header=UNIT_HEADER, rows=lines, widths=UNIT_WIDTHS), actor=actor)


def contracts_csv_stream(*, actor: Any, **filters: Any) -> Iterator[str]:
    lines = (contract_line(c) for c in contract_export_iter(actor=actor, **filters))
    return csv_stream(lines, header=CONTRACT_HEADER, actor=actor)


def contracts_xlsx_file(*, actor: Any, **filters: Any) -> IO[bytes]:
    lines = (contract_line(c) for c in contract_export_iter(actor=actor, **filters))
    return xlsx_file(
        Sheet("集体合同", header=CONTRACT_HEADER, rows=lines, widths=CONTRACT_WIDTHS), actor=actor
    )
