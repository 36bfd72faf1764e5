"""Exports leave an audit row: who took which figures out, and when."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from gonghui.kernel.audit import audit

from ..stats import AdoptionReport, report_xlsx


@transaction.atomic
def adoption_report_export(*, actor: Any, report: AdoptionReport) -> bytes:
    now = timezone.now()
    who = getattr(actor, "display_name", "") or "系统"
    data = report_xlsx(report, exported_by=who, exported_at=now)
    audit(
        actor=actor, action="bulletin.stats.export", org=report.org,
        detail={"title": report.title, "units": len(report.rows), "silent": len(report.silent)},
    )  # fmt: skip
    return data
