"""Reads of the bulletin, always through the scope module.

Who reads what:
- a submission: whoever may view its union (the union itself and every union above it);
- a draft issue: whoever may view the union that runs the bulletin;
- a published issue and its articles: also every union below that union (a bulletin is
  published *for* the unions under it), never a sibling branch.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from gonghui.kernel import scope
from gonghui.kernel.filters import narrowed
from gonghui.kernel.paging import keyset_page
from gonghui.orgs.models import SEGMENT, Org, Status

from .models import (
    Article,
    Bulletin,
    FactStatus,
    FactSuggestion,
    Issue,
    IssueStatus,
    Section,
    Submission,
    SubmissionPhoto,
    SubmissionStatus,
)
from .workflow import REVIEW

PAGE = 50


def _ancestors(path: str) -> list[str]:
    return [path[:i] for i in range(SEGMENT, len(path), SEGMENT)]


def readable_q(user: Any, *, org_field: str) -> Q:
    """Rows of unions the user may view, or of their ancestors (for published matter)."""
    s = scope.scope_of(user)
    if s.superuser:
        return Q()
    paths = s.paths("view")
    above = sorted({a for p in paths for a in _ancestors(p)})
    return scope.subtree_q(paths, org_field=org_field) | Q(**{f"{org_field}__path__in": above})


def _visible_issues_q(user: Any) -> Q:
    if scope.scope_of(user).superuser:
        return Q()
    drafts = Q(status=IssueStatus.DRAFT) & scope.subtree_q(
        scope.scope_of(user).paths("view"), org_field="bulletin__org"
    )
    return drafts | (Q(status=IssueStatus.PUBLISHED) & readable_q(user, org_field="bulletin__org"))


# --- bulletins ---------------------------------------------------------------------------


def bulletins_for_actor(*, actor: Any) -> list[Bulletin]:
    """The publications the actor reads: its own unions' and those of the unions above them."""
    qs = Bulletin.objects.filter(readable_q(actor, org_field="org")).select_related("org")
    return list(qs.annotate(n_published=Count("issues", filter=Q(issues__status=IssueStatus.PUBLISHED))))


def bulletin_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Bulletin:
    bulletin = Bulletin.objects.select_related("org").filter(pk=pk).first()
    if bulletin is None:
        raise Http404("刊物不存在")
    if perm == "view":
        if not Bulletin.objects.filter(pk=pk).filter(readable_q(actor, org_field="org")).exists():
            raise PermissionDenied("无权查看该刊物（超出您的管辖范围）")
    else:
        scope.require(actor, perm, bulletin.org)
    return bulletin


def bulletins_to_submit_to(org: Org) -> list[Bulletin]:
    """The publications of the unions above `org`, nearest first."""
    qs = Bulletin.objects.filter(org__path__in=_ancestors(org.path), org__status=Status.ACTIVE)
    return list(qs.select_related("org").order_by("-org__path", "name"))


def editable_bulletins(*, actor: Any) -> list[Bulletin]:
    return list(scope.restrict(Bulletin.objects.select_related("org"), actor, "edit"))


# --- issues ------------------------------------------------------------------------------


def issues_for_actor(*, actor: Any, bulletin: Bulletin | None = None, status: str = "") -> QuerySet[Issue]:
    qs = Issue.objects.filter(_visible_issues_q(actor)).select_related("bulletin__org")
    if bulletin is not None:
        qs = qs.filter(bulletin=bulletin)
    if status:
        qs = qs.filter(status=status)
    return qs.annotate(n_articles=Count("articles")).order_by("-date", "-number", "-id")


def issue_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Issue:
    """One issue; `edit`/`approve` need that permission at the union running the bulletin."""
    issue = Issue.objects.select_related("bulletin__org", "published_by").filter(pk=pk).first()
    if issue is None:
        raise Http404("该期简报不存在")
    if perm == "view":
        if not Issue.objects.filter(pk=pk).filter(_visible_issues_q(actor)).exists():
            raise PermissionDenied("无权查看该期简报（超出您的管辖范围）")
    else:
        scope.require(actor, perm, issue.bulletin.org)
    return issue


def issue_contents(issue: Issue, *, skip_empty: bool = False) -> list[tuple[Section | None, list[Article]]]:
    """The issue in reading order: articles without a section first, then section by section
    (a printed issue leaves out the sections that have no article)."""
    articles = list(
        issue.articles.select_related("section", "from_submission__org")
        .prefetch_related("from_submission__photos")
        .order_by("section__order", "order", "id")
    )
    out: list[tuple[Section | None, list[Article]]] = []
    loose = [a for a in articles if a.section_id is None]
    if loose:
        out.append((None, loose))
    for section in issue.sections.order_by("order", "id"):
        inside = [a for a in articles if a.section_id == section.pk]
        if inside or not skip_empty:
            out.append((section, inside))
    return out


def draft_issues(bulletin: Bulletin) -> list[Issue]:
    """The bulletin's issues being compiled, newest first (where an adopted item may be placed)."""
    return list(bulletin.issues.filter(status=IssueStatus.DRAFT).order_by("-date", "-number"))


# --- articles ----------------------------------------------------------------------------


def article_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Article:
    article = Article.objects.select_related("issue__bulletin__org", "section").filter(pk=pk).first()
    if article is None:
        raise Http404("文章不存在")
    issue_get_for_actor(actor=actor, pk=article.issue_id, perm=perm)
    return article


