"""The 30-day rule, for cron or the worker: unanswered transfer requests are approved."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from gonghui.members.actions import auto_approve_days, transfers_auto_approve


class Command(BaseCommand):
    help = "转会申请一方逾期（默认30日）未答复的，视为同意并办结转会。"

    def handle(self, *args: Any, **options: Any) -> None:
        done = transfers_auto_approve()
        self.stdout.write(f"逾期 {auto_approve_days()} 日未答复视为同意：办结 {len(done)} 件转会申请。")
