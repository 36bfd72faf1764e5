"""Bulletins, issues and articles: compiling an issue and publishing it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from gonghui.kernel import cleaning, scope
from gonghui.kernel.actions import action
from gonghui.kernel.audit import audit
from gonghui.kernel.errors import Refused
from gonghui.orgs.models import Org

from ..models import Article, Bulletin, Issue, Section, Submission, SubmissionStatus
from ..parser import split_source
from ..workflow import ISSUE, InvalidTransition, transition
from ._common import clean_sections
from .facts import store_facts


@action
def bulletin_create(
    *, actor: Any, org: Org, name: str = "工作简报", office: str = "", sections: list[str] | None = None
) -> Bulletin:
    scope.require(actor, "manage", org)
    name = cleaning.text(name, field="name", label="刊名", max_length=40)
    office = cleaning.text(office, field="office", label="编印单位", max_length=60, required=False)
    cleaned = clean_sections(sections) if sections is not None else None
    if Bulletin.objects.filter(org=org, name=name).exists():
        raise Refused(
            {"name": gettext("「%(name)s」已有刊物《%(name2)s》。") % {"name": org.name, "name2": name}}
        )
    bulletin = Bulletin.objects.create(org=org, name=name, office=office or f"{org.name}办公室")
    if cleaned is not None:
        bulletin.sections = cleaned
        bulletin.save(update_fields=["sections"])
    audit(
        actor=actor,
        action="bulletin.create",
        obj=bulletin,
        org=org,
        detail={"name": name, "sections": bulletin.sections},
    )
    return bulletin


def _check_number(
    bulletin: Bulletin, number: Any, date: Any, *, exclude: int | None = None
) -> tuple[int, dt.date]:
    errors: dict[str, str] = {}
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        errors["number"] = gettext("期号应为正整数。")
    if not isinstance(date, dt.date):
        errors["date"] = gettext("请填写日期（如 2013-03-31）。")
    if errors:
        raise Refused(errors)
    clash = Issue.objects.filter(bulletin=bulletin, year=date.year, number=number)
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise Refused(
            {
                "number": gettext("《%(name)s》%(year)s年第%(number)s期已存在，请换一个期号。")
                % {"name": bulletin.name, "year": date.year, "number": number}
            }
        )
    return number, date


def _lock_draft(actor: Any, issue: Issue, perm: str = "edit") -> Issue:
    issue = Issue.objects.select_for_update().select_related("bulletin__org").get(pk=issue.pk)
    scope.require(actor, perm, issue.bulletin.org)
    if not issue.is_draft:
        raise InvalidTransition(f"{issue.label}已发布，不能再修改。")
    return issue


def next_number(bulletin: Bulletin, year: int) -> int:
    last = Issue.objects.filter(bulletin=bulletin, year=year).aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


@action
def issue_create(
    *,
    actor: Any,
    bulletin: Bulletin,
    number: int,
    date: dt.date,
    masthead: str = "",
    office: str = "",
    sections: list[str] | None = None,
    include_adopted: bool = True,
) -> Issue:
    scope.require(actor, "edit", bulletin.org)
    number, date = _check_number(bulletin, number, date)
    masthead = cleaning.text(masthead or bulletin.name, field="masthead", label="刊头", max_length=40)
    office = cleaning.text(
        office or bulletin.office, field="office", label="编印单位", max_length=60, required=False
    )
    names = clean_sections(sections if sections is not None else bulletin.sections)
    issue = Issue.objects.create(
        bulletin=bulletin, year=date.year, number=number, date=date, masthead=masthead, office=office,
        created_by=actor,
    )  # fmt: skip
    Section.objects.bulk_create(Section(issue=issue, name=n, order=i) for i, n in enumerate(names))
    placed = _place_adopted(issue) if include_adopted else 0
    audit(
        actor=actor, action="bulletin.issue.create", obj=issue, org=bulletin.org,
        detail={"issue": issue.label, "sections": names, "adopted_placed": placed},
    )  # fmt: skip
    return issue


@action
def issue_update(
    *,
    actor: Any,
    issue: Issue,
    number: int,
    date: dt.date,
    masthead: str,
    office: str,
    sections: list[str],
) -> Issue:
    issue = _lock_draft(actor, issue)
    number, date = _check_number(issue.bulletin, number, date, exclude=issue.pk)
    masthead = cleaning.text(masthead, field="masthead", label="刊头", max_length=40)
    office = cleaning.text(office, field="office", label="编印单位", max_length=60, required=False)
    names = clean_sections(sections)
    existing = {s.name: s for s in issue.sections.all()}
    for name, section in existing.items():
        if name not in names and section.articles.exists():
            raise Refused(
                {
                    "sections": gettext("栏目「%(name)s」中还有文章，请先把文章移到其他栏目或删除。")
                    % {"name": name}
                }
            )
    for name, section in existing.items():
        if name not in names:
            section.delete()
    for order, name in enumerate(names):
        Section.objects.update_or_create(issue=issue, name=name, defaults={"order": order})
    issue.number, issue.year, issue.date, issue.masthead, issue.office = (
        number,
        date.year,
        date,
        masthead,
        office,
    )
    issue.save()
    audit(
        actor=actor, action="bulletin.issue.update", obj=issue, org=issue.bulletin.org,
        detail={"issue": issue.label, "masthead": masthead, "office": office, "sections": names},
    )  # fmt: skip
    return issue


def _append(issue: Issue, section: Section | None, **values: Any) -> Article:
    last = Article.objects.filter(issue=issue, section=section).aggregate(n=Max("order"))["n"]
    return Article.objects.create(issue=issue, section=section, order=(last or 0) + 1, **values)


def _section_named(issue: Issue, name: str) -> Section:
    section = issue.sections.filter(name=name).first()
    if section is None:  # the editor adopted it for a section this issue does not have yet
        last = issue.sections.aggregate(n=Max("order"))["n"]
        section = Section.objects.create(issue=issue, name=name, order=(last or 0) + 1)
    return section


def place_submission(*, issue: Issue, submission: Submission) -> Article:
    """Put an adopted item at the end of its section (the caller holds the transaction)."""
    return _append(
        issue,
        _section_named(issue, submission.section),
        title=submission.title,
        body=submission.body,
        source=submission.source,
        units=[submission.unit or submission.org.name],
        authors=submission.author_list,
        from_submission=submission,
    )


def pending_adopted(bulletin: Bulletin) -> Any:
    """Adopted items not yet placed in any issue, oldest decision first."""
    return (
        Submission.objects.filter(bulletin=bulletin, status=SubmissionStatus.ADOPTED, article__isnull=True)
        .select_related("org")
        .order_by("reviewed_at", "id")
    )


def _place_adopted(issue: Issue) -> int:
    placed = 0
    for sub in pending_adopted(issue.bulletin).select_for_update(of=("self",)):
        place_submission(issue=issue, submission=sub)
        placed += 1
    return placed


@action
def issue_add_adopted(*, actor: Any, issue: Issue) -> int:
    """编入已采用稿件: every adopted item still waiting goes into this issue."""
    issue = _lock_draft(actor, issue)
    placed = _place_adopted(issue)
    audit(
        actor=actor, action="bulletin.issue.add_adopted", obj=issue, org=issue.bulletin.org,
        detail={"issue": issue.label, "placed": placed},
    )  # fmt: skip
    return placed


def _article_values(issue: Issue, values: dict[str, Any]) -> dict[str, Any]:
    section_name = "".join((values.get("section") or "").split())
    section = issue.sections.filter(name=section_name).first() if section_name else None
    if section_name and section is None:
        raise Refused(
            {"section": gettext("本期没有栏目「%(section_name)s」。") % {"section_name": section_name}}
        )
    if section is None and issue.sections.exists():
        raise Refused({"section": gettext("请选择栏目。")})
    source = clean_source(values.get("source"))
    units, authors = split_source(source) if source else ([], [])
    return {
        "section": section,
        "title": cleaning.text(values.get("title"), field="title", label="标题", max_length=200),
        "body": cleaning.body(values.get("body")),
        "source": source,
        "units": units,
        "authors": authors,
    }


def clean_source(value: str | None) -> str:
    """（茂名市总工会办公室 梁冲） → 茂名市总工会办公室  梁冲: no brackets, parts two spaces apart."""
    text = (value or "").strip().removeprefix("（").removeprefix("(").removesuffix("）").removesuffix(")")
    source = "  ".join(text.split())
    if len(source) > 200:
        raise Refused({"source": gettext("署名不能超过200个字。")})
    return source


@action
def article_create(
    *, actor: Any, issue: Issue, section: str, title: str, body: str, source: str = ""
) -> Article:
    issue = _lock_draft(actor, issue)
    values = _article_values(issue, {"section": section, "title": title, "body": body, "source": source})
    article = _append(issue, **values)
    audit(
        actor=actor, action="bulletin.article.create", obj=article, org=issue.bulletin.org,
        detail={"issue": issue.label, "title": article.title},
    )  # fmt: skip
    return article


@action
def article_update(
    *, actor: Any, article: Article, section: str, title: str, body: str, source: str = ""
) -> Article:
    issue = _lock_draft(actor, article.issue)
    article = Article.objects.select_for_update().get(pk=article.pk)
    values = _article_values(issue, {"section": section, "title": title, "body": body, "source": source})
    if values["section"] != article.section:
        last = Article.objects.filter(issue=issue, section=values["section"]).aggregate(n=Max("order"))["n"]
        article.order = (last or 0) + 1
    changed = [k for k, v in values.items() if getattr(article, k) != v]
    for k, v in values.items():
        setattr(article, k, v)
    article.save()
    audit(
        actor=actor, action="bulletin.article.update", obj=article, org=issue.bulletin.org,
        detail={"issue": issue.label, "changed": changed},
    )  # fmt: skip
    return article


@action
def article_move(*, actor: Any, article: Article, direction: str) -> Article:
    """Swap the article with its neighbour in the section (上移 / 下移)."""
    issue = _lock_draft(actor, article.issue)
    if direction not in {"up", "down"}:
        raise Refused({"direction": gettext("未知的移动方向。")})
    siblings = list(
        Article.objects.select_for_update()
        .filter(issue=issue, section=article.section_id)
        .order_by("order", "id")
    )
    index = next(i for i, a in enumerate(siblings) if a.pk == article.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for order, a in enumerate(siblings, start=1):
            if a.order != order:
                Article.objects.filter(pk=a.pk).update(order=order)
        audit(
            actor=actor, action="bulletin.article.move", obj=article, org=issue.bulletin.org,
            detail={"issue": issue.label, "direction": direction},
        )  # fmt: skip
    article.refresh_from_db()
    return article


@action
def article_remove(*, actor: Any, article: Article) -> None:
    """Take an article out of a draft issue; an adopted item goes back to waiting for an issue."""
    issue = _lock_draft(actor, article.issue)
    title, from_submission = article.title, article.from_submission_id
    Article.objects.filter(pk=article.pk).delete()
    audit(
        actor=actor, action="bulletin.article.remove", obj=issue, org=issue.bulletin.org,
        detail={"issue": issue.label, "title": title, "submission_id": from_submission},
    )  # fmt: skip


@action
def issue_delete(*, actor: Any, issue: Issue) -> None:
    """Drop a draft issue; its adopted items wait for the next one."""
    issue = _lock_draft(actor, issue)
    label, org = issue.label, issue.bulletin.org
    audit(actor=actor, action="bulletin.issue.delete", obj=issue, org=org, detail={"issue": label})
    issue.articles.all().delete()  # first: a section with articles is protected
    issue.delete()


@action
def issue_publish(*, actor: Any, issue: Issue) -> Issue:
    """签发: the issue is fixed, readable by the unions below, and its facts are suggested."""
    issue = Issue.objects.select_for_update().select_related("bulletin__org").get(pk=issue.pk)
    ISSUE.check(actor, issue, "publish")
    facts = store_facts(issue)
    issue.published_at, issue.published_by = timezone.now(), actor
    transition(
        ISSUE, issue, "publish", actor=actor,
        detail={"issue": issue.label, "articles": issue.articles.count(), "facts": facts},
        extra_fields=("published_at", "published_by", "updated_at"),
    )  # fmt: skip
    return issue
