"""`gonghui bulletin import FILE --number N --date YYYY-MM-DD`: a legacy issue into the archive."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gonghui.bulletin.actions import issue_import
from gonghui.bulletin.models import Bulletin
from gonghui.orgs.models import Org


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"日期格式应为 YYYY-MM-DD：{value}") from exc


def find_bulletin(*, bulletin_id: int | None, org_code: str, name: str) -> Bulletin:
    """The bulletin named by id, or by its union (credit code or exact name) and its name; by
    default the one of that name run by a top-level union (the province)."""
    if bulletin_id is not None:
        found = Bulletin.objects.filter(pk=bulletin_id).select_related("org").first()
        if found is None:
            raise CommandError(f"刊物 {bulletin_id} 不存在。")
        return found
    if org_code:
        orgs = list(Org.objects.filter(credit_code=org_code.upper())) or list(
            Org.objects.filter(name=org_code)
        )
        if len(orgs) != 1:
            raise CommandError(f"找不到唯一的「{org_code}」，请给出统一社会信用代码或全称。")
        candidates = list(Bulletin.objects.filter(org=orgs[0], name=name).select_related("org"))
        where = f"「{orgs[0].name}」"
    else:
        candidates = list(Bulletin.objects.filter(org__parent__isnull=True, name=name).select_related("org"))
        where = "省总工会"
    if len(candidates) != 1:
        hint = "请先在“工作简报”页面创办" if not candidates else "请用 --org 或 --bulletin 指明"
        raise CommandError(f"{where}没有唯一的刊物《{name}》，{hint}。")
    return candidates[0]


class Command(BaseCommand):
    help = "把一期旧版纯文本简报作为已发布的一期存入档案（含栏目、文章和文中事实建议）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="简报文本文件（UTF-8 或 GB18030）")
        parser.add_argument("--number", type=int, required=True, help="期号（第 N 期）")
        parser.add_argument("--date", type=_date, required=True, help="日期，YYYY-MM-DD")
        parser.add_argument("--bulletin", type=int, help="刊物编号")
        parser.add_argument("--org", default="", help="主办工会的统一社会信用代码或全称（默认省总工会）")
        parser.add_argument("--name", default="工作简报", help="刊名（默认“工作简报”）")

    def handle(self, *args: Any, **options: Any) -> None:
        bulletin = find_bulletin(
            bulletin_id=options["bulletin"], org_code=options["org"], name=options["name"]
        )
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise CommandError(f"文件不存在：{path}") from exc
        except OSError as exc:
            raise CommandError(f"无法读取文件 {path}：{exc.strerror}") from exc
        try:
            issue = issue_import(
                actor=None, bulletin=bulletin, number=options["number"], date=options["date"], data=data,
                filename=path.name,
            )  # fmt: skip
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        sections = issue.sections.count()
        articles = issue.articles.count()
        self.stdout.write(
            self.style.SUCCESS(f"已导入{bulletin}{issue.label}：{sections} 个栏目，{articles} 篇文章。")
        )
