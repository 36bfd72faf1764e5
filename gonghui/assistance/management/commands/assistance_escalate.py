"""For cron or the worker: overdue applications go up one level; ended 公示 periods close."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from gonghui.assistance.actions import applications_escalate, applications_publicity_close


class Command(BaseCommand):
    help = "帮扶申请在审批工会逾期未处理的，上报上一级审批；公示期满的，结束公示。"

    def handle(self, *args: Any, **options: Any) -> None:
        moved = applications_escalate()
        closed = applications_publicity_close()
        self.stdout.write(f"逾期未审批：上报 {len(moved)} 件；公示期满：{len(closed)} 件转为待发放。")
