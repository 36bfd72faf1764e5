"""The report's export: a download of figures is audited like any other disclosure."""

from __future__ import annotations

import io
from typing import Any

from gonghui.kernel import scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit

from ..report import AssistanceReport, report_xlsx


@action
def report_export(*, actor: Any, report: AssistanceReport, watermark: str) -> bytes:
    """The report as an xlsx with the reader's watermark; the export is audited."""
    scope.require(actor, "view", report.subject)
    audit(actor=actor, action="assistance.report.export", org=report.subject,
          detail={"format": "xlsx", "year": report.year, "quarter": report.quarter})  # fmt: skip
    buf = io.BytesIO()
    report_xlsx(report, buf, watermark=watermark)
    return buf.getvalue()
