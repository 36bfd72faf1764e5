"""`manage.py tally_rebuild [--on DATE] [--threshold N]`: recount the per-union tallies."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gonghui.units.tally import tally_rebuild


class Command(BaseCommand):
    help = "按会员名册和单位台账重算各工会的“两个普遍”统计汇总（每天由后台任务自动进行）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--on", help="统计日期，如 2026-11-25（默认今天）")
        parser.add_argument("--threshold", type=int, help="应建会单位的职工人数标准（默认按系统设置）")

    def handle(self, *args: Any, **options: Any) -> None:
        on = None
        if options["on"]:
            try:
                on = dt.date.fromisoformat(options["on"])
            except ValueError:
                raise CommandError(f"日期「{options['on']}」无法识别，请写成 2026-11-25。") from None
        if options["threshold"] is not None and options["threshold"] < 1:
            raise CommandError("应建会标准应为正整数。")
        state = tally_rebuild(on=on, threshold=options["threshold"])
        self.stdout.write(
            f"已重算统计汇总：统计日期 {state.as_of:%Y-%m-%d}，应建会标准 {state.threshold} 人，用时 {state.seconds:.1f} 秒。"
        )