def article_search_for_actor(
    *,
    actor: Any,
    q: str = "",
    unit: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
    bulletin: Bulletin | None = None,
    before_id: int | None = None,
    limit: int = PAGE,
) -> tuple[list[Article], int | None]:
    """The archive: published articles the actor may read, newest issue first, searched by
    title and text, by unit (the attribution) and by the issue's date."""
    qs = Article.objects.filter(
        Q(issue__status=IssueStatus.PUBLISHED) & readable_q(actor, org_field="issue__bulletin__org")
    )
    for word in q.split():
        qs = qs.filter(Q(title__contains=word) | Q(body__contains=word))
    if unit.strip():
        qs = qs.filter(source__contains=unit.strip())
    qs = narrowed(qs, issue__date__gte=since, issue__date__lte=until, issue__bulletin=bulletin)
    return keyset_page(
        qs.select_related("issue__bulletin__org", "section"), key="-id", after=before_id, limit=limit
    )


# --- submissions -------------------------------------------------------------------------

BOXES = {"all": "全部", "mine": "本单位报送", "review": "待我审稿"}


def reviewable_q(actor: Any, *, org_field: str = "org") -> Q:
    """Rows the review steps' rule (`workflow.REVIEW`) lets the actor take: items of unions
    strictly below a node where it holds one of the rule's permissions. The same rule as the
    steps, as a query for lists and counts."""
    s = scope.scope_of(actor)
    if s.superuser:
        return Q()
    q = Q(pk__in=[])
    for p in sorted({p for perm in REVIEW.perms for p in s.paths(perm)}):
        q |= Q(**{f"{org_field}__path__startswith": p}) & ~Q(**{f"{org_field}__path": p})
    return q


def submissions_for_actor(
    *,
    actor: Any,
    box: str = "all",
    status: str = "",
    q: str = "",
    before_id: int | None = None,
    limit: int = PAGE,
) -> tuple[list[Submission], int | None]:
    """Submissions of unions the actor may view. `mine`: those its own unions (edit) wrote;
    `review`: those waiting for it, from unions below the ones where it may review."""
    qs = scope.restrict(Submission.objects.all(), actor, "view")
    if box == "mine":
        qs = scope.restrict(qs, actor, "edit")
    elif box == "review":
        qs = qs.filter(reviewable_q(actor), status=SubmissionStatus.SUBMITTED)
    if status:
        qs = qs.filter(status=status)
    if q.strip():
        qs = qs.filter(Q(title__contains=q.strip()) | Q(org__name__contains=q.strip()))
    return keyset_page(qs.select_related("org", "bulletin__org"), key="-id", after=before_id, limit=limit)


def review_count_for_actor(*, actor: Any) -> int:
    """待审稿件: items waiting for a review the actor may give (a to-do of the workbench)."""
    qs = scope.restrict(Submission.objects.filter(status=SubmissionStatus.SUBMITTED), actor, "view")
    return qs.filter(reviewable_q(actor)).count()


def returned_count_for_actor(*, actor: Any) -> int:
    """退回待修改: items returned to unions the actor writes for (a to-do of the workbench)."""
    return scope.restrict(Submission.objects.filter(status=SubmissionStatus.RETURNED), actor, "edit").count()


def submission_get_for_actor(*, actor: Any, pk: int, perm: str = "view") -> Submission:
    """`view`: the union and those above; `edit`: whoever writes for the union."""
    qs = Submission.objects.select_related("org", "bulletin__org", "reviewed_by", "created_by")
    sub = qs.filter(pk=pk).first()
    if sub is None:
        raise Http404("稿件不存在")
    scope.require(actor, perm, sub.org)
    return sub


def submission_history(submission: Submission) -> QuerySet[Any]:
    return submission.events.select_related("actor").order_by("at", "id")


def photo_get_for_actor(*, actor: Any, pk: int) -> SubmissionPhoto:
    photo = SubmissionPhoto.objects.select_related("submission__org").filter(pk=pk).first()
    if photo is None:
        raise Http404("图片不存在")
    scope.require(actor, "view", photo.submission.org)
    return photo


def submission_article(submission: Submission) -> Article | None:
    """The article an adopted item became, with its issue (None while it waits)."""
    return Article.objects.filter(from_submission=submission).select_related("issue").first()


def submitting_orgs(*, actor: Any) -> list[Org]:
    """The unions the actor can submit for: the tops of its `edit` subtrees."""
    return scope.root_orgs(actor, "edit")


def founding_orgs(*, actor: Any) -> list[Org]:
    """The unions the actor may start a publication for: the tops of its `manage` subtrees."""
    return scope.root_orgs(actor, "manage")


def report_orgs(*, actor: Any) -> list[Org]:
    """The unions whose adoption statistics the actor reads first: the tops of its scope."""
    return scope.root_orgs(actor, "view")


# --- facts -------------------------------------------------------------------------------


def facts_for_issue(*, actor: Any, issue: Issue, status: str = "") -> list[FactSuggestion]:
    scope.require(actor, "edit", issue.bulletin.org)
    qs = FactSuggestion.objects.filter(article__issue=issue).select_related(
        "article__issue__bulletin__org", "matched_org"
    )
    if status:
        qs = qs.filter(status=status)
    return list(qs.order_by("article__section__order", "article__order", "start", "id"))


def fact_get_for_actor(*, actor: Any, pk: int) -> FactSuggestion:
    fact = FactSuggestion.objects.select_related("article__issue__bulletin__org").filter(pk=pk).first()
    if fact is None:
        raise Http404("建议不存在")
    scope.require(actor, "edit", fact.article.issue.bulletin.org)
    return fact


def fact_counts(issue: Issue) -> dict[str, int]:
    rows = FactSuggestion.objects.filter(article__issue=issue).values("status").annotate(n=Count("id"))
    counts = dict.fromkeys(FactStatus.values, 0)
    counts.update({r["status"]: r["n"] for r in rows})
    return counts
