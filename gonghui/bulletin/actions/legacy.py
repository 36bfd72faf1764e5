"""Legacy text bulletins into the archive: parse, then store one published issue in one
transaction, with its sections, articles and fact suggestions. Bad input changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from gonghui.kernel import scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused

from ..models import Article, Bulletin, Issue, IssueStatus, Section
from ..parser import BulletinParseError, ParseResult, decode_bulletin_bytes, parse_bulletin
from .facts import store_facts
from .issues import _check_number

MAX_IMPORT_BYTES = 2 * 1024 * 1024


def parse_upload(data: bytes | str, *, field: str = "file") -> ParseResult:
    """Decode and parse, or raise a ValidationError with the parser's Chinese message."""
    if isinstance(data, bytes) and len(data) > MAX_IMPORT_BYTES:
        raise Refused({field: gettext("文件过大（最多 2 MB），请确认是纯文本简报。")})
    try:
        text = decode_bulletin_bytes(data) if isinstance(data, bytes) else data
        return parse_bulletin(text)
    except BulletinParseError as exc:
        raise Refused({field: gettext("无法导入：%(exc)s。") % {"exc": exc}}) from exc


@action
def issue_import(
    *,
    actor: Any,
    bulletin: Bulletin,
    number: int,
    date: dt.date,
    data: bytes | str,
    filename: str = "",
) -> Issue:
    scope.require(actor, "edit", bulletin.org)
    number, date = _check_number(bulletin, number, date)
    parsed = parse_upload(data)
    # An old issue enters the archive as it was printed: it is created published, it is not
    # signed off again (the sign-off step is for issues compiled here).
    issue = Issue.objects.create(
        bulletin=bulletin, year=date.year, number=number, date=date, masthead=bulletin.name,
        office=bulletin.office, status=IssueStatus.PUBLISHED, imported=True, published_at=timezone.now(),
        published_by=actor, created_by=actor,
    )  # fmt: skip
    sections = {
        name: Section.objects.create(issue=issue, name=name[:20], order=i)
        for i, name in enumerate(parsed.sections)
    }
    order: dict[str | None, int] = {}
    articles = []
    for a in parsed.articles:
        order[a.section] = order.get(a.section, 0) + 1
        articles.append(
            Article(
                issue=issue,
                section=sections.get(a.section) if a.section else None,
                order=order[a.section],
                title=(a.title or "")[:200],
                body=a.body,
                source="  ".join((a.source or "").split())[:200],
                units=a.units,
                authors=a.authors,
            )
        )
    Article.objects.bulk_create(articles)
    facts = store_facts(issue)
    audit(
        actor=actor, action="bulletin.issue.import", obj=issue, org=bulletin.org,
        detail={
            "issue": issue.label, "file": filename[:100], "sections": parsed.sections,
            "articles": len(articles), "skipped_lines": len(parsed.skipped), "facts": facts,
        },
    )  # fmt: skip
    return issue
