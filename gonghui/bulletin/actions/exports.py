"""Exports leave an audit row: who took which figures out, and when."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from gonghui.kernel import scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit

from ..stats import AdoptionReport, report_xlsx


@action
def adoption_report_export(*, actor: Any, report: AdoptionReport) -> bytes:
    scope.require(actor, "view", report.org)
    now = timezone.now()
    who = getattr(actor, "display_name", "") or "系统"
    data = report_xlsx(report, exported_by=who, exported_at=now)
    audit(
        actor=actor, action="bulletin.stats.export", org=report.org,
        detail={"title": report.title, "units": len(report.rows), "silent": len(report.silent)},
    )  # fmt: skip
    return data
