"""The bulletin's REST API: the same selectors and actions as the pages, scoped the same way."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Field, Router, Schema, Status

from gonghui.kernel.errors import Refused
from gonghui.kernel.schemas import abilities_of
from gonghui.orgs.selectors import org_get_for_actor

from . import actions, selectors
from .abilities import issue_abilities, submission_abilities, union_abilities
from .models import Article, Issue, Submission

router = Router(tags=["工作简报"])


class BulletinOut(Schema):
    id: int
    org_id: int
    org_name: str = Field(..., alias="org.name")
    name: str
    office: str
    sections: list[str]


class ArticleOut(Schema):
    id: int
    issue_id: int
    section: str | None = Field(None, alias="section.name")
    order: int
    title: str
    body: str
    source: str
    units: list[str]
    authors: list[str]
    from_submission_id: int | None


class IssueOut(Schema):
    id: int
    bulletin_id: int
    year: int
    number: int
    label: str
    date: dt.date
    masthead: str
    office: str
    status: str
    imported: bool
    published_at: dt.datetime | None


class SectionOut(Schema):
    name: str | None
    articles: list[ArticleOut]


class IssueDetailOut(IssueOut):
    sections: list[SectionOut]
    abilities: list[str] = Field(
        ..., description="调用者现在可以对这一期办理的事项（publish 签发、edit 编辑……）"
    )


class ArchivePage(Schema):
    items: list[ArticleOut]
    next_before: int | None = Field(None, description="下一页的游标（传给 before）")


class SubmissionOut(Schema):
    id: int
    org_id: int
    org_name: str = Field(..., alias="org.name")
    bulletin_id: int
    title: str
    body: str
    unit: str
    authors: str
    status: str
    status_label: str = Field(..., alias="get_status_display")
    section: str
    submitted_at: dt.datetime | None
    reviewed_at: dt.datetime | None
    review_comment: str
    article_id: int | None = None

    @staticmethod
    def resolve_article_id(obj: Submission) -> int | None:
        article = Article.objects.filter(from_submission=obj).only("id").first()
        return article.pk if article else None


class SubmissionDetailOut(SubmissionOut):
    abilities: list[str] = Field(
        ..., description="调用者现在可以对该稿件办理的事项（submit 报送、withdraw 撤回、adopt 采用……）"
    )

    resolve_abilities = abilities_of(submission_abilities)


class SubmissionPage(Schema):
    items: list[SubmissionOut]
    next_before: int | None


class SubmissionIn(Schema):
    org_id: int = Field(..., description="报送单位")
    bulletin_id: int = Field(..., description="报送刊物（上级工会主办）")
    title: str
    body: str
    unit: str = ""
    authors: str = ""
    submit: bool = Field(True, description="false 时只保存草稿")


class TransitionIn(Schema):
    action: str = Field(
        ..., description="submit 报送 / withdraw 撤回 / adopt 采用 / return 退回修改 / decline 不予采用"
    )
    comment: str = ""
    section: str = Field("", description="采用时的栏目")
    issue_id: int | None = Field(None, description="采用时直接编入的一期（须为该刊编辑，且该期尚未发布）")


@router.get("/bulletins", response=list[BulletinOut], summary="可阅读的刊物（本级、下级与上级主办的）")
def list_bulletins(request: HttpRequest) -> list[object]:
    return list(selectors.bulletins_for_actor(actor=request.user))


@router.get("/issues", response=list[IssueOut], summary="各期简报（已发布的，以及本级编辑中的）")
def list_issues(request: HttpRequest, bulletin: int | None = None, status: str = "") -> list[Issue]:
    b = selectors.bulletin_get_for_actor(actor=request.user, pk=bulletin) if bulletin else None
    return list(selectors.issues_for_actor(actor=request.user, bulletin=b, status=status)[:100])


@router.get("/issues/{int:issue_id}", response=IssueDetailOut, summary="一期简报及其栏目和文章")
def get_issue(request: HttpRequest, issue_id: int) -> dict[str, object]:
    issue = selectors.issue_get_for_actor(actor=request.user, pk=issue_id)
    data = IssueOut.from_orm(issue).dict()
    data["sections"] = [
        {"name": section.name if section else None, "articles": articles}
        for section, articles in selectors.issue_contents(issue)
    ]
    data["abilities"] = issue_abilities(request.user, issue).names()
    return data


@router.get("/articles", response=ArchivePage, summary="简报档案检索（标题、正文、供稿单位、日期）")
def search_articles(
    request: HttpRequest,
    q: str = "",
    unit: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
    bulletin: int | None = None,
    before: int | None = None,
) -> dict[str, object]:
    b = selectors.bulletin_get_for_actor(actor=request.user, pk=bulletin) if bulletin else None
    rows, nxt = selectors.article_search_for_actor(
        actor=request.user, q=q, unit=unit, since=since, until=until, bulletin=b, before_id=before
    )
    return {"items": rows, "next_before": nxt}


@router.get("/articles/{int:article_id}", response=ArticleOut, summary="一篇文章")
def get_article(request: HttpRequest, article_id: int) -> Article:
    return selectors.article_get_for_actor(actor=request.user, pk=article_id)


@router.get(
    "/submissions", response=SubmissionPage, summary="报送稿件（all 全部 / mine 本单位 / review 待我审稿）"
)
def list_submissions(
    request: HttpRequest, box: str = "all", status: str = "", q: str = "", before: int | None = None
) -> dict[str, object]:
    rows, nxt = selectors.submissions_for_actor(
        actor=request.user, box=box if box in selectors.BOXES else "all", status=status, q=q, before_id=before
    )
    return {"items": rows, "next_before": nxt}


@router.post("/submissions", response={201: SubmissionDetailOut}, summary="报送稿件（图片请在页面上传）")
def create_submission(request: HttpRequest, payload: SubmissionIn) -> Status[Submission]:
    org = org_get_for_actor(actor=request.user, pk=payload.org_id)
    union_abilities(request.user, org).require("submit")
    targets = {b.pk: b for b in selectors.bulletins_to_submit_to(org)}
    if payload.bulletin_id not in targets:
        raise Refused({"bulletin_id": gettext("只能向上级工会主办的刊物报送。")})
    sub = actions.submission_create(
        actor=request.user, org=org, bulletin=targets[payload.bulletin_id], title=payload.title,
        body=payload.body, unit=payload.unit, authors=payload.authors, submit=payload.submit,
    )  # fmt: skip
    return Status(201, sub)


@router.get("/submissions/{int:submission_id}", response=SubmissionDetailOut, summary="一篇报送稿件")
def get_submission(request: HttpRequest, submission_id: int) -> Submission:
    return selectors.submission_get_for_actor(actor=request.user, pk=submission_id)


@router.post(
    "/submissions/{int:submission_id}/transition",
    response=SubmissionDetailOut,
    summary="报送、撤回、采用、退回或不予采用",
)
def transition_submission(request: HttpRequest, submission_id: int, payload: TransitionIn) -> Submission:
    sub = selectors.submission_get_for_actor(actor=request.user, pk=submission_id)
    issue = (
        selectors.issue_get_for_actor(actor=request.user, pk=payload.issue_id) if payload.issue_id else None
    )
    return actions.submission_transition(
        actor=request.user, submission=sub, action=payload.action, comment=payload.comment,
        section=payload.section, issue=issue,
    )  # fmt: skip
