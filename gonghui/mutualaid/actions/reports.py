"""The report as a file."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from gonghui.kernel import filetypes
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.orgs.models import Org

MAX_FILE_BYTES = 10 * 1024 * 1024
FILE_TYPES = (filetypes.PDF, filetypes.JPEG, filetypes.PNG)


# ---------------------------------------------------------------------------------- reports


@action
def report_export(*, actor: Any, org: Org, year: int, fmt: str) -> tuple[bytes | Iterable[str], int]:
    """The report by plan as a file (audited: who took which union's figures)."""
    from .. import exports
    from ..selectors import paid_by_quarter_for_actor, report_by_union_for_actor, report_for_actor

    rows = report_for_actor(actor=actor, org=org, year=year)
    audit(
        actor=actor,
        action="mutualaid.report.export",
        org=org,
        detail={"year": year, "format": fmt, "rows": len(rows)},
    )
    title = f"{org.name} {year}年医疗互助保障统计"
    if fmt == "xlsx":
        unions = report_by_union_for_actor(actor=actor, org=org, year=year)
        quarters = paid_by_quarter_for_actor(actor=actor, org=org, year=year)
        return exports.report_xlsx(
            actor=actor, title=title, rows=rows, unions=unions, quarters=quarters
        ), len(rows)
    return list(exports.report_csv(actor=actor, rows=rows)), len(rows)
