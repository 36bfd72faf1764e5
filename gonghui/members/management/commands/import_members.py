"""`gonghui import members FILE --org CODE [--good-rows] [--user NAME]`."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any, TextIO

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from gonghui.accounts.models import User
from gonghui.kernel.context import RequestInfo, current_request
from gonghui.members.importing import FileRefused, run_import
from gonghui.orgs.models import Org


class Command(BaseCommand):
    help = "从 Excel（.xlsx）或 CSV 文件导入会员名册。默认全部无误才导入；--good-rows 只导入无误的行。"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="会员名册文件（.xlsx、.xls、.csv）")
        parser.add_argument("--org", required=True, help="导入到的工会：统一社会信用代码（或组织编号）")
        parser.add_argument("--good-rows", action="store_true", help="有问题的行不导入，其余照常导入")
        parser.add_argument("--user", default="", help="以该用户的身份和管辖范围导入（默认：系统）")
        parser.add_argument("--max-errors", type=int, default=200, help="最多列出多少条逐行问题")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        code = options["org"].strip()
        org = Org.objects.filter(
            Q(credit_code=code.upper()) | Q(pk=int(code) if code.isdigit() else None)
        ).first()
        if org is None:
            raise CommandError(f"找不到统一社会信用代码为 {code} 的工会。")
        actor = None
        if options["user"]:
            actor = User.objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"找不到用户 {options['user']}。")
        current_request.set(RequestInfo(via="cli"))
        err: TextIO = getattr(self.stderr, "_out", sys.stderr)
        started = time.monotonic()
        last = [0.0]

        def progress(done: int, total: int | None = None, message: str = "") -> None:
            now = time.monotonic()
            if now - last[0] < 0.2 and not message.startswith("正在写入"):
                return
            last[0] = now
            share = f" {done * 100 // total:3d}%（{done}/{total}）" if total else ""
            err.write(f"\r{message}{share}  {now - started:6.1f} 秒   ")
            err.flush()

        try:
            result = run_import(
                actor=actor, org=org, path=path, good_rows=options["good_rows"], progress=progress
            )
        except FileRefused as exc:
            err.write("\n")
            raise CommandError(str(exc)) from None
        except PermissionDenied as exc:
            err.write("\n")
            raise CommandError(str(exc)) from None
        err.write(f"\r完成，用时 {time.monotonic() - started:.1f} 秒。{' ' * 30}\n")
        for note in result.notes:
            self.stdout.write(f"提示：{note}")
        if result.errors:
            self.stdout.write("行\t列\t问题")
            for e in result.errors[: options["max_errors"]]:
                self.stdout.write(f"{e.row}\t{e.column or '—'}\t{e.message}")
            if len(result.errors) > options["max_errors"]:
                self.stdout.write(f"……另有 {len(result.errors) - options['max_errors']} 条问题未列出。")
        self.stdout.write(result.summary())
        if not result.committed:
            raise CommandError("未导入任何数据。" if result.rows else "文件中没有会员数据。")
