"""`gonghui import units FILE --org CODE [--good-rows] [--on DATE] [--user NAME]`"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from gonghui.accounts.models import User
from gonghui.orgs.models import Org
from gonghui.units.importer import units_import


class Command(BaseCommand):
    help = "从 Excel 或 CSV 台账导入单位（默认：有任何一行有误则不导入）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="台账文件（.xlsx、.xls、.csv）")
        parser.add_argument("--org", required=True, help="登记工会的统一社会信用代码（或编号、全称）")
        parser.add_argument("--good-rows", action="store_true", help="只导入无误的行，其余逐行报告")
        parser.add_argument("--on", help="数据日期，如 2013-03-21（默认今天）")
        parser.add_argument("--user", help="以该用户的身份和管辖范围导入（记入审计）；不填为系统")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        org = self._org(options["org"])
        actor = None
        if options["user"]:
            actor = User.objects.filter(username=options["user"], is_active=True).first()
            if actor is None:
                raise CommandError(f"找不到用户：{options['user']}")
        on = None
        if options["on"]:
            try:
                on = dt.date.fromisoformat(options["on"])
            except ValueError:
                raise CommandError(f"日期无效：{options['on']}（应写成 2013-03-21）") from None
        progress = _ProgressLine(self.stdout)
        try:
            outcome = units_import(
                actor=actor, org=org, data=path.read_bytes(), filename=path.name,
                good_rows=options["good_rows"], on=on, report=progress,
            )  # fmt: skip
        except (ValidationError, PermissionDenied) as exc:
            progress.end()
            message = "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            raise CommandError(f"{message}（未导入任何数据）") from None
        progress.end()
        if outcome.ignored:
            self.stdout.write(f"未识别、已忽略的列：{'、'.join(outcome.ignored)}")
        for e in outcome.errors:
            self.stdout.write(str(e))
        style = self.style.SUCCESS if not outcome.errors else self.style.WARNING
        self.stdout.write(style(outcome.summary))
        if outcome.errors and not outcome.imported:
            sys.exit(1)

    @staticmethod
    def _org(text: str) -> Org:
        key = text.strip()
        if key.isdigit() and len(key) < 18:
            qs = Org.objects.filter(pk=int(key))
        else:
            qs = Org.objects.filter(Q(credit_code=key.upper()) | Q(name=key))
        found = list(qs[:2])
        if not found:
            raise CommandError(f"找不到工会：{text}")
        if len(found) > 1:
            raise CommandError(f"有多个名为「{text}」的工会，请改用统一社会信用代码。")
        return found[0]


class _ProgressLine:
    """One line rewritten in place: 正在检查第 2000 / 5000 行 … 40%."""

    def __init__(self, out: Any) -> None:
        self.out = out
        self.last = 0.0
        self.shown = False

    def __call__(self, done: int, total: int | None = None, message: str = "") -> None:
        now = time.monotonic()
        if now - self.last < 0.2 and total is not None and done < total:
            return
        self.last = now
        pct = f" {done * 100 // total}%" if total else ""
        self.out.write(f"\r{message or '导入中'}{pct}\033[K", ending="")
        self.out.flush()
        self.shown = True

    def end(self) -> None:
        if self.shown:
            self.out.write("")
            self.shown = False
