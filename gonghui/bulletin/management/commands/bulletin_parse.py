"""`gonghui bulletin parse FILE [--json]`: read a legacy text bulletin and show what was found."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gonghui.bulletin.parser import BulletinParseError, decode_bulletin_bytes, parse_bulletin


def read_bulletin(path: str) -> Any:
    """Parse FILE or raise CommandError with a Chinese message (the command exits with 1)."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise CommandError(f"文件不存在：{path}") from exc
    except OSError as exc:
        raise CommandError(f"无法读取文件 {path}：{exc.strerror}") from exc
    try:
        return parse_bulletin(decode_bulletin_bytes(data))
    except BulletinParseError as exc:
        raise CommandError(f"{path}：{exc}") from exc


class Command(BaseCommand):
    help = "解析旧版纯文本工作简报：栏目、标题、正文、署名（单位、作者）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="简报文本文件（UTF-8 或 GB18030）")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出（UTF-8，不转义中文）")
        parser.add_argument("--skipped", action="store_true", help="同时列出未归入任何文章的行")

    def handle(self, *args: Any, **options: Any) -> None:
        result = read_bulletin(options["file"])
        if options["json"]:
            data = result.to_json(include_skipped=options["skipped"])
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"栏目：{'、'.join(result.sections) or '（无）'}")
        self.stdout.write(f"文章：{len(result.articles)} 篇")
        for i, a in enumerate(result.articles, start=1):
            where = f"[{a.section}] " if a.section else ""
            self.stdout.write(f"{i:>3}. {where}{a.title or '（无标题）'}  （{a.source or '无署名'}）")
        if options["skipped"] or result.skipped:
            self.stdout.write(f"未归入文章的行：{len(result.skipped)}")
            if options["skipped"]:
                for s in result.skipped:
                    self.stdout.write(f"  第 {s.line} 行 [{s.reason}] {s.text}")
